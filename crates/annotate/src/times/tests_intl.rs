//! Time expressions in de, fr, es, it, pt, nl, pl and ru, against a Thursday dateline.

use newsgraph_model::words::WordRules;
use newsgraph_model::{Article, DateSource, Published, Stage, TimeAnchor, TimexType};

use super::{find_times_in, Times};

/// Thursday.
const DATELINE: &str = "2022-01-13";

fn found(language: &str, text: &str) -> Vec<(String, Option<String>)> {
    let rules = WordRules::for_language(Some(language));
    find_times_in(Some(language), text, Some(DATELINE), &[], rules).into_iter().map(|t| (t.text, t.value)).collect()
}

fn check(language: &str, text: &str, expected: &[(&str, &str)]) {
    let got = found(language, text);
    for (span, value) in expected {
        assert!(
            got.iter().any(|(t, v)| t == span && v.as_deref() == Some(*value)),
            "{language}: expected {span:?} = {value} in {got:?}"
        );
    }
}

#[test]
fn german() {
    let text = "Die Außenminister trafen sich am Donnerstag in Genf. Am 10. Januar 2022 hatte Scholz gewarnt, \
                nächste Woche wird weiterverhandelt. Vor drei Tagen wurde die Grenze geschlossen; seit 2014 \
                dauert der Konflikt, seit drei Jahren gelten Sanktionen. Gestern teilte das Ministerium mit, \
                dass im Februar neue Gespräche stattfinden werden. Am 03.01.2022 um 16:30 Uhr begann der Gipfel.";
    check(
        "de",
        text,
        &[
            ("Donnerstag", "2022-01-13"),
            ("10. Januar 2022", "2022-01-10"),
            ("nächste Woche", "2022-W03"),
            ("Vor drei Tagen", "2022-01-10"),
            ("2014", "2014"),
            ("drei Jahren", "P3Y"),
            ("Gestern", "2022-01-12"),
            ("Februar", "2022-02"),
            ("03.01.2022", "2022-01-03"),
            ("16:30 Uhr", "2022-01-13T16:30"),
        ],
    );
    // "am Morgen" is a time of day, "Morgen" capitalized a noun.
    assert!(found("de", "Am Morgen kamen die Truppen.").is_empty());
}

#[test]
fn french() {
    let text = "Les ministres se sont réunis jeudi dernier à Genève. Le 10 janvier 2022, Paris avait averti ; \
                la semaine prochaine, les discussions reprendront. Il y a deux jours, la frontière a été fermée. \
                L'an dernier, le conflit a fait plus de 14 000 morts. Le sommet se tiendra le 1er février à 14h30. En mars dernier, rien.";
    check(
        "fr",
        text,
        &[
            ("jeudi dernier", "2022-01-06"),
            ("10 janvier 2022", "2022-01-10"),
            ("la semaine prochaine", "2022-W03"),
            ("Il y a deux jours", "2022-01-11"),
            ("L'an dernier", "2021"),
            ("1er février", "2022-02-01"),
            ("mars dernier", "2021-03"),
            ("14h30", "2022-01-13T14:30"),
        ],
    );
}

#[test]
fn spanish() {
    let text = "El presidente viajó el pasado jueves a Madrid. El 10 de enero de 2022 el Gobierno anunció que \
                el próximo mes habrá elecciones. Hace dos días hubo más de 100.000 manifestantes en las calles; \
                mañana se reunirán de nuevo, y esta mañana no hubo incidentes.";
    check(
        "es",
        text,
        &[
            ("el pasado jueves", "2022-01-06"),
            ("10 de enero de 2022", "2022-01-10"),
            ("el próximo mes", "2022-02"),
            ("Hace dos días", "2022-01-11"),
            ("mañana", "2022-01-14"),
        ],
    );
    // "esta mañana" is this morning, not tomorrow.
    assert_eq!(found("es", text).iter().filter(|(t, _)| t == "mañana").count(), 1);
}

#[test]
fn russian() {
    let text = "Министры встретились в четверг в Женеве. 10 января 2022 года Москва предупредила, что в \
                следующем месяце переговоры продолжатся. Три дня назад граница была закрыта. В 2014 году \
                начался конфликт, который длится уже восемь лет. В среду будет новый раунд.";
    // "Мая" mid-sentence and capitalized is a name, not May.
    assert!(found("ru", "Вчера Мая пришла.").iter().all(|(t, _)| t != "Мая"));
    check(
        "ru",
        text,
        &[
            ("четверг", "2022-01-13"),
            ("10 января 2022 года", "2022-01-10"),
            ("следующем месяце", "2022-02"),
            ("Три дня назад", "2022-01-10"),
            ("2014 году", "2014"),
            ("восемь лет", "P8Y"),
            ("среду", "2022-01-19"),
        ],
    );
}

