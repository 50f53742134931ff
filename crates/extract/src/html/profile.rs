//! What the body reading keeps, by page type.
//!
//! The article reading drops comments, bylines, date lines, teaser lists and link-heavy
//! blocks as boilerplate. On other page types some of these are the content: a forum
//! thread's posts sit in comment markup and each carries its author and time; a listing's
//! teasers are linked headlines with a byline, a date and a summary; a catalogue's items
//! are link cards; a service's landing page (its linked feature cards too) and a
//! product's page (description, features, specifications in bands of their own) and a
//! documentation page (every section and every tab of its code samples, the closed ones
//! too) are the whole `<main>`, band after band. A
//! [`Profile`] names which removal reasons and link filters the reading relaxes for a
//! type, decided from the page type the classifier gave (structural signals only, never
//! site names). The article profile relaxes nothing, so the article
//! reading is unchanged.

use newsgraph_model::{PageKind, PageType, RemovalReason};

use super::content::Body;

/// How the body reading is relaxed for one page type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Profile {
    /// Comments markup holds the content (a forum's posts).
    pub keep_comments: bool,
    /// Bylines and date lines are part of each item (post authors, teaser bylines).
    pub keep_bylines: bool,
    /// Teaser and "related" blocks are the content (a listing's cards).
    pub keep_related: bool,
    /// Link-heavy blocks, headings and short lines are the content (linked teaser titles).
    pub keep_links: bool,
    /// The whole page (its `<main>` when it has one) is the content, section after
    /// section (a service's landing page), read through the block filters.
    pub whole_page: bool,
}

impl Profile {
    /// The article reading: nothing relaxed.
    pub const ARTICLE: Profile = Profile {
        keep_comments: false,
        keep_bylines: false,
        keep_related: false,
        keep_links: false,
        whole_page: false,
    };

    /// The profile for a page type; `None` when the article reading serves it.
    pub fn for_kind(kind: PageKind) -> Option<Profile> {
        match kind {
            PageKind::Forum => Some(Profile {
                keep_comments: true,
                keep_bylines: true,
                keep_related: false,
                keep_links: false,
                whole_page: false,
            }),
            PageKind::Listing => Some(Profile {
                keep_comments: false,
                keep_bylines: true,
                keep_related: true,
                keep_links: true,
                whole_page: false,
            }),
            PageKind::Collection => Some(Profile {
                keep_comments: false,
                keep_bylines: false,
                keep_related: true,
                keep_links: true,
                whole_page: false,
            }),
            // A landing page's bands are short and often linked (a feature grid, "Learn
            // more" cards, a row of plans): its links are content, its `<nav>` and
            // `<footer>` still are not.
            PageKind::Service => Some(Profile { whole_page: true, keep_links: true, ..Profile::ARTICLE }),
            PageKind::Product | PageKind::Documentation => Some(Profile { whole_page: true, ..Profile::ARTICLE }),
            _ => None,
        }
    }

    /// Whether a block the hints mark with `reason` is kept in this profile.
    pub fn keeps(&self, reason: RemovalReason) -> bool {
        match reason {
            RemovalReason::Comments => self.keep_comments,
            RemovalReason::Byline | RemovalReason::Dateline => self.keep_bylines,
            RemovalReason::Related => self.keep_related,
            _ => false,
        }
    }
}

/// How much more text a typed reading must find than the article reading to replace it:
/// what the article reading already holds (a question and its answers, a news story
/// with its byline) is better read as an article, and an article page taken for another
/// type gains only a line or two.
const TYPED_GAIN: usize = 2;

/// Confidence from which a service page's whole `<main>` replaces the article reading
/// when it holds at least as much text: a landing page's bands are its content, and
/// the article reading keeps only the band with the most prose.
const SURE_SERVICE: f32 = 0.5;

/// Confidence from which a listing's or catalogue's relaxed reading replaces the
/// article reading when it holds at least as much text (the article reading drops
/// the teasers the type is made of). Below it, a news page with a box of teasers is
/// often read as a weak listing, and only a reading twice as long is trusted.
const SURE_LISTING: f32 = 0.7;

/// The gain asked of a documentation page's whole `<main>` (as a fraction: 3/2).
const DOCS_GAIN: (usize, usize) = (3, 2);

/// Least classifier confidence for reading a page as a listing or catalogue: a news page
/// with a few link boxes is often a weak listing.
const LIST_CONFIDENCE: f32 = 0.5;

