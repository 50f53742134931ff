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

fn is_content_token(token: &str) -> bool {
    const WHOLE: [&str; 12] = [
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
    if WHOLE.contains(&token) {
        return true;
    }
    parts(token).any(|p| {
        matches!(p, "article" | "content" | "entry" | "post" | "story" | "body" | "text" | "main" | "hentry" | "blog")
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
    if let Some((_, reason)) = INFIX.iter().find(|(word, _)| token.contains(word)) {
        return Some(*reason);
    }
    for part in parts(token) {
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

/// Short whole-paragraph texts that are page furniture wherever they appear.
pub fn furniture_text(text: &str) -> Option<RemovalReason> {
    use RemovalReason::*;
    if text.chars().count() > 80 {
        return None;
    }
    let lower = text.trim().trim_end_matches([':', '.', '!', '»', '›', '>', '→']).trim().to_lowercase();
    let l = lower.as_str();
    match l {
        "advertisement"
        | "advertising"
        | "ad"
        | "sponsored"
        | "sponsored content"
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
        _ => {}
    }
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
    if CTA_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return Some(CallToAction);
    }
    if l.starts_with("read more:") || l.starts_with("related:") || l.starts_with("also read:") {
        return Some(Related);
    }
    if l.starts_with("©") || l.starts_with("copyright ") || l.starts_with("all rights reserved") {
        return Some(Footer);
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
        assert_eq!(classify("itemprop:articlebody"), Hint::Content);
        assert_eq!(classify("entry-content clearfix"), Hint::Content);
        assert_eq!(classify("wp-caption-text"), Hint::Caption);
        // `shadow`, `heading`, `load` contain `ad` but are not ads.
        assert_eq!(classify("shadow heading load"), Hint::Neutral);
        assert_eq!(classify("sr-only"), Hint::Hidden);
    }

    #[test]
    fn furniture_phrases() {
        assert_eq!(furniture_text("Advertisement"), Some(Advertisement));
        assert_eq!(furniture_text("Sign up for our newsletter!"), Some(CallToAction));
        assert_eq!(furniture_text("The minister said the talks would go on."), None);
    }
}
