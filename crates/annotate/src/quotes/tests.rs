//! Quote finding on the seed article and on hand-made hard cases.

use newsgraph_model::{Article, ByteSpan, CharIndex, Entity, EntityId, EntityType, Mention, Quote, QuoteKind};

use super::Quotes;

/// `text` as the pipeline hands it to the stage: with the nlp stage's text layer.
fn layered(text: &str) -> Article {
    static NLP: std::sync::OnceLock<newsgraph_nlp::Nlp> = std::sync::OnceLock::new();
    let mut article = Article::from_text("t", text);
    article.analysis = NLP.get_or_init(|| newsgraph_nlp::Nlp::load().expect("the nlp model loads")).segment(text);
    article
}

const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-article.txt"));

/// Entities shaped like the entity layer gives them: every whole-word occurrence of each name.
fn with_entities(text: &str, names: &[(&str, EntityType, &[&str])]) -> Article {
    let mut article = layered(text);
    let index = CharIndex::new(text);
    for (i, (name, kind, surface)) in names.iter().enumerate() {
        let mut mentions = Vec::new();
        for s in surface.iter() {
            for (at, _) in text.match_indices(s) {
                let end = at + s.len();
                let before_ok = !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
                let after_ok = !text[end..].chars().next().is_some_and(char::is_alphanumeric);
                let inside_longer = mentions
                    .iter()
                    .any(|m: &Mention| index.to_bytes(m.span).start() <= at && end <= index.to_bytes(m.span).end());
                if before_ok && after_ok && !inside_longer {
                    mentions.push(Mention { span: index.to_chars(ByteSpan::new(at, end)), text: s.to_string() });
                }
            }
        }
        article.entities.push(Entity {
            id: EntityId::nth(i),
            name: name.to_string(),
            kind: *kind,
            kb: None,
            roles: Vec::new(),
            mentions,
        });
    }
    article
}

fn seed() -> Article {
    use EntityType::*;
    with_entities(
        SEED,
        &[
            ("Joe Biden", Person, &["Joe Biden", "Biden"]),
            ("Vladimir Putin", Person, &["Vladimir Putin", "Putin"]),
            ("Jens Stoltenberg", Person, &["Jens Stoltenberg", "Stoltenberg"]),
            ("Gitanas Nausėda", Person, &["Gitanas Nausea"]),
            ("NATO", Org, &["NATO"]),
            ("Russia", Gpe, &["Russia", "Moscow"]),
            ("Kremlin", Org, &["Kremlin"]),
            ("White House", Org, &["White House"]),
            ("United States", Gpe, &["U.S.", "the United States"]),
            ("Ukraine", Gpe, &["Ukraine", "Kyiv"]),
            ("Lithuania", Gpe, &["Lithuania"]),
        ],
    )
}

fn speaker_name<'a>(article: &'a Article, quote: &Quote) -> Option<&'a str> {
    let id = quote.speaker.as_ref()?;
    article.entities.iter().find(|e| &e.id == id).map(|e| e.name.as_str())
}

fn find<'a>(quotes: &'a [Quote], kind: QuoteKind, starts: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.kind == kind && q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {starts:?} in {quotes:#?}"))
}

