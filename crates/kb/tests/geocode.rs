//! Geocoding a name in context, and "City, Region" adjacency inside an article.

mod common;

use newsgraph_kb::Linker;
use newsgraph_model::{Article, ByteSpan, EntityType, FeatureKind, NerSpan};

#[test]
fn context_countries_choose_between_senses() {
    let linker = Linker::load().unwrap();
    let georgia = linker.geocode("Georgia", &[]).unwrap();
    assert_eq!((georgia.country.as_deref(), georgia.feature), (Some("GE"), FeatureKind::Country));
    let state = linker.geocode("Georgia", &["US"]).unwrap();
    assert_eq!((state.country.as_deref(), state.feature), (Some("US"), FeatureKind::Admin));
    let paris = linker.geocode("Paris", &[]).unwrap();
    assert_eq!(paris.geonames, Some(2_988_507));
    assert_eq!(linker.geocode("Kiev", &[]).and_then(|k| k.geonames), Some(703_448));
    assert_eq!(linker.geocode("Kyiv", &[]).and_then(|k| k.fips), Some("UP".to_string()));
    assert!(linker.geocode("Qwxzzy", &[]).is_none());
}

fn spans(text: &str, names: &[&str]) -> Vec<NerSpan> {
    let mut out: Vec<NerSpan> = names
        .iter()
        .filter_map(|n| text.find(n).map(|s| (s, n.len())))
        .map(|(s, len)| NerSpan {
            span: ByteSpan::new(s, s + len),
            label: EntityType::Gpe,
            first_token: 0,
            end_token: 0,
        })
        .collect();
    out.sort_by_key(|n| n.span.start());
    out
}

#[test]
fn city_comma_region_picks_the_city_in_that_region() {
    let linker = Linker::load().unwrap();
    let text = "The festival was held in Geneva, Illinois, last week.";
    let mut article = Article::from_text("t", text);
    article.analysis.ner = spans(text, &["Geneva", "Illinois"]);
    common::link(&linker, &mut article);
    let geneva = article.entities.iter().find(|e| e.mentions[0].text == "Geneva").unwrap();
    let place = article.places.iter().find(|p| p.entity == geneva.id).unwrap();
    assert_eq!((place.country.as_deref(), place.adm1.as_deref()), (Some("US"), Some("USIL")));

    let text = "Diplomats met in Geneva on Monday.";
    let mut article = Article::from_text("t", text);
    article.analysis.ner = spans(text, &["Geneva"]);
    common::link(&linker, &mut article);
    assert_eq!(article.places[0].geonames, Some(2_660_646), "alone, Geneva is the Swiss city");
}

#[test]
fn one_sense_per_article_and_alternate_names_merge() {
    let linker = Linker::load().unwrap();
    let text = "Troops left Kiev. Later, Kyiv said the talks had failed; residents of Kyiv waited.";
    let mut article = Article::from_text("t", text);
    let mut ner = spans(text, &["Kiev", "Kyiv"]);
    if let Some(last) = text.rfind("Kyiv") {
        ner.push(NerSpan { span: ByteSpan::new(last, last + 4), label: EntityType::Gpe, first_token: 0, end_token: 0 });
    }
    article.analysis.ner = ner;
    common::link(&linker, &mut article);
    let kyiv: Vec<_> = article.entities.iter().filter(|e| e.name == "Kyiv").collect();
    assert_eq!(kyiv.len(), 1, "{:?}", article.entities);
    // "Kyiv said" is the Ukrainian government speaking: a mention of Ukraine, not of the city.
    let ukraine = article.entities.iter().find(|e| e.name == "Ukraine").unwrap();
    assert_eq!(ukraine.mentions.len(), 1);
    assert_eq!(kyiv[0].mentions.len(), 2);
}

#[test]
fn the_countrys_president_is_the_office_holder_on_the_articles_date() {
    use newsgraph_model::{DateSource, Published};
    let linker = Linker::load().unwrap();
    let text = "Officials said the U.S. president would call Moscow.";
    let mut article = Article::from_text("t", text);
    article.published = Some(Published { value: "2021-12-30".into(), from: DateSource::Given });
    article.analysis.ner = spans(text, &["U.S.", "Moscow"]);
    common::link(&linker, &mut article);
    let biden = article.entities.iter().find(|e| e.name == "Joe Biden").expect("the 2021 U.S. president");
    assert_eq!(biden.mentions[0].text, "U.S. president");
    assert!(biden.roles.iter().any(|r| r.title == "President" && r.of.as_deref() == Some("US")));

    article.published = Some(Published { value: "2018-06-01".into(), from: DateSource::Given });
    common::link(&linker, &mut article);
    assert!(article.entities.iter().any(|e| e.name == "Donald Trump"));
}
