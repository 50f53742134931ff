//! Text scrapes of layouts other than the seed's, so the line rules are not seed-shaped.

use newsgraph_extract::Cleaner;
use newsgraph_model::{Article, DateSource, RemovalReason, SourceFormat};
use newsgraph_source::Page;

fn clean(text: &str) -> Article {
    let page = Page { bytes: text.as_bytes().to_vec(), format: SourceFormat::Text, ..Page::default() };
    Cleaner::new().clean(&page).unwrap()
}

fn removed_as(article: &Article, text: &str) -> Option<RemovalReason> {
    article.removed.iter().find(|r| r.text == text).map(|r| r.reason)
}

/// Kicker and menu bar on top, byline with agency and date, a photo credit caption,
/// an ad slot and a "Read more" link mid-article, related links and a copyright at the end.
#[test]
fn wire_story_layout() {
    let page = "\
Skip to main content
News | Politics | World | Sport
Sign in

Parliament passes budget after all-night session

By Maria Lopez and Tom Reed | Reuters | March 4, 2023 at 7:15 a.m.

Lawmakers approved the spending plan early on Saturday after a debate that ran for more than fourteen hours.

The vote was 212 to 190, with three abstentions.

Photo: Members of parliament leave the chamber in Madrid. REUTERS/Juan Medina

Advertisement

The opposition said it would challenge parts of the plan in court, arguing that the tax changes were rushed.

Read more: How the budget talks nearly collapsed

Tax changes

The largest change raises the top income tax rate by two points from next year, the finance ministry said.

Economists expect the measure to raise about 1.2 billion euros a year.

Related
Budget deficit hits record
Ministers clash over pensions
© 2023 Example Media. All rights reserved.
";
    let a = clean(page);
    assert_eq!(a.title.as_deref(), Some("Parliament passes budget after all-night session"));
    assert_eq!(a.authors, ["Maria Lopez", "Tom Reed"]);
    let published = a.published.as_ref().unwrap();
    assert_eq!((published.value.as_str(), published.from), ("2023-03-04T07:15", DateSource::Text));
    assert!(a.text.starts_with("Lawmakers approved the spending plan"));
    assert!(a.text.ends_with("about 1.2 billion euros a year."), "{}", a.text);
    assert_eq!(a.images.len(), 1);
    assert!(a.images[0].caption.as_deref().unwrap().contains("REUTERS/Juan Medina"));
    assert!(!a.text.contains("REUTERS/"));
    assert_eq!(a.sections.len(), 1);
    assert_eq!(a.sections[0].heading, "Tax changes");
    let rest: String = a.text.chars().skip(a.sections[0].start).collect();
    assert!(rest.starts_with("The largest change"));
    assert_eq!(removed_as(&a, "Skip to main content"), Some(RemovalReason::Navigation));
    assert_eq!(removed_as(&a, "News | Politics | World | Sport"), Some(RemovalReason::Navigation));
    assert_eq!(removed_as(&a, "Advertisement"), Some(RemovalReason::Advertisement));
    assert_eq!(removed_as(&a, "Read more: How the budget talks nearly collapsed"), Some(RemovalReason::Related));
    assert_eq!(removed_as(&a, "Related"), Some(RemovalReason::Related));
    assert_eq!(removed_as(&a, "© 2023 Example Media. All rights reserved."), Some(RemovalReason::Footer));
    for chrome in ["Sign in", "Budget deficit hits record", "Ministers clash over pensions", "Advertisement"] {
        assert!(!a.text.contains(chrome), "{chrome}");
    }
}

/// A blog-style scrape: date on top, hard-wrapped paragraphs, a cookie notice,
/// and Cyrillic keyword spam in an English page; no byline, no sub-headings.
#[test]
fn hard_wrapped_blog_layout() {
    let page = "\
купить дешево скидки

Published: 12/03/2022

Why the river towns are emptying

The population of the valley's small towns has fallen by a
third in twenty years, according to census figures released
this week.

Young people leave for the cities, and the schools that
closed in the 2010s have not reopened.

We use cookies to improve your experience. Accept all cookies

Subscribe to our weekly newsletter for more stories like this.
";
    let a = clean(page);
    assert_eq!(a.title.as_deref(), Some("Why the river towns are emptying"));
    assert!(a.authors.is_empty());
    let published = a.published.as_ref().unwrap();
    assert_eq!((published.value.as_str(), published.from), ("2022-12-03", DateSource::Dateline));
    assert_eq!(
        a.text,
        "The population of the valley's small towns has fallen by a third in twenty years, according to census \
         figures released this week.\n\nYoung people leave for the cities, and the schools that closed in the 2010s \
         have not reopened."
    );
    assert_eq!(removed_as(&a, "купить дешево скидки"), Some(RemovalReason::Spam));
    assert_eq!(
        removed_as(&a, "We use cookies to improve your experience. Accept all cookies"),
        Some(RemovalReason::CookieNotice)
    );
    assert_eq!(
        removed_as(&a, "Subscribe to our weekly newsletter for more stories like this."),
        Some(RemovalReason::CallToAction)
    );
    assert!(a.sections.is_empty());
}

/// A page in another script keeps its own lines: the spam rule is about the page's script.
#[test]
fn non_latin_page_keeps_its_text() {
    let page = "\
Москва готовит новые переговоры

Министр иностранных дел заявил в четверг, что переговоры продолжатся в январе в Женеве.

Эксперты считают, что стороны далеки от соглашения по основным вопросам безопасности.
";
    let a = clean(page);
    assert_eq!(a.title.as_deref(), Some("Москва готовит новые переговоры"));
    assert!(a.text.starts_with("Министр иностранных дел"));
    assert!(a.removed.is_empty(), "{:?}", a.removed);
}
