//! What `class`, `id`, `itemprop` and `role` values say about a block.
//!
//! Sites name their boilerplate in a small shared vocabulary (`share`,
//! `related`, `comments`, `newsletter`, `breadcrumb`, `byline`, ...) and their
//! article body in another (`article-body`, `entry-content`, `story`,
//! `articleBody`). These words are matched on the parts of each class token
//! (split at `-`, `_`, `:` and digits), never against a list of sites.

use newsgraph_model::RemovalReason;

/// How a block's hints read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Boilerplate(RemovalReason),
    /// Names the article body or its text.
    Content,
    /// A caption or credit of an image.
    Caption,
    /// Visually hidden (screen-reader-only) text.
    Hidden,
    Neutral,
}

/// Reads the hint string of an element (lowercased class/id/itemprop/role values).
pub fn classify(hints: &str) -> Hint {
    if hints.is_empty() {
        return Hint::Neutral;
    }
    let mut content = false;
    let mut caption = false;
    let mut found: Option<RemovalReason> = None;
    for token in hints.split_ascii_whitespace() {
        if matches!(
            token,
            "hidden"
                | "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
                | "screen-reader-only"
                | "element-invisible"
                | "d-none"
                | "is-hidden"
                | "u-hidden"
                | "offscreen"
        ) {
            return Hint::Hidden;
        }
        if let Some(reason) = boilerplate_token(token) {
            // The first boilerplate token decides the reason; later ones rarely disagree.
            found.get_or_insert(reason);
            continue;
        }
        if token.contains("caption") || token.contains("credit") {
            caption = true;
        } else if is_content_token(token) {
            content = true;
        }
    }
    match (found, content, caption) {
        (Some(reason), false, _) => Hint::Boilerplate(reason),
        (_, true, _) => Hint::Content,
        (None, false, true) => Hint::Caption,
        _ => Hint::Neutral,
    }
}

/// Whether a class token names the article body itself (`entry-content`,
/// `itemprop=articleBody`), not just any text block (`widget-content`).
pub fn is_body_token(token: &str) -> bool {
    BODY_TOKENS.contains(&token)
}

const BODY_TOKENS: [&str; 12] = [
    "itemprop:articlebody",
    "articlebody",
    "article-body",
    "article__body",
    "articlecontent",
    "article-content",
    "story-body",
    "storybody",
    "post-content",
    "entry-content",
    "post-body",
    "main-content",
];

fn is_content_token(token: &str) -> bool {
    if is_body_token(token) {
        return true;
    }
    parts(token).any(|p| {
        matches!(
            p,
            "article"
                | "content"
                | "entry"
                | "post"
                | "story"
                | "body"
                | "text"
                | "main"
                | "hentry"
                | "blog"
                // A recipe's ingredients and steps are its text.
                | "ingredient"
                | "ingredients"
                | "zutaten"
                | "directions"
                | "instructions"
                | "zubereitung"
        )
    })
}

fn parts(token: &str) -> impl Iterator<Item = &str> {
    token.split(|c: char| !c.is_ascii_alphabetic()).filter(|p| !p.is_empty())
}