#[test]
fn seed_must_quotes_have_cue_and_speaker() {
    let article = seed();
    let quotes = Quotes::new().find(&article);
    let must: &[(QuoteKind, &str, &str, &str, &str)] = &[
        (
            QuoteKind::Direct,
            "Our actions will depend not on the negotiation process",
            "said",
            "Vladimir Putin",
            "President Putin",
        ),
        (QuoteKind::Direct, "In this regard, we have made it clear", "added", "Vladimir Putin", "He"),
        (QuoteKind::Mixed, "prepares for that scenario", "says", "Vladimir Putin", "Putin"),
        (QuoteKind::Direct, "principled diplomacy", "called", "Joe Biden", "he"),
        (
            QuoteKind::Direct,
            "NATO's relationship with Ukraine is going to be decided",
            "said",
            "Jens Stoltenberg",
            "Stoltenberg",
        ),
        (QuoteKind::Direct, "We cannot accept that Russia is trying", "warned", "Jens Stoltenberg", "he"),
        (
            QuoteKind::Direct,
            "the most dangerous it's been in 30 years",
            "described",
            "Gitanas Nausėda",
            "Lithuania's President Gitanas Nausea",
        ),
    ];
    for &(kind, starts, cue, speaker, mention) in must {
        let q = find(&quotes, kind, starts);
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "cue of {starts}");
        assert_eq!(speaker_name(&article, q), Some(speaker), "speaker of {starts}");
        assert_eq!(q.speaker_mention.as_ref().map(|m| m.text.as_str()), Some(mention), "mention of {starts}");
        assert_eq!(q.text, article.text.chars().skip(q.span.start()).take(q.span.len()).collect::<String>());
    }
}

#[test]
fn seed_indirect_quotes() {
    let article = seed();
    let quotes = Quotes::new().find(&article);
    let should: &[(&str, &str, &str)] = &[
        ("it withdrew some 10,000 troops", "announced", "Russia"),
        ("its troops are there for exercises", "claims", "Kremlin"),
        ("his demands include halting", "told", "Vladimir Putin"),
        ("Ukraine's membership in the alliance is for NATO and Kyiv to decide", "stressed", "Jens Stoltenberg"),
        ("accusations that it provides the rebels", "denied", "Russia"),
        ("Biden will demonstrate a willingness", "say", "United States"),
        ("the U.S. could still work with Russia", "say", "White House"),
    ];
    for &(starts, cue, speaker) in should {
        let q = find(&quotes, QuoteKind::Indirect, starts);
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "cue of {starts}");
        assert_eq!(speaker_name(&article, q), Some(speaker), "speaker of {starts}");
    }
    let officials = find(&quotes, QuoteKind::Indirect, "the U.S. could still");
    assert_eq!(officials.speaker_mention.as_ref().map(|m| m.text.as_str()), Some("White House officials"));
}

#[test]
fn speaker_phrases_without_an_entity_layer() {
    let article = layered(SEED);
    let quotes = Quotes::new().find(&article);
    let q = find(&quotes, QuoteKind::Direct, "We cannot accept");
    assert_eq!(q.speaker_mention.as_ref().map(|m| m.text.as_str()), Some("he"));
    assert!(q.speaker.is_none());
}

#[test]
fn inverted_and_colon_patterns() {
    let text = "\"Prices will fall,\" said Treasury Secretary Janet Yellen.\n\nThe minister said: \"We are ready.\"\n\nThe economy grew, officials said on Tuesday.\n\nAccording to the ministry, 40 people were hurt.";
    let quotes = Quotes::new().find(&layered(text));
    let q = find(&quotes, QuoteKind::Direct, "Prices will fall");
    assert_eq!(q.speaker_mention.as_ref().unwrap().text, "Treasury Secretary Janet Yellen");
    let q = find(&quotes, QuoteKind::Direct, "We are ready.");
    assert_eq!(q.speaker_mention.as_ref().unwrap().text, "The minister");
    let q = find(&quotes, QuoteKind::Indirect, "The economy grew");
    assert_eq!(q.speaker_mention.as_ref().unwrap().text, "officials");
    let q = find(&quotes, QuoteKind::Indirect, "40 people were hurt");
    assert_eq!(q.cue.as_ref().unwrap().text, "According to");
    assert_eq!(q.speaker_mention.as_ref().unwrap().text, "the ministry");
}

#[test]
fn multi_paragraph_quote_keeps_its_speaker() {
    let text = "Smith said: \"The first part is here.\n\n\"And the second part is here.\"\n\nOther news followed.";
    let quotes = Quotes::new().find(&layered(text));
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    assert!(quotes.iter().all(|q| q.speaker_mention.as_ref().unwrap().text == "Smith"));
}

