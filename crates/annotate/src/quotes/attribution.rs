//! Attribution patterns: which cue and speaker phrase go with each direct
//! quote, and which cues introduce indirect (reported) speech.
//!
//! Direct quotes try, in order: a cue right before the opening mark
//! (`He added: "…"`), a cue right after the closing mark (`"…," Stoltenberg
//! said` / `"…," said X`), then any earlier cue of the sentence (`what he
//! called "…"`, `says that Russia "…"`, the latter a mixed quote). A quote with
//! no cue of its own continues the previous attributed quote of its paragraph,
//! or of the previous paragraph when it opens its paragraph. Indirect speech is
//! `X said (that) CLAUSE`, `CLAUSE, X said`, `CLAUSE, said X` and
//! `according to X`, with the content running to the end of the sentence.

use newsgraph_model::{ByteSpan, QuoteKind};

use super::lexicon::{self, CueClass, Lexicon};
use super::marks::QuoteSpan;
use super::speaker::{self, Range};
use super::text::Tok;

/// The longest reported content, in tokens; real sentences are far shorter.
const MAX_CONTENT: usize = 200;

/// How far a pattern looks for a comma or a quote-free stretch, in tokens.
const MAX_REACH: usize = 80;

/// One attribution before speaker resolution; ranges are token ranges.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub content: ByteSpan,
    pub cue: Range,
    pub speaker: Option<Range>,
}

/// The tokenized document the patterns read.
pub struct Doc<'a> {
    pub tokens: &'a [Tok<'a>],
    pub quotes: &'a [QuoteSpan],
    pub sentences: &'a [Range],
    /// Token range of each quote, marks included.
    pub quote_tokens: Vec<Range>,
    /// Sentence index of each token.
    pub sentence_of: Vec<usize>,
    /// Paragraph index of each token.
    pub paragraph_of: Vec<usize>,
    /// The language's words.
    pub lex: Lexicon,
}

impl<'a> Doc<'a> {
    pub fn new(tokens: &'a [Tok<'a>], quotes: &'a [QuoteSpan], sentences: &'a [Range], lex: Lexicon) -> Self {
        let mut quote_tokens = vec![(usize::MAX, 0); quotes.len()];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(range) = t.quote.and_then(|q| quote_tokens.get_mut(q)) {
                range.0 = range.0.min(i);
                range.1 = range.1.max(i + 1);
            }
        }
        let mut sentence_of = vec![0; tokens.len()];
        for (s, &(start, end)) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[start..end] {
                *slot = s;
            }
        }
        let mut paragraph_of = Vec::with_capacity(tokens.len());
        let mut paragraph = 0;
        for t in tokens {
            paragraph += usize::from(t.after_break);
            paragraph_of.push(paragraph);
        }
        Doc { tokens, quotes, sentences, quote_tokens, sentence_of, paragraph_of, lex }
    }

    fn sentence(&self, token: usize) -> Range {
        self.sentence_of.get(token).and_then(|&s| self.sentences.get(s)).copied().unwrap_or((0, 0))
    }

    /// A reporting verb used as a verb here: lowercase, not after a determiner
    /// or possessive (`the report`, `Clinton's claims`), not in quoted speech.
    fn cue_at(&self, k: usize) -> Option<lexicon::Cue> {
        let t = &self.tokens[k];
        if !t.is_word() || t.capitalized || t.quote.is_some() {
            return None;
        }
        let cue = self.lex.cue(&t.lower)?;
        if let Some(prev) = k.checked_sub(1).map(|p| &self.tokens[p]) {
            if self.lex.blocks_cue(prev.low()) {
                return None;
            }
        }
        Some(cue)
    }

    /// The number of tokens of the "according to" phrase starting at token `k`.
    fn according_at(&self, k: usize) -> Option<usize> {
        let n = self.lex.according(self.tokens[k..].iter().take(3).map(Tok::low))?;
        // "il secondo turno", "o segundo": an ordinal after a determiner.
        let ordinal = !self.lex.is_english() && k > 0 && self.lex.is_determiner(self.tokens[k - 1].low(), &[]);
        (!ordinal && self.tokens[k..k + n].iter().all(|t| t.is_word())).then_some(n)
    }

    fn valid(&self, range: Option<Range>) -> Option<Range> {
        range.filter(|&r| speaker::looks_like_source(self.lex, self.tokens, r))
    }

    /// The speaker phrase of the cue at `k`, looked for on its left.
    fn speaker_of(&self, k: usize, sentence: Range, cue: lexicon::Cue) -> Option<Range> {
        let progressive =
            k > sentence.0 && matches!(self.tokens[k - 1].low(), "is" | "was" | "are" | "were" | "been" | "be");
        if cue.participle && !progressive {
            // "Trump unleashed tweets saying ...": the participle's subject is the clause's.
            return self.valid(speaker::sentence_subject(self.lex, self.tokens, sentence));
        }
        let found = self.valid(speaker::before(self.lex, self.tokens, sentence.0, k));
        if let Some(s) = found {
            // "Apple Music show", "record low support": a noun, not a verb.
            return (!cue.noun_like || speaker::ends_like_subject(self.lex, self.tokens, s)).then_some(s);
        }
        // "Trump, speaking ..., bemoaned the unrest and said he ...": the subject opens the sentence.
        let mut i = k;
        while i > sentence.0 && self.lex.is_auxiliary(&self.tokens[i - 1].lower) {
            i -= 1;
        }
        if i > sentence.0 && self.lex.is_and(self.tokens[i - 1].low()) {
            return self.valid(speaker::sentence_subject(self.lex, self.tokens, sentence));
        }
        None
    }

    /// The span of tokens `from..to` as reported content, trimmed of closing
    /// punctuation; `None` under three words. Capped at [`MAX_CONTENT`] tokens
    /// so a run-on "sentence" cannot make the output quadratic.
    fn content_span(&self, from: usize, to: usize) -> Option<ByteSpan> {
        let mut to = to.min(from + MAX_CONTENT).min(self.tokens.len());
        if from >= to {
            return None;
        }
        while to > from && matches!(self.tokens[to - 1].low(), "." | "!" | "?" | "," | ";" | ":" | "—") {
            to -= 1;
        }
        let words = self.tokens[from..to].iter().filter(|t| t.is_word()).take(3).count();
        (words >= 3).then(|| ByteSpan::new(self.tokens[from].span.start(), self.tokens[to - 1].span.end()))
    }
}