/// The boilerplate reason a class token names, if any.
fn boilerplate_token(token: &str) -> Option<RemovalReason> {
    use RemovalReason::*;
    // Whole words inside longer tokens (`sharebar`, `relatedPosts`, `commentlist`).
    const INFIX: [(&str, RemovalReason); 30] = [
        ("share", Share),
        ("social", Share),
        ("sharing", Share),
        ("addthis", Share),
        ("comment", Comments),
        ("disqus", Comments),
        ("related", Related),
        ("recommend", Related),
        ("outbrain", Related),
        ("taboola", Related),
        ("trending", Related),
        ("popular", Related),
        ("mostread", Related),
        ("most-read", Related),
        ("readmore", Related),
        ("read-more", Related),
        ("more-stories", Related),
        ("newsletter", CallToAction),
        ("subscri", CallToAction),
        ("signup", CallToAction),
        ("sign-up", CallToAction),
        ("paywall", CallToAction),
        ("breadcrumb", Navigation),
        ("navigation", Navigation),
        ("navbar", Navigation),
        ("pagination", Navigation),
        ("footer", Footer),
        ("copyright", Footer),
        ("cookie", CookieNotice),
        ("advert", Advertisement),
    ];
    if token.starts_with("commentary") {
        return None;
    }
    const FIRST: [[u32; 256]; 2] = first_bytes(&INFIX);
    if let Some(k) = first_infix(token.as_bytes(), &INFIX, &FIRST) {
        return Some(INFIX[k].1);
    }
    for part in parts(token) {
        // `article-header`, `entry-header`, `post__header`: the article's own header, with
        // its headline and standfirst, not the site's.
        if part == "header"
            && parts(token).count() == 2
            && parts(token).any(|p| matches!(p, "article" | "entry" | "post" | "story"))
        {
            continue;
        }
        let reason = match part {
            "nav" | "menu" | "masthead" | "topbar" | "toolbar" | "breadcrumbs" | "pager" | "tags" | "tag"
            | "tagcloud" | "keywords" | "categories" | "header" => Navigation,
            "ad" | "ads" | "adv" | "adslot" | "adunit" | "sponsor" | "sponsored" | "dfp" | "gpt" | "banner"
            | "commercial" | "promoted" => Advertisement,
            "promo" | "cta" | "donate" | "donation" | "membership" | "register" | "login" | "modal" | "popup"
            | "overlay" | "optin" | "subscribe" => CallToAction,
            "sidebar" | "aside" | "sidebox" | "recirc" | "teaser" | "teasers" | "upnext" => Related,
            "consent" | "gdpr" => CookieNotice,
            "byline" | "author" | "authors" | "meta" | "metadata" | "contributor" | "bio" => Byline,
            "date" | "dateline" | "timestamp" | "time" | "published" | "updated" => Dateline,
            "print" | "email" | "rss" | "follow" | "tools" => Share,
            "foot" => Footer,
            _ => continue,
        };
        return Some(reason);
    }
    None
}

/// For each byte, the sets (bit `k` = `words[k]`) of words whose first and whose second
/// byte it is.
const fn first_bytes(words: &[(&str, RemovalReason)]) -> [[u32; 256]; 2] {
    // Evaluated at compile time: a list these tables cannot describe fails the build.
    assert!(words.len() <= 32, "first_infix handles at most 32 words");
    let mut table = [[0u32; 256]; 2];
    let mut k = 0;
    while k < words.len() {
        let word = words[k].0.as_bytes();
        assert!(word.len() >= 2, "first_infix words have two bytes or more");
        table[0][word[0] as usize] |= 1 << k;
        table[1][word[1] as usize] |= 1 << k;
        k += 1;
    }
    table
}

/// The index of the first of `words` (in list order) found anywhere in `token`: the same
/// answer as `words.iter().position(|w| token.contains(w))`, in one pass over the token that
/// tries at each byte only the words whose first two bytes are there (`first` from
/// [`first_bytes`]). This runs for every class token of every element, and thirty substring
/// searches per token were a fifth of the clean stage.
fn first_infix(token: &[u8], words: &[(&str, RemovalReason)], first: &[[u32; 256]; 2]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (at, pair) in token.windows(2).enumerate() {
        let mut candidates = first[0][pair[0] as usize] & first[1][pair[1] as usize];
        if let Some(k) = best {
            // Only words listed before the best so far can improve on it.
            candidates &= (1u32 << k) - 1;
        }
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if token[at..].starts_with(words[k].0.as_bytes()) {
                best = Some(k);
                break;
            }
        }
        if best == Some(0) {
            break;
        }
    }
    best
}

/// The boilerplate reason an element's tag alone gives.
pub fn tag_reason(tag: super::dom::Tag) -> Option<RemovalReason> {
    use super::dom::Tag;
    match tag {
        Tag::Nav => Some(RemovalReason::Navigation),
        Tag::Footer => Some(RemovalReason::Footer),
        Tag::Aside => Some(RemovalReason::Related),
        Tag::Form => Some(RemovalReason::CallToAction),
        _ => None,
    }
}

/// Longest paragraph (characters) matched against the exact furniture phrases.
const PHRASE_MAX_CHARS: usize = 80;
/// Longest paragraph (characters) whose first line or opening words can mark it as furniture.
const PREFIX_MAX_CHARS: usize = 250;

