//! Plain-text scrapes: the clean stage's job done from lines alone, with no markup.
//!
//! A scrape (the text of a page saved without its HTML) still carries the page's
//! furniture as lines: navigation words, injected spam, image captions, the
//! headline, a byline, a dateline, sub-headings, calls to action and footers.
//! [`clean_text_scrape`] reads each line's shape — its length, final
//! punctuation, script, and a few phrase lists — and its position relative to
//! the body paragraphs, without per-site rules. Sub-headings become
//! [`Section`]s and also stay in `text` as paragraphs of their own, as the HTML
//! path keeps them (a section's `start` is where its first paragraph after the
//! heading begins). Every line dropped from the text other than the title and
//! captions is listed in `removed` with its reason.

use newsgraph_model::{Article, DateSource, Image, Published, RemovalReason, Removed, Section};

mod furniture;
mod script;

use furniture::{byline, call_to_action, chrome, dateline, doubled, is_credited_caption, is_foreign_keywords};
use script::Script;

/// What one line of the scrape is.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Body,
    /// A short line not yet placed: title, sub-heading, or chrome, decided by position.
    Short,
    Title,
    Heading,
    /// An image caption (kept once, as metadata).
    Caption(String),
    Byline(Vec<String>),
    Dateline(String),
    Drop(RemovalReason),
}

struct Block {
    text: String,
    words: usize,
    role: Role,
}

/// Fills the clean layer of `article` from a plain-text scrape.
///
/// Fields the caller already set (a title or date from the container) are kept.
pub(crate) fn clean_text_scrape(text: &str, article: &mut Article) {
    let mut blocks: Vec<Block> =
        lines(text).into_iter().map(|(text, words)| Block { words, text, role: Role::Short }).collect();
    let dominant = Script::dominant(text);
    for block in blocks.iter_mut() {
        block.role = classify(block, dominant);
    }
    // A short line printed twice in a row is an image's alt text and caption:
    // the caption is kept once, as metadata.
    for i in 1..blocks.len() {
        let (before, after) = blocks.split_at_mut(i);
        let (previous, block) = (&mut before[i - 1], &mut after[0]);
        let captionable = matches!(previous.role, Role::Short | Role::Body | Role::Caption(_));
        if captionable && previous.text == block.text && (3..=40).contains(&block.words) {
            previous.role = Role::Caption(previous.text.clone());
            block.role = Role::Drop(RemovalReason::CaptionDuplicate);
        }
    }
    place_short_lines(&mut blocks);
    assemble(blocks, article);
}

/// The non-empty lines and their word counts, whitespace normalised; lines hard-wrapped
/// inside a paragraph are joined.
fn lines(text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut previous_blank = true;
    // Words in the block being built, counted as it grows (recounting would be quadratic).
    let mut last_words = 0;
    for raw in text.lines() {
        let line = normalize(raw);
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        // A line that continues a sentence (lowercase start, no full stop before it)
        // in the same paragraph is a hard wrap, not a new block.
        let continues = !previous_blank
            && last_words >= 6
            && line.chars().next().is_some_and(char::is_lowercase)
            && out.last().is_some_and(|(p, _)| !p.ends_with(['.', '!', '?', ':', '"', '\u{201d}']));
        let line_words = words(&line);
        match out.last_mut() {
            Some((last, count)) if continues => {
                last.push(' ');
                last.push_str(&line);
                *count += line_words;
                last_words = *count;
            }
            _ => {
                out.push((line, line_words));
                last_words = line_words;
            }
        }
        previous_blank = false;
    }
    out
}

