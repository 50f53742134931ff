//! Normal forms of the values the store filters on, so that the index, the
//! SQL tables and the queries agree: entity and speaker names are
//! case-folded with spaces collapsed, countries upper-case, sites are host
//! names without `www.`.

use newsgraph_model::{Article, EntityId};

/// The lookup key of a name: lower case, single spaces.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The host of a URL, lower case, without `www.` or a port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The site of an article: its `site` field when it looks like a host, else its URL's host.
pub fn site_of(article: &Article) -> Option<String> {
    let from_url = article.source.url.as_deref().and_then(host_of);
    from_url.or_else(|| article.site.as_deref().map(name_key).filter(|s| !s.is_empty()))
}

pub fn site_key(site: &str) -> String {
    host_of(site).unwrap_or_else(|| name_key(site))
}

/// The canonical name of an entity of the article.
pub fn entity_name<'a>(article: &'a Article, id: &EntityId) -> Option<&'a str> {
    article.entities.iter().find(|e| &e.id == id).map(|e| e.name.as_str())
}

/// The speaker's name of a quote: its entity's name, else the words that name it.
pub fn speaker_name<'a>(article: &'a Article, quote: &'a newsgraph_model::Quote) -> Option<&'a str> {
    quote
        .speaker
        .as_ref()
        .and_then(|id| entity_name(article, id))
        .or(quote.speaker_mention.as_ref().map(|m| m.text.as_str()))
}

/// The publication time of an article in seconds since 1970, if it has a usable date.
pub fn published_seconds(article: &Article) -> Option<i64> {
    article.published.as_ref().and_then(|p| crate::dates::parse_seconds(&p.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises() {
        assert_eq!(name_key("  Vladimir   PUTIN "), "vladimir putin");
        assert_eq!(host_of("https://www.BBC.co.uk:443/news?a=1").as_deref(), Some("bbc.co.uk"));
        assert_eq!(host_of("not a url"), None);
        assert_eq!(site_key("www.example.com"), "example.com");
    }
}