#[test]
fn unattributed_scare_quotes_and_nicknames_are_skipped() {
    let text = "Dwayne \"The Rock\" Johnson visited the \"new\" stadium on Monday.";
    assert!(Quotes::new().find(&layered(text)).is_empty());
}

#[test]
fn hostile_marks_finish_fast() {
    let started = std::time::Instant::now();
    for text in ["\"".repeat(10_000), "“".repeat(10_000), "\" said he \"".repeat(5_000), "he said that ".repeat(5_000)]
    {
        let _ = Quotes::new().find(&Article::from_text("t", text));
    }
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}

#[test]
fn appositions_parentheses_and_time_adjuncts_are_stepped_over() {
    let text = "Erin Murphy, a former aide to the campaign, said the trip mattered more.\n\nRep. Trey Gowdy (R-S.C.) said that claim smacked of hypocrisy.\n\nTrump at the time said he would pay the fees.";
    let quotes = Quotes::new().find(&layered(text));
    let mention = |starts: &str| find(&quotes, QuoteKind::Indirect, starts).speaker_mention.clone().unwrap().text;
    assert_eq!(mention("the trip mattered"), "Erin Murphy");
    assert_eq!(mention("claim smacked"), "Rep. Trey Gowdy");
    assert_eq!(mention("he would pay"), "Trump");
}

#[test]
fn typewriter_marks_dash_signatures_and_colon_introductions() {
    let text = "''It is more tinkering,'' said Alan Cole.\n\n\u{201c}He is not a leader.\u{201d} \u{2015} Karen Bobadilla\n\nAsked about it, he demurred: \u{201c}Whichever one I am in.\u{201d}";
    let quotes = Quotes::new().find(&layered(text));
    let mention = |starts: &str| find(&quotes, QuoteKind::Direct, starts).speaker_mention.clone().unwrap().text;
    assert_eq!(mention("It is more tinkering"), "Alan Cole");
    assert_eq!(mention("He is not a leader."), "Karen Bobadilla");
    assert_eq!(mention("Whichever one"), "he");
}

#[test]
fn noun_uses_of_cue_words_are_not_cues() {
    let text = "Trump has record low support from black voters, with just 1 percent backing him.\n\nIn Thursday's phone call, Biden was due to talk.";
    let quotes = Quotes::new().find(&layered(text));
    assert!(quotes.is_empty(), "{quotes:#?}");
}

#[test]
fn random_documents_never_panic() {
    // A fixed xorshift stream over pieces that exercise every pattern, in random orders.
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "«",
        "»",
        "''",
        "``",
        "'",
        "’",
        ",",
        ".",
        ":",
        "(",
        ")",
        "―",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "said",
        "says",
        "told",
        "according to",
        "called",
        "saying",
        "that",
        "he",
        "She",
        "Smith",
        "the official",
        "Sen.",
        "U.S.",
        "and",
        "who",
        "was",
        "is",
        "plans",
        "support",
        "Nausėda",
        "好",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..60 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        }
        for q in Quotes::new().find(&Article::from_text("t", text.as_str())) {
            assert!(q.span.start() <= q.span.end() && q.span.end() <= text.chars().count());
        }
    }
}

#[test]
fn party_labels_after_names_do_not_end_the_sentence() {
    let text = "\u{201c}It is a dog whistle,\u{201d} Rep. Gwen Moore (D-Wis.) said Friday. \u{201c}It is a shame.\u{201d}\n\n\u{201c}The veto will be overridden,\u{201d} Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.";
    let quotes = Quotes::new().find(&layered(text));
    let mention = |starts: &str| find(&quotes, QuoteKind::Direct, starts).speaker_mention.clone().unwrap().text;
    assert_eq!(mention("It is a dog whistle"), "Rep. Gwen Moore");
    assert_eq!(mention("It is a shame."), "Rep. Gwen Moore");
    assert_eq!(mention("The veto will"), "Senate Majority Leader Mitch McConnell");
}

