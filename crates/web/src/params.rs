//! Strict parsing of request parameters: search filters, paging, ids.
//!
//! Every parameter is checked here, before the store sees it, so a bad date,
//! page size or unknown facet is a 400 with a message that names it, and ids
//! can only ever be store keys (never paths).

use newsgraph_model::EventType;
use newsgraph_store::SearchQuery;
use serde::{Deserialize, Serialize};

use crate::WebError;

/// Largest page size the API serves.
pub const MAX_PAGE_SIZE: usize = 100;
/// Deepest page reachable: keeps a request's cost bounded.
pub const MAX_PAGE: usize = 1000;
const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_TEXT: usize = 500;

/// The search parameters as given (`q`, `from`, `to`, `entity`, `country`,
/// `site`, `type`, `speaker`, `lang`, `theme`, `page_type`, `page`, `size`), kept for building links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub country: Option<String>,
    pub site: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub speaker: Option<String>,
    pub lang: Option<String>,
    /// A GKG theme code (`ECON_INFLATION`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// A page type (`article`, `product`...) or `news` (every article that is news).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    pub page: usize,
    pub size: usize,
}

impl SearchParams {
    /// Parses and validates raw `key=value` pairs; empty values count as absent
    /// (HTML forms send every field). `extra` names keys the caller handles itself.
    pub fn parse(pairs: &[(String, String)], extra: &[&str]) -> Result<Self, WebError> {
        let mut params = SearchParams { page: 1, size: DEFAULT_PAGE_SIZE, ..SearchParams::default() };
        for (key, value) in pairs {
            let value = value.trim();
            if value.chars().count() > MAX_TEXT {
                return Err(bad(format!("parameter {key:?} is longer than {MAX_TEXT} characters")));
            }
            if value.chars().any(char::is_control) {
                return Err(bad(format!("parameter {key:?} contains control characters")));
            }
            let text = || (!value.is_empty()).then(|| value.to_string());
            match key.as_str() {
                "q" => params.q = value.to_string(),
                "from" => params.from = text().map(|v| check_date("from", v)).transpose()?,
                "to" => params.to = text().map(|v| check_date("to", v)).transpose()?,
                "entity" => params.entity = text(),
                "speaker" => params.speaker = text(),
                "site" => params.site = text().map(|v| v.to_ascii_lowercase()),
                "country" => params.country = text().map(check_country).transpose()?,
                "type" => params.event_type = text().map(check_event_type).transpose()?,
                "lang" => params.lang = text().map(check_lang).transpose()?,
                "theme" => params.theme = text().map(check_theme).transpose()?,
                "page_type" => params.page_type = text().map(check_page_type).transpose()?,
                "page" if !value.is_empty() => params.page = check_number("page", value, 1, MAX_PAGE)?,
                "size" if !value.is_empty() => params.size = check_number("size", value, 1, MAX_PAGE_SIZE)?,
                "page" | "size" => {}
                other if extra.contains(&other) => {}
                other => {
                    return Err(bad(format!(
                        "unknown parameter {other:?}: expected q, from, to, entity, country, site, type, speaker, \
                         lang, theme, page_type, page or size"
                    )))
                }
            }
        }
        if let (Some(from), Some(to)) = (&params.from, &params.to) {
            if from > to {
                return Err(bad(format!("from ({from}) is after to ({to})")));
            }
        }
        Ok(params)
    }

    /// The store query for this page, with facets counted.
    pub fn to_query(&self) -> SearchQuery {
        SearchQuery {
            text: self.q.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            entity: self.entity.clone(),
            country: self.country.clone(),
            site: self.site.clone(),
            event_type: self.event_type.clone(),
            speaker: self.speaker.clone(),
            language: self.lang.clone(),
            theme: self.theme.clone(),
            page_type: self.page_type.clone(),
            offset: (self.page.max(1) - 1) * self.size,
            limit: self.size,
            facets: true,
        }
    }