/// Attributions of the direct quotes, plus the cue tokens they used.
pub fn direct(doc: &Doc) -> (Vec<Attribution>, Vec<bool>) {
    let mut used = vec![false; doc.tokens.len()];
    let mut out = Vec::new();
    // The last attribution: (cue, speaker, paragraph of the quote).
    let mut last: Option<(Range, Option<Range>, usize)> = None;
    let mut q = 0;
    while q < doc.quotes.len() {
        let group = doc.quotes[q].group;
        let mut end = q + 1;
        while end < doc.quotes.len() && doc.quotes[end].group == group {
            end += 1;
        }
        let first = doc.quote_tokens[q];
        let last_piece = doc.quote_tokens[end - 1];
        if first.0 == usize::MAX || last_piece.0 == usize::MAX {
            q = end;
            continue;
        }
        let found = before_quote(doc, first.0, true)
            .or_else(|| after_quote(doc, last_piece.1 - 1))
            .or_else(|| before_quote(doc, first.0, false))
            .or_else(|| colon_intro(doc, first.0));
        let paragraph = doc.paragraph_of[first.0];
        let attribution = match found {
            Some((kind, cue, speaker)) => {
                // A naming with an object before the quote (`called half of his supporters
                // "deplorables"`) also reports the whole predicate: leave the cue to the indirect pass.
                let naming_object = doc.cue_at(cue.0).is_some_and(|c| c.class == CueClass::Naming)
                    && doc.tokens.get(cue.1..first.0).unwrap_or(&[]).iter().any(|t| t.is_word());
                if kind != QuoteKind::Mixed && !naming_object {
                    used[cue.0..cue.1].iter_mut().for_each(|u| *u = true);
                }
                Some((kind, cue, speaker))
            }
            None => last.and_then(|(cue, speaker, p)| {
                let opens_paragraph = doc.tokens[first.0].after_break || first.0 == 0;
                (p == paragraph || (p + 1 == paragraph && opens_paragraph)).then_some((QuoteKind::Direct, cue, speaker))
            }),
        };
        if let Some((kind, cue, speaker)) = attribution {
            for piece in &doc.quotes[q..end] {
                out.push(Attribution { kind, content: piece.inner, cue, speaker });
            }
            last = Some((cue, speaker, doc.paragraph_of[last_piece.0]));
        }
        q = end;
    }
    (out, used)
}

