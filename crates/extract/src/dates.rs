//! Dates written by people, read into ISO 8601.
//!
//! [`parse_date`] finds the first calendar date in a free-form string — ISO
//! (`2021-12-30T16:06:00+01:00`), day-month-year (`30 December 2021, 16:06`),
//! month-day-year (`Dec. 30, 2021 4:06 PM`, `Thursday, December 30, 2021`) or
//! numeric (`12/30/2021`, `30.12.2021`) — with the time of day when one follows
//! it, and gives `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`. Time zones are dropped
//! (the record keeps the local time the page shows). Impossible dates
//! (31 February) and years outside 1900–2100 are rejected. It does not resolve
//! relative dates ("yesterday"): that is the times annotator's job.

/// The first date in `s` as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` when a time follows it.
pub fn parse_date(s: &str) -> Option<String> {
    parse_date_in(s, Order::Usual)
}

/// Which way round a page writes the day and month of an all-numeric date (`01-04-2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Month first with slashes (`12/30/2021`), day first with dots and dashes (`30.12.2021`).
    Usual,
    /// Month first whatever the separator: American pages (`01-04-2024` is 4 January).
    MonthFirst,
    /// Day first whatever the separator: pages in languages other than English (`03/05/2022`
    /// is 3 May on a Spanish page).
    DayFirst,
}

/// [`parse_date`] for a page that writes numeric dates in `order`.
pub(crate) fn parse_date_in(s: &str, order: Order) -> Option<String> {
    // Bounded: a date sits near the start of whatever string it was cut from, and
    // hostile input must not cost more than a fixed amount of work.
    let s = match s.char_indices().nth(400) {
        Some((end, _)) => &s[..end],
        None => s,
    };
    let iso = iso_date(s);
    let tokens = tokenize(s);
    let written = (0..tokens.len()).find_map(|i| written_date(&tokens, i, order));
    // Whichever comes first in the string wins.
    match (iso, written) {
        (Some((ip, iso)), Some((wp, written))) => Some(if ip <= wp { iso } else { written }),
        (Some((_, iso)), None) => Some(iso),
        (None, Some((_, written))) => Some(written),
        (None, None) => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    /// Digits, with their byte offset in the string.
    Num(&'a str, usize),
    /// A run of letters, lowercased.
    Word(String, usize),
    Sym(char, usize),
}

impl Token<'_> {
    fn pos(&self) -> usize {
        match self {
            Token::Num(_, p) | Token::Word(_, p) | Token::Sym(_, p) => *p,
        }
    }
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            tokens.push(Token::Num(&s[start..end], start));
        } else if c.is_alphabetic() {
            let mut word = c.to_lowercase().to_string();
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                word.extend(d.to_lowercase());
                chars.next();
            }
            tokens.push(Token::Word(word, start));
        } else if !c.is_whitespace() {
            tokens.push(Token::Sym(c, start));
        }
    }
    tokens
}

/// Whether `s` names a month in words (`Dec 30, 2021`), not only in digits (`12/30/2021`).
pub(crate) fn names_month(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic()).any(|w| w.len() >= 3 && month(&w.to_lowercase()).is_some())
}

/// English month names, the one table every part of the crate reads dates with.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names.
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The month (1-12) a lowercased word names: full (`december`), three letters (`dec`), or `sept`;
/// or in full in German, French, Spanish, Italian, Portuguese or Dutch (`märz`, `août`, `mayo`).
pub(crate) fn month(word: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == word) {
        return Some(i as u32 + 1);
    }
    if let Some(m) = other_month(word) {
        return Some(m);
    }
    if word == "sept" {
        return Some(9);
    }
    // Three-letter abbreviations ("Dec", "dec.").
    MONTHS.iter().position(|m| word.len() == 3 && m.starts_with(word)).map(|i| i as u32 + 1)
}

/// Month names of the other languages the corpus is written in (English ones are in [`MONTHS`]).
fn other_month(word: &str) -> Option<u32> {
    Some(match word {
        "januar" | "jänner" | "janvier" | "enero" | "gennaio" | "janeiro" | "januari" => 1,
        "februar" | "février" | "fevrier" | "febrero" | "febbraio" | "fevereiro" | "februari" => 2,
        "märz" | "mars" | "marzo" | "março" | "maart" => 3,
        "avril" | "abril" | "aprile" => 4,
        "mai" | "mayo" | "maggio" | "maio" | "mei" => 5,
        "juni" | "juin" | "junio" | "giugno" | "junho" => 6,
        "juli" | "juillet" | "julio" | "luglio" | "julho" => 7,
        "août" | "aout" | "agosto" | "augustus" => 8,
        "septembre" | "septiembre" | "setiembre" | "settembre" | "setembro" => 9,
        "oktober" | "octobre" | "octubre" | "ottobre" | "outubro" => 10,
        "novembre" | "noviembre" | "novembro" => 11,
        "dezember" | "décembre" | "decembre" | "diciembre" | "dicembre" | "dezembro" => 12,
        _ => return None,
    })
}