/// The line with runs of whitespace (NBSP included) as one space, trimmed.
fn normalize(raw: &str) -> String {
    let mut line = String::with_capacity(raw.len());
    for word in raw.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// Words, counting scripts written without spaces by characters (two to a word).
fn words(text: &str) -> usize {
    let spaced = text.split_whitespace().count();
    if text.is_ascii() {
        return spaced;
    }
    let dense = text.chars().filter(|&c| matches!(Script::of(c), Some(Script::Cjk | Script::Thai))).count();
    spaced.max(dense / 2)
}

fn classify(block: &Block, dominant: Option<Script>) -> Role {
    let text = block.text.as_str();
    let lower = text.to_lowercase();
    if let Some(reason) = chrome(&lower) {
        return Role::Drop(reason);
    }
    if let Some(reason) = call_to_action(&lower, block.words) {
        return Role::Drop(reason);
    }
    if is_foreign_keywords(text, dominant) {
        return Role::Drop(RemovalReason::Spam);
    }
    if let Some(caption) = (block.words <= 120).then(|| doubled(text)).flatten() {
        return Role::Caption(caption.to_string());
    }
    if is_credited_caption(text, &lower, block.words) {
        return Role::Caption(text.to_string());
    }
    if let Some(authors) = byline(text) {
        return Role::Byline(authors);
    }
    if let Some(date) = dateline(text, &lower, block.words) {
        return Role::Dateline(date);
    }
    if is_body(text, block.words) {
        Role::Body
    } else {
        Role::Short
    }
}

/// A paragraph: long, or a sentence that ends like one.
fn is_body(text: &str, words: usize) -> bool {
    let end = text.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}', '»']);
    words >= 12
        || (words >= 4 && end.ends_with(['.', '。']) && !end.ends_with("..."))
        || (words >= 8 && end.ends_with(['?', '!', '…', '？', '！']))
}

/// Ends with sentence punctuation (possibly inside closing quotes or brackets).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}', '»'])
        .ends_with(['.', '!', '?', '…', '。', '？', '！'])
}

/// Decides the short lines by where they stand relative to the body paragraphs:
/// before it, the headline (the rest is chrome); between paragraphs, sub-headings;
/// after the last paragraph, footer.
fn place_short_lines(blocks: &mut [Block]) {
    let Some(first) = blocks.iter().position(|b| b.role == Role::Body) else {
        // No paragraph at all: the first fitting line is the headline, the rest is the text.
        let mut titled = false;
        for b in blocks.iter_mut().filter(|b| b.role == Role::Short) {
            b.role = if !titled && (2..=30).contains(&b.words) { Role::Title } else { Role::Body };
            titled |= b.role == Role::Title;
        }
        return;
    };
    let last = blocks.iter().rposition(|b| b.role == Role::Body).unwrap_or(first);
    // The body starts at the first paragraph that reads like prose. Long lines above
    // it that do not end like a sentence are headlines or captions, not paragraphs.
    let lede = blocks[..=last]
        .iter()
        .position(|b| b.role == Role::Body && (b.words > 30 || ends_sentence(&b.text)))
        .unwrap_or(first);
    for b in blocks[..lede].iter_mut().filter(|b| b.role == Role::Body && b.words <= 30) {
        b.role = Role::Short;
    }
    let first = blocks[..=lede].iter().position(|b| b.role == Role::Body).unwrap_or(lede);
    // The headline is the last headline-shaped line before the byline or dateline
    // (or before the body when there is neither); lines above it are kickers,
    // menus, or the caption of a lead photo.
    let meta = blocks[..first].iter().position(|b| matches!(b.role, Role::Byline(_) | Role::Dateline(_)));
    let headline = |b: &Block| b.role == Role::Short && (3..=30).contains(&b.words);
    let title = blocks[..meta.unwrap_or(first)]
        .iter()
        .rposition(headline)
        .or_else(|| blocks[..first].iter().position(headline))
        .or_else(|| blocks[..first].iter().position(|b| b.role == Role::Short && b.words == 2));
    for (i, b) in blocks[..first].iter_mut().enumerate() {
        if b.role != Role::Short {
            continue;
        }
        let above_title = title.is_some_and(|t| i < t);
        b.role = if Some(i) == title {
            Role::Title
        } else if b.words >= 5 && above_title {
            Role::Caption(b.text.clone())
        } else if b.words >= 8 {
            // A standfirst without a full stop.
            Role::Body
        } else if b.words >= 5 && !above_title {
            Role::Caption(b.text.clone())
        } else {
            Role::Drop(RemovalReason::Navigation)
        };
    }
    for i in first + 1..last {
        if blocks[i].role != Role::Short {
            continue;
        }
        let next_is_body = blocks[i + 1..=last]
            .iter()
            .find(|b| !matches!(b.role, Role::Drop(_) | Role::Caption(_) | Role::Dateline(_) | Role::Byline(_)))
            .is_some_and(|b| b.role == Role::Body);
        let shaped = blocks[i].words <= 14 && !blocks[i].text.ends_with([',', ';']);
        blocks[i].role = if next_is_body && shaped { Role::Heading } else { Role::Body };
    }
    for b in blocks[last + 1..].iter_mut() {
        if b.role == Role::Short {
            b.role = Role::Drop(RemovalReason::Footer);
        }
    }
}