/// A cue before the quote opening at token `open`. `strong` asks for the cue to
/// introduce the quote directly (`said: "`, `told reporters, "`).
fn before_quote(doc: &Doc, open: usize, strong: bool) -> Option<(QuoteKind, Range, Option<Range>)> {
    let sentence = doc.sentence(open);
    let lowest = sentence.0.max(open.saturating_sub(40));
    let mut k = open;
    let found = loop {
        if k <= lowest {
            return None;
        }
        k -= 1;
        if let Some(n) = doc.according_at(k) {
            break (k, None, n);
        }
        if let Some(cue) = doc.cue_at(k) {
            break (k, Some(cue), 1);
        }
    };
    let (k, cue, n) = found;
    let between = &doc.tokens[k + 1..open];
    let words_between = between.iter().filter(|t| t.is_word()).count();
    let no_that = !between.iter().any(|t| doc.lex.is_complementizer(t.low()));
    let naming = cue.is_some_and(|c| c.class == CueClass::Naming);
    let introduces = k + 1 == open
        || (doc.tokens[open - 1].low() == ":" || doc.tokens[open - 1].is(",")) && words_between <= 4 && no_that
        // `described the situation as "…"`, `called him "…"`: the naming is the quote.
        || naming && words_between <= 10 && no_that;
    if strong && !introduces {
        return None;
    }
    let Some(cue) = cue else {
        // "according to X, "…"".
        let speaker = doc.valid(speaker::after(doc.lex, doc.tokens, k + n, open));
        return Some((QuoteKind::Direct, (k, k + n), speaker));
    };
    let kind = if introduces || cue.class == CueClass::Naming || words_between == 0 {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    // "She went on to say: "…"": a cue that introduces the quote keeps the sentence's subject.
    let speaker = doc
        .speaker_of(k, sentence, cue)
        .or_else(|| introduces.then(|| doc.valid(speaker::sentence_subject(doc.lex, doc.tokens, sentence))).flatten());
    speaker.map(|s| (kind, (k, k + 1), Some(s)))
}

/// `He demurred: "…"`, `Trump went further: "…"`: a colon after a clause
/// introduces the quote even without a known verb; the word before the colon
/// stands as the cue and the sentence's subject as the speaker.
fn colon_intro(doc: &Doc, open: usize) -> Option<(QuoteKind, Range, Option<Range>)> {
    let colon = open.checked_sub(1).filter(|&c| doc.tokens[c].is(":"))?;
    let sentence = doc.sentence(open);
    let cue =
        colon.checked_sub(1).filter(|&c| c > sentence.0 && doc.tokens[c].is_word() && !doc.tokens[c].capitalized)?;
    let speaker = doc.valid(speaker::sentence_subject(doc.lex, doc.tokens, sentence))?;
    (speaker.1 <= cue).then_some((QuoteKind::Direct, (cue, cue + 1), Some(speaker)))
}

/// A cue after the quote whose closing mark is token `close`.
fn after_quote(doc: &Doc, close: usize) -> Option<(QuoteKind, Range, Option<Range>)> {
    let sentence = doc.sentence(close);
    if let Some(found) = dash_signature(doc, close) {
        return Some(found);
    }
    let mut j = close + 1;
    while j < sentence.1 && matches!(doc.tokens[j].low(), "," | "—" | "–") {
        j += 1;
    }
    if j >= sentence.1 {
        return None;
    }
    // `"…," said X` and `"…" according to X`.
    if let Some(n) = doc.according_at(j) {
        let speaker = doc.valid(speaker::after(doc.lex, doc.tokens, j + n, sentence.1));
        return speaker.map(|s| (QuoteKind::Direct, (j, j + n), Some(s)));
    }
    if !doc.lex.is_english() {
        if let Some(found) = inverted_cue(doc, j, sentence) {
            return Some(found);
        }
    }
    if doc.cue_at(j).is_some_and(|c| !c.participle) {
        if let Some(s) = doc.valid(speaker::after(doc.lex, doc.tokens, j + 1, sentence.1)) {
            return Some((QuoteKind::Direct, (j, j + 1), Some(s)));
        }
    }
    // `"…," X said`: the first cue within a short stretch, its speaker the words before it.
    let limit = sentence.1.min(j + 25);
    let k = (j..limit)
        .take_while(|&k| doc.tokens[k].quote.is_none() && !matches!(doc.tokens[k].low(), "!" | "?"))
        .find(|&k| doc.cue_at(k).is_some())?;
    let mut end = k;
    while end > j && doc.lex.is_auxiliary(&doc.tokens[end - 1].lower) {
        end -= 1;
    }
    let cut = (j..end)
        .find(|&i| matches!(doc.tokens[i].low(), "," | "(") || doc.lex.is_phrase_boundary(&doc.tokens[i].lower))
        .unwrap_or(end);
    // Words like "before" between the name and the verb mean the verb has another subject.
    if cut < end && doc.tokens[cut].is_word() {
        return None;
    }
    let named = doc.tokens[j..cut].iter().any(|t| t.capitalized);
    if cut == j || cut - j > 8 || !(speaker_start(doc.lex, &doc.tokens[j]) || named) {
        return None;
    }
    let speaker = doc.valid(Some((j, cut)))?;
    // `"…" a Donald Trump tweet attacking`: a noun-like cue must follow a subject.
    let noun_like = doc.cue_at(k).is_some_and(|c| c.noun_like);
    if noun_like && (cut != end || doc.tokens[j].is("a") || doc.tokens[j].is("an")) {
        return None;
    }
    Some((QuoteKind::Direct, (k, k + 1), Some(speaker)))
}

/// `"…" ― Karen Bobadilla`: a dash and a name closing the line sign the quote.
fn dash_signature(doc: &Doc, close: usize) -> Option<(QuoteKind, Range, Option<Range>)> {
    let tokens = doc.tokens;
    let dash = close + 1;
    if !tokens.get(dash).is_some_and(|t| matches!(t.low(), "―" | "—" | "–") && !t.after_break) {
        return None;
    }
    let mut end = dash + 1;
    while end < tokens.len()
        && end - dash <= 6
        && !tokens[end].after_break
        && tokens[end].is_word()
        && tokens[end].capitalized
    {
        end += 1;
    }
    let line_ends = tokens
        .get(end)
        .is_none_or(|t| t.after_break || (t.is(".") && tokens.get(end + 1).is_none_or(|n| n.after_break)));
    (end > dash + 1 && line_ends).then_some((QuoteKind::Direct, (dash, dash + 1), Some((dash + 1, end))))
}

fn speaker_start(lex: Lexicon, t: &Tok<'_>) -> bool {
    let determiner = if lex.is_english() {
        matches!(t.low(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one" | "another")
    } else {
        lex.is_determiner(t.low(), &[])
    };
    t.is_word() && (t.capitalized || lex.pronoun(&t.lower).is_some() || determiner)
}

/// The inverted order of the languages other than English, after a quote:
/// `„…“, sagte er`, `« … », a-t-il déclaré` (the view cuts "a" "il"), `«…», ha detto il
/// ministro`, `„…“, hat er gesagt`, `„…“, so Müller`. Auxiliaries and one subject
/// pronoun may stand before the verb; without that pronoun the speaker follows the verb.
fn inverted_cue(doc: &Doc, j: usize, sentence: Range) -> Option<(QuoteKind, Range, Option<Range>)> {
    let tokens = doc.tokens;
    if doc.lex.is_after_quote_cue(tokens[j].low()) {
        let speaker = doc.valid(speaker::after(doc.lex, tokens, j + 1, sentence.1))?;
        return Some((QuoteKind::Direct, (j, j + 1), Some(speaker)));
    }
    let mut pronoun: Option<usize> = None;
    let mut k = j;
    while k < sentence.1 && k < j + 4 && tokens[k].is_word() && tokens[k].quote.is_none() {
        if doc.cue_at(k).is_some() {
            break;
        }
        let lower = tokens[k].low();
        if pronoun.is_none() && k > j && doc.lex.pronoun(lower).is_some() {
            pronoun = Some(k);
        } else if !doc.lex.is_auxiliary(lower) {
            return None;
        }
        k += 1;
    }
    if k == j || k >= sentence.1 || doc.cue_at(k).is_none_or(|c| c.participle) {
        return None;
    }
    let speaker = match pronoun {
        Some(p) => Some((p, p + 1)),
        None => doc.valid(speaker::after(doc.lex, tokens, k + 1, sentence.1)),
    }?;
    Some((QuoteKind::Direct, (k, k + 1), Some(speaker)))
}

/// Indirect attributions from the cues the direct quotes did not use.
pub fn indirect(doc: &Doc, used: &[bool]) -> Vec<Attribution> {
    let mut out = Vec::new();
    for &sentence in doc.sentences {
        let mut last_speaker: Option<Range> = None;
        for (k, _) in used.iter().enumerate().take(sentence.1).skip(sentence.0).filter(|(_, &u)| !u) {
            let found = if let Some(n) = doc.according_at(k) {
                according_to(doc, k, n, sentence)
            } else {
                reported(doc, k, sentence, last_speaker)
            };
            if let Some(a) = found {
                last_speaker = a.speaker.or(last_speaker);
                out.push(a);
            }
        }
    }
    out
}

/// `according to X, CLAUSE` and `CLAUSE, according to X`.
fn according_to(doc: &Doc, k: usize, n: usize, sentence: Range) -> Option<Attribution> {
    let mut speaker = doc.valid(speaker::after(doc.lex, doc.tokens, k + n, sentence.1))?;
    let content = if k == sentence.0 || (k > sentence.0 && doc.tokens[k - 1].is(",") && k - sentence.0 <= 6) {
        let comma = (speaker.1..sentence.1.min(speaker.1 + MAX_REACH)).find(|&i| doc.tokens[i].is(","));
        match comma {
            Some(after) => doc.content_span(after + 1, sentence.1)?,
            // `Laut Merz fehlt …`, `Volgens Wilders moet …`: no comma; the speaker is the name.
            None if !doc.lex.is_english() => {
                speaker = name_after(doc, speaker)?;
                doc.content_span(speaker.1, sentence.1)?
            }
            None => return None,
        }
    } else {
        let comma = if doc.tokens[k - 1].is(",") { k - 1 } else { k };
        doc.content_span(sentence.0.max(comma.saturating_sub(MAX_REACH)), comma)?
    };
    Some(Attribution { kind: QuoteKind::Indirect, content, cue: (k, k + n), speaker: Some(speaker) })
}

/// The start of the speaker phrase `range` that names the speaker, when no comma
/// ends it: determiners and capitalized words (`dem Sprecher des Ministeriums`,
/// `Wilders`), and one lowercase noun after a determiner (`de premier`).
fn name_after(doc: &Doc, range: Range) -> Option<Range> {
    let tokens = doc.tokens;
    let mut end = range.0;
    while end < range.1 {
        let t = &tokens[end];
        let after_determiner = end > range.0 && doc.lex.is_determiner(tokens[end - 1].low(), &[]);
        if !(t.capitalized || doc.lex.is_determiner(t.low(), &[]) || after_determiner) {
            break;
        }
        end += 1;
    }
    (end > range.0 && tokens[range.0..end].iter().any(|t| !doc.lex.is_determiner(t.low(), &[])))
        .then_some((range.0, end))
}

/// `X said (that) CLAUSE`, `CLAUSE, X said`, `CLAUSE, said X`.
fn reported(doc: &Doc, k: usize, sentence: Range, last_speaker: Option<Range>) -> Option<Attribution> {
    let cue = doc.cue_at(k)?;
    let tokens = doc.tokens;
    let next = tokens.get(k + 1).filter(|_| k + 1 < sentence.1);
    // Passive "was asked", "is expected": the subject is not the speaker.
    let prev = k.checked_sub(1).map(|p| tokens[p].low()).unwrap_or("");
    if !cue.participle && doc.lex.is_passive(prev) {
        return None;
    }
    let mut cue_end = k + 1;
    if cue.class == CueClass::Naming {
        if doc.lex.is_english() && next.is_some_and(|t| t.is("for") || t.is("on")) {
            cue_end = k + 2;
        } else {
            // "Democrats called the citation a ploy": the naming is the content; the namer
            // must stand right before the verb (not "His group, called the Fund, ...").
            let speaker = doc
                .valid(speaker::before(doc.lex, tokens, sentence.0, k))
                .filter(|&s| s.1 == k && (!cue.noun_like || speaker::ends_like_subject(doc.lex, tokens, s)))?;
            if !next.is_some_and(|t| t.is_word()) {
                return None;
            }
            let content = doc.content_span(k + 1, sentence.1)?;
            return Some(Attribution { kind: QuoteKind::Indirect, content, cue: (k, k + 1), speaker: Some(speaker) });
        }
    }
    let subject_right_before = || {
        let mut i = k;
        while i > sentence.0 && doc.lex.is_auxiliary(&tokens[i - 1].lower) {
            i -= 1;
        }
        doc.valid(speaker::before(doc.lex, tokens, sentence.0, k)).filter(|s| s.1 == i)
    };
    // "glaubt, dass", "считает, что": a comma before the complementizer.
    let clause_next = next.is_some_and(|t| {
        doc.lex.is_complementizer(t.low())
            || !doc.lex.is_english()
                && t.is(",")
                && tokens.get(k + 2).is_some_and(|c| k + 2 < sentence.1 && doc.lex.is_complementizer(c.low()))
    });
    match cue.class {
        CueClass::Cognition if clause_next || next.is_some_and(|t| doc.lex.pronoun(&t.lower).is_some()) => {}
        // "units believed to have been moved": a passive, not a belief someone reports.
        CueClass::Cognition if doc.lex.is_english() && next.is_some_and(|t| t.is("to")) => return None,
        // "Er glaubt an Gott": the other languages' verbs of thinking report only a clause.
        CueClass::Cognition if !doc.lex.is_english() => return None,
        CueClass::Cognition | CueClass::Stance => {
            // "Trump wants to build a wall": the rest of the sentence is the stance.
            let speaker =
                subject_right_before().filter(|&s| !cue.noun_like || speaker::ends_like_subject(doc.lex, tokens, s))?;
            let content = doc.content_span(k + 1, sentence.1)?;
            return Some(Attribution { kind: QuoteKind::Indirect, content, cue: (k, k + 1), speaker: Some(speaker) });
        }
        _ => {}
    }
    let after_comma = k > sentence.0 && tokens[k - 1].is(",");
    if cue.noun_like {
        let subject = doc.valid(speaker::before(doc.lex, tokens, sentence.0, k));
        if !subject.is_some_and(|s| speaker::ends_like_subject(doc.lex, tokens, s)) {
            return None;
        }
    }
    let mut speaker = if cue.participle && after_comma && last_speaker.is_some() {
        last_speaker
    } else {
        doc.speaker_of(k, sentence, cue)
    };
    let forward = forward_content(doc, k, cue_end, cue.class, sentence);
    if let Some(content) = forward {
        return speaker.map(|s| Attribution {
            kind: QuoteKind::Indirect,
            content,
            cue: (k, cue_end),
            speaker: Some(s),
        });
    }
    // Content before the cue: `CLAUSE, X said.` or `CLAUSE, said X.`
    let comma = if after_comma && speaker.is_none() {
        speaker = doc.valid(speaker::after(doc.lex, tokens, k + 1, sentence.1));
        k - 1
    } else {
        let s = speaker?;
        if s.0 == sentence.0 || !tokens[s.0 - 1].is(",") {
            return None;
        }
        s.0 - 1
    };
    let speaker = speaker?;
    // "The museum, Mr. Obama said, would make visitors ...": the report wraps the attribution.
    if tokens.get(k + 1).is_some_and(|t| t.is(",")) && k + 1 < sentence.1 {
        let rest_words = tokens[k + 2..sentence.1].iter().filter(|t| t.is_word()).take(3).count();
        let quoted = tokens[sentence.0..sentence.1.min(sentence.0 + MAX_CONTENT)].iter().any(|t| t.quote.is_some());
        if rest_words >= 3 && !quoted {
            let content = doc.content_span(sentence.0, sentence.1)?;
            return Some(Attribution { kind: QuoteKind::Indirect, content, cue: (k, cue_end), speaker: Some(speaker) });
        }
    }
    let from = sentence.0.max(comma.saturating_sub(MAX_REACH));
    if (from..comma).any(|i| tokens[i].quote.is_some()) {
        return None;
    }
    let content = doc.content_span(from, comma)?;
    Some(Attribution { kind: QuoteKind::Indirect, content, cue: (k, cue_end), speaker: Some(speaker) })
}

/// The reported clause after a cue: after `that` if it comes soon, else right
/// after the verb (and its listener for `told reporters ...`).
fn forward_content(doc: &Doc, k: usize, cue_end: usize, class: CueClass, sentence: Range) -> Option<ByteSpan> {
    let tokens = doc.tokens;
    let end = sentence.1;
    let mut j = cue_end;
    if j >= end {
        return None;
    }
    // "that" after an adjunct or a listener (`said in a statement that`), not a
    // later "that" inside the clause itself (`claims its troops ... and that`).
    let lex = doc.lex;
    // Other languages: also after an adverb or a comma (`sagte auch, dass`, `заявил, что`).
    let other_opening = !lex.is_english() && (tokens[j].is(",") || lex.is_auxiliary(&tokens[j].lower));
    let look_for_that = lex.is_complementizer(tokens[j].low())
        || lex.opens_adjunct(&tokens[j].lower)
        || class == CueClass::Addressed
        || other_opening;
    let that = (j..end.min(j + 10))
        .filter(|_| look_for_that)
        .take_while(|&i| tokens[i].quote.is_none() && !matches!(tokens[i].low(), "." | ";"))
        .find(|&i| lex.is_complementizer(tokens[i].low()));
    if let Some(i) = that {
        return doc.content_span(i + 1, end);
    }
    // "Er sagte, die Regierung werde …": a comma alone opens the reported clause.
    if lex.comma_clause() && tokens[j].is(",") && tokens.get(j + 1).is_some_and(|t| t.is_word() && t.quote.is_none()) {
        return doc.content_span(j + 1, end);
    }
    // The other languages introduce a reported clause with "that", a colon or (German)
    // a comma; an object right after the verb ("a annoncé un plan") is not one.
    if !lex.is_english() && !tokens[j].is(":") {
        return None;
    }
    if tokens[j].is(":") {
        return doc.content_span(j + 1, end);
    }
    if class == CueClass::Addressed && tokens[j].is_word() {
        // Skip the listener: a capitalized name ("told CNN"), or one word ("told reporters").
        if tokens[j].is("the") {
            j += 1;
        }
        if tokens.get(j).is_some_and(|t| t.capitalized) {
            while j < end && tokens[j].capitalized && tokens[j].is_word() {
                j += 1;
            }
        } else {
            j += 1;
        }
    }
    let first = tokens.get(j).filter(|_| j < end)?;
    // "Everything Trump says is a lie": a verb right after the cue means it sat in a relative clause.
    if lex.is_auxiliary(&first.lower) && !first.is("also") || first.is("by") {
        return None;
    }
    if !first.is_word() || first.quote.is_some() || lex.opens_adjunct(&first.lower) || k + 1 < cue_end {
        // "called for" takes its object as the content.
        return if k + 1 < cue_end { doc.content_span(cue_end, end) } else { None };
    }
    doc.content_span(j, end)
}

/// Ends each indirect content before the speaker phrase of another attribution
/// that opens a clause inside it (`While he acknowledged X, Ham also noted ...`
/// ends at "X"), so two reports in one sentence do not swallow each other.
pub fn trim_at_other_speakers(tokens: &[Tok<'_>], found: &mut [Attribution]) {
    // Only a speaker that opens a new clause after punctuation cuts ("…, Ham noted");
    // "what he called" and "the U.S. and its allies will seek" stay inside the report.
    let opens_clause = |s: Range| s.0 > 0 && matches!(tokens[s.0 - 1].low(), "," | ";" | "―" | "—" | "–");
    let mut starts: Vec<usize> =
        found.iter().filter_map(|a| a.speaker.filter(|&s| opens_clause(s)).map(|s| tokens[s.0].span.start())).collect();
    starts.sort_unstable();
    starts.dedup();
    for a in found.iter_mut().filter(|a| a.kind == QuoteKind::Indirect) {
        let own = a.speaker.map(|s| tokens[s.0].span.start());
        let from = starts.partition_point(|&p| p <= a.content.start());
        let Some(&cut) = starts[from..].iter().take_while(|&&p| p < a.content.end()).find(|&&p| Some(p) != own) else {
            continue;
        };
        // The last word token before the other speaker, skipping commas and conjunctions.
        let mut t = tokens.partition_point(|t| t.span.start() < cut);
        while t > 0 && !tokens[t - 1].is_word() {
            t -= 1;
        }
        if t > 0 && tokens[t - 1].span.end() > a.content.start() {
            a.content = ByteSpan::new(a.content.start(), tokens[t - 1].span.end());
        }
    }
}