#[test]
fn italian_portuguese_dutch_polish() {
    check(
        "it",
        "Il vertice si è tenuto giovedì scorso a Roma. Tre giorni fa il governo ha annunciato nuove misure; \
         l'anno scorso i morti erano stati più di mille. Il 10 gennaio 2022 è iniziato il processo.",
        &[
            ("giovedì scorso", "2022-01-06"),
            ("Tre giorni fa", "2022-01-10"),
            ("l'anno scorso", "2021"),
            ("10 gennaio 2022", "2022-01-10"),
        ],
    );
    check(
        "pt",
        "Os ministros reuniram-se na quinta-feira em Lisboa. Há dois dias, a polícia deteve 30 pessoas; \
         no próximo ano haverá eleições, marcadas para 10 de janeiro de 2023.",
        &[
            ("quinta-feira", "2022-01-13"),
            ("Há dois dias", "2022-01-11"),
            ("próximo ano", "2023"),
            ("10 de janeiro de 2023", "2023-01-10"),
        ],
    );
    check(
        "nl",
        "De ministers kwamen vorige week bijeen in Den Haag. Drie dagen geleden werd de grens gesloten; \
         volgend jaar zullen de verkiezingen plaatsvinden, op 10 januari 2023.",
        &[
            ("vorige week", "2022-W01"),
            ("Drie dagen geleden", "2022-01-10"),
            ("volgend jaar", "2023"),
            ("10 januari 2023", "2023-01-10"),
        ],
    );
    check(
        "pl",
        "Ministrowie spotkali się w czwartek w Warszawie. 10 stycznia 2022 r. rząd ogłosił, że w przyszłym \
         tygodniu rozpoczną się rozmowy. Trzy dni temu zamknięto granicę, a w 2014 roku zaczął się konflikt.",
        &[
            ("czwartek", "2022-01-13"),
            ("10 stycznia 2022 r", "2022-01-10"),
            ("przyszłym tygodniu", "2022-W03"),
            ("Trzy dni temu", "2022-01-10"),
            ("2014 roku", "2014"),
        ],
    );
}

#[test]
fn the_stage_reads_confident_languages_and_english_otherwise() {
    let mut article = Article::from_text("de", "Am Donnerstag trafen sich die Minister.".to_string());
    article.published = Some(Published { value: DATELINE.into(), from: DateSource::Dateline });
    article.language = Some("de".into());
    article.language_confidence = Some(0.9);
    assert!(Times::new().reads().covers(&article));
    Times::new().annotate(&mut article);
    let t = article.times.first().expect("Donnerstag");
    assert_eq!((t.text.as_str(), t.kind, t.anchor), ("Donnerstag", TimexType::Date, Some(TimeAnchor::Published)));
    // A weak guess reads the text as English, as before.
    article.language_confidence = Some(0.2);
    Times::new().annotate(&mut article);
    assert!(article.times.is_empty(), "{:?}", article.times);
}

#[test]
fn no_dateline_and_hostile_input() {
    let rules = WordRules::for_language(Some("fr"));
    let t = find_times_in(Some("fr"), "Il viendra le 10 janvier.", None, &[], rules);
    assert_eq!(t.first().and_then(|t| t.value.as_deref()), Some("XXXX-01-10"));
    for bad in ["le 31 février 2022", "le 45 janvier", "le 10.13.2022", "il y a 9999 ans", "99:99"] {
        for t in find_times_in(Some("fr"), bad, Some(DATELINE), &[], rules) {
            assert!(t.value.as_deref().is_none_or(|v| !v.contains("-02-31") && !v.contains("-13-")), "{t:?}");
        }
    }
    let big = "Am Donnerstag, 10. Januar 2022, und vor zwei Tagen. ".repeat(2_000);
    let started = std::time::Instant::now();
    let rules = WordRules::for_language(Some("de"));
    assert_eq!(find_times_in(Some("de"), &big, Some(DATELINE), &[], rules).len(), 4_000);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}
