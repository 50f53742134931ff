//! Counts in the languages beside English (de, fr, es, it, pt, nl, pl, ru):
//! "rund 10.000 Soldaten", "plus de 14 000 morts", "más de 100.000
//! manifestantes", "более 14 тысяч человек".
//!
//! Numbers follow the language's CLDR separators ([`crate::times::cldr`]): a
//! comma is the decimal mark, a period groups thousands, and where CLDR groups
//! with a space (French, Polish, Russian) a number cut by one space into groups
//! of three digits ("14 000", which the word view gives as two numbers) is read
//! whole. Scale words ("Millionen", "mil", "тысяч") multiply. Qualifiers,
//! vague amounts ("Tausende", "des milliers de"), counted nouns and the kind they
//! give are short hand lists per language. The counted object is a known noun
//! within three words, else the first word (the first capitalized one in German).
//!
//! It does not read number words beyond the few the times stage knows, fractions
//! or ordinals, and skips numbers in time expressions and names as the English
//! stage does.

use newsgraph_model::{ByteSpan, Count, CountKind, CountQualifier, Timex};

use crate::times::cldr::{self, Locale};
use crate::times::intl::Words;
use crate::times::languages::{self as time_words};
use crate::times::scan::Tokens;

use super::Found;

use CountKind::{Arrest, Displaced, Kidnap, Kill, Military, Protest, Wound};
use CountQualifier::{About, AtLeast, AtMost};

/// One language's count words (lower-case).
struct CountWords {
    code: &'static str,
    qualifiers: &'static [(&'static str, CountQualifier)],
    /// Vague amounts ("Tausende") and a representative value.
    vague: &'static [(&'static str, f64)],
    /// Words linking an amount to its noun ("de", "di", "von").
    of: &'static [&'static str],
    scales: &'static [(&'static str, f64)],
    /// Counted nouns that give a kind by themselves.
    nouns: &'static [(&'static str, CountKind)],
    /// Nouns for people, which a nearby "killed" can count.
    people: &'static [&'static str],
    /// Verbs and participles near a count that give its kind.
    cues: &'static [(&'static str, CountKind)],
    /// Money, percent and unit words: a number next to one is not a count.
    not_counts: &'static [&'static str],
    /// Words that end the counted phrase.
    stops: &'static [&'static str],
}

static GERMAN: CountWords = CountWords {
    code: "de",
    qualifiers: &[
        ("mehr als", AtLeast),
        ("über", AtLeast),
        ("mindestens", AtLeast),
        ("rund", About),
        ("etwa", About),
        ("ungefähr", About),
        ("circa", About),
        ("ca", About),
        ("knapp", AtMost),
        ("fast", AtMost),
        ("beinahe", AtMost),
        ("bis zu", AtMost),
        ("weniger als", AtMost),
    ],
    vague: &[
        ("dutzende", 24.0),
        ("hunderte", 200.0),
        ("tausende", 2_000.0),
        ("zehntausende", 20_000.0),
        ("hunderttausende", 200_000.0),
    ],
    of: &["von"],
    scales: &[
        ("tausend", 1e3),
        ("million", 1e6),
        ("millionen", 1e6),
        ("mio", 1e6),
        ("milliarde", 1e9),
        ("milliarden", 1e9),
        ("mrd", 1e9),
    ],
    nouns: &[
        ("tote", Kill),
        ("toten", Kill),
        ("todesopfer", Kill),
        ("verletzte", Wound),
        ("verletzten", Wound),
        ("verwundete", Wound),
        ("festgenommene", Arrest),
        ("gefangene", Arrest),
        ("häftlinge", Arrest),
        ("geiseln", Kidnap),
        ("flüchtlinge", Displaced),
        ("geflüchtete", Displaced),
        ("vertriebene", Displaced),
        ("demonstranten", Protest),
        ("soldaten", Military),
        ("truppen", Military),
        ("streitkräfte", Military),
    ],
    people: &["menschen", "personen", "zivilisten", "kinder", "einwohner", "bewohner"],
    cues: &[
        ("getötet", Kill),
        ("starben", Kill),
        ("tot", Kill),
        ("ums", Kill),
        ("verletzt", Wound),
        ("festgenommen", Arrest),
        ("verhaftet", Arrest),
        ("entführt", Kidnap),
        ("geflohen", Displaced),
        ("vertrieben", Displaced),
    ],
    not_counts: &["prozent", "euro", "dollar", "franken", "%", "€", "$", "£", "uhr", "km", "kilometer", "meter"],
    stops: &[
        "und", "oder", "in", "im", "an", "am", "auf", "aus", "bei", "mit", "von", "vom", "zu", "zum", "der", "die",
        "das", "den", "dem", "des", "sind", "waren", "wurden", "haben", "hatten",
    ],
};

