//! Absolute http(s) URLs: parsed with `http::Uri` (already a ureq dependency), and joined
//! with redirect targets. Only what fetching needs: origin, host key, resolution of
//! `Location` values (absolute, scheme-relative, absolute-path, query and relative-path).

use ureq::http::Uri;

#[derive(Debug, Clone)]
pub(crate) struct Link {
    text: String,
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Link {
    pub fn parse(raw: &str) -> Result<Link, String> {
        let text = escape(raw.trim().split('#').next().unwrap_or(""));
        let uri: Uri = text.parse().map_err(|e| format!("{e}"))?;
        let scheme = uri.scheme_str().unwrap_or("").to_ascii_lowercase();
        let host = uri.host().unwrap_or("").to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https") || host.is_empty() {
            return Err(format!("{text} is not an http(s) URL with a host"));
        }
        let port = uri.port_u16();
        Ok(Link { text, scheme, host, port })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `scheme://host[:port]`, the unit robots.txt applies to.
    pub fn origin(&self) -> String {
        match self.port {
            Some(port) if Some(port) != default_port(&self.scheme) => format!("{}://{}:{port}", self.scheme, self.host),
            _ => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// `host:port`, the unit the rate limit applies to.
    pub fn host_key(&self) -> String {
        format!("{}:{}", self.host, self.port.or(default_port(&self.scheme)).unwrap_or(0))
    }

    /// The URL a `Location` header points to, relative to this one.
    pub fn join(&self, location: &str) -> Result<Link, String> {
        let location = location.trim();
        let lower = location.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Link::parse(location);
        }
        if let Some(rest) = location.strip_prefix("//") {
            return Link::parse(&format!("{}://{rest}", self.scheme));
        }
        let after_origin = self.text.find("://").map_or(0, |i| i + 3);
        let path_start = self.text[after_origin..].find(['/', '?']).map_or(self.text.len(), |i| after_origin + i);
        let base = &self.text[..path_start];
        let path = &self.text[path_start..];
        let path_only = path.split('?').next().unwrap_or("");
        if location.starts_with('/') {
            Link::parse(&format!("{base}{location}"))
        } else if location.starts_with('?') {
            Link::parse(&format!("{base}{path_only}{location}"))
        } else {
            let dir = path_only.rfind('/').map_or("/", |i| &path_only[..=i]);
            Link::parse(&format!("{base}{dir}{location}"))
        }
    }
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

/// Percent-encodes what `http::Uri` refuses but pages and feeds write anyway (spaces, non-ASCII).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte <= b' ' || byte >= 0x7f || matches!(byte, b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}')
        {
            out.push_str(&format!("%{byte:02X}"));
        } else {
            out.push(byte as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_joins_like_a_browser_for_the_common_cases() {
        let base = Link::parse("https://News.example.com/world/2024/story.html?id=3#top").unwrap();
        assert_eq!(base.as_str(), "https://News.example.com/world/2024/story.html?id=3");
        assert_eq!(base.origin(), "https://news.example.com");
        assert_eq!(base.host_key(), "news.example.com:443");
        let join = |l: &str| base.join(l).unwrap().as_str().to_string();
        assert_eq!(join("/new"), "https://News.example.com/new");
        assert_eq!(join("other.html"), "https://News.example.com/world/2024/other.html");
        assert_eq!(join("?id=4"), "https://News.example.com/world/2024/story.html?id=4");
        assert_eq!(join("//cdn.example.net/x"), "https://cdn.example.net/x");
        assert_eq!(join("HTTP://b.example/y"), "HTTP://b.example/y");
        let local = Link::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(local.origin(), "http://127.0.0.1:8080");
        assert_eq!(local.join("a").unwrap().as_str(), "http://127.0.0.1:8080/a");
        assert_eq!(Link::parse("http://a.example/café ok").unwrap().as_str(), "http://a.example/caf%C3%A9%20ok");
        assert!(Link::parse("ftp://a.example/").is_err());
        assert!(Link::parse("/relative").is_err());
    }
}