/// `text` in language `code` (a confident guess), with the entities `names`; with the
/// text layer when `layer` (the English segmenter stands in), else lines are sentences.
fn in_language(code: &str, text: &str, names: &[(&str, EntityType, &[&str])], layer: bool) -> Article {
    let mut article = with_entities(text, names);
    if !layer {
        article.analysis = Default::default();
    }
    article.language = Some(code.to_string());
    article.language_confidence = Some(0.95);
    article
}

/// Each expected direct quote of `article`: its first words, cue, speaker mention and entity.
fn assert_direct(article: &Article, expected: &[(&str, &str, &str, Option<&str>)]) {
    let quotes = Quotes::new().find(article);
    for &(starts, cue, mention, speaker) in expected {
        let q = find(&quotes, QuoteKind::Direct, starts);
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "cue of {starts}");
        assert_eq!(q.speaker_mention.as_ref().map(|m| m.text.as_str()), Some(mention), "mention of {starts}");
        assert_eq!(speaker_name(article, q), speaker, "speaker of {starts}");
    }
}

/// Both with and without the text layer.
fn check_language(
    code: &str,
    text: &str,
    names: &[(&str, EntityType, &[&str])],
    expected: &[(&str, &str, &str, Option<&str>)],
) {
    for layer in [true, false] {
        let article = in_language(code, text, names, layer);
        assert_direct(&article, expected);
    }
}

#[test]
fn german_quotes() {
    use EntityType::*;
    let text = "Bundeskanzler Olaf Scholz hat am Montag in Berlin die Pläne der Regierung verteidigt. \
                „Wir werden die Hilfen für die Ukraine nicht kürzen“, sagte er vor Journalisten. \
                Der Oppositionsführer Friedrich Merz sagte: „Die Regierung hat keinen Plan.“ \
                »Das ist ‚Stillstand‘«, so Merz. Laut Merz fehlt dem Haushalt jede Linie.";
    let names: &[(&str, EntityType, &[&str])] =
        &[("Olaf Scholz", Person, &["Olaf Scholz"]), ("Friedrich Merz", Person, &["Friedrich Merz", "Merz"])];
    check_language(
        "de",
        text,
        names,
        &[
            ("Wir werden die Hilfen", "sagte", "er", Some("Olaf Scholz")),
            ("Die Regierung hat keinen Plan.", "sagte", "Der Oppositionsführer Friedrich Merz", Some("Friedrich Merz")),
            ("Das ist ‚Stillstand‘", "so", "Merz", Some("Friedrich Merz")),
        ],
    );
    let quotes = Quotes::new().find(&in_language("de", text, names, true));
    let laut = find(&quotes, QuoteKind::Indirect, "fehlt dem Haushalt");
    assert_eq!(laut.cue.as_ref().map(|c| c.text.as_str()), Some("Laut"));
}

#[test]
fn french_quotes() {
    use EntityType::*;
    let text = "Le président Emmanuel Macron a défendu mardi sa réforme des retraites. \
                « Nous irons jusqu’au bout », a-t-il déclaré devant les députés. \
                La Première ministre Élisabeth Borne a ajouté : « Le texte sera voté avant l’été. » \
                Selon Borne, le calendrier reste inchangé.";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Emmanuel Macron", Person, &["Emmanuel Macron"]),
        ("Élisabeth Borne", Person, &["Élisabeth Borne", "Borne"]),
    ];
    check_language(
        "fr",
        text,
        names,
        &[
            ("Nous irons jusqu’au bout", "déclaré", "il", Some("Emmanuel Macron")),
            ("Le texte sera voté", "ajouté", "La Première ministre Élisabeth Borne", Some("Élisabeth Borne")),
        ],
    );
    let quotes = Quotes::new().find(&in_language("fr", text, names, true));
    let selon = find(&quotes, QuoteKind::Indirect, "le calendrier reste");
    assert_eq!(speaker_name(&in_language("fr", text, names, true), selon), Some("Élisabeth Borne"));
}

