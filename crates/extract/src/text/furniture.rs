//! The shapes of furniture lines in a text scrape: menus, share and ad slots, calls to
//! action, injected spam, captions, bylines and datelines. Each test reads one line
//! alone; where the line stands is decided in the parent module.

use newsgraph_model::RemovalReason;

use super::script::Script;
use crate::dates::parse_date;

/// Site furniture that is a whole line: navigation, sharing, advertising, comments, footers.
pub(super) fn chrome(lower: &str) -> Option<RemovalReason> {
    const NAVIGATION: &[&str] = &[
        "search",
        "menu",
        "main menu",
        "home",
        "homepage",
        "login",
        "log in",
        "log out",
        "logout",
        "sign in",
        "register",
        "my account",
        "account",
        "skip to content",
        "skip to main content",
        "skip navigation",
        "navigation",
        "toggle navigation",
        "open menu",
        "close menu",
        "close",
        "back to top",
        "top",
        "next",
        "previous",
        "prev",
        "more",
        "sections",
        "all sections",
        "trending",
        "latest",
        "latest news",
        "edition",
        "language",
        "loading",
        "loading...",
        "menu search",
        "search menu",
        "go",
        "submit",
        "accept",
        "show more",
        "load more",
        "see more",
    ];
    const SHARE: &[&str] = &[
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "email",
        "e-mail",
        "print",
        "pinterest",
        "reddit",
        "copy link",
        "link copied",
        "telegram",
        "messenger",
        "x",
        "share via email",
        "flipboard",
    ];
    const ADVERTISING: &[&str] =
        &["advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "promoted"];
    if lower.len() > 400 {
        // Furniture is short; a long block is never a menu item or a footer line.
        return None;
    }
    let line = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if line.is_empty() {
        // A line of only symbols (separators, bullets) carries nothing.
        return Some(RemovalReason::Navigation);
    }
    if NAVIGATION.contains(&line) {
        return Some(RemovalReason::Navigation);
    }
    if SHARE.contains(&line) {
        return Some(RemovalReason::Share);
    }
    if ADVERTISING.contains(&line) || line.starts_with("story continues below") {
        return Some(RemovalReason::Advertisement);
    }
    let numberless = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if ["comments", "comment", "leave a comment", "show comments", "view comments", "add a comment"]
        .contains(&numberless)
    {
        return Some(RemovalReason::Comments);
    }
    if lower.starts_with('©') || lower.starts_with("copyright") || lower.contains("all rights reserved") {
        return Some(RemovalReason::Footer);
    }
    if lower.contains("cookie")
        && ["we use", "this site uses", "this website uses", "accept", "consent"].iter().any(|c| lower.contains(c))
    {
        return Some(RemovalReason::CookieNotice);
    }
    // A breadcrumb or menu bar: several short items between separators.
    if !lower.contains(['|', '•', '·', '›', '>', '»', '/']) {
        return None;
    }
    let parts: Vec<&str> = [" | ", " • ", " · ", " › ", " > ", " » ", " / "]
        .iter()
        .find(|sep| lower.contains(*sep))
        .map(|sep| lower.split(*sep).collect())
        .unwrap_or_default();
    if parts.len() >= 3 && parts.iter().all(|p| p.split_whitespace().count() <= 3) && !lower.ends_with('.') {
        return Some(RemovalReason::Navigation);
    }
    None
}

/// Pleas and pointers addressed to the reader rather than part of the story.
pub(super) fn call_to_action(lower: &str, words: usize) -> Option<RemovalReason> {
    const RELATED: &[&str] = &[
        "read more",
        "read also",
        "also read",
        "see also",
        "related",
        "more:",
        "more from",
        "you may also like",
        "you might also like",
        "recommended",
        "most read",
        "most popular",
        "further reading",
        "read next",
        "more on this story",
        "more stories",
    ];
    const PLEAS: &[&str] = &[
        "listen to",
        "listen:",
        "watch:",
        "watch the",
        "watch live",
        "watch now",
        "click here",
        "subscribe",
        "sign up",
        "thank you for reading",
        "thanks for reading",
        "follow us",
        "follow @",
        "download the",
        "download our",
        "get the app",
        "get our",
        "support our",
        "support us",
        "become a member",
        "join our",
        "don't miss",
        "continue reading",
        "read the full",
        "to read the full",
        "donate",
        "play video",
        "play audio",
    ];
    const STRONG: &[&str] = &[
        "click here",
        "subscribe to our",
        "subscribing to our",
        "sign up for our",
        "sign up to our",
        "our newsletter",
        "daily newsletter",
        "weekly newsletter",
        "newsletter sign",
        "already a subscriber",
        "support independent",
        "thank you for reading",
        "thanks for reading",
        "for subscribers only",
        "subscribe now",
        "turn off your ad",
        "disable your ad",
    ];
    let short = words <= 12;
    if RELATED.iter().any(|p| lower.starts_with(p)) && short {
        return Some(RemovalReason::Related);
    }
    let strong = words <= 80 && STRONG.iter().any(|p| lower.contains(p));
    if strong || (short && PLEAS.iter().any(|p| lower.starts_with(p))) {
        return Some(RemovalReason::CallToAction);
    }
    None
}

/// A short run of keywords in a script other than the page's: injected SEO spam.
pub(super) fn is_foreign_keywords(text: &str, dominant: Option<Script>) -> bool {
    let Some(dominant) = dominant else { return false };
    if text.chars().count() > 80 || text.ends_with(['.', '。', '!', '?']) {
        return false;
    }
    let (mut foreign, mut letters) = (0usize, 0usize);
    for script in text.chars().filter_map(Script::of) {
        letters += 1;
        if script != dominant {
            foreign += 1;
        }
    }
    letters > 0 && foreign * 2 > letters
}

/// `X X`: alt text and caption of one image printed side by side.
pub(super) fn doubled(text: &str) -> Option<&str> {
    let half = text.len() / 2;
    if text.len().is_multiple_of(2) || !text.is_char_boundary(half) || !text.is_char_boundary(half + 1) {
        return None;
    }
    let (a, b) = (&text[..half], &text[half + 1..]);
    (text.as_bytes()[half] == b' ' && a == b && a.split_whitespace().count() >= 3).then_some(a)
}

/// A photo caption by its credit ("Photo: …", "… REUTERS/Name", "(AP Photo/…)").
pub(super) fn is_credited_caption(text: &str, lower: &str, words: usize) -> bool {
    const LEADS: &[&str] =
        &["photo:", "image:", "picture:", "caption:", "photograph:", "file photo", "(photo", "pictured:"];
    const CREDITS: &[&str] =
        &["reuters/", "(ap photo", "getty images", "/afp", "/ afp", "photo credit", "image credit", "photo by "];
    words <= 60
        && (LEADS.iter().any(|p| lower.starts_with(p))
            || CREDITS.iter().any(|p| lower.contains(p)) && !text.ends_with(':'))
}

/// The authors of a `By …` line (`By A, B and C | Agency`), if it is one.
pub(super) fn byline(text: &str) -> Option<Vec<String>> {
    let rest = ["By ", "BY ", "by ", "Written by ", "Words by ", "Author: ", "Authors: "]
        .iter()
        .find_map(|p| text.strip_prefix(p))?;
    // Whatever follows a separator is an agency, a role or a date, not a name.
    let names = rest.split(['|', '—', '–', '\u{2022}']).next().unwrap_or(rest);
    let names = names.split(" - ").next().unwrap_or(names).trim();
    if names.split_whitespace().count() > 10 || rest.split_whitespace().count() > 16 {
        return None;
    }
    let mut authors = Vec::new();
    for part in names.split([',', '&', ';']).flat_map(|p| p.split(" and ")) {
        let name = part.trim().trim_end_matches(['.', ':']).trim();
        if name.is_empty() {
            continue;
        }
        let tokens: Vec<&str> = name.split_whitespace().collect();
        // A name is a few capitalised words ("Stefan J. Bos"); "By 2030 ..." or "by the way" is not.
        let name_like = tokens.len() <= 5
            && tokens.iter().all(|t| {
                t.chars().next().is_some_and(char::is_uppercase)
                    || ["de", "van", "von", "der", "la", "le", "da", "bin", "al"].contains(t)
            });
        // After a full name, a lone word is the dateline city or the agency ("By Ana Lima, Quito").
        let place = tokens.len() == 1 && authors.first().is_some_and(|a: &String| a.contains(' '));
        if !name_like || place {
            // Trailing "for Agency"/"in City" after real names ends the list.
            if authors.is_empty() {
                return None;
            }
            break;
        }
        authors.push(name.to_string());
    }
    (!authors.is_empty()).then_some(authors)
}

/// The date of a line that is only a date, with at most a few label words ("Published", "Updated").
pub(super) fn dateline(text: &str, lower: &str, words: usize) -> Option<String> {
    if words > 12 || text.len() > 200 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = parse_date(text)?;
    let labels = lower.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 2 && !is_date_word(w)).count();
    (labels <= 3).then_some(date)
}

fn is_date_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "published",
        "updated",
        "posted",
        "last",
        "modified",
        "on",
        "at",
        "and",
        "date",
        "time",
        "gmt",
        "utc",
        "est",
        "edt",
        "cet",
        "cest",
        "bst",
        "pst",
        "pdt",
    ];
    // Month and weekday names come from the date parser's tables, so the two agree.
    WORDS.contains(&w) || crate::dates::month(w).is_some() || crate::dates::is_weekday(w)
}
