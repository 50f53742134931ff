use newsgraph_model::{Article, DateSource, PageKind};

use super::plain_text;

fn clean(html: &str) -> Article {
    let mut article = Article::default();
    crate::html::extract(html, Some("https://news.example.org/live/storm"), &mut article, false);
    article
}

const BODIES: [&str; 3] = [
    "Ferries left the harbour at dawn for the first time in three days, the port authority said, and the \
     queue of lorries on the coast road has begun to shrink.",
    "The mayor told reporters that the sea wall held along most of its length, though two sections near the \
     old fish market will need to be rebuilt before winter.",
    "Power has been restored to about 12,000 homes in the northern districts, the grid operator said, with the \
     rest expected back online by Thursday evening.",
];
const HEADLINES: [&str; 3] = ["Ferries resume", "Sea wall held, mayor says", "Power back in the north"];
const TIMES: [&str; 3] = ["2024-03-01T11:30:00+00:00", "2024-03-01T10:42:00Z", "2024-03-01T09:05:00+00:00"];

fn page(head: &str, body: &str) -> String {
    format!(
        "<html><head><title>Storm live: ferries resume | Coast News</title>{head}</head><body>\
         <nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><h1>Storm live: ferries resume</h1>\
         <p>Résumé — the storm’s path over Côte-Nord, day three: what we know so far, in brief, as it happens.</p>{body}</main>\
         <footer><p>Copyright Coast News. All rights reserved.</p></footer></body></html>"
    )
}

fn jsonld(updates: &str) -> String {
    format!(
        "<script type='application/ld+json'>{{\"@context\":\"https://schema.org\",\"@type\":\"LiveBlogPosting\",\
         \"headline\":\"Storm live\",\"coverageStartTime\":\"2024-03-01T08:00:00Z\",\"liveBlogUpdate\":{updates}}}</script>"
    )
}

