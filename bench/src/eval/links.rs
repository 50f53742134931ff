//! Knowledge-base link figures on GUM, printed by `eval ner`: GUM gives each mention
//! of a named entity the English Wikipedia title of its referent (`wiki`), and the
//! record gives an entity `kb.wikipedia` where the KB has the title.
//!
//! Precision: of the record's mentions whose entity carries `kb.wikipedia` and that
//! match a GUM mention (head in span, any GUM type), the share whose title is GUM's.
//! Recall: of GUM's named person/organisation/place mentions with a title, the share
//! the record links to that title; "KB holds" is the share of those titles the KB
//! has at all (the ceiling of recall). Entities linked by Wikidata id only (countries,
//! GeoNames places) have no title to compare and are not counted either way.

use newsgraph_kb::Linker;
use newsgraph_model::Article;

/// One GUM mention: character span, head, type, Wikipedia title, named.
pub struct GoldLink<'a> {
    pub start: usize,
    pub end: usize,
    pub head_start: usize,
    pub head_end: usize,
    pub etype: &'a str,
    pub wiki: Option<&'a str>,
    pub named: bool,
}

impl<'a> From<&'a super::coref::CorefMention> for GoldLink<'a> {
    fn from(m: &'a super::coref::CorefMention) -> Self {
        GoldLink {
            start: m.start,
            end: m.end,
            head_start: m.head_start,
            head_end: m.head_end,
            etype: &m.etype,
            wiki: m.wiki.as_deref(),
            named: m.named,
        }
    }
}

/// The [`GoldLink`] view of every GUM mention of a document (all of them: the
/// scorer keeps the named person/organisation/place ones for recall itself).
/// `eval coref` and `eval ner` both read GUM into [`super::coref::CorefMention`].
pub fn gold_links(mentions: &[super::coref::CorefMention]) -> Vec<GoldLink<'_>> {
    mentions.iter().map(GoldLink::from).collect()
}

/// Counts over documents.
#[derive(Debug, Default)]
pub struct LinkScore {
    /// Linked mentions matching a GUM mention: right title, wrong title, GUM has none.
    right: usize,
    wrong: usize,
    no_gold_title: usize,
    /// GUM named PER/ORG/LOC mentions with a title: found with it, title in the KB, all.
    gold_found: usize,
    gold_known: usize,
    gold_total: usize,
}

impl LinkScore {
    pub fn add(&mut self, linker: &Linker, article: &Article, gold: &[GoldLink]) {
        let mut linked: Vec<(usize, usize, &str)> = Vec::new();
        // Mention spans are in characters, as GUM's are.
        for e in &article.entities {
            let Some(title) = e.kb.as_ref().and_then(|kb| kb.wikipedia.as_deref()) else { continue };
            for m in &e.mentions {
                linked.push((m.span.start(), m.span.end(), title));
            }
        }
        let within =
            |g: &GoldLink, s: usize, e: usize| s <= g.head_start && e >= g.head_end && s >= g.start && e <= g.end;
        for &(s, e, title) in &linked {
            // The innermost GUM mention the linked one matches.
            let hit = gold.iter().filter(|g| within(g, s, e)).min_by_key(|g| g.end - g.start);
            match hit.map(|g| g.wiki.map(percent_decoded)) {
                Some(Some(w)) if w == title => self.right += 1,
                Some(Some(w)) => {
                    self.wrong += 1;
                    if std::env::var_os("NEWSGRAPH_LINK_DUMP").is_some() {
                        eprintln!("wrong link: {title:?} where GUM has {w:?}");
                    }
                }
                Some(None) => self.no_gold_title += 1,
                None => {}
            }
        }
        for g in gold.iter().filter(|g| g.named && matches!(g.etype, "person" | "organization" | "place")) {
            let Some(w) = g.wiki.map(percent_decoded) else { continue };
            self.gold_total += 1;
            if linker.knows_wikipedia(&w) {
                self.gold_known += 1;
            }
            if linked.iter().any(|&(s, e, t)| t == w && within(g, s, e)) {
                self.gold_found += 1;
            }
        }
    }

    pub fn print(&self) {
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        println!(
            " KB links (kb.wikipedia vs GUM's title): precision {:.3} ({} right, {} wrong; {} more where GUM has no title); \
             recall {:.3} of {} titled mentions, KB holds {:.3} of them",
            share(self.right, self.right + self.wrong),
            self.right,
            self.wrong,
            self.no_gold_title,
            share(self.gold_found, self.gold_total),
            self.gold_total,
            share(self.gold_known, self.gold_total),
        );
    }
}

/// GUM writes some titles URL-encoded ("Labour Party %28Hong Kong%29"): the title as text.
fn percent_decoded(title: &str) -> String {
    let bytes = title.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| title.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_encoded_titles_are_decoded() {
        assert_eq!(super::percent_decoded("Labour Party %28Hong Kong%29"), "Labour Party (Hong Kong)");
        assert_eq!(super::percent_decoded("100%"), "100%");
    }
}