    /// The parameters of a saved store query (page 1).
    pub fn from_query(query: &SearchQuery) -> Self {
        SearchParams {
            q: query.text.clone(),
            from: query.from.clone(),
            to: query.to.clone(),
            entity: query.entity.clone(),
            country: query.country.clone(),
            site: query.site.clone(),
            event_type: query.event_type.clone(),
            speaker: query.speaker.clone(),
            lang: query.language.clone(),
            theme: query.theme.clone(),
            page_type: query.page_type.clone(),
            page: 1,
            size: if query.limit == 0 { DEFAULT_PAGE_SIZE } else { query.limit.min(MAX_PAGE_SIZE) },
        }
    }

    /// The URL query string for these parameters with one changed (for facet and page links).
    pub fn query_string(&self, change: Option<(&str, &str)>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |key: &'static str, value: Option<&String>| {
            if let Some(v) = value {
                pairs.push((key, v.clone()));
            }
        };
        push("q", Some(&self.q).filter(|q| !q.is_empty()));
        push("from", self.from.as_ref());
        push("to", self.to.as_ref());
        push("entity", self.entity.as_ref());
        push("country", self.country.as_ref());
        push("site", self.site.as_ref());
        push("type", self.event_type.as_ref());
        push("speaker", self.speaker.as_ref());
        push("lang", self.lang.as_ref());
        push("theme", self.theme.as_ref());
        push("page_type", self.page_type.as_ref());
        if self.size != DEFAULT_PAGE_SIZE {
            pairs.push(("size", self.size.to_string()));
        }
        if let Some((key, value)) = change {
            pairs.retain(|(k, _)| *k != key && *k != "page");
            if !value.is_empty() {
                pairs.push((key, value.to_string()));
            }
        } else if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }
}

fn bad(message: String) -> WebError {
    WebError::BadRequest(message)
}

/// A real calendar day `YYYY-MM-DD` (the store's calendar, so filters and storage agree).
fn check_date(name: &str, value: String) -> Result<String, WebError> {
    if newsgraph_store::dates::is_day(&value) {
        Ok(value)
    } else {
        Err(bad(format!("parameter {name:?} must be a date YYYY-MM-DD, got {value:?}")))
    }
}

fn check_country(value: String) -> Result<String, WebError> {
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(bad(format!("parameter \"country\" must be an ISO 3166-1 alpha-2 code like UA, got {value:?}")))
    }
}

fn check_lang(value: String) -> Result<String, WebError> {
    if (2..=3).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(bad(format!("parameter \"lang\" must be a language code like en, got {value:?}")))
    }
}

fn check_event_type(value: String) -> Result<String, WebError> {
    EventType::from_label(&value).map(|t| t.label().to_string()).ok_or_else(|| {
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.label()).collect();
        bad(format!("parameter \"type\" must be a PLOVER event type ({}), got {value:?}", known.join(", ")))
    })
}

/// A page type's name (`product`) or `news`.
fn check_page_type(value: String) -> Result<String, WebError> {
    let value = value.to_ascii_lowercase();
    if value == "news" || newsgraph_model::PageKind::parse(&value).is_some() {
        Ok(value)
    } else {
        Err(bad(format!(
            "parameter \"page_type\" must be news, article, liveblog, listing, forum, product, collection, \
             documentation, service or other, got {value:?}"
        )))
    }
}

/// A GKG theme code: letters, digits and `_`, up to 100 (upper-cased).
fn check_theme(value: String) -> Result<String, WebError> {
    if value.len() <= 100 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(bad(format!("parameter \"theme\" must be a theme code like ECON_INFLATION, got {value:?}")))
    }
}

fn check_number(name: &str, value: &str, min: usize, max: usize) -> Result<usize, WebError> {
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(bad(format!("parameter {name:?} must be a whole number from {min} to {max}, got {value:?}"))),
    }
}