fn assemble(blocks: Vec<Block>, article: &mut Article) {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut pending_heading: Option<String> = None;
    let mut sections = Vec::new();
    let mut title = None;
    let mut authors = Vec::new();
    let mut dates = Vec::new();
    let mut byline_date = None;
    for block in blocks {
        match block.role {
            Role::Body => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                    chars += 2;
                }
                if let Some(heading) = pending_heading.take() {
                    sections.push(Section { heading, start: chars });
                }
                chars += block.text.chars().count();
                text.push_str(&block.text);
            }
            Role::Title if title.is_none() => title = Some(block.text),
            Role::Title | Role::Short => {}
            Role::Heading => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                    chars += 2;
                }
                chars += block.text.chars().count();
                text.push_str(&block.text);
                pending_heading = Some(block.text);
            }
            Role::Caption(caption) => {
                if caption != block.text {
                    // The second copy of a doubled caption is what was dropped.
                    article.removed.push(Removed { text: caption.clone(), reason: RemovalReason::CaptionDuplicate });
                }
                if !article.images.iter().any(|i| i.caption.as_deref() == Some(caption.as_str())) {
                    article.images.push(Image { url: None, caption: Some(caption) });
                }
            }
            Role::Byline(names) => {
                if authors.is_empty() {
                    authors = names;
                }
                // "By Jane Doe | Dec. 30, 2021": a date in the byline, used when no dateline stands alone.
                if byline_date.is_none() {
                    byline_date = crate::dates::parse_date(&block.text);
                }
                article.removed.push(Removed { text: block.text, reason: RemovalReason::Byline });
            }
            Role::Dateline(date) => {
                let lower = block.text.to_lowercase();
                let updated = lower.contains("updated") || lower.contains("modified");
                dates.push((updated, date));
                article.removed.push(Removed { text: block.text, reason: RemovalReason::Dateline });
            }
            Role::Drop(reason) => article.removed.push(Removed { text: block.text, reason }),
        }
    }
    if article.title.is_none() {
        article.title = title;
    }
    if article.authors.is_empty() {
        article.authors = authors;
    }
    if article.published.is_none() {
        // The publication date, not the last update, when the page shows both.
        let date = dates.iter().find(|(updated, _)| !updated).or(dates.first());
        article.published = match date {
            Some((_, value)) => Some(Published { value: value.clone(), from: DateSource::Dateline }),
            None => byline_date.map(|value| Published { value, from: DateSource::Text }),
        };
    }
    article.sections = sections;
    article.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrape(text: &str) -> Article {
        let mut article = Article::default();
        clean_text_scrape(text, &mut article);
        article
    }

    #[test]
    fn line_shapes() {
        assert_eq!(doubled("Rescue teams near Kyiv Rescue teams near Kyiv"), Some("Rescue teams near Kyiv"));
        assert_eq!(doubled("one two one two"), None);
        assert_eq!(byline("By Jane Doe and John Q. Public | Reuters").unwrap(), ["Jane Doe", "John Q. Public"]);
        assert_eq!(byline("By Ana de Souza, Lima").unwrap(), ["Ana de Souza"]);
        assert_eq!(byline("By Smith, Jones and Brown").unwrap(), ["Smith", "Jones", "Brown"]);
        assert_eq!(byline("By 2030 emissions must halve"), None);
        assert_eq!(byline("by the way"), None);
        assert_eq!(
            dateline("Updated 4:06 PM, Dec. 30, 2021", "updated 4:06 pm, dec. 30, 2021", 6).as_deref(),
            Some("2021-12-30")
        );
        assert_eq!(
            dateline("Published: 30 December 2021", "published: 30 december 2021", 4).as_deref(),
            Some("2021-12-30")
        );
        assert_eq!(
            dateline(
                "Talks end on 30 December 2021 in Geneva after weeks",
                "talks end on 30 december 2021 in geneva after weeks",
                10
            ),
            None
        );
        assert!(is_foreign_keywords("蜜桃交友 在线", Some(Script::Latin)));
        assert!(!is_foreign_keywords("NATO", Some(Script::Latin)));
    }

    #[test]
    fn captions_above_the_headline_are_not_the_title() {
        let body = "Crews worked through the night to reach people trapped under collapsed buildings, officials said.";
        let twice = scrape(&format!(
            "Rescuers search rubble in Antakya\nRescuers search rubble in Antakya\nQuake toll passes 40,000\n{body}"
        ));
        assert_eq!(twice.title.as_deref(), Some("Quake toll passes 40,000"));
        assert_eq!(twice.images.len(), 1);
        assert_eq!(twice.removed[0].reason, RemovalReason::CaptionDuplicate);
        let once = scrape(&format!(
            "Menu\nRescuers search rubble in Antakya on Monday\nQuake toll passes 40,000\nBy Ana Kovacs\n{body}"
        ));
        assert_eq!(once.title.as_deref(), Some("Quake toll passes 40,000"));
        assert_eq!(once.images[0].caption.as_deref(), Some("Rescuers search rubble in Antakya on Monday"));
        assert!(once.text.starts_with("Crews worked"));
    }

    #[test]
    fn a_long_headline_is_still_the_title() {
        let a = scrape(
            "Storm forces thousands from their homes along the coast as rivers keep rising\n\
             Emergency crews moved more than 4,000 people overnight, officials said.\n\
             Schools in the region will stay closed until Friday at the earliest.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Storm forces thousands from their homes along the coast as rivers keep rising")
        );
        assert!(a.text.starts_with("Emergency crews"));
    }

    #[test]
    fn headline_byline_heading_and_footer_from_lines() {
        let page = "Menu\nHome | World | Europe\nFloods close Danube ports for a week\nBy Ana Kovacs\nPublished: 3 May 2024\n\n\
            Heavy rain upstream pushed the river over its banks on Monday, and port authorities in three countries halted all traffic.\n\
            Shipping firms said the closure would cost millions.\n\
            What comes next\n\
            Engineers expect the water to fall by the weekend, though more rain is forecast for the mountains.\n\
            Share\n\
            © 2024 River News";
        let a = scrape(page);
        assert_eq!(a.title.as_deref(), Some("Floods close Danube ports for a week"));
        assert_eq!(a.authors, ["Ana Kovacs"]);
        assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2024-05-03"));
        assert!(a.text.starts_with("Heavy rain upstream"));
        assert!(a.text.ends_with("for the mountains."));
        assert_eq!(a.sections.len(), 1);
        let s = &a.sections[0];
        assert_eq!(s.heading, "What comes next");
        assert!(a.text.chars().skip(s.start).collect::<String>().starts_with("Engineers expect"));
        let reasons: Vec<_> = a.removed.iter().map(|r| (r.text.as_str(), r.reason)).collect();
        assert!(reasons.contains(&("Menu", RemovalReason::Navigation)));
        assert!(reasons.contains(&("Home | World | Europe", RemovalReason::Navigation)));
        assert!(reasons.contains(&("Share", RemovalReason::Share)));
        assert!(reasons.contains(&("© 2024 River News", RemovalReason::Footer)));
    }
}