static FRENCH: CountWords = CountWords {
    code: "fr",
    qualifiers: &[
        ("plus de", AtLeast),
        ("plus d'", AtLeast),
        ("au moins", AtLeast),
        ("près de", AtMost),
        ("presque", AtMost),
        ("jusqu'à", AtMost),
        ("moins de", AtMost),
        ("environ", About),
        ("quelque", About),
        ("quelques", About),
    ],
    vague: &[
        ("dizaines de milliers", 20_000.0),
        ("centaines de milliers", 200_000.0),
        ("dizaines", 24.0),
        ("centaines", 200.0),
        ("milliers", 2_000.0),
    ],
    of: &["de", "d"],
    scales: &[("mille", 1e3), ("million", 1e6), ("millions", 1e6), ("milliard", 1e9), ("milliards", 1e9)],
    nouns: &[
        ("morts", Kill),
        ("tués", Kill),
        ("victimes", Kill),
        ("décès", Kill),
        ("blessés", Wound),
        ("détenus", Arrest),
        ("prisonniers", Arrest),
        ("arrestations", Arrest),
        ("interpellations", Arrest),
        ("otages", Kidnap),
        ("réfugiés", Displaced),
        ("déplacés", Displaced),
        ("évacués", Displaced),
        ("manifestants", Protest),
        ("soldats", Military),
        ("militaires", Military),
        ("troupes", Military),
    ],
    people: &["personnes", "civils", "enfants", "habitants", "femmes", "hommes"],
    cues: &[
        ("tués", Kill),
        ("tuées", Kill),
        ("morts", Kill),
        ("blessés", Wound),
        ("arrêtés", Arrest),
        ("interpellés", Arrest),
        ("enlevés", Kidnap),
        ("fui", Displaced),
    ],
    not_counts: &["pour", "%", "euros", "euro", "dollars", "€", "$", "£", "km", "kilomètres", "mètres"],
    stops: &[
        "et", "ou", "à", "au", "aux", "dans", "en", "sur", "par", "pour", "avec", "le", "la", "les", "l", "du", "des",
        "ont", "sont", "été", "qui", "que",
    ],
};

static SPANISH: CountWords = CountWords {
    code: "es",
    qualifiers: &[
        ("más de", AtLeast),
        ("al menos", AtLeast),
        ("por lo menos", AtLeast),
        ("unos", About),
        ("unas", About),
        ("alrededor de", About),
        ("aproximadamente", About),
        ("cerca de", AtMost),
        ("casi", AtMost),
        ("hasta", AtMost),
        ("menos de", AtMost),
    ],
    vague: &[
        ("decenas de miles", 20_000.0),
        ("cientos de miles", 200_000.0),
        ("decenas", 24.0),
        ("cientos", 200.0),
        ("centenares", 200.0),
        ("miles", 2_000.0),
    ],
    of: &["de"],
    scales: &[("mil", 1e3), ("millón", 1e6), ("millones", 1e6)],
    nouns: &[
        ("muertos", Kill),
        ("fallecidos", Kill),
        ("víctimas", Kill),
        ("muertes", Kill),
        ("heridos", Wound),
        ("detenidos", Arrest),
        ("presos", Arrest),
        ("arrestados", Arrest),
        ("detenciones", Arrest),
        ("rehenes", Kidnap),
        ("secuestrados", Kidnap),
        ("refugiados", Displaced),
        ("desplazados", Displaced),
        ("evacuados", Displaced),
        ("manifestantes", Protest),
        ("soldados", Military),
        ("tropas", Military),
        ("militares", Military),
        ("efectivos", Military),
    ],
    people: &["personas", "civiles", "niños", "habitantes", "mujeres"],
    cues: &[
        ("murieron", Kill),
        ("muertos", Kill),
        ("fallecieron", Kill),
        ("heridos", Wound),
        ("detenidos", Arrest),
        ("secuestrados", Kidnap),
        ("huyeron", Displaced),
    ],
    not_counts: &["por", "%", "euros", "dólares", "pesos", "€", "$", "£", "km", "kilómetros", "metros"],
    stops: &[
        "y", "o", "en", "a", "al", "con", "por", "para", "el", "la", "los", "las", "del", "de", "han", "fueron", "que",
    ],
};

