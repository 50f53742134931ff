//! Authors: byline text split into names, from structured data, author meta tags, or the
//! visible byline (`rel=author` links, elements named byline or author).
//!
//! It does not tell people from organisations in free text: a wire service's name is
//! dropped only when it is on the short list of labels that are never a byline.

use crate::html::dom::{Dom, Tag};
use crate::html::hints::Hint;

pub(super) fn clean_text(s: &str) -> String {
    crate::html::dom::collapse(&crate::html::entities::decode(s))
}

/// Splits a byline into names: "By A and B", "A, B & C", "A | Reuters".
pub(in crate::html) fn push_names(raw: &str, out: &mut Vec<String>) {
    let raw = clean_text(raw);
    if raw.contains("://") || raw.starts_with('@') || raw.len() > 200 {
        return;
    }
    let mut s = raw.as_str();
    for prefix in ["by ", "von ", "par ", "por ", "di ", "door ", "av ", "af ", "written by ", "posted by "] {
        if s.len() > prefix.len() && s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            s = &s[prefix.len()..];
            break;
        }
    }
    for part in s.split([',', '&', '|', ';', '/', '\n']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" und ")) {
        let name = part.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
        let words = name.split_whitespace().count();
        if name.is_empty() || words > 6 || name.chars().count() > 60 || name.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = name.to_lowercase();
        if matches!(
            lower.as_str(),
            "staff"
                | "admin"
                | "editor"
                | "reuters"
                | "ap"
                | "afp"
                | "updated"
                | "published"
                | "by"
                | "the author"
                | "author"
                | "posted"
                | "written"
        ) {
            continue;
        }
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
}

/// A user handle or a template placeholder rather than a name: one word, in lower case
/// or with dots or underscores in it (`jdoe`, `first.last`, `page.head.author`).
fn handle(name: &str) -> bool {
    !name.contains(' ')
        && (name.contains(['.', '_']) || !name.chars().any(char::is_uppercase))
        && name.chars().any(char::is_alphabetic)
}

/// The article's authors: structured data's (`ld_authors`), else author meta tags (unless
/// a labelled byline under the headline names someone else), else
/// the visible byline (`rel=author` links, a labelled byline by the headline, an element
/// named byline or author), else an organisation structured data names as the author.
/// Meta tags that give only user handles (`jdoe`, `first.last`, a template's placeholder)
/// wait until the visible byline has been looked for. `headline`: the headline's node,
/// 0 when there is none.
pub(super) fn authors(dom: &Dom, ld: &super::jsonld::JsonLd, headline: usize) -> Vec<String> {
    let mut out = Vec::new();
    if !ld.authors.is_empty() {
        // Structured data over the shown byline: taking the shown one where they differ
        // gains as many WCXB pages as it loses.
        out.extend(ld.authors.iter().cloned());
        return out;
    }
    let headline_path = crate::html::visible_date::ancestors(dom, headline);
    let scan = super::shown_byline::Scan::new(dom, headline, &headline_path);
    let near = &scan.near;
    for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "citation_author"]
    {
        for (k, v) in &dom.head.metas {
            if k == key {
                push_names(v, &mut out);
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    // A labelled byline under the headline that names none of the meta tags' authors: the
    // tags are the template's or the account that posted it ("Jiobal", the site's editor).
    if !near.is_empty() && !out.is_empty() && !out.iter().any(|n| near.iter().any(|s| s.eq_ignore_ascii_case(n))) {
        return near.clone();
    }
    let handles = if !out.is_empty() && out.iter().all(|n| handle(n)) { std::mem::take(&mut out) } else { Vec::new() };
    if !out.is_empty() {
        return out;
    }
    // Yoast's Twitter card: `twitter:label1` "Written by", `twitter:data1` the names.
    let twitter = |k: &str| dom.head.metas.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    if twitter("twitter:label1").is_some_and(|l| l.trim().eq_ignore_ascii_case("written by")) {
        if let Some(names) = twitter("twitter:data1") {
            push_names(names, &mut out);
        }
        if !out.is_empty() {
            return out;
        }
    }
    // Visible bylines: `rel=author` links, then elements named byline/author.
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.tag == Tag::A
            && node.element.as_ref().and_then(|e| e.extra.as_deref()).is_some_and(|r| r.contains("author"))
        {
            push_names(&dom.inner_text(i as u32), &mut out);
        }
    }
    if !out.is_empty() {
        return out;
    }
    if !near.is_empty() {
        return near.clone();
    }
    let shown = scan.elsewhere(dom, &headline_path);
    if !shown.is_empty() {
        return shown;
    }
    // Elements named byline or author: one named for the author's name first
    // (`author-name`, `byline__name`), else the first whose text reads as names, not as a
    // label, a role or a link ("Written By", "View more posts").
    let named = |h: &str| (h.contains("byline") || h.contains("author")) && !h.contains("bio");
    for name_first in [true, false] {
        for (i, node) in dom.nodes.iter().enumerate() {
            if node.element.is_none() || node.chars == 0 || node.chars > 120 || node.hint() == Hint::Hidden {
                continue;
            }
            let h = node.hints();
            if !named(h) || (name_first && !h.contains("name")) {
                continue;
            }
            let mut names = Vec::new();
            push_names(&dom.inner_text(i as u32), &mut names);
            if !names.is_empty() && names.iter().all(|n| super::shown_byline::name_like(n)) {
                return names;
            }
        }
    }
    if !handles.is_empty() {
        return handles;
    }
    // No person named anywhere: an organisation structured data gives as the author.
    if !ld.org_authors.is_empty() {
        return ld.org_authors.clone();
    }
    // Nothing reads as a name: the first such element's text, as before.
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.element.is_none() || node.chars == 0 || node.chars > 120 || node.hint() == Hint::Hidden {
            continue;
        }
        if named(node.hints()) {
            push_names(&dom.inner_text(i as u32), &mut out);
            if !out.is_empty() {
                break;
            }
        }
    }
    out
}
