//! The web side of ingest: page and feed URLs fetched politely, one item at a time.
//!
//! A URL is fetched (newsgraph-fetch: robots.txt, per-host rate limit,
//! retries, size cap) and becomes a page, unless it is a feed (by content type
//! or root element), whose items' links are fetched as pages in turn. A URL
//! whose path names a feed (`/feed`, `.rss`, ...) must serve one. Pages the
//! store already holds are not fetched again. Conditional-GET validators are
//! kept in memory and written to the data directory only by [`WebInputs::finish`],
//! after the store has committed: a crash before then makes the rerun fetch
//! again rather than skip what it never stored. A feed with an item that could
//! not be fetched keeps no validators, so the next run fetches it in full and
//! retries that item.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

use newsgraph_fetch::{Fetched, Fetcher, Outcome, ValidatorCache, Validators};
use newsgraph_model::canonical_url;
use newsgraph_source::feed;
use newsgraph_store::Store;

use crate::batches::Item;
use crate::Report;

enum Job {
    /// A URL named on the command line: a page or a feed.
    Url(String),
    /// A feed file named on the command line: items with content go in as they are, links are fetched.
    FeedFile(PathBuf),
    /// A feed item's link, to fetch as a page.
    FeedItem { feed: String, link: String },
    /// A feed item without a link: the feed's own content for it, or why there is none.
    Ready(Item),
}

pub(crate) struct WebInputs<'a> {
    /// Borrowed: a follow run shares one across polls (robots.txt, rate limit).
    fetcher: &'a Fetcher,
    store: &'a dyn Store,
    cache: ValidatorCache,
    queue: VecDeque<Job>,
    /// Validators of what was fetched in full, saved by `finish`.
    fetched: Vec<(String, Validators)>,
    /// Feeds with an item that failed to fetch: their validators are not saved.
    incomplete: HashSet<String>,
    /// Items already produced, so a feed listing a link twice (or two feeds sharing one) fetches it once.
    seen: HashSet<String>,
    report: &'a dyn Report,
}

impl<'a> WebInputs<'a> {
    /// Inputs from feed files, then from URLs, in the order given.
    pub fn new(
        fetcher: &'a Fetcher,
        store: &'a dyn Store,
        cache: ValidatorCache,
        (feed_files, urls): (Vec<PathBuf>, Vec<String>),
        report: &'a dyn Report,
    ) -> Self {
        let queue = feed_files.into_iter().map(Job::FeedFile).chain(urls.into_iter().map(Job::Url)).collect();
        WebInputs {
            fetcher,
            store,
            cache,
            queue,
            fetched: Vec::new(),
            incomplete: HashSet::new(),
            seen: HashSet::new(),
            report,
        }
    }

    /// Saves the validators of everything fetched in full; call once the store has committed.
    pub fn finish(mut self) -> Result<(), newsgraph_fetch::CacheError> {
        if self.fetched.is_empty() {
            return Ok(());
        }
        for (url, validators) in std::mem::take(&mut self.fetched) {
            // An incomplete feed forgets any older validators too, so the next run reads it whole.
            let keep = if self.incomplete.contains(&url) { Validators::default() } else { validators };
            self.cache.remember(&url, keep);
        }
        self.cache.save()
    }

    fn url(&mut self, url: String) -> Item {
        // A page already stored is not fetched again; feeds always are (conditionally).
        if !feed::is_feed_url(&url) && self.stored(&url) {
            return Item::AlreadyStored;
        }
        let fetched = match self.fetcher.fetch(&url, self.cache.get(&url)) {
            Ok(Outcome::Fetched(fetched)) => fetched,
            Ok(Outcome::NotModified { .. }) => return Item::NotModified,
            Err(err) => return Item::Failed(url, err.to_string()),
        };
        let is_feed = fetched.is_xml() || feed::looks_like_feed(&fetched.body);
        if !is_feed && !feed::is_feed_url(&url) {
            self.fetched.push((url, fetched.validators.clone()));
            return Item::Input(fetched.into_input());
        }
        self.expand_feed(url, fetched)
    }

    /// A feed file's items: its content where an item has some, else its link to fetch.
    fn feed_file(&mut self, path: PathBuf) -> Item {
        let origin = path.display().to_string();
        let items = match std::fs::read(&path) {
            Ok(bytes) => feed::read_feed(&origin, &bytes),
            Err(err) => return Item::Failed(origin, format!("cannot read: {err}")),
        };
        let items = match items {
            Ok(items) => items,
            Err(err) => return Item::Failed(origin, err.kind.to_string()),
        };
        let jobs = items
            .into_iter()
            .map(|item| match (item.content, item.link) {
                (Ok(input), _) => Job::Ready(Item::Input(input)),
                (Err(_), Some(link)) if link.starts_with("http://") || link.starts_with("https://") => {
                    Job::FeedItem { feed: origin.clone(), link }
                }
                (Err(err), _) => Job::Ready(Item::Failed(err.origin, err.kind.to_string())),
            })
            .collect();
        self.queue_items(jobs)
    }

    /// Queues a feed's items to be fetched next, in feed order.
    fn expand_feed(&mut self, url: String, fetched: Fetched) -> Item {
        let items = match feed::read_feed(&url, &fetched.body) {
            Ok(items) => items,
            Err(err) => return Item::Failed(url, err.kind.to_string()),
        };
        self.fetched.push((url.clone(), fetched.validators));
        let jobs = items
            .into_iter()
            .map(|item| match item.link.filter(|l| l.starts_with("http://") || l.starts_with("https://")) {
                Some(link) => Job::FeedItem { feed: url.clone(), link },
                None => Job::Ready(match item.content {
                    Ok(input) => Item::Input(input),
                    Err(err) => Item::Failed(err.origin, err.kind.to_string()),
                }),
            })
            .collect();
        self.queue_items(jobs)
    }

    fn queue_items(&mut self, jobs: Vec<Job>) -> Item {
        // The feed counted as one input; its items replace it.
        self.report.expanded(jobs.len() as u64);
        // Next in line, in feed order, before the remaining command-line URLs.
        for job in jobs.into_iter().rev() {
            self.queue.push_front(job);
        }
        Item::Expanded
    }

    fn feed_item(&mut self, feed: String, link: String) -> Item {
        // One article however its link is spelt (`http`/`https`, `www.`, tracking parameters).
        if !self.seen.insert(canonical_url(&link)) || self.stored(&link) {
            return Item::AlreadyStored;
        }
        match self.fetcher.fetch(&link, self.cache.get(&link)) {
            Ok(Outcome::Fetched(fetched)) => {
                self.fetched.push((link, fetched.validators.clone()));
                Item::Input(fetched.into_input())
            }
            Ok(Outcome::NotModified { .. }) => Item::NotModified,
            Err(err) => {
                self.incomplete.insert(feed);
                Item::Failed(link, err.to_string())
            }
        }
    }

    fn stored(&self, url: &str) -> bool {
        // A store error here only costs a fetch: the batch's own origin check still applies.
        self.store.has_origin(url).unwrap_or(false)
    }
}

impl Iterator for WebInputs<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let item = match self.queue.pop_front()? {
                Job::Url(url) => self.url(url),
                Job::FeedFile(path) => self.feed_file(path),
                Job::FeedItem { feed, link } => self.feed_item(feed, link),
                Job::Ready(item) => item,
            };
            if !matches!(item, Item::Expanded) {
                return Some(item);
            }
        }
    }
}
