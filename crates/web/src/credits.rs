//! Credits: what the app shows of the licences of the data it serves.
//!
//! Articles from openly licensed sources must keep their attribution wherever
//! they are shown, so the article page names the licence of an article whose
//! host is listed here, and `/about` lists every credit (the bundled data the
//! app itself draws on included). The list is short and fixed: it covers what
//! newsgraph ships, not every licence on the web.

use maud::{html, Markup};

/// An openly licensed source whose articles carry an attribution.
pub struct SourceCredit {
    /// The host its article URLs name (without `www.`).
    pub host: &'static str,
    pub attribution: &'static str,
    pub licence: &'static str,
    pub licence_url: &'static str,
}

/// The sources of the bundled demo corpus (`examples/wikinews`).
pub const SOURCES: &[SourceCredit] = &[SourceCredit {
    host: "en.wikinews.org",
    attribution: "Articles from Wikinews (en.wikinews.org); each article's URL names its page",
    licence: "CC BY 2.5",
    licence_url: "https://creativecommons.org/licenses/by/2.5/",
}];

/// The credit of an article's site, if it is a listed source.
pub fn for_site(site: &str) -> Option<&'static SourceCredit> {
    let site = site.strip_prefix("www.").unwrap_or(site);
    SOURCES.iter().find(|credit| credit.host == site)
}

/// One credit as a line: attribution, then the licence as a link.
pub fn line(credit: &SourceCredit) -> Markup {
    html! { (credit.attribution) ", " a href=(credit.licence_url) rel="license" { (credit.licence) } "." }
}

/// The `/about` page's body: the data the app serves and draws on, with licences.
pub fn about() -> Markup {
    html! {
        h1 { "About newsgraph" }
        p { "newsgraph turns news pages into structured records; every fact it shows points to the characters of the article that support it. Times are in UTC unless a page says otherwise; dates are ISO 8601 (YYYY-MM-DD)." }
        h2 { "Credits" }
        ul {
            @for credit in SOURCES { li { (line(credit)) } }
            li { "Map: country shapes from Natural Earth (public domain)." }
            li { "Places: GeoNames (geonames.org), " a href="https://creativecommons.org/licenses/by/4.0/" rel="license" { "CC BY 4.0" } "." }
            li { "People and organisations: Wikidata (CC0) and Party Facts (MIT)." }
            li { "Language models, tone lexicons and word lists: each with its licence and attribution in the " code { "models/" } " folder of the source." }
        }
    }
}