/// The body to keep for a page of `page_type`: the one `read` gives with `profile` when
/// it is trusted, else the article reading's `article`. `article_head` says the head
/// declares an authored, dated article.
pub fn typed_body(
    page_type: PageType,
    profile: Profile,
    article_head: bool,
    article: Body,
    read: impl FnOnce(Profile) -> Body,
) -> Body {
    // A page whose head declares an authored, dated article is an article with a
    // comments section, not a thread, and not a landing page: read as an article.
    if matches!(page_type.kind, PageKind::Forum | PageKind::Service | PageKind::Product | PageKind::Documentation)
        && article_head
    {
        return article;
    }
    let listing = matches!(page_type.kind, PageKind::Listing | PageKind::Collection);
    if listing && page_type.confidence < LIST_CONFIDENCE {
        return article;
    }
    // Where the article reading found nothing, the relaxed reading finds only the
    // page's link columns (a shell page built by script).
    if article.chars() == 0 {
        return article;
    }
    let typed = read(profile);
    // Documentation's reading keeps a page's own `<main>`, so less gain is asked of it.
    let (num, den) = match page_type.kind {
        PageKind::Documentation => DOCS_GAIN,
        PageKind::Service if page_type.confidence >= SURE_SERVICE => (1, 1),
        PageKind::Listing | PageKind::Collection if page_type.confidence >= SURE_LISTING => (1, 1),
        _ => (TYPED_GAIN, 1),
    };
    if typed.chars() * den < article.chars() * num {
        return article;
    }
    typed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::content::extract_with;
    use crate::html::dom::Dom;

    #[test]
    fn the_article_profile_keeps_no_boilerplate() {
        for reason in [RemovalReason::Comments, RemovalReason::Byline, RemovalReason::Related] {
            assert!(!Profile::ARTICLE.keeps(reason));
        }
        assert!(Profile::for_kind(PageKind::Article).is_none());
        assert!(Profile::for_kind(PageKind::Forum).is_some_and(|p| p.keeps(RemovalReason::Comments)));
        assert!(Profile::for_kind(PageKind::Listing).is_some_and(|p| p.keeps(RemovalReason::Related)));
        assert!(Profile::for_kind(PageKind::Product).is_some_and(|p| p.whole_page));
        assert!(Profile::for_kind(PageKind::Documentation).is_some_and(|p| p.whole_page));
    }

    fn text(body: &Body) -> String {
        body.paras.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_listing_keeps_its_linked_teaser_headlines_and_bylines() {
        let cards: String = (1..=6)
            .map(|i| {
                format!(
                    "<div class='teaser'><h2><a href='/story-{i}'>Harbour story number {i} opens</a></h2>\
                     <div class='byline'>By Jo Roe</div><p>A short summary of story {i}, which tells readers \
                     what the harbour did this week, and why it matters to the town.</p></div>"
                )
            })
            .collect();
        let html = format!("<html><body><nav><a href='/'>Home</a></nav><main>{cards}</main></body></html>");
        let dom = Dom::parse(&html);
        let listing = Profile::for_kind(PageKind::Listing).map(|p| extract_with(&dom, None, p));
        let listing = text(&listing.unwrap_or_default());
        for i in 1..=6 {
            assert!(listing.contains(&format!("Harbour story number {i} opens")), "{listing}");
        }
        assert!(listing.contains("By Jo Roe"), "{listing}");
        let article = text(&extract_with(&dom, None, Profile::ARTICLE));
        assert!(!article.contains("Harbour story number 1 opens"), "{article}");
    }

    #[test]
    fn a_forum_keeps_its_posts_in_comment_markup() {
        let posts: String = (1..=4)
            .map(|i| {
                format!(
                    "<div class='comment-body'><div class='author'>user{i}</div><p>Post {i}: I tried the new \
                     firmware on my board, and after a reboot, the fan, the lights and the sensor work again.</p></div>"
                )
            })
            .collect();
        let first = "The new firmware for the board came out last week, and since then, after every update, the fan \
            stops, the lights blink and the sensor reads nothing. Has anyone found a way back? I tried a reset, \
            a second update, a new cable and another power supply, and nothing changed at all, so I am asking here.";
        let html = format!(
            "<html><body><h1>Firmware thread</h1><div class='thread'><div class='entry-content'><p>{first}</p></div>\
             {posts}</div></body></html>"
        );
        let dom = Dom::parse(&html);
        let forum = Profile::for_kind(PageKind::Forum).map(|p| extract_with(&dom, None, p));
        let forum = text(&forum.unwrap_or_default());
        for i in 1..=4 {
            assert!(forum.contains(&format!("Post {i}: I tried")), "{forum}");
        }
        let article = text(&extract_with(&dom, None, Profile::ARTICLE));
        assert!(!article.contains("Post 4: I tried"), "{article}");
    }

    #[test]
    fn a_service_page_is_read_section_after_section_from_its_main() {
        let sections: String = (1..=4)
            .map(|i| {
                format!(
                    "<section class='band-{i}'><h2>Offer {i}</h2><div><p>We plan, build and run offer {i} for \
                     teams of every size.</p></div></section>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/about'>About</a></li></ul></nav>\
             <main>{sections}</main><footer><p>Copyright Example Ltd, all rights reserved.</p></footer></body></html>"
        );
        let dom = Dom::parse(&html);
        let service = Profile::for_kind(PageKind::Service).map(|p| extract_with(&dom, None, p));
        let service = text(&service.unwrap_or_default());
        for i in 1..=4 {
            assert!(service.contains(&format!("run offer {i} for teams")), "{service}");
        }
        assert!(!service.contains("Copyright") && !service.contains("About"), "{service}");
    }

    #[test]
    fn a_service_page_keeps_its_linked_feature_cards() {
        let cards: String = (1..=4)
            .map(|i| {
                format!("<a class='card' href='/feature-{i}'><h3>Feature {i}</h3><span>Routing rules {i}</span></a>")
            })
            .collect();
        let html = format!(
            "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/pricing'>Pricing</a></li></ul></nav>\
             <main><section><h2>Support for every team</h2><p>We answer your customers on every channel, all day \
             long, with one shared inbox.</p></section><div class='grid'>{cards}</div></main></body></html>"
        );
        let dom = Dom::parse(&html);
        let service = Profile::for_kind(PageKind::Service).map(|p| extract_with(&dom, None, p));
        let service = text(&service.unwrap_or_default());
        for i in 1..=4 {
            assert!(service.contains(&format!("Routing rules {i}")), "{service}");
        }
        assert!(!service.contains("Pricing"), "{service}");
        // The same band on a product page is a link strip (other products): dropped.
        let product = Profile::for_kind(PageKind::Product).map(|p| extract_with(&dom, None, p));
        let product = text(&product.unwrap_or_default());
        assert!(!product.contains("Routing rules 1"), "{product}");
    }

    fn body(chars: usize) -> Body {
        Body { paras: vec![super::super::content::Para { text: "x".repeat(chars), heading: None }], ..Body::default() }
    }

    #[test]
    fn a_forum_reading_must_find_much_more_and_an_article_head_keeps_the_article() {
        let forum = PageType { kind: PageKind::Forum, confidence: 0.9 };
        let profile = Profile::for_kind(PageKind::Forum).unwrap_or_default();
        assert_eq!(typed_body(forum, profile, false, body(100), |_| body(150)).chars(), 100);
        let weak = PageType { kind: PageKind::Listing, confidence: 0.3 };
        let listing = Profile::for_kind(PageKind::Listing).unwrap_or_default();
        assert_eq!(typed_body(weak, listing, false, body(100), |_| body(900)).chars(), 100);
        assert_eq!(typed_body(forum, profile, false, body(100), |_| body(900)).chars(), 900);
        assert_eq!(typed_body(forum, profile, true, body(100), |_| body(900)).chars(), 100);
        // Nothing read as an article: no relaxed reading either.
        assert_eq!(typed_body(forum, profile, false, body(0), |_| body(900)).chars(), 0);
    }

    #[test]
    fn a_sure_service_or_listing_reading_wins_when_it_holds_as_much() {
        let service = Profile::for_kind(PageKind::Service).unwrap_or_default();
        let sure = PageType { kind: PageKind::Service, confidence: 0.8 };
        assert_eq!(typed_body(sure, service, false, body(100), |_| body(110)).chars(), 110);
        assert_eq!(typed_body(sure, service, false, body(100), |_| body(90)).chars(), 100);
        let unsure = PageType { kind: PageKind::Service, confidence: 0.3 };
        assert_eq!(typed_body(unsure, service, false, body(100), |_| body(110)).chars(), 100);
        let listing = Profile::for_kind(PageKind::Listing).unwrap_or_default();
        let sure = PageType { kind: PageKind::Listing, confidence: 0.9 };
        assert_eq!(typed_body(sure, listing, false, body(100), |_| body(120)).chars(), 120);
        // A weak listing (a news page with a teaser box) still needs twice the text.
        let weak = PageType { kind: PageKind::Listing, confidence: 0.6 };
        assert_eq!(typed_body(weak, listing, false, body(100), |_| body(120)).chars(), 100);
        assert_eq!(typed_body(weak, listing, false, body(100), |_| body(250)).chars(), 250);
    }
}