static ITALIAN: CountWords = CountWords {
    code: "it",
    qualifiers: &[
        ("più di", AtLeast),
        ("oltre", AtLeast),
        ("almeno", AtLeast),
        ("circa", About),
        ("quasi", AtMost),
        ("fino a", AtMost),
        ("meno di", AtMost),
    ],
    vague: &[
        ("decine di migliaia", 20_000.0),
        ("centinaia di migliaia", 200_000.0),
        ("decine", 24.0),
        ("centinaia", 200.0),
        ("migliaia", 2_000.0),
    ],
    of: &["di"],
    scales: &[("mila", 1e3), ("mille", 1e3), ("milione", 1e6), ("milioni", 1e6), ("miliardo", 1e9), ("miliardi", 1e9)],
    nouns: &[
        ("morti", Kill),
        ("vittime", Kill),
        ("uccisi", Kill),
        ("feriti", Wound),
        ("arrestati", Arrest),
        ("detenuti", Arrest),
        ("prigionieri", Arrest),
        ("ostaggi", Kidnap),
        ("rapiti", Kidnap),
        ("profughi", Displaced),
        ("rifugiati", Displaced),
        ("sfollati", Displaced),
        ("manifestanti", Protest),
        ("soldati", Military),
        ("truppe", Military),
        ("militari", Military),
    ],
    people: &["persone", "civili", "bambini", "abitanti", "donne"],
    cues: &[
        ("uccisi", Kill),
        ("morti", Kill),
        ("morte", Kill),
        ("feriti", Wound),
        ("arrestati", Arrest),
        ("rapiti", Kidnap),
        ("fuggiti", Displaced),
    ],
    not_counts: &["per", "%", "euro", "dollari", "€", "$", "£", "km", "chilometri", "metri"],
    stops: &[
        "e", "o", "in", "a", "al", "con", "per", "il", "la", "i", "gli", "le", "del", "di", "sono", "hanno", "che",
    ],
};

static PORTUGUESE: CountWords = CountWords {
    code: "pt",
    qualifiers: &[
        ("mais de", AtLeast),
        ("pelo menos", AtLeast),
        ("cerca de", About),
        ("aproximadamente", About),
        ("quase", AtMost),
        ("até", AtMost),
        ("menos de", AtMost),
    ],
    vague: &[
        ("dezenas de milhares", 20_000.0),
        ("centenas de milhares", 200_000.0),
        ("dezenas", 24.0),
        ("centenas", 200.0),
        ("milhares", 2_000.0),
    ],
    of: &["de"],
    scales: &[("mil", 1e3), ("milhão", 1e6), ("milhões", 1e6), ("bilhão", 1e9), ("bilhões", 1e9)],
    nouns: &[
        ("mortos", Kill),
        ("vítimas", Kill),
        ("mortes", Kill),
        ("feridos", Wound),
        ("presos", Arrest),
        ("detidos", Arrest),
        ("prisioneiros", Arrest),
        ("reféns", Kidnap),
        ("sequestrados", Kidnap),
        ("refugiados", Displaced),
        ("deslocados", Displaced),
        ("desalojados", Displaced),
        ("manifestantes", Protest),
        ("soldados", Military),
        ("tropas", Military),
        ("militares", Military),
    ],
    people: &["pessoas", "civis", "crianças", "habitantes", "mulheres"],
    cues: &[
        ("morreram", Kill),
        ("mortos", Kill),
        ("feridos", Wound),
        ("presos", Arrest),
        ("detidos", Arrest),
        ("sequestrados", Kidnap),
        ("fugiram", Displaced),
    ],
    not_counts: &["por", "%", "euros", "dólares", "reais", "€", "$", "£", "km", "quilômetros", "metros"],
    stops: &[
        "e", "ou", "em", "no", "na", "a", "ao", "com", "por", "para", "o", "os", "as", "do", "da", "de", "foram", "que",
    ],
};