#[test]
fn spanish_quotes() {
    use EntityType::*;
    let text = "El presidente del Gobierno, Pedro Sánchez, defendió este lunes la nueva ley de vivienda. \
                \"Es una ley que protege a las familias\", dijo Sánchez en Madrid. \
                La ministra Isabel Rodríguez aseguró: «La norma entrará en vigor en junio». \
                La oposición, en cambio, afirmó que la ley «no resolverá nada».";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Pedro Sánchez", Person, &["Pedro Sánchez", "Sánchez"]),
        ("Isabel Rodríguez", Person, &["Isabel Rodríguez"]),
    ];
    check_language(
        "es",
        text,
        names,
        &[
            ("Es una ley que protege", "dijo", "Sánchez", Some("Pedro Sánchez")),
            ("La norma entrará", "aseguró", "La ministra Isabel Rodríguez", Some("Isabel Rodríguez")),
        ],
    );
    let quotes = Quotes::new().find(&in_language("es", text, names, false));
    let mixed = find(&quotes, QuoteKind::Mixed, "no resolverá nada");
    assert_eq!(mixed.cue.as_ref().map(|c| c.text.as_str()), Some("afirmó"));
}

#[test]
fn italian_quotes() {
    use EntityType::*;
    let text = "La presidente del Consiglio Giorgia Meloni ha incontrato ieri i sindacati a Roma. \
                «Non aumenteremo le tasse», ha detto Meloni al termine dell’incontro. \
                Il segretario della Cgil, Maurizio Landini, ha risposto: «È una manovra sbagliata». \
                Secondo Landini, lo sciopero resta confermato.";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Giorgia Meloni", Person, &["Giorgia Meloni", "Meloni"]),
        ("Maurizio Landini", Person, &["Maurizio Landini", "Landini"]),
    ];
    check_language(
        "it",
        text,
        names,
        &[
            ("Non aumenteremo le tasse", "detto", "Meloni", Some("Giorgia Meloni")),
            ("È una manovra sbagliata", "risposto", "Maurizio Landini", Some("Maurizio Landini")),
        ],
    );
}

#[test]
fn portuguese_quotes() {
    use EntityType::*;
    let text = "O presidente Luiz Inácio Lula da Silva defendeu nesta quarta-feira o novo programa social. \
                \"Ninguém vai ficar para trás\", disse Lula durante a cerimônia em Brasília. \
                Segundo o ministro Fernando Haddad, o custo será coberto pelo orçamento. \
                A ministra Simone Tebet afirmou: \"O programa é responsável.\"";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Luiz Inácio Lula da Silva", Person, &["Luiz Inácio Lula da Silva", "Lula"]),
        ("Fernando Haddad", Person, &["Fernando Haddad"]),
        ("Simone Tebet", Person, &["Simone Tebet"]),
    ];
    check_language(
        "pt",
        text,
        names,
        &[
            ("Ninguém vai ficar", "disse", "Lula", Some("Luiz Inácio Lula da Silva")),
            ("O programa é responsável", "afirmou", "A ministra Simone Tebet", Some("Simone Tebet")),
        ],
    );
    let article = in_language("pt", text, names, true);
    let quotes = Quotes::new().find(&article);
    let segundo = find(&quotes, QuoteKind::Indirect, "o custo será coberto");
    assert_eq!(speaker_name(&article, segundo), Some("Fernando Haddad"));
}