/// Short whole-paragraph texts that are page furniture wherever they appear, and
/// paragraphs that open with furniture wording ("Subscribe now to ...", "Read more: ...").
pub fn furniture_text(text: &str) -> Option<RemovalReason> {
    let text = text.trim();
    // Most paragraphs are longer than any rule reads: the byte length rules them out first.
    if text.len() > PREFIX_MAX_CHARS * 4 {
        return None;
    }
    let chars = text.chars().count();
    if chars > PREFIX_MAX_CHARS {
        return filing_line(text);
    }
    if chars <= PHRASE_MAX_CHARS {
        let lower = text.to_lowercase();
        if let Some(reason) = phrase(trim_end(&lower)) {
            return Some(reason);
        }
        if let Some(reason) = first_line(&lower) {
            return Some(reason);
        }
        return opening(trim_end(&lower), chars).or_else(|| filing_line(text));
    }
    // Longer: only the opening words (and a short block's first line) are read.
    let head_end = text.char_indices().nth(OPENING_CHARS).map_or(text.len(), |(i, _)| i);
    let head = text[..head_end].to_lowercase();
    if chars <= FIRST_LINE_MAX_CHARS {
        if let Some(reason) = first_line(&head) {
            return Some(reason);
        }
    }
    opening(&head, chars).or_else(|| filing_line(text))
}

/// Longest paragraph (bytes) read as a blog post's filing line.
const FILING_MAX_BYTES: usize = 600;

/// A blog engine's filing line run on with its feed and comment notes, too long for the
/// prefix rules: "Der Beitrag wurde am Freitag, den 3. März 2023 um 08:10 Uhr
/// veröffentlicht und wurde unter Allgemein abgelegt. Du kannst die Kommentare zu diesem
/// Beitrag durch den RSS-2.0-Feed verfolgen. ...", "Erstellt am ... und abgelegt unter ...".
fn filing_line(text: &str) -> Option<RemovalReason> {
    // Every opening below starts with one of these letters: most paragraphs stop here.
    let first = text.as_bytes().first().map_or(0, |b| b | 0x20);
    if text.len() > FILING_MAX_BYTES || !matches!(first, b't' | b'd' | b'e' | b'v' | b'p') {
        return None;
    }
    // The openings' letters other than the first are lowercase ASCII or `ö`: a byte
    // comparison folding ASCII case reads them without lowercasing the paragraph.
    let opens = |p: &str| text.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    const OPENINGS: [&str; 3] = ["this entry was posted", "dieser eintrag wurde", "der beitrag wurde am"];
    if OPENINGS.iter().any(|p| opens(p)) {
        return Some(RemovalReason::Navigation);
    }
    // A date line that goes on to name where the post is filed.
    let dated = ["erstellt am ", "veröffentlicht am ", "posted on ", "publié le "].iter().any(|p| opens(p));
    if dated {
        let lower = text.to_lowercase();
        if ["abgelegt unter", "filed under", "posted in", "classé dans"].iter().any(|p| lower.contains(p)) {
            return Some(RemovalReason::Navigation);
        }
    }
    None
}

/// Characters of a long paragraph's opening that the prefix rules read.
const OPENING_CHARS: usize = 48;
/// Longest block whose first line alone can mark it as furniture.
const FIRST_LINE_MAX_CHARS: usize = 120;

/// A furniture line heading a short block: "Keine Kommentare\n(Kommentare erscheinen ...)".
fn first_line(lower: &str) -> Option<RemovalReason> {
    let (first, _) = lower.split_once('\n')?;
    phrase(trim_end(first))
}

/// Drops the end punctuation and arrows that furniture phrases carry.
fn trim_end(s: &str) -> &str {
    s.trim().trim_end_matches([':', '.', '!', '?', '…', '»', '›', '>', '→']).trim()
}