static DUTCH: CountWords = CountWords {
    code: "nl",
    qualifiers: &[
        ("meer dan", AtLeast),
        ("ruim", AtLeast),
        ("minstens", AtLeast),
        ("ten minste", AtLeast),
        ("ongeveer", About),
        ("zo'n", About),
        ("circa", About),
        ("bijna", AtMost),
        ("minder dan", AtMost),
    ],
    vague: &[
        ("tienduizenden", 20_000.0),
        ("honderdduizenden", 200_000.0),
        ("tientallen", 24.0),
        ("honderden", 200.0),
        ("duizenden", 2_000.0),
    ],
    of: &["van"],
    scales: &[("duizend", 1e3), ("miljoen", 1e6), ("miljard", 1e9)],
    nouns: &[
        ("doden", Kill),
        ("gewonden", Wound),
        ("arrestaties", Arrest),
        ("gevangenen", Arrest),
        ("gijzelaars", Kidnap),
        ("vluchtelingen", Displaced),
        ("ontheemden", Displaced),
        ("demonstranten", Protest),
        ("betogers", Protest),
        ("soldaten", Military),
        ("troepen", Military),
        ("militairen", Military),
    ],
    people: &["mensen", "personen", "burgers", "kinderen", "inwoners"],
    cues: &[
        ("gedood", Kill),
        ("omgekomen", Kill),
        ("gewond", Wound),
        ("gearresteerd", Arrest),
        ("opgepakt", Arrest),
        ("ontvoerd", Kidnap),
        ("gevlucht", Displaced),
    ],
    not_counts: &["procent", "%", "euro", "dollar", "€", "$", "£", "km", "kilometer", "meter"],
    stops: &["en", "of", "in", "op", "aan", "bij", "met", "van", "voor", "de", "het", "zijn", "waren", "werden", "die"],
};

static POLISH: CountWords = CountWords {
    code: "pl",
    qualifiers: &[
        ("ponad", AtLeast),
        ("co najmniej", AtLeast),
        ("przeszło", AtLeast),
        ("około", About),
        ("ok", About),
        ("blisko", AtMost),
        ("prawie", AtMost),
        ("niemal", AtMost),
        ("mniej niż", AtMost),
    ],
    vague: &[
        ("dziesiątki tysięcy", 20_000.0),
        ("setki tysięcy", 200_000.0),
        ("dziesiątki", 24.0),
        ("setki", 200.0),
        ("tysiące", 2_000.0),
    ],
    of: &[],
    scales: &[
        ("tys", 1e3),
        ("tysiąc", 1e3),
        ("tysiące", 1e3),
        ("tysięcy", 1e3),
        ("mln", 1e6),
        ("milion", 1e6),
        ("miliony", 1e6),
        ("milionów", 1e6),
        ("mld", 1e9),
    ],
    nouns: &[
        ("zabitych", Kill),
        ("ofiar", Kill),
        ("zabici", Kill),
        ("rannych", Wound),
        ("ranni", Wound),
        ("zatrzymanych", Arrest),
        ("aresztowanych", Arrest),
        ("więźniów", Arrest),
        ("zakładników", Kidnap),
        ("uchodźców", Displaced),
        ("uchodźcy", Displaced),
        ("ewakuowanych", Displaced),
        ("demonstrantów", Protest),
        ("protestujących", Protest),
        ("żołnierzy", Military),
        ("żołnierze", Military),
        ("wojskowych", Military),
    ],
    people: &["osób", "osoby", "ludzi", "cywilów", "dzieci", "mieszkańców"],
    cues: &[
        ("zginęło", Kill),
        ("zginęli", Kill),
        ("zabito", Kill),
        ("rannych", Wound),
        ("zatrzymano", Arrest),
        ("uprowadzono", Kidnap),
        ("uciekło", Displaced),
    ],
    not_counts: &[
        "proc",
        "procent",
        "%",
        "zł",
        "złotych",
        "euro",
        "dolarów",
        "€",
        "$",
        "£",
        "km",
        "kilometrów",
        "metrów",
    ],
    stops: &[
        "i", "lub", "w", "we", "na", "z", "ze", "do", "od", "po", "przez", "dla", "są", "było", "zostało", "którzy",
    ],
};