#[test]
fn dutch_quotes() {
    use EntityType::*;
    let text = "Premier Mark Rutte reageerde dinsdag op de kritiek van de oppositie. \
                \"We nemen onze verantwoordelijkheid\", zei hij in Den Haag. \
                \"Het kabinet faalt\", aldus PVV-leider Geert Wilders. Volgens Wilders moet de premier aftreden.";
    let names: &[(&str, EntityType, &[&str])] =
        &[("Mark Rutte", Person, &["Mark Rutte"]), ("Geert Wilders", Person, &["Geert Wilders", "Wilders"])];
    check_language(
        "nl",
        text,
        names,
        &[
            ("We nemen onze", "zei", "hij", Some("Mark Rutte")),
            ("Het kabinet faalt", "aldus", "PVV-leider Geert Wilders", Some("Geert Wilders")),
        ],
    );
}

#[test]
fn polish_quotes() {
    use EntityType::*;
    let text = "Premier Donald Tusk spotkał się w środę z rolnikami w Warszawie. \
                „Nie zostawimy was bez pomocy” – powiedział Tusk po spotkaniu. \
                Minister rolnictwa Czesław Siekierski dodał: „Pieniądze trafią do gospodarstw jeszcze w tym roku”. \
                Według Siekierskiego program obejmie sto tysięcy rolników.";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Donald Tusk", Person, &["Donald Tusk", "Tusk"]),
        ("Czesław Siekierski", Person, &["Czesław Siekierski", "Siekierskiego"]),
    ];
    check_language(
        "pl",
        text,
        names,
        &[
            ("Nie zostawimy was", "powiedział", "Tusk", Some("Donald Tusk")),
            ("Pieniądze trafią", "dodał", "Minister rolnictwa Czesław Siekierski", Some("Czesław Siekierski")),
        ],
    );
}

#[test]
fn russian_quotes() {
    use EntityType::*;
    let text = "Министр иностранных дел России Сергей Лавров провёл в пятницу переговоры в Анкаре. \
                «Мы готовы к диалогу без предварительных условий», — заявил он журналистам. \
                По словам Лаврова, следующая встреча может пройти в Москве. \
                Глава МИД Турции Хакан Фидан сказал: «Мы поддерживаем любые усилия ради мира».";
    let names: &[(&str, EntityType, &[&str])] = &[
        ("Сергей Лавров", Person, &["Сергей Лавров", "Лаврова"]),
        ("Хакан Фидан", Person, &["Хакан Фидан"]),
        ("Россия", Gpe, &["России"]),
    ];
    check_language(
        "ru",
        text,
        names,
        &[
            ("Мы готовы к диалогу", "заявил", "он", Some("Сергей Лавров")),
            ("Мы поддерживаем", "сказал", "Глава МИД Турции Хакан Фидан", Some("Хакан Фидан")),
        ],
    );
    let article = in_language("ru", text, names, false);
    let quotes = Quotes::new().find(&article);
    let slovam = find(&quotes, QuoteKind::Indirect, "следующая встреча");
    assert_eq!(slovam.cue.as_ref().map(|c| c.text.as_str()), Some("По словам"));
    assert_eq!(speaker_name(&article, slovam), Some("Сергей Лавров"));
}

