//! XML character references, undone leniently: the five predefined entities
//! (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`) and numeric references are decoded;
//! anything else (`&nbsp;`, a bare `&`) is kept as written, for whoever reads
//! the text next (the clean stage knows the HTML entities).
//!
//! ```
//! assert_eq!(newsgraph_source::xml::unescape("Fish &amp;&#171;x&#xBB; &nbsp;&"), "Fish &«x» &nbsp;&");
//! ```

/// `text` with its XML character references decoded.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // An entity ends within 12 bytes; `;` is ASCII, so its position is a char boundary.
        let end = rest.as_bytes()[..rest.len().min(12)].iter().position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