static RUSSIAN: CountWords = CountWords {
    code: "ru",
    qualifiers: &[
        ("более", AtLeast),
        ("больше", AtLeast),
        ("свыше", AtLeast),
        ("не менее", AtLeast),
        ("по меньшей мере", AtLeast),
        ("как минимум", AtLeast),
        ("около", About),
        ("примерно", About),
        ("порядка", About),
        ("почти", AtMost),
        ("менее", AtMost),
        ("не более", AtMost),
    ],
    vague: &[
        ("десятки тысяч", 20_000.0),
        ("сотни тысяч", 200_000.0),
        ("десятки", 24.0),
        ("сотни", 200.0),
        ("тысячи", 2_000.0),
    ],
    of: &[],
    scales: &[
        ("тыс", 1e3),
        ("тысяча", 1e3),
        ("тысячи", 1e3),
        ("тысяч", 1e3),
        ("млн", 1e6),
        ("миллион", 1e6),
        ("миллиона", 1e6),
        ("миллионов", 1e6),
        ("млрд", 1e9),
    ],
    nouns: &[
        ("погибших", Kill),
        ("убитых", Kill),
        ("жертв", Kill),
        ("раненых", Wound),
        ("пострадавших", Wound),
        ("задержанных", Arrest),
        ("арестованных", Arrest),
        ("пленных", Arrest),
        ("заложников", Kidnap),
        ("беженцев", Displaced),
        ("переселенцев", Displaced),
        ("эвакуированных", Displaced),
        ("демонстрантов", Protest),
        ("протестующих", Protest),
        ("военных", Military),
        ("военнослужащих", Military),
        ("солдат", Military),
    ],
    people: &["человек", "людей", "мирных", "жителей", "детей"],
    cues: &[
        ("погибли", Kill),
        ("погибло", Kill),
        ("убиты", Kill),
        ("убито", Kill),
        ("ранены", Wound),
        ("ранено", Wound),
        ("задержаны", Arrest),
        ("задержано", Arrest),
        ("похищены", Kidnap),
        ("бежали", Displaced),
    ],
    not_counts: &[
        "процентов",
        "процента",
        "процент",
        "%",
        "рублей",
        "долларов",
        "евро",
        "₽",
        "$",
        "€",
        "км",
        "километров",
        "метров",
    ],
    stops: &["и", "или", "в", "во", "на", "с", "со", "из", "к", "по", "для", "были", "было", "которые"],
};

static ALL: &[&CountWords] = &[&GERMAN, &FRENCH, &SPANISH, &ITALIAN, &PORTUGUESE, &DUTCH, &POLISH, &RUSSIAN];

/// The counts in `text` in `language`, skipping numbers inside `times` (code-point spans) and
/// `names` (byte spans); `None` for a language without count words.
pub(crate) fn find_counts(
    text: &str,
    times: &[Timex],
    names: &[ByteSpan],
    language: &str,
    t: &Tokens<'_>,
) -> Option<Vec<Count>> {
    let words = ALL.iter().copied().find(|c| c.code == language)?;
    let numbers = time_words::lexicon(language)?.numbers;
    let locale = cldr::locale(language)?;
    let w = Words::new(t);
    let blocked = super::blocked_tokens(text, times, names, t);
    let finder = Finder { w: &w, words, numbers, locale, blocked };
    Some(super::collect(text, t, |i| finder.count_at(i)))
}