/// The reason an exact furniture phrase (lowercased, end punctuation trimmed) gives.
fn phrase(l: &str) -> Option<RemovalReason> {
    use RemovalReason::*;
    match l {
        "advertisement"
        | "advertising"
        | "ad"
        | "sponsored"
        | "sponsored content"
        | "sponsored links"
        | "anzeige"
        | "publicité"
        | "publicidad"
        | "pubblicità"
        | "reklama"
        | "werbung"
        | "story continues below advertisement"
        | "article continues below advertisement"
        | "continue reading below" => return Some(Advertisement),
        "share" | "share this" | "share this article" | "share this story" | "share on facebook"
        | "share on twitter" | "tweet" | "email" | "print" | "copy link" | "link copied" | "facebook" | "twitter"
        | "linkedin" | "whatsapp" | "pinterest" | "reddit" | "teilen" | "partager" | "compartir" => return Some(Share),
        "comments" | "leave a comment" | "leave a reply" | "post a comment" | "add comment" | "show comments"
        | "view comments" => return Some(Comments),
        "related"
        | "related articles"
        | "related stories"
        | "related posts"
        | "read more"
        | "more stories"
        | "recommended"
        | "you may also like"
        | "you might also like"
        | "most popular"
        | "most read"
        | "trending"
        | "see also"
        | "also read"
        | "read next"
        | "up next" => return Some(Related),
        "skip to content"
        | "skip to main content"
        | "menu"
        | "search"
        | "home"
        | "close"
        | "back to top"
        | "next"
        | "previous"
        | "next article"
        | "previous article" => return Some(Navigation),
        "keine kommentare" | "no comments" | "aucun commentaire" | "brak komentarzy" => return Some(Comments),
        "über den autor"
        | "about the author"
        | "fragen an den autor"
        | "weitere informationen"
        | "zusatzinformationen"
        | "quellenangaben"
        | "kontakt" => return Some(Footer),
        "auch interessant"
        | "mehr themen"
        | "weiterlesen"
        | "zobacz również"
        | "top themen der redaktion"
        | "vorschau auf den nächsten artikel" => return Some(Related),
        "(noch keine bewertungen)" | "war der artikel nützlich" | "was this article helpful" => return Some(Share),
        "externer inhalt" | "external content" => return Some(CookieNotice),
        "alle angaben ohne gewähr" | "(alle angaben ohne gewähr)" => return Some(Footer),
        "quellen ausblenden" | "quellen einblenden" | "quellen anzeigen" => return Some(Navigation),
        "jetzt teilen" | "möchten sie den artikel teilen" | "rezept drucken" | "print recipe" | "bild anzeigen" => {
            return Some(Share)
        }
        // Blog engines' own furniture, in the languages the corpus pages are written in.
        "loading" | "wird geladen" | "chargement" | "cargando" => return Some(Navigation),
        "like this" | "gefällt mir" | "j'aime" | "me gusta" | "permalink" | "permalien" => return Some(Share),
        "schreibe einen kommentar"
        | "kommentar schreiben"
        | "kommentare schreiben"
        | "kommentare"
        | "laisser un commentaire"
        | "deja un comentario"
        | "dodaj komentarz" => return Some(Comments),
        "verwandte beiträge"
        | "ähnliche beiträge"
        | "das könnte sie auch interessieren"
        | "das könnte sie auch"
        | "lesen sie auch"
        | "mehr zum thema"
        | "schon gelesen"
        | "lust auf mehr"
        | "à lire aussi"
        | "lire aussi"
        | "lee también"
        | "te puede interesar"
        | "le puede interesar"
        | "czytaj także"
        | "czytaj też"
        | "dowiedz się więcej" => return Some(Related),
        _ => {}
    }
    None
}