fn jsonld_updates() -> String {
    let items: Vec<String> = (0..3)
        .map(|i| {
            format!(
                "{{\"@type\":\"BlogPosting\",\"headline\":\"{}\",\"datePublished\":\"{}\",\"articleBody\":\"{}\"}}",
                HEADLINES[i], TIMES[i], BODIES[i]
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn entry_divs(with_time: bool, itemprop: bool) -> String {
    (0..3)
        .map(|i| {
            let prop = if itemprop {
                " itemprop='liveBlogUpdate' itemscope itemtype='https://schema.org/BlogPosting'"
            } else {
                ""
            };
            let time = if with_time {
                format!("<time datetime='{}'>{}</time>", TIMES[i], &TIMES[i][11..16])
            } else {
                String::new()
            };
            format!("<div class='update'{prop}>{time}<h2>{}</h2><p>{}</p></div>", HEADLINES[i], BODIES[i])
        })
        .collect()
}

/// Checks three placed entries in page order against the constants.
fn assert_three(article: &Article, from: DateSource) {
    assert_eq!(article.page_type.map(|p| p.kind), Some(PageKind::LiveBlog));
    // Multibyte text before the entries: spans must count characters, not bytes.
    assert!(article.text.starts_with("Résumé — the storm’s path over Côte-Nord"), "{}", article.text);
    let entries = &article.live_entries;
    assert_eq!(entries.len(), 3, "{entries:?}");
    let values = ["2024-03-01T11:30:00", "2024-03-01T10:42:00", "2024-03-01T09:05:00"];
    for (i, entry) in entries.iter().enumerate() {
        assert_eq!(entry.published.value, values[i]);
        assert_eq!(entry.published.from, from);
        assert_eq!(entry.headline.as_deref(), Some(HEADLINES[i]));
        let span = entry.span.unwrap_or_else(|| panic!("entry {i} has no span in {:?}", article.text));
        let slice = span.slice(&article.text);
        assert!(slice.starts_with(HEADLINES[i]), "{slice:?}");
        assert!(slice.ends_with(BODIES[i].split_whitespace().last().unwrap_or("")), "{slice:?}");
        for other in (0..3).filter(|&j| j != i) {
            assert!(!slice.contains(BODIES[other]), "entry {i} holds entry {other}: {slice:?}");
        }
    }
}

#[test]
fn jsonld_updates_give_entries_with_their_times_and_spans() {
    // The same block twice (as pages repeat it in head and body) gives each entry once.
    let twice = format!("{0}{0}", jsonld(&jsonld_updates()));
    let article = clean(&page(&twice, &entry_divs(false, false)));
    assert_three(&article, DateSource::Jsonld);
    let json = serde_json::to_string(&article).unwrap_or_default();
    assert!(json.contains(r#""live_entries":[{"published":{"value":"2024-03-01T11:30:00","from":"jsonld"}"#), "{json}");
}

#[test]
fn markup_entries_each_with_a_time_are_read_when_no_structured_updates() {
    let body =
        format!("<div itemscope itemtype='https://schema.org/LiveBlogPosting'>{}</div>", entry_divs(true, false));
    assert_three(&clean(&page("", &body)), DateSource::Time);
}

#[test]
fn microdata_updates_are_read() {
    // A stray dated `<time>` outside the updates is not an entry.
    let body = format!(
        "<div itemscope itemtype='https://schema.org/LiveBlogPosting'><p>Updated <time datetime='2024-03-01T12:00'>noon</time></p>{}</div>",
        entry_divs(true, true)
    );
    assert_three(&clean(&page("", &body)), DateSource::Time);
}

#[test]
fn an_entry_the_clean_text_lacks_keeps_its_time_but_gets_no_span() {
    let mut updates = jsonld_updates();
    updates.insert_str(
        1,
        "{\"@type\":\"BlogPosting\",\"headline\":\"Only in the data\",\"datePublished\":\"2024-03-01T12:00:00Z\",\
         \"articleBody\":\"This update was never shown on the page that readers saw in their browsers.\"},",
    );
    let article = clean(&page(&jsonld(&updates), &entry_divs(false, false)));
    assert_eq!(article.live_entries.len(), 4);
    let first = &article.live_entries[0];
    assert_eq!((first.published.value.as_str(), first.span), ("2024-03-01T12:00:00", None));
    assert!(article.live_entries[1..].iter().all(|e| e.span.is_some()));
}

#[test]
fn an_article_gets_no_entries() {
    let body = format!("<article>{}</article>", entry_divs(true, false));
    let html = format!(
        "<html><head><title>Ferries resume | Coast News</title><script type='application/ld+json'>\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Ferries resume\",\"datePublished\":\"2024-03-01\"}}</script></head>\
         <body><h1>Ferries resume</h1>{body}</body></html>"
    );
    let article = clean(&html);
    assert_ne!(article.page_type.map(|p| p.kind), Some(PageKind::LiveBlog));
    assert!(article.live_entries.is_empty());
    assert!(!serde_json::to_string(&article).unwrap_or_default().contains("live_entries"));
}

#[test]
fn bad_or_partial_data_gives_what_it_can_and_never_panics() {
    let dated = "{\"datePublished\":\"2024-03-01T09:05:00Z\",\"articleBody\":\"Short.\"}";
    for (updates, expected) in [
        // Truncated JSON: unreadable, and the markup has no times either.
        ("[{\"@type\":\"BlogPosting\",\"datePublished\":\"2024-03-01".to_string(), 0),
        // Missing and unreadable dates, wrong value kinds.
        (format!("[{{\"headline\":\"No date\"}},{{\"datePublished\":\"soon\"}},{{\"datePublished\":7}},3,\"x\",null,[],{dated}]"), 1),
        ("\"just text\"".to_string(), 0),
        ("{}".to_string(), 0),
        (format!("{}{}", "[".repeat(40), "]".repeat(40)), 0),
    ] {
        let article = clean(&page(&jsonld(&updates), &entry_divs(false, false)));
        assert_eq!(article.live_entries.len(), expected, "{updates}");
        assert_eq!(article.page_type.map(|p| p.kind), Some(PageKind::LiveBlog));
        for entry in &article.live_entries {
            assert_eq!(entry.published.value, "2024-03-01T09:05:00");
            // "Short." is too short to be looked for: no span rather than a guess.
            assert_eq!(entry.span, None);
        }
    }
    // Times that do not read as dates, empty entries, and a body longer than the text.
    let body = "<div itemscope itemtype='https://schema.org/LiveBlogPosting'>\
                <div><time datetime='not a date'>x</time><p>One two three four five six.</p></div>\
                <div><time datetime='2024-02-30'>y</time><p></p></div><div><time datetime=''></time></div></div>";
    assert!(clean(&page("", body)).live_entries.is_empty());
}

#[test]
fn structured_text_is_read_as_a_reader_sees_it() {
    assert_eq!(plain_text("<p>Ferries &amp; boats</p><p>left</p>"), "Ferries & boats left");
    assert_eq!(plain_text("  a\n\n b "), "a b");
    assert_eq!(plain_text("a < b and c <b>d</b>"), "a < b and c d");
}

#[test]
fn a_sidebar_of_dated_teasers_is_not_taken_for_the_entries() {
    let teasers: String = (0..5)
        .map(|i| {
            format!(
                "<li><a href='/news/{i}'>Other story number {i} about the council budget and the schools</a>\
                 <time datetime='2024-02-2{i}T08:00'>Feb 2{i}</time></li>"
            )
        })
        .collect();
    let body = format!(
        "<div itemscope itemtype='https://schema.org/LiveBlogPosting'>{}</div><aside><ul>{teasers}</ul></aside>",
        entry_divs(true, false)
    );
    assert_three(&clean(&page("", &body)), DateSource::Time);
}

#[test]
fn truncated_pages_never_panic() {
    let pages = [
        page(&jsonld(&jsonld_updates()), &entry_divs(true, true)),
        page(
            "",
            &format!("<div itemscope itemtype='https://schema.org/LiveBlogPosting'>{}</div>", entry_divs(true, false)),
        ),
    ];
    for html in &pages {
        let cuts: Vec<usize> = html.char_indices().map(|(i, _)| i).step_by(23).collect();
        for cut in cuts {
            let article = clean(&html[..cut]);
            for entry in &article.live_entries {
                if let Some(span) = entry.span {
                    assert!(span.end() <= article.text.chars().count());
                }
            }
        }
    }
}

#[test]
fn a_long_live_blog_is_placed_whole_and_in_order() {
    let n = 200;
    let divs: String = (0..n)
        .map(|i| {
            format!(
                "<article class='post'><time datetime='2024-03-01T{:02}:{:02}'>t</time><p>Update {i}: crews \
                 cleared road number {i} of fallen trees and the rain eased over district {i} this hour.</p></article>",
                i / 60,
                i % 60
            )
        })
        .collect();
    let body = format!("<div itemscope itemtype='https://schema.org/LiveBlogPosting'>{divs}</div>");
    let article = clean(&page("", &body));
    assert_eq!(article.live_entries.len(), n);
    let spans: Vec<_> = article.live_entries.iter().map(|e| e.span).collect();
    assert!(spans.iter().all(Option::is_some), "{spans:?}");
    assert!(spans.windows(2).all(|w| w[0] < w[1] && w[0].is_some_and(|a| w[1].is_some_and(|b| a.end() <= b.start()))));
    let last = spans[n - 1].map(|s| s.slice(&article.text).to_string()).unwrap_or_default();
    assert!(last.starts_with("Update 199: crews") && last.ends_with("this hour."), "{last}");
}

#[test]
fn words_are_found_whole() {
    let text = "Update 10: roads shut\n\nUpdate 1: roads open";
    assert_eq!(super::place::find_words(text, &["Update", "1:"], 0, text.len(), &[]), Some((23, 32)));
    // "1" is not found in "10": the match skips to the whole word.
    assert_eq!(super::place::find_words(text, &["Update", "1"], 0, text.len(), &[]), Some((23, 31)));
    assert_eq!(super::place::find_words(text, &["roads", "ope"], 0, text.len(), &[]), None);
    assert_eq!(super::place::find_words(text, &["roads", "open"], 0, text.len(), &[]), Some((33, 43)));
    assert_eq!(super::place::find_words(text, &["oads"], 0, text.len(), &[]), None);
    assert_eq!(super::place::find_words(text, &["Update"], 0, text.len(), &[0]), Some((23, 29)));
}
