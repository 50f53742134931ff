//! Counts in de, fr, es, it, pt, nl, pl and ru: value, qualifier, object and kind.

use newsgraph_model::words::WordRules;
use newsgraph_model::{CountKind, CountQualifier};

use super::find_counts_in;
use crate::times::find_times_in;

type Row = (String, f64, CountQualifier, Option<String>, CountKind);

fn counts(language: &str, text: &str) -> Vec<Row> {
    let rules = WordRules::for_language(Some(language));
    let times = find_times_in(Some(language), text, Some("2022-01-13"), &[], rules);
    find_counts_in(Some(language), text, &times, &[], rules)
        .into_iter()
        .map(|c| (c.text, c.value, c.qualifier, c.object, c.kind))
        .collect()
}

fn check(language: &str, text: &str, expected: &[(&str, f64, CountQualifier, &str, CountKind)]) {
    let got = counts(language, text);
    for (span, value, q, object, kind) in expected {
        assert!(
            got.iter().any(|(t, v, gq, o, k)| t == span
                && v == value
                && gq == q
                && o.as_deref() == Some(*object)
                && k == kind),
            "{language}: expected {span:?} {value} {q:?} {object} {kind:?} in {got:?}"
        );
    }
}

use CountKind::{Arrest, Displaced, Kill, Military, Other, Protest, Wound};
use CountQualifier::{About, AtLeast, AtMost, Exact};

#[test]
fn german() {
    let text = "Russland hat rund 10.000 Soldaten an die Grenze verlegt. Der Konflikt hat mehr als 14.000 Tote \
                gefordert, 2,5 Millionen Menschen sind geflohen. Am 3. Tag wurden 120 Demonstranten festgenommen; \
                der Preis stieg um 5 Prozent.";
    check(
        "de",
        text,
        &[
            ("rund 10.000 Soldaten", 10_000.0, About, "Soldaten", Military),
            ("mehr als 14.000 Tote", 14_000.0, AtLeast, "Tote", Kill),
            ("2,5 Millionen Menschen", 2_500_000.0, Exact, "Menschen", Displaced),
            ("120 Demonstranten", 120.0, Exact, "Demonstranten", Protest),
        ],
    );
    let got = counts("de", text);
    assert!(got.iter().all(|c| c.1 != 3.0 && c.1 != 5.0 && c.1 != 2022.0), "{got:?}");
}

#[test]
fn french() {
    check(
        "fr",
        "Le conflit a fait plus de 14\u{202f}000 morts depuis 2014. Environ 100 000 soldats russes sont massés \
         à la frontière et des milliers de réfugiés ont fui ; au moins 12 personnes ont été blessées.",
        &[
            ("plus de 14\u{202f}000 morts", 14_000.0, AtLeast, "morts", Kill),
            ("Environ 100 000 soldats", 100_000.0, About, "soldats", Military),
            ("milliers de réfugiés", 2_000.0, About, "réfugiés", Displaced),
            ("au moins 12 personnes", 12.0, AtLeast, "personnes", Other),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        "Más de 100.000 manifestantes salieron a las calles. La policía detuvo a unos 300 detenidos y casi \
         2 millones de personas huyeron; al menos 40 heridos.",
        &[
            ("Más de 100.000 manifestantes", 100_000.0, AtLeast, "manifestantes", Protest),
            ("unos 300 detenidos", 300.0, About, "detenidos", Arrest),
            ("casi 2 millones de personas", 2_000_000.0, AtMost, "personas", Displaced),
            ("al menos 40 heridos", 40.0, AtLeast, "heridos", Wound),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        "В результате конфликта погибли более 14 тысяч человек. Около 100 000 военных стоят у границы, \
         свыше 300 демонстрантов задержаны.",
        &[
            ("более 14 тысяч человек", 14_000.0, AtLeast, "человек", Kill),
            ("Около 100 000 военных", 100_000.0, About, "военных", Military),
            ("свыше 300 демонстрантов", 300.0, AtLeast, "демонстрантов", Protest),
        ],
    );
}

#[test]
fn italian_portuguese_dutch_polish() {
    check(
        "it",
        "Più di 14.000 morti e circa 2.000 feriti, secondo l'ONU.",
        &[
            ("Più di 14.000 morti", 14_000.0, AtLeast, "morti", Kill),
            ("circa 2.000 feriti", 2_000.0, About, "feriti", Wound),
        ],
    );
    check(
        "pt",
        "Mais de 5.000 soldados foram enviados e cerca de 300 manifestantes foram presos.",
        &[
            ("Mais de 5.000 soldados", 5_000.0, AtLeast, "soldados", Military),
            ("cerca de 300 manifestantes", 300.0, About, "manifestantes", Protest),
        ],
    );
    check(
        "nl",
        "Meer dan 10.000 soldaten staan aan de grens; ongeveer 200 vluchtelingen kwamen aan.",
        &[
            ("Meer dan 10.000 soldaten", 10_000.0, AtLeast, "soldaten", Military),
            ("ongeveer 200 vluchtelingen", 200.0, About, "vluchtelingen", Displaced),
        ],
    );
    check(
        "pl",
        "Ponad 10 000 żołnierzy stoi przy granicy, a około 50 osób zginęło.",
        &[
            ("Ponad 10 000 żołnierzy", 10_000.0, AtLeast, "żołnierzy", Military),
            ("około 50 osób", 50.0, About, "osób", Kill),
        ],
    );
}

#[test]
fn hostile_numbers_stay_finite() {
    let long = format!("plus de {} morts et 1 000 000 000 000 000 000 000 soldats", "9".repeat(400));
    for c in counts("fr", &long) {
        assert!(c.1.is_finite(), "{c:?}");
    }
}