struct Finder<'f, 'a, 't> {
    w: &'f Words<'a, 't>,
    words: &'static CountWords,
    numbers: &'static [(&'static str, u32)],
    locale: &'static Locale,
    blocked: Vec<bool>,
}

impl Finder<'_, '_, '_> {
    fn blocked(&self, i: usize) -> bool {
        self.blocked.get(i).copied().unwrap_or(true)
    }

    fn count_at(&self, i: usize) -> Option<Found> {
        let w = self.w;
        let (qualifier, j) = match w.longest(i, self.words.qualifiers) {
            Some((q, j)) => (Some(q), w.past_apostrophe(j)),
            None => (None, i),
        };
        if self.blocked(j) {
            return None;
        }
        let (value, end, vague) = self.amount(j)?;
        if !value.is_finite() || self.blocked(end.saturating_sub(1)) {
            return None;
        }
        let prev = j.checked_sub(1).map_or("", |p| w.w(p));
        let next = w.w(end);
        let not_count = |s: &str| self.words.not_counts.contains(&s);
        // Money, percentages, units, ranges ("10-12"), codes glued to letters ("F-16", "2e", "14h").
        if not_count(prev)
            || not_count(next)
            || matches!(prev, "#" | "nr" | "no" | "n" | "№")
            || (next == "-" && w.t.glued(end))
            || (w.t.is_word(end) && w.t.glued(end))
            || (j > 0 && w.t.glued(j) && w.t.is_word(j - 1))
        {
            return None;
        }
        // German and Polish ordinals: "am 3. Tag".
        if !vague && matches!(self.words.code, "de" | "pl") && next == "." && w.t.glued(end) && w.t.is_word(end + 1) {
            return None;
        }
        let qualifier = qualifier.unwrap_or(if vague { About } else { CountQualifier::Exact });
        let (object, last) = self.object_at(end);
        let kind = self.kind_of(i, last.max(end), object);
        Some(Found {
            start: i,
            end: last.max(end),
            value,
            qualifier,
            object: object.map(|o| w.t.raw(o).to_string()),
            kind,
        })
    }

    /// The amount at `j`: a number (digits with the language's separators, or a word) times any
    /// scale words after it, or a vague amount; its value, end and whether it is vague.
    fn amount(&self, j: usize) -> Option<(f64, usize, bool)> {
        let w = self.w;
        if let Some((value, end)) = w.longest(j, self.words.vague) {
            let end = if self.words.of.contains(&w.w(end)) { w.past_apostrophe(end + 1) } else { end };
            return Some((value, end, true));
        }
        let (mut value, mut end) = if w.t.is_number(j) {
            self.digits(j)?
        } else {
            let word = w.w(j);
            let n = self.numbers.iter().find(|(x, _)| *x == word).map(|(_, v)| *v)?;
            // "ein"/"un" are articles, not counts; a lone "one" is not reported either.
            (f64::from(n), j + 1)
        };
        while let Some((_, scale)) = self.words.scales.iter().find(|(s, _)| w.is(end, s)) {
            value *= scale;
            end += 1;
            if w.is(end, ".")
                && w.t.glued(end)
                && matches!(w.w(end - 1), "mio" | "mrd" | "tys" | "тыс" | "млн" | "млрд")
            {
                end += 1;
            }
        }
        Some((value, end, false))
    }

    /// A number in digits at `j`: "10.000", "1,5", "14 000" (two tokens where the language groups with spaces).
    fn digits(&self, j: usize) -> Option<(f64, usize)> {
        let w = self.w;
        let mut text = w.w(j).to_string();
        let mut end = j + 1;
        let bare = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if self.locale.groups_with_space() && bare(&text) && text.len() <= 3 {
            while w.t.is_number(end) && w.w(end).len() == 3 && bare(w.w(end)) && self.one_space_before(end) {
                text.push_str(w.w(end));
                end += 1;
            }
        }
        Some((parse_local(&text)?, end))
    }

    /// Token `k` follows the one before it after exactly one space character.
    fn one_space_before(&self, k: usize) -> bool {
        let t = self.w.t;
        let (Some(prev), Some(cur)) = (k.checked_sub(1).and_then(|p| t.toks.get(p)), t.toks.get(k)) else {
            return false;
        };
        let gap = t.text.get(prev.end..cur.start).unwrap_or("");
        let mut chars = gap.chars();
        matches!((chars.next(), chars.next()), (Some(' ' | '\u{a0}' | '\u{202f}'), None))
    }

    /// The counted noun after `k`: a known noun within three words, else the first word (German:
    /// the first capitalized one); its token and the index after it.
    fn object_at(&self, k: usize) -> (Option<usize>, usize) {
        let w = self.w;
        let k = if self.words.of.contains(&w.w(k)) { w.past_apostrophe(k + 1) } else { k };
        let mut first = None;
        for j in k..k + 3 {
            if !w.t.is_word(j) || self.words.stops.contains(&w.w(j)) {
                break;
            }
            let low = w.w(j);
            if self.words.nouns.iter().any(|(n, _)| *n == low) || self.words.people.contains(&low) {
                return (Some(j), j + 1);
            }
            let head = self.words.code != "de" || w.t.capitalized(j);
            if first.is_none() && head {
                first = Some(j);
            }
        }
        match first {
            Some(j) => (Some(j), j + 1),
            None => (None, k),
        }
    }

    /// The kind from the object, else from a cue within four words before or after.
    fn kind_of(&self, start: usize, end: usize, object: Option<usize>) -> CountKind {
        let w = self.w;
        let object = object.map(|o| w.w(o));
        if let Some((_, kind)) = object.and_then(|o| self.words.nouns.iter().find(|(n, _)| *n == o)) {
            return *kind;
        }
        let cue = |k: usize| self.words.cues.iter().find(|(c, _)| w.is(k, c)).map(|(_, kind)| *kind);
        // The nearest cue within four words on either side, not across sentence punctuation; ties go to the one before.
        let mut back = None;
        for k in (start.saturating_sub(4)..start).rev() {
            if matches!(w.w(k), "." | ";" | "!" | "?") {
                break;
            }
            if let Some(kind) = cue(k) {
                back = Some((start - k, kind));
                break;
            }
        }
        let mut ahead = None;
        for k in end..end + 4 {
            if k >= w.len() || matches!(w.w(k), "." | ";" | "!" | "?") {
                break;
            }
            if let Some(kind) = cue(k) {
                ahead = Some((k + 1 - end, kind));
                break;
            }
        }
        let found = match (back, ahead) {
            (Some((db, kb)), Some((da, ka))) => Some(if db <= da { kb } else { ka }),
            (b, a) => b.or(a).map(|(_, k)| k),
        };
        let person = object.is_none_or(|o| self.words.people.contains(&o));
        match found {
            Some(kind) if kind != Kill || person => kind,
            _ => CountKind::Other,
        }
    }
}

/// A number written with a decimal comma and period groups ("10.000", "1,5", "1.234,5"); `None`
/// for clock times, dates, malformed groups and numbers too long to hold exactly.
fn parse_local(s: &str) -> Option<f64> {
    crate::times::numbers::parse_grouped(s, ',', '.')
}

#[cfg(test)]
mod tests {
    use super::parse_local;

    #[test]
    fn local_numbers() {
        assert_eq!(parse_local("10.000"), Some(10_000.0));
        assert_eq!(parse_local("1,5"), Some(1.5));
        assert_eq!(parse_local("1.234,5"), Some(1234.5));
        assert_eq!(parse_local("16.30"), None);
        assert_eq!(parse_local("10.01.2022"), None);
        assert_eq!(parse_local(&"9".repeat(40)), None);
    }
}
