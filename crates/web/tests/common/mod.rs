//! Fixture articles, a server on a free loopback port and a tiny HTTP client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use newsgraph_model::*;
use newsgraph_store::{EmbeddedStore, Store};

/// The code-point mention of the first `needle` in `text`.
pub fn mention(text: &str, needle: &str) -> Mention {
    let byte = text.find(needle).unwrap_or(0);
    let start = text[..byte].chars().count();
    Mention { span: CharSpan::new(start, start + needle.chars().count()), text: needle.to_string() }
}

fn entity(i: usize, text: &str, name: &str, needle: &str, kind: EntityType, wikidata: Option<&str>) -> Entity {
    Entity {
        id: EntityId::nth(i),
        name: name.to_string(),
        kind,
        kb: Some(KbLink {
            wikidata: wikidata.map(str::to_string),
            geonames: None,
            country: Some("UA".into()),
            sector: None,
            wikipedia: None,
        }),
        roles: vec![],
        mentions: vec![mention(text, needle)],
    }
}

/// A fully annotated article; the text has non-ASCII letters before the spans so
/// code-point and byte offsets differ.
pub fn protest_article(id: &str, site: &str, published: &str) -> Article {
    let text = "Kyiv – Thousands marched in Kyiv on Monday, and 12 people were arrested.\n\n\
                “We will not be silenced,” said Olena Kovalenko, a teacher.";
    let mut a = Article::from_text(id, text);
    a.source =
        Source { url: Some(format!("https://{site}/news/{id}")), format: SourceFormat::Html, ..Source::default() };
    a.title = Some("Thousands march in Kyiv".into());
    a.site = Some(site.into());
    a.authors = vec!["Ivan Petrenko".into()];
    a.language = Some("en".into());
    a.published = Some(Published { value: published.into(), from: DateSource::Meta });
    a.entities = vec![
        entity(0, text, "Olena Kovalenko", "Olena Kovalenko", EntityType::Person, Some("Q4115189")),
        entity(1, text, "Kyiv", "Kyiv", EntityType::Gpe, Some("Q1899")),
    ];
    a.places.push(Place {
        entity: EntityId::nth(1),
        geonames: Some(703_448),
        country: Some("UA".into()),
        fips: Some("UP".into()),
        adm1: None,
        lat: 50.45,
        lon: 30.52,
        feature: FeatureKind::City,
    });
    let q = mention(text, "We will not be silenced,");
    a.quotes.push(Quote {
        kind: QuoteKind::Direct,
        span: q.span,
        text: q.text,
        cue: Some(mention(text, "said")),
        speaker: Some(EntityId::nth(0)),
        speaker_mention: Some(mention(text, "Olena Kovalenko")),
    });
    let t = mention(text, "Monday");
    a.times.push(Timex {
        span: t.span,
        text: t.text,
        kind: TimexType::Date,
        value: Some(published[..10].into()),
        anchor: Some(TimeAnchor::Published),
    });
    let c = mention(text, "12 people");
    a.counts.push(Count {
        span: c.span,
        text: c.text,
        value: 12.0,
        qualifier: CountQualifier::Exact,
        object: Some("people".into()),
        kind: CountKind::Arrest,
    });
    a.events.push(Event {
        kind: EventType::Protest,
        mode: None,
        actors: vec![],
        targets: vec![],
        date: Some(published[..10].into()),
        place: Some(EntityId::nth(1)),
        status: EventStatus::Actual,
        evidence: vec![mention(text, "Thousands marched")],
        cameo: "14".into(),
        quad_class: 3,
        goldstein: -6.5,
        source: None,
    });
    a.removed.push(Removed { text: "Subscribe to our newsletter".into(), reason: RemovalReason::CallToAction });
    a
}

/// An article whose every field tries to inject markup or script.
pub fn hostile_article() -> Article {
    let text =
        "Hostile body <script>alert('body')</script> and \" onmouseover=\"alert(1) and <img src=x onerror=alert(2)>. \
                \"<b>bold</b>\" said Mallory.";
    let mut a = Article::from_text("hostile0000000001", text);
    a.source = Source { url: Some("javascript:alert('url')".into()), format: SourceFormat::Html, ..Source::default() };
    a.title = Some("<script>alert('title')</script> \"quoted' title".into());
    a.site = Some("evil.example".into());
    a.authors = vec!["<img src=x onerror=alert('author')>".into()];
    a.published = Some(Published { value: "2024-03-05".into(), from: DateSource::Meta });
    a.images.push(Image {
        url: Some("javascript:alert('img')".into()),
        caption: Some("<script>alert('caption')</script>".into()),
    });
    a.entities = vec![entity(0, text, "\"><script>alert('entity')</script>", "Mallory", EntityType::Person, None)];
    let q = mention(text, "<b>bold</b>");
    a.quotes.push(Quote {
        kind: QuoteKind::Direct,
        span: q.span,
        text: q.text,
        cue: None,
        speaker: Some(EntityId::nth(0)),
        speaker_mention: None,
    });
    a.removed.push(Removed { text: "<script>alert('removed')</script>".into(), reason: RemovalReason::Advertisement });
    a
}

pub struct Server {
    pub addr: SocketAddr,
    pub store: Arc<dyn Store>,
}

/// One server for the whole test binary, over a store of the fixtures.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        // The directory must outlive the server thread, which runs until the test binary exits.
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&dir).expect("open store"));
        let articles = vec![
            protest_article("kyiv000000000001", "news.example", "2024-03-04"),
            protest_article("kyiv000000000002", "wire.example", "2024-03-05"),
            hostile_article(),
        ];
        store.put_batch(&articles).expect("put");
        store.flush().expect("flush");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let served = Arc::clone(&store);
        std::thread::spawn(move || newsgraph_web::serve_listener(listener, served));
        Server { addr, store }
    })
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A minimal HTTP/1.1 client: one request per connection.
pub fn request(method: &str, path: &str, content_type: Option<&str>, body: &str) -> Reply {
    request_at(server().addr, method, path, content_type, body)
}

/// [`request`] to a server of the test's own.
pub fn request_at(addr: SocketAddr, method: &str, path: &str, content_type: Option<&str>, body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(ct) = content_type {
        head += &format!("Content-Type: {ct}\r\n");
    }
    head += &format!("Content-Length: {}\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).expect("write");
    stream.write_all(body.as_bytes()).expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8(raw).expect("utf-8 reply");
    let (head, body) = raw.split_once("\r\n\r\n").expect("head");
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let chunked = headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_string() };
    Reply { status, headers, body }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(rest.get(..n).expect("a whole chunk"));
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

pub fn get(path: &str) -> Reply {
    request("GET", path, None, "")
}
