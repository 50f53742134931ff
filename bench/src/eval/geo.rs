//! `newsgraph eval geo`: GeoVirus (238 Wikinews articles, 2,170 toponyms with coordinates).
//!
//! Two modes run in one go:
//! - **raw text**: each article's text goes through the pipeline up to the entities
//!   layer (tokens, NER, linking, geocoding); a gold toponym is *found* when a
//!   mention of a geocoded place overlaps it. Reported: recall of toponyms found,
//!   and over the found ones, accuracy within 161 km (100 miles) and country accuracy.
//! - **gold toponyms**: the gold spans are handed to the linker as GPE spans, so
//!   the geocoder is scored without NER errors (every gold toponym counts).
//!
//! Gold coordinates are Wikipedia's; the gold country is the country of the KB place
//! (city, admin-1 or admin-2 centre) nearest to the gold point. A prediction with no country (a continent or region)
//! counts as the right country when it is within 161 km. GeoVirus offsets are
//! 1-based code-point starts; they are shifted (and checked against the name).

use std::time::Instant;

use anyhow::Context;
use newsgraph_kb::{distance_km, Linker};
use newsgraph_model::{Article, CharIndex, CharSpan, EntityType, Layer, NerSpan, Stage};
use newsgraph_pipeline::Pipeline;

use super::EvalOptions;

struct Toponym {
    name: String,
    span: CharSpan,
    lat: f64,
    lon: f64,
}

struct Doc {
    text: String,
    toponyms: Vec<Toponym>,
}

/// A predicted place mention.
struct Predicted {
    span: CharSpan,
    lat: f64,
    lon: f64,
    country: Option<String>,
}

#[derive(Default)]
struct Score {
    gold: usize,
    found: usize,
    within_161: usize,
    country: usize,
    /// (gold, found, within 161 km) over the even- and the odd-indexed articles, so a
    /// change fitted to one half shows.
    halves: [[usize; 3]; 2],
    /// One JSON line per gold toponym (for `--predictions`).
    rows: Vec<serde_json::Value>,
}

impl Score {
    fn ratio(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            n as f64 / d as f64
        }
    }

    fn print(&self, mode: &str) {
        println!(
            "{mode:<14} toponyms {:>5}  found {:>5} (recall {:.3})  acc@161 {:.3}  country {:.3}  (end-to-end acc@161 {:.3})",
            self.gold,
            self.found,
            Self::ratio(self.found, self.gold),
            Self::ratio(self.within_161, self.found),
            Self::ratio(self.country, self.found),
            Self::ratio(self.within_161, self.gold),
        );
        let [even, odd] = self.halves.map(|[g, f, w]| (Self::ratio(f, g), Self::ratio(w, f), Self::ratio(w, g)));
        println!(
            "{:<14} halves (recall / acc@161 / end-to-end): even articles {:.3} / {:.3} / {:.3}, odd {:.3} / {:.3} / {:.3}",
            "", even.0, even.1, even.2, odd.0, odd.1, odd.2
        );
    }
}

pub fn run(options: &EvalOptions) -> anyhow::Result<()> {
    let data = super::data_dir(options)?;
    let dir = super::set_dir(&data, "geo/geovirus")?;
    let path = dir.join("GeoVirus.xml");
    let xml = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = parse(&xml);
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    let linker = Linker::load()?;
    let gold_countries: Vec<Vec<Option<String>>> =
        docs.iter().map(|d| d.toponyms.iter().map(|t| linker.country_at(t.lat, t.lon)).collect()).collect();
    println!("GeoVirus: {} articles, {} toponyms", docs.len(), docs.iter().map(|d| d.toponyms.len()).sum::<usize>());

    // Gold toponyms: the geocoder alone, over the text layer the nlp stage would leave.
    let nlp = newsgraph_nlp::Nlp::load()?;
    let layers: Vec<_> = docs.iter().map(|d| nlp.segment(&d.text)).collect();
    let mut gold_mode = Score::default();
    let started = Instant::now();
    for (i, ((doc, countries), layer)) in docs.iter().zip(&gold_countries).zip(layers).enumerate() {
        let mut article = Article::from_text("geovirus", doc.text.clone());
        article.analysis = layer;
        let index = CharIndex::new(&doc.text);
        article.analysis.ner = doc
            .toponyms
            .iter()
            .map(|t| NerSpan { span: index.to_bytes(t.span), label: EntityType::Gpe, first_token: 0, end_token: 0 })
            .collect();
        article.analysis.ner.sort_by_key(|n| n.span.start());
        linker.annotate(&mut article);
        score(&mut gold_mode, i, doc, countries, &predictions(&article));
    }
    let gold_secs = started.elapsed().as_secs_f64();

    // Raw text: the whole entities layer.
    let pipeline = Pipeline::load(Layer::Entities)?;
    let mut raw = Score::default();
    let started = Instant::now();
    let mut linker_secs = 0.0;
    let mut words = 0usize;
    let mut causes = super::geo_errors::Causes::default();
    for (i, (doc, countries)) in docs.iter().zip(&gold_countries).enumerate() {
        let mut article = Article::from_text("geovirus", doc.text.clone());
        pipeline.annotate(&mut article);
        // The linker again on its own (it rewrites the same layers): its share of the time.
        let linking = Instant::now();
        linker.annotate(&mut article);
        linker_secs += linking.elapsed().as_secs_f64();
        words += doc.text.split_whitespace().count();
        score(&mut raw, i, doc, countries, &predictions(&article));
        if options.errors {
            let gold: Vec<_> = doc
                .toponyms
                .iter()
                .zip(countries)
                .map(|(t, c)| super::geo_errors::Gold {
                    name: &t.name,
                    span: t.span,
                    lat: t.lat,
                    lon: t.lon,
                    country: c.as_deref(),
                })
                .collect();
            causes.list(i, &article, &gold);
        }
    }
    if options.errors {
        causes.print();
    }
    let raw_secs = started.elapsed().as_secs_f64() - linker_secs;

    if let Some(out) = &options.predictions {
        let mut lines = String::new();
        for (mode, score) in [("raw", &raw), ("gold", &gold_mode)] {
            for row in &score.rows {
                lines.push_str(&serde_json::json!({"mode": mode, "toponym": row}).to_string());
                lines.push('\n');
            }
        }
        std::fs::write(out, lines).with_context(|| format!("cannot write {}", out.display()))?;
    }
    raw.print("raw text");
    gold_mode.print("gold toponyms");
    println!("time: raw text {raw_secs:.2} s, gold toponyms {gold_secs:.2} s (targets: raw acc@161 >= 0.80, country >= 0.93)");
    let rate = |secs: f64| if secs > 0.0 { words as f64 / secs } else { 0.0 };
    println!(
        "speed: pipeline to entities {:.0} words/s, linking alone {:.0} words/s ({words} words, one thread)",
        rate(raw_secs),
        rate(linker_secs)
    );
    Ok(())
}

