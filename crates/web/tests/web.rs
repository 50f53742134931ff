//! End-to-end tests over HTTP: a real server on a free loopback port, a real store.

mod common;

use common::{get, request, server};

#[test]
fn search_finds_the_fixture_with_facets_and_snippets() {
    let reply = get("/search?q=marched");
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("/articles/kyiv000000000001"), "{}", reply.body);
    assert!(reply.body.contains("Thousands march in Kyiv"));
    // Facet links keep the query and add the filter.
    assert!(reply.body.contains("q=marched&amp;site=news.example") || reply.body.contains("site=wire.example"));

    let api = get("/api/search?q=marched&size=5");
    assert_eq!(api.status, 200);
    assert!(api.header("content-type").unwrap_or("").starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert!(json["total"].as_u64().unwrap() >= 2);
    let ids: Vec<&str> = json["hits"].as_array().unwrap().iter().filter_map(|h| h["id"].as_str()).collect();
    assert!(ids.contains(&"kyiv000000000002"), "{ids:?}");

    let filtered: serde_json::Value =
        serde_json::from_str(&get("/api/search?q=marched&site=wire.example").body).unwrap();
    assert_eq!(filtered["total"], 1, "{filtered}");
}

#[test]
fn article_page_highlights_quotes_with_speaker_and_other_layers() {
    let reply = get("/articles/kyiv000000000001");
    assert_eq!(reply.status, 200);
    let body = &reply.body;
    // The quote span carries its speaker in the title, and its exact text (code-point offsets
    // after a non-ASCII dash, so a byte/char mix-up would cut it wrong).
    assert!(
        body.contains(
            r#"<span class="quote" title="Quote (direct) by Olena Kovalenko">We will not be silenced,</span>"#
        ),
        "{body}"
    );
    assert!(
        body.contains(r#"title="Olena Kovalenko (PERSON)" href="/entities/Q4115189">Olena Kovalenko</a>"#),
        "{body}"
    );
    assert!(body.contains(">Monday</span>"), "time highlighted");
    assert!(body.contains(r#"<span class="count" "#), "count highlighted");
    assert!(body.contains(">12 people</span>"));
    assert!(body.contains(r#"<span class="event" "#), "event evidence highlighted");
    assert!(body.contains("<details class=\"removed\">"));
    assert!(body.contains("Subscribe to our newsletter"));
    assert!(body.contains("CallToAction"));

    let missing = get("/articles/nosuch");
    assert_eq!(missing.status, 404);
}

#[test]
fn entity_and_story_pages_render() {
    let reply = get("/entities/Q4115189");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("<h1>Olena Kovalenko</h1>"));
    assert!(reply.body.contains("<svg class=\"chart\""), "bar chart");
    assert!(reply.body.contains("We will not be silenced"), "quotes listed");
    assert!(reply.body.contains("Kyiv"), "co-occurring entity");
    let by_name = get("/entities/Olena%20Kovalenko");
    assert_eq!(by_name.status, 200);

    let hits: serde_json::Value = serde_json::from_str(&get("/api/search?q=marched").body).unwrap();
    let story = hits["hits"].as_array().unwrap().iter().find_map(|h| h["story"].as_i64());
    let Some(story) = story else {
        panic!("the fixture articles have no story: {hits}");
    };
    let page = get(&format!("/stories/{story}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Thousands march in Kyiv"));
    let api: serde_json::Value = serde_json::from_str(&get(&format!("/api/stories/{story}")).body).unwrap();
    assert!(api["groups"].is_array());
    assert_eq!(api["page"], 1);
    assert!(api["num_articles"].as_u64().is_some_and(|n| n >= 1));
    assert!(api["sources"].as_array().is_some_and(|s| !s.is_empty()), "sources: {api}");
    // A page past the end shows the last page rather than failing.
    assert_eq!(get(&format!("/stories/{story}?page=7")).status, 200);
    // The article page links its story (looked up by id, not by a title search).
    let first = api["articles"][0]["id"].as_str().unwrap_or_default().to_string();
    assert!(get(&format!("/articles/{first}")).body.contains(&format!("href=\"/stories/{story}\"")));

    let map = get("/map?q=marched");
    assert_eq!(map.status, 200);
    assert!(map.body.contains("<circle"), "Kyiv plotted");
}

#[test]
fn saved_search_atom_feed_fetches_and_parses() {
    let saved = request("POST", "/api/saved", Some("application/json"), r#"{"name":"kyiv-protests","q":"marched"}"#);
    assert_eq!(saved.status, 201, "{}", saved.body);
    let form = request("POST", "/saved", Some("application/x-www-form-urlencoded"), "name=evil&q=hostile");
    assert_eq!(form.status, 303);

    let feed = get("/feeds/kyiv-protests.atom");
    assert_eq!(feed.status, 200, "{}", feed.body);
    assert!(feed.header("content-type").unwrap_or("").starts_with("application/atom+xml"));
    let doc = roxmltree::Document::parse(&feed.body).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let titles: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()))
        .collect();
    assert_eq!(titles.len(), 2, "{}", feed.body);
    assert!(titles.iter().all(|t| *t == "Thousands march in Kyiv"));

    // The hostile article's title survives the XML escaping as text.
    let evil = get("/feeds/evil.atom");
    let doc = roxmltree::Document::parse(&evil.body).expect("well-formed XML");
    let title = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .flat_map(|e| e.children())
        .find(|c| c.has_tag_name("title"));
    assert_eq!(title.and_then(|t| t.text()), Some("<script>alert('title')</script> \"quoted' title"));

    let digest = get("/digest/kyiv-protests");
    assert_eq!(digest.status, 200);
    assert!(
        digest.body.contains("<h2>2024-03-05</h2>") && digest.body.contains("<h2>2024-03-04</h2>"),
        "{}",
        digest.body
    );
    assert!(get("/saved").body.contains("/feeds/kyiv-protests.atom"));

    assert_eq!(get("/feeds/nosuch.atom").status, 404);
    assert_eq!(get("/feeds/..%2F..%2Fetc%2Fpasswd.atom").status, 400);
}

#[test]
fn hostile_input_is_escaped_and_csp_is_set() {
    for path in ["/articles/hostile0000000001", "/search?q=hostile", "/", "/entities/Mallory", "/nosuch"] {
        let reply = get(path);
        let csp = reply.header("content-security-policy").unwrap_or_default().to_string();
        assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'none'"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"), "{path}");
        let lower = reply.body.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{path}: unescaped script\n{}", reply.body);
        assert!(!lower.contains("<img"), "{path}: unescaped img");
        assert!(!lower.contains("href=\"javascript:"), "{path}: javascript link");
        assert!(!lower.contains("onmouseover=\""), "{path}: attribute broken out of");
    }
    let page = get("/articles/hostile0000000001").body;
    assert!(page.contains("&lt;script&gt;alert('title')&lt;/script&gt;"), "{page}");
    assert!(page.contains("&lt;script&gt;alert('caption')&lt;/script&gt;"));
    assert!(page.contains("<code>javascript:alert('url')</code>"), "non-web URL shown as text");
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;"));
    // The quote's speaker name (hostile) sits escaped inside a title attribute.
    assert!(page.contains("title=\"Quote (direct) by &quot;&gt;&lt;script&gt;"), "{page}");
}

#[test]
fn bad_parameters_are_rejected_with_json_400() {
    for path in [
        "/api/search?from=2024-13-01",
        "/api/search?to=yesterday",
        "/api/search?size=1000",
        "/api/search?page=0",
        "/api/search?colour=red",
        "/api/search?type=DANCING",
        "/api/search?country=Ukraine",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/stories/abc",
        "/api/stories/1?page=0",
        "/api/stories/1?colour=red",
    ] {
        let reply = get(path);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(json["error"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
    }
    let reply = get("/api/search?size=1000");
    assert!(reply.body.contains("size"), "the message names the parameter: {}", reply.body);
    assert_eq!(get("/search?from=nope").status, 400, "pages reject too");
    let bad_save = request("POST", "/api/saved", Some("application/json"), r#"{"name":"../x"}"#);
    assert_eq!(bad_save.status, 400);
}

#[test]
fn openapi_document_is_served() {
    let reply = get("/api/openapi.json");
    assert_eq!(reply.status, 200);
    let doc: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/search", "/api/articles/{id}", "/api/entities/{id}", "/api/stories/{id}"] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(server().store.count().unwrap() >= 3);
}
