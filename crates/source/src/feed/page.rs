//! An item's fields as text, and the minimal HTML page an item becomes.
//!
//! Entities are undone by [`crate::xml::unescape`]: HTML entities such as
//! `&nbsp;` are kept as written and reach the clean stage, which knows them all.

/// A field's raw inner markup as text: trimmed, a CDATA wrapper removed, entities undone.
pub(super) fn unescape(text: &str) -> String {
    crate::xml::unescape(strip_cdata(text.trim()))
}

/// `<![CDATA[...]]>` around the whole text is removed; CDATA inside mixed text is kept.
pub(super) fn strip_cdata(text: &str) -> &str {
    text.strip_prefix("<![CDATA[").and_then(|s| s.strip_suffix("]]>")).unwrap_or(text)
}

/// ISO 8601 of an Atom (already ISO) or RSS (RFC 822: `Tue, 10 Jan 2022 16:06:00 GMT`) date.
pub(super) fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.len() >= 10 && value.as_bytes().get(4) == Some(&b'-') {
        newsgraph_model::calendar::day_prefix(value)?;
        return Some(value.chars().take(19).collect());
    }
    let parts: Vec<&str> = value.split_whitespace().filter(|p| !p.ends_with(',')).collect();
    let (day, month, year) = (parts.first()?, parts.get(1)?, parts.get(2)?);
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = month.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| lower.starts_with(m))? + 1;
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    // Read leniently (feeds in the wild break RFC 822), but only a real calendar day counts.
    newsgraph_model::calendar::date(year, month as u32, day)?;
    let time = parts.get(3).filter(|t| t.as_bytes().get(2) == Some(&b':')).and_then(|t| t.get(..5)).unwrap_or("00:00");
    Some(format!("{year:04}-{month:02}-{day:02}T{time}"))
}

pub(super) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The page the clean stage reads for an item: its title, canonical link and date in the head.
pub(super) fn page_html(title: Option<&str>, link: Option<&str>, date: Option<&str>, body: &str) -> String {
    let mut page = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
    if let Some(t) = title {
        page.push_str(&format!("<title>{}</title>", html_escape(t)));
    }
    if let Some(l) = link {
        page.push_str(&format!("<link rel=\"canonical\" href=\"{}\">", html_escape(l)));
    }
    if let Some(d) = date {
        page.push_str(&format!("<meta property=\"article:published_time\" content=\"{}\">", html_escape(d)));
    }
    page.push_str("</head><body><article>");
    if let Some(t) = title {
        page.push_str(&format!("<h1>{}</h1>", html_escape(t)));
    }
    // Feeds carry either HTML or plain text; plain text gets paragraph tags so the cleaner sees its structure.
    if body.contains('<') {
        page.push_str(body);
    } else {
        for para in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            page.push_str(&format!("<p>{}</p>", html_escape(para.trim())));
        }
    }
    page.push_str("</article></body></html>");
    page
}