/// Whether a lowercased word is a weekday, in full (`thursday`) or three letters (`thu`).
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| *d == word || (word.len() == 3 && d.starts_with(word)))
}

fn num(token: Option<&Token<'_>>, max_len: usize) -> Option<u32> {
    match token {
        Some(Token::Num(digits, _)) if digits.len() <= max_len => digits.parse().ok(),
        _ => None,
    }
}

fn year(token: Option<&Token<'_>>) -> Option<i32> {
    match token {
        Some(Token::Num(digits, _)) if digits.len() == 4 => digits.parse().ok().filter(|y| (1900..=2100).contains(y)),
        _ => None,
    }
}

fn is_sym(token: Option<&Token<'_>>, set: &[char]) -> bool {
    matches!(token, Some(Token::Sym(c, _)) if set.contains(c))
}

fn is_ordinal(token: Option<&Token<'_>>) -> bool {
    matches!(token, Some(Token::Word(w, _)) if ["st", "nd", "rd", "th", "er"].contains(&w.as_str()))
}

/// A written date starting at token `i`, with its byte position.
fn written_date(t: &[Token<'_>], i: usize, order: Order) -> Option<(usize, String)> {
    let (y, m, d, mut next) = day_month_year(t, i)
        .or_else(|| month_day_year(t, i))
        .or_else(|| numeric(t, i, order))
        .or_else(|| year_month_day(t, i))?;
    if !valid(y, m, d) {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{d:02}");
    // Separators between the date and its time: "30 December 2021, 16:06", "Dec 30, 2021 at 4:06 PM".
    while is_sym(t.get(next), &[',', '|', '-', '–', '—', '@', '·', '/'])
        || matches!(t.get(next), Some(Token::Word(w, _)) if w == "at")
    {
        next += 1;
    }
    if let Some(time) = time_of_day(t, next) {
        out.push('T');
        out.push_str(&time);
    }
    Some((t[i].pos(), out))
}

/// `30 December 2021`, `30th Dec. 2021`, `30. Dezember`-like forms with an English month.
fn day_month_year(t: &[Token<'_>], i: usize) -> Option<(i32, u32, u32, usize)> {
    let d = num(t.get(i), 2)?;
    let mut j = i + 1;
    if is_ordinal(t.get(j)) || is_sym(t.get(j), &['.']) {
        j += 1;
    }
    // `3 de mayo de 2021`, `3 de Outubro de 2021`.
    let filler = |j: usize| matches!(t.get(j), Some(Token::Word(w, _)) if w == "de");
    if filler(j) {
        j += 1;
    }
    let Some(Token::Word(w, _)) = t.get(j) else { return None };
    let m = month(w)?;
    j += 1;
    while is_sym(t.get(j), &['.', ',']) {
        j += 1;
    }
    if filler(j) {
        j += 1;
    }
    let y = year(t.get(j))?;
    Some((y, m, d, j + 1))
}

/// `December 30, 2021`, `Dec. 30th, 2021`.
fn month_day_year(t: &[Token<'_>], i: usize) -> Option<(i32, u32, u32, usize)> {
    let (m, d, mut j, _) = month_then_day(t, i)?;
    if is_sym(t.get(j), &[',']) {
        j += 1;
    }
    let y = year(t.get(j))?;
    Some((y, m, d, j + 1))
}

/// `2023 Jan 7`, `2023 January 7th`: the year-first written form of citation metadata
/// and library catalogues. The day must not run on into a number (`2023 May 5,000`).
fn year_month_day(t: &[Token<'_>], i: usize) -> Option<(i32, u32, u32, usize)> {
    let y = year(t.get(i))?;
    let (m, d, j, ordinal) = month_then_day(t, i + 1)?;
    if !ordinal && is_sym(t.get(j), &[',', '.', ':']) && matches!(t.get(j + 1), Some(Token::Num(..))) {
        return None;
    }
    Some((y, m, d, j))
}

/// A month name at `i`, an optional period, a day and an optional ordinal suffix
/// (`Dec. 30th`): month, day, the index after them, and whether a suffix was read.
fn month_then_day(t: &[Token<'_>], i: usize) -> Option<(u32, u32, usize, bool)> {
    let Some(Token::Word(w, _)) = t.get(i) else { return None };
    let m = month(w)?;
    let mut j = i + 1;
    if is_sym(t.get(j), &['.']) {
        j += 1;
    }
    let d = num(t.get(j), 2)?;
    j += 1;
    let ordinal = is_ordinal(t.get(j));
    if ordinal {
        j += 1;
    }
    Some((m, d, j, ordinal))
}

/// `12/30/2021` (month first, as US sites write it, unless the first number cannot be a
/// month), `30.12.2021` (day first, as European sites write it), `2021/12/30`. On a page
/// that [`Order::MonthFirst`] describes, `01-04-2024` is month first too; on one that
/// [`Order::DayFirst`] describes, `03/05/2022` is day first.
fn numeric(t: &[Token<'_>], i: usize, order: Order) -> Option<(i32, u32, u32, usize)> {
    let sep = match t.get(i + 1) {
        Some(Token::Sym(c @ ('/' | '.' | '-'), _)) => *c,
        _ => return None,
    };
    if !matches!(t.get(i + 3), Some(Token::Sym(c, _)) if *c == sep) {
        return None;
    }
    if let Some(y) = year(t.get(i)) {
        let (m, d) = (num(t.get(i + 2), 2)?, num(t.get(i + 4), 2)?);
        return Some((y, m, d, i + 5));
    }
    let (a, b) = (num(t.get(i), 2)?, num(t.get(i + 2), 2)?);
    let y = year(t.get(i + 4))?;
    let month_first = (sep == '/' && order != Order::DayFirst) || order == Order::MonthFirst;
    let (m, d) = if month_first && a <= 12 { (a, b) } else { (b, a) };
    Some((y, m, d, i + 5))
}

/// `16:06`, `16:06:30`, `4:06 PM`, `4:06 p.m.`, `4:06pm`.
fn time_of_day(t: &[Token<'_>], i: usize) -> Option<String> {
    let h = num(t.get(i), 2)?;
    if !is_sym(t.get(i + 1), &[':']) {
        return None;
    }
    let Some(Token::Num(mm, _)) = t.get(i + 2) else { return None };
    let min: u32 = mm.parse().ok().filter(|_| mm.len() == 2)?;
    let mut j = i + 3;
    let mut sec = None;
    if is_sym(t.get(j), &[':']) {
        if let Some(Token::Num(ss, _)) = t.get(j + 1) {
            sec = ss.parse::<u32>().ok().filter(|s| ss.len() == 2 && *s < 60);
            j += 2;
        }
    }
    let meridiem = match t.get(j) {
        Some(Token::Word(w, _)) if w == "am" || w == "pm" => Some(w == "pm"),
        Some(Token::Word(w, _)) if (w == "a" || w == "p") && is_sym(t.get(j + 1), &['.']) => {
            matches!(t.get(j + 2), Some(Token::Word(m, _)) if m == "m").then_some(w == "p")
        }
        _ => None,
    };
    let hour = match meridiem {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
        None => h,
    };
    if hour > 23 || min > 59 {
        return None;
    }
    Some(match sec {
        Some(s) => format!("{hour:02}:{min:02}:{s:02}"),
        None => format!("{hour:02}:{min:02}"),
    })
}

/// `YYYY-MM-DD` with an optional `THH:MM[:SS]` (or a space instead of `T`), and its position.
fn iso_date(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let mut start = 0;
    while start + 10 <= b.len() {
        // Not glued to a longer number on the left.
        let free = start == 0 || !b[start - 1].is_ascii_digit();
        if free && b[start + 4] == b'-' && b[start + 7] == b'-' {
            if let (Some(y), Some(m), Some(d)) = (digits(start, 4), digits(start + 5, 2), digits(start + 8, 2)) {
                let y = y as i32;
                if (1900..=2100).contains(&y) && valid(y, m, d) && !b.get(start + 10).is_some_and(u8::is_ascii_digit) {
                    let mut out = format!("{y:04}-{m:02}-{d:02}");
                    let t = start + 10;
                    if matches!(b.get(t), Some(b'T' | b' ')) && b.get(t + 3) == Some(&b':') {
                        if let (Some(h), Some(mi)) = (digits(t + 1, 2), digits(t + 4, 2)) {
                            if h < 24 && mi < 60 {
                                out.push_str(&format!("T{h:02}:{mi:02}"));
                                if b.get(t + 6) == Some(&b':') {
                                    if let Some(sec) = digits(t + 7, 2).filter(|s| *s < 60) {
                                        out.push_str(&format!(":{sec:02}"));
                                    }
                                }
                            }
                        }
                    }
                    return Some((start, out));
                }
            }
        }
        start += 1;
    }
    None
}

/// Whether `y-m-d` is a real day in the years news pages are dated with.
fn valid(y: i32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y) && newsgraph_model::calendar::date(y, m, d).is_some()
}

/// `/2021/12/30/`, `/2021-12-30`, `/2023/october/03/`, `/20211230/` in a URL path.
pub(crate) fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let digits: Vec<(usize, &str)> = path
        .split(|c: char| !c.is_ascii_digit())
        .scan(0usize, |pos, part| {
            let start = *pos;
            *pos += part.len() + 1;
            Some((start, part))
        })
        .filter(|(_, p)| !p.is_empty())
        .collect();
    for w in digits.windows(3) {
        let (y, m, d) = (w[0].1, w[1].1, w[2].1);
        if y.len() == 4 && m.len() <= 2 && d.len() <= 2 && w[1].0 == w[0].0 + 5 && w[2].0 == w[1].0 + m.len() + 1 {
            if let Some(date) = ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    // `/2023/october/03/`: the month spelled out.
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    for w in segments.windows(3) {
        let month = month(&w[1].to_ascii_lowercase());
        if let (Some(m), true) = (month, w[0].len() == 4 && w[2].len() <= 2) {
            if let Some(date) = ymd(w[0], &m.to_string(), w[2]) {
                return Some(date);
            }
        }
    }
    for (_, p) in &digits {
        if p.len() == 8 {
            if let Some(date) = ymd(&p[..4], &p[4..6], &p[6..]) {
                return Some(date);
            }
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::{parse_date, parse_date_in, Order};

    #[test]
    fn a_us_page_writes_dashed_numeric_dates_month_first() {
        // The usual reading: dashes and dots day first, slashes month first.
        assert_eq!(parse_date("Posted: 03-02-2023").as_deref(), Some("2023-02-03"));
        // On a US English page every separator is month first ...
        let us = |s| parse_date_in(s, Order::MonthFirst);
        assert_eq!(us("Posted: 03-02-2023").as_deref(), Some("2023-03-02"));
        assert_eq!(us("03/02/2023").as_deref(), Some("2023-03-02"));
        // ... unless the first number cannot be a month.
        assert_eq!(us("25-02-2023").as_deref(), Some("2023-02-25"));
        // Spelled-out and ISO dates are read the same.
        assert_eq!(us("2023-03-02").as_deref(), Some("2023-03-02"));
        assert_eq!(us("2 March 2023").as_deref(), Some("2023-03-02"));
        // On a page in another language slashes are day first too.
        assert_eq!(parse_date_in("Publicado el 03/05/2022", Order::DayFirst).as_deref(), Some("2022-05-03"));
        assert_eq!(parse_date_in("2022/05/03", Order::DayFirst).as_deref(), Some("2022-05-03"));
    }

    #[test]
    fn reads_the_usual_forms() {
        let p = |s| parse_date(s);
        assert_eq!(p("30 December 2021, 16:06").as_deref(), Some("2021-12-30T16:06"));
        assert_eq!(p("Dec. 30, 2021 4:06 PM").as_deref(), Some("2021-12-30T16:06"));
        assert_eq!(p("Dec 30, 2021 at 12:15 a.m. ET").as_deref(), Some("2021-12-30T00:15"));
        assert_eq!(p("2021-12-30T16:06:00+01:00").as_deref(), Some("2021-12-30T16:06:00"));
        assert_eq!(p("Thursday, December 30, 2021").as_deref(), Some("2021-12-30"));
        assert_eq!(p("12/30/2021").as_deref(), Some("2021-12-30"));
        assert_eq!(p("30/12/2021").as_deref(), Some("2021-12-30"));
        assert_eq!(p("30.12.2021, 16:06").as_deref(), Some("2021-12-30T16:06"));
        assert_eq!(p("Published 1st March 2020").as_deref(), Some("2020-03-01"));
        assert_eq!(p("Updated: 2020-02-29 09:05").as_deref(), Some("2020-02-29T09:05"));
        assert_eq!(p("posted on sept. 3rd, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(p("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(p("Donnerstag, 31. Mai 2012").as_deref(), Some("2012-05-31"));
        assert_eq!(p("1er août 2019 à 10:30").as_deref(), Some("2019-08-01"));
        assert_eq!(p("3 de mayo de 2021").as_deref(), Some("2021-05-03"));
        assert_eq!(p("Stand: 05. Februar 2020").as_deref(), Some("2020-02-05"));
        assert_eq!(p("Cureus. 2024 June 30;28(2):43").as_deref(), Some("2024-06-30"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "31 February 2021",
            "2021-02-29",
            "13/13/2021",
            "In May 2021 they met",
            "Page 1 of 12",
            "10,000 troops in 2014",
            "",
            "December 32, 2021",
            "1 January 1066",
            "In 2021 May 5,000 people came",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        // An impossible time is dropped, the date kept.
        assert_eq!(parse_date("30 December 2021, 26:06").as_deref(), Some("2021-12-30"));
    }
}