/// Every mention of every geocoded place entity, with the place's coordinates.
fn predictions(article: &Article) -> Vec<Predicted> {
    let mut out = Vec::new();
    for place in &article.places {
        let Some(entity) = article.entities.iter().find(|e| e.id == place.entity) else { continue };
        for m in &entity.mentions {
            out.push(Predicted { span: m.span, lat: place.lat, lon: place.lon, country: place.country.clone() });
        }
    }
    out
}

fn score(score: &mut Score, index: usize, doc: &Doc, countries: &[Option<String>], predicted: &[Predicted]) {
    for (t, gold_country) in doc.toponyms.iter().zip(countries) {
        score.gold += 1;
        score.halves[index % 2][0] += 1;
        let Some(p) = predicted.iter().find(|p| p.span.overlaps(t.span)) else {
            score.rows.push(serde_json::json!({"doc": index, "name": t.name, "gold": [t.lat, t.lon], "gold_country": gold_country, "found": false}));
            continue;
        };
        score.found += 1;
        score.halves[index % 2][1] += 1;
        let d = distance_km(t.lat, t.lon, p.lat, p.lon);
        if d <= 161.0 {
            score.within_161 += 1;
            score.halves[index % 2][2] += 1;
        }
        let country_ok = match (&p.country, gold_country) {
            (Some(p), Some(g)) => p == g,
            (None, _) => d <= 161.0,
            (Some(_), None) => false,
        };
        if country_ok {
            score.country += 1;
        }
        score.rows.push(serde_json::json!({
            "doc": index, "name": t.name, "gold": [t.lat, t.lon], "gold_country": gold_country, "found": true,
            "predicted": [p.lat, p.lon], "country": p.country, "km": d.round(),
        }));
    }
}

/// The text between `<tag>` and `</tag>` starting at `from`, and the index after it.
fn element<'a>(xml: &'a str, tag: &str, from: usize) -> Option<(&'a str, usize)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.get(from..)?.find(&open)? + from + open.len();
    let end = xml.get(start..)?.find(&close)? + start;
    Some((&xml[start..end], end + close.len()))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// GeoVirus.xml: `<article><text/><locations><location><name/><start/><end/><lat/><lon/>...`.
fn parse(xml: &str) -> Vec<Doc> {
    // The file has commented-out articles and locations: drop comments first.
    let mut clean = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(open) = rest.find("<!--") {
        clean.push_str(&rest[..open]);
        rest = rest[open..].find("-->").map_or("", |close| &rest[open + close + 3..]);
    }
    clean.push_str(rest);
    let xml = clean.as_str();
    let mut docs = Vec::new();
    let mut at = 0;
    while let Some((body, next)) = element(xml, "article", at) {
        at = next;
        let Some((text, _)) = element(body, "text", 0) else { continue };
        let text = unescape(text);
        let chars: Vec<char> = text.chars().collect();
        let mut toponyms = Vec::new();
        let mut lat_at = 0;
        while let Some((loc, next)) = element(body, "location", lat_at) {
            lat_at = next;
            let field = |tag: &str| element(loc, tag, 0).map(|(v, _)| unescape(v.trim()));
            let (Some(name), Some(start), Some(lat), Some(lon)) =
                (field("name"), field("start"), field("lat"), field("lon"))
            else {
                continue;
            };
            let (Ok(start), Ok(lat), Ok(lon)) = (start.parse::<usize>(), lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            let len = name.chars().count();
            // Starts are 1-based; fall back to the 0-based reading if the name is not there.
            let fits = |s: usize| s + len <= chars.len() && chars[s..s + len].iter().collect::<String>() == name;
            let Some(s) = [start.saturating_sub(1), start].into_iter().find(|&s| fits(s)) else { continue };
            toponyms.push(Toponym { name, span: CharSpan::new(s, s + len), lat, lon });
        }
        docs.push(Doc { text, toponyms });
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_one_based_offsets() {
        let xml = "<articles><article><text>In Pandi, Bulacan &amp; more</text><locations><location><name>Pandi</name>\
                   <start>4</start><end>9</end><lat>14.87</lat><lon>120.95</lon></location></locations></article></articles>";
        let docs = parse(xml);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "In Pandi, Bulacan & more");
        let t = &docs[0].toponyms[0];
        assert_eq!((t.span.start(), t.span.end(), t.name.as_str()), (3, 8, "Pandi"));
    }
}