/// The reason the opening words of a paragraph (lowercased, `chars` long in all) give it.
fn opening(l: &str, chars: usize) -> Option<RemovalReason> {
    use RemovalReason::*;
    // Calls to action that run on for a sentence or two.
    const LONG_CTA_PREFIXES: [&str; 15] = [
        "lust auf mehr",
        "if you enjoyed reading this",
        "never miss the latest",
        "submit your letter to the editor",
        "gefällt dir unser",
        "unterstütze ",
        "jetzt teilen",
        "subscribe now",
        "to view the full story",
        "for the latest stories",
        "síguenos en",
        "siguenos en",
        "jetzt abonnieren",
        "abonnez-vous",
        "sie sind aktuell nicht eingeloggt",
    ];
    if LONG_CTA_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(CallToAction);
    }
    // Notices that run on: an embed's consent placeholder, copyright and opinion disclaimers.
    if l.starts_with("wir respektieren deine privatsphäre") || l.starts_with("wir respektieren ihre privatsphäre") {
        return Some(CookieNotice);
    }
    if l.starts_with("materiał chroniony prawem autorskim") || l.starts_with("dieser beitrag gibt die meinung") {
        return Some(Footer);
    }
    // Wording that also opens article sentences ("Click here to see the full list of
    // plants ..."): only a short paragraph is furniture.
    let short = chars <= PHRASE_MAX_CHARS;
    const CTA_PREFIXES: [&str; 12] = [
        "sign up for",
        "subscribe to",
        "click here to",
        "follow us on",
        "like us on",
        "join our",
        "get our",
        "download our app",
        "to continue reading",
        "register now",
        "already a subscriber",
        "support our journalism",
    ];
    if short && CTA_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(CallToAction);
    }
    // A short line closing on its button's words: "Want our updates? Sign up here",
    // "Den Bericht als PDF herunterladen". A short paragraph's `l` is all of it.
    const CTA_SUFFIXES: [&str; 5] =
        ["sign up here", "subscribe here", "als pdf herunterladen", "download as pdf", "download the pdf"];
    if short && CTA_SUFFIXES.iter().any(|p| l.ends_with(p)) {
        return Some(if l.ends_with("here") { CallToAction } else { Share });
    }
    // Advertising labels: "Anzeige - ...", "*Werbung. Dieser Beitrag enthält Werbung für ...".
    if ["anzeige -", "anzeige,", "anzeige:", "- anzeige", "*werbung", "werbung:", "sponsored:"]
        .iter()
        .any(|p| l.starts_with(p))
    {
        return Some(Advertisement);
    }
    if short && ["quelle:", "source:", "video verfügbar bis", "weiterlesen "].iter().any(|p| l.starts_with(p)) {
        return Some(if l.starts_with('w') { Related } else { Footer });
    }
    // "Read more: <another headline>" in the languages of the corpus.
    const RELATED_PREFIXES: [&str; 14] = [
        "read more:",
        "related:",
        "also read:",
        "lesen sie auch",
        "mehr zum thema",
        "zum weiterlesen",
        "das thema könnte dich auch interessieren",
        "lire aussi :",
        "à lire aussi",
        "le puede interesar:",
        "te puede interesar:",
        "lee también:",
        "czytaj też:",
        "czytaj także:",
    ];
    if RELATED_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(Related);
    }
    // Blog engines' like buttons and reply forms, often run together ("Gefällt mir Wird geladen...").
    const SHARE_PREFIXES: [&str; 4] = ["gefällt mir ", "like this: ", "schreibe einen kommentar ", "rezept drucken "];
    if chars <= 60 && SHARE_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(if l.starts_with("schreibe") { Comments } else { Share });
    }
    if short
        && (l.starts_with("©")
            || l.starts_with("copyright ")
            || l.starts_with("copyright:")
            || l.starts_with("all rights reserved"))
    {
        return Some(Footer);
    }
    // A post's filing line: "This entry was posted in News on ...", "Kategorie: News".
    const FILED_PREFIXES: [&str; 12] = [
        "this entry was posted",
        "posted in ",
        "filed under",
        "dieser eintrag wurde",
        "der beitrag wurde am",
        "kategorie:",
        "kategorien:",
        "category:",
        "categories:",
        "schlagwörter:",
        "tags:",
        "catégorie :",
    ];
    if FILED_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(Navigation);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use RemovalReason::*;

    #[test]
    fn boilerplate_words_are_found_in_tokens_not_sites() {
        assert_eq!(classify("social-share-bar"), Hint::Boilerplate(Share));
        assert_eq!(classify("relatedposts widget"), Hint::Boilerplate(Related));
        assert_eq!(classify("ad-slot"), Hint::Boilerplate(Advertisement));
        assert_eq!(classify("site-header"), Hint::Boilerplate(Navigation));
        assert_eq!(classify("article-header"), Hint::Content);
        assert_eq!(classify("entry__header"), Hint::Content);
        // A recipe's ingredients are its text, a boxout's header is not the article's.
        assert_eq!(classify("recipe-ingredients"), Hint::Content);
        assert_eq!(classify("article-boxout__header"), Hint::Boilerplate(Navigation));
        assert_eq!(classify("itemprop:articlebody"), Hint::Content);
        assert_eq!(classify("entry-content clearfix"), Hint::Content);
        assert_eq!(classify("wp-caption-text"), Hint::Caption);
        // `shadow`, `heading`, `load` contain `ad` but are not ads.
        assert_eq!(classify("shadow heading load"), Hint::Neutral);
        assert_eq!(classify("sr-only"), Hint::Hidden);
    }

    #[test]
    fn first_infix_matches_the_ordered_contains_search() {
        let words =
            [("share", Share), ("social", Share), ("comment", Comments), ("more-stories", Related), ("xy", Footer)];
        for token in [
            "",
            "x",
            "xy",
            "axy",
            "social-share",
            "commentsocial",
            "more-stories-share",
            "shar",
            "sharecomment",
            "ß-comment",
        ] {
            let want = words.iter().position(|(w, _)| token.contains(w));
            assert_eq!(first_infix(token.as_bytes(), &words, &first_bytes(&words)), want, "{token}");
        }
    }

    #[test]
    fn labels_and_short_sources_are_furniture_but_long_sentences_are_not() {
        assert_eq!(furniture_text("- Anzeige-"), Some(Advertisement));
        assert_eq!(furniture_text("Anzeige, enthält Affiliate Links"), Some(Advertisement));
        assert_eq!(furniture_text("Quelle: Landesregierung"), Some(Footer));
        assert_eq!(furniture_text("(Noch keine Bewertungen)\nLoading..."), Some(Share));
        assert_eq!(furniture_text("Anzeige gegen Unbekannt wurde am Montag erstattet, sagte die Polizei."), None);
        let filed = "Der Beitrag wurde am Freitag, den 3. März 2023 um 08:10 Uhr veröffentlicht und wurde \
            unter Garten, Stadt abgelegt. Du kannst die Kommentare zu diesem Beitrag durch den RSS-2.0-Feed \
            verfolgen. Du kannst einen Kommentar schreiben.";
        assert_eq!(furniture_text(filed), Some(Navigation));
        let dated = "Erstellt am Montag 2. Juni 2021 um 10:05 und abgelegt unter Reisen, Fotos.\n\
            Kommentare zu diesem Eintrag im RSS-Feed.";
        assert_eq!(furniture_text(dated), Some(Navigation));
        let story = "Erstellt am Montag wurde der Plan, den die Stadt dann im Rat vorlegte, und er wurde von allen \
            Fraktionen begrüßt, weil er Schulen, Straßen und den Hafen bedenkt, die lange auf Reparaturen warteten. \
            Der Bürgermeister sagte, das Geld werde noch in diesem Jahr fließen.";
        assert_eq!(furniture_text(story), None);
        assert_eq!(furniture_text("(Alle Angaben ohne Gewähr)"), Some(Footer));
        assert_eq!(furniture_text("Copyright: Jo Roe"), Some(Footer));
        assert_eq!(furniture_text("sponsored links"), Some(Advertisement));
        assert_eq!(furniture_text("Do you want to hear about our actions? Sign up here"), Some(CallToAction));
        assert_eq!(furniture_text("Den ganzen Bericht als PDF herunterladen"), Some(Share));
        let consent = "Wir respektieren deine Privatsphäre: Das Video lädt erst, wenn du zustimmst.";
        assert_eq!(furniture_text(consent), Some(CookieNotice));
        let opinion = "Dieser Beitrag gibt die Meinung der Gastautorin wieder.";
        assert_eq!(furniture_text(opinion), Some(Footer));
        assert_eq!(furniture_text("The river rose and the village signed up here, in the hall."), None);
    }

    #[test]
    fn furniture_phrases() {
        assert_eq!(furniture_text("Advertisement"), Some(Advertisement));
        assert_eq!(furniture_text("Sign up for our newsletter!"), Some(CallToAction));
        assert_eq!(furniture_text("The minister said the talks would go on."), None);
    }
}