/// The `page` of a list page that takes no other parameter (from 1; absent is 1).
pub fn check_page_only(pairs: &[(String, String)]) -> Result<usize, WebError> {
    let mut page = 1;
    for (key, value) in pairs {
        match key.as_str() {
            "page" if value.trim().is_empty() => {}
            "page" => page = check_number("page", value.trim(), 1, MAX_PAGE)?,
            other => return Err(bad(format!("unknown parameter {other:?}: expected page"))),
        }
    }
    Ok(page)
}

/// An article id: 1 to 128 characters of `[A-Za-z0-9._:-]`. Ids are store keys only.
pub fn check_article_id(id: &str) -> Result<&str, WebError> {
    let ok = (1..=128).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'));
    if ok {
        Ok(id)
    } else {
        Err(bad(format!("{id:?} is not an article id")))
    }
}

/// An entity key (name or Wikidata id): 1 to 200 characters, no control characters.
pub fn check_entity_key(key: &str) -> Result<&str, WebError> {
    let key = key.trim();
    if (1..=200).contains(&key.chars().count()) && !key.chars().any(char::is_control) {
        Ok(key)
    } else {
        Err(bad(format!("{key:?} is not an entity name or id")))
    }
}

/// A saved search name: 1 to 64 characters of `[A-Za-z0-9_-]` (it appears in feed URLs).
pub fn check_saved_name(name: &str) -> Result<&str, WebError> {
    let ok =
        (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(name)
    } else {
        Err(bad(format!("saved search name must be 1-64 letters, digits, '-' or '_', got {name:?}")))
    }
}

pub fn check_story_id(id: &str) -> Result<i64, WebError> {
    id.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| bad(format!("{id:?} is not a story id")))
}

/// Percent-encodes a URL component (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a URL from an article may be rendered as a link: http(s) only.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn rejects_bad_dates_sizes_and_unknown_facets() {
        assert!(SearchParams::parse(&pairs(&[("from", "2024-02-30")]), &[]).is_err());
        assert!(SearchParams::parse(&pairs(&[("from", "2024-02-29")]), &[]).is_ok());
        assert!(SearchParams::parse(&pairs(&[("size", "1000")]), &[]).is_err());
        assert!(SearchParams::parse(&pairs(&[("size", "0")]), &[]).is_err());
        assert!(SearchParams::parse(&pairs(&[("colour", "red")]), &[]).is_err());
        assert!(SearchParams::parse(&pairs(&[("type", "DANCE")]), &[]).is_err());
        assert!(SearchParams::parse(&pairs(&[("from", "2024-03-01"), ("to", "2024-01-01")]), &[]).is_err());
        let ok = SearchParams::parse(&pairs(&[("q", "x"), ("country", "ua"), ("type", "protest"), ("page", "")]), &[])
            .unwrap();
        assert_eq!(ok.country.as_deref(), Some("UA"));
        assert_eq!(ok.event_type.as_deref(), Some("PROTEST"));
        assert_eq!(ok.page, 1);
    }

    #[test]
    fn ids_cannot_be_paths() {
        assert!(check_article_id("../../etc/passwd").is_err());
        assert!(check_article_id("abc/def").is_err());
        assert!(check_article_id("0123456789abcdef").is_ok());
        assert!(check_saved_name("a b").is_err());
        assert!(check_story_id("-1").is_err());
    }

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web_url("https://example.org/x"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" JavaScript:alert(1)"));
        assert!(!is_web_url("data:text/html,hi"));
    }

    #[test]
    fn query_string_round_trips_and_encodes() {
        let p = SearchParams::parse(&pairs(&[("q", "a&b c"), ("page", "3")]), &[]).unwrap();
        assert_eq!(p.query_string(None), "q=a%26b%20c&page=3");
        assert_eq!(p.query_string(Some(("country", "UA"))), "q=a%26b%20c&country=UA");
    }
}