#[test]
fn weak_or_unknown_language_reads_as_english() {
    use newsgraph_model::{Reads, Stage};
    let text = "\"We will not back down,\" Smith said.";
    let mut article = Article::from_text("d", text);
    article.language = Some("de".into());
    article.language_confidence = Some(0.2);
    let quotes = Quotes::new().find(&article);
    assert_eq!(quotes[0].cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    article.language = Some("ja".into());
    article.language_confidence = Some(0.9);
    assert_eq!(Quotes::new().find(&article).len(), 1);
    assert_eq!(Quotes::new().reads(), Reads::Only(super::QUOTE_LANGUAGES));
}

/// A rough German figure, not a gate: direct speech and writing of the REDEWIEDERGABE
/// newspaper samples (historical, 1840–1919; `../shared/data/multilingual/quotes/de`)
/// found as direct or mixed quotes. Each sample's tokens are joined back into text
/// (no space before closing punctuation and `“`, none after `„`), without a text layer.
/// A gold instance is found when one quote covers more than half of its characters;
/// a quote is right when more than half of it lies in gold direct speech or writing.
/// Run with `cargo test -p newsgraph-annotate redewiedergabe -- --ignored --nocapture`.
#[test]
#[ignore = "needs ../shared/data; prints a figure"]
fn redewiedergabe_direct_speech_recall() {
    let dir =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/multilingual/quotes/de/redewiedergabe_mkhz/tsv");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("no data at {dir}");
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let (mut gold_total, mut gold_found, mut predicted, mut predicted_right, mut speakers, mut speakers_right) =
        (0, 0, 0, 0, 0, 0);
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "tsv")) {
        let Ok(tsv) = std::fs::read_to_string(path) else { continue };
        let mut text = String::new();
        // Direct instances: id -> byte spans of their tokens; speaker spans by instance number.
        let mut gold: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
        let mut speaker_spans: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
        let mut previous = "";
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(&tok), Some(&stwr), Some(&speaker)) = (cols.first(), cols.get(6), cols.get(8)) else { continue };
            if tok.is_empty() {
                continue;
            }
            let glued = matches!(tok, "," | "." | ";" | ":" | "!" | "?" | ")" | "“") || matches!(previous, "„" | "(");
            if !text.is_empty() && !glued {
                text.push(' ');
            }
            let span = (text.len(), text.len() + tok.len());
            text.push_str(tok);
            previous = tok;
            for id in stwr.split('|').filter(|id| id.starts_with("direct.speech") || id.starts_with("direct.writing")) {
                gold.entry(id.to_string()).or_default().push(span);
            }
            for id in speaker.split('|').filter(|id| id.starts_with("speaker")) {
                speaker_spans.entry(id.to_string()).or_default().push(span);
            }
        }
        let mut article = Article::from_text("d", &text);
        article.language = Some("de".into());
        article.language_confidence = Some(0.99);
        let quotes: Vec<(ByteSpan, Option<ByteSpan>)> = {
            let index = CharIndex::new(&text);
            Quotes::new()
                .find(&article)
                .iter()
                .filter(|q| q.kind != QuoteKind::Indirect)
                .map(|q| (index.to_bytes(q.span), q.speaker_mention.as_ref().map(|m| index.to_bytes(m.span))))
                .collect()
        };
        let overlap = |a: (usize, usize), b: ByteSpan| a.1.min(b.end()).saturating_sub(a.0.max(b.start()));
        for (id, spans) in &gold {
            let size: usize = spans.iter().map(|s| s.1 - s.0).sum();
            gold_total += 1;
            let hit = quotes.iter().find(|(q, _)| spans.iter().map(|&s| overlap(s, *q)).sum::<usize>() * 2 > size);
            if let Some((_, mention)) = hit {
                gold_found += 1;
                // The speaker of direct.speech.N is speaker.N (when annotated): any overlap counts.
                let number = id.rsplit('.').next().unwrap_or("");
                let gold_speaker: Vec<(usize, usize)> = speaker_spans
                    .iter()
                    .filter(|(s, _)| s.split(['.', '_']).skip(1).any(|n| n == number))
                    .flat_map(|(_, v)| v.iter().copied())
                    .collect();
                if !gold_speaker.is_empty() {
                    speakers += 1;
                    if mention.is_some_and(|m| gold_speaker.iter().any(|&s| overlap(s, m) > 0)) {
                        speakers_right += 1;
                    }
                }
            }
        }
        for (q, _) in &quotes {
            predicted += 1;
            let inside: usize = gold.values().flatten().map(|&s| overlap(s, *q)).sum();
            if inside * 2 > q.len() {
                predicted_right += 1;
            }
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    eprintln!(
        "REDEWIEDERGABE direct speech/writing: recall {:.3} ({gold_found}/{gold_total}), precision {:.3} \
         ({predicted_right}/{predicted}), speaker mention overlap {:.3} ({speakers_right}/{speakers})",
        share(gold_found, gold_total),
        share(predicted_right, predicted),
        share(speakers_right, speakers)
    );
}
