//! The search engine as the search worker runs it: the manifest on the first
//! search, then the shards and result files each query needs, all kept for
//! the next keystroke.

use super::fetch::{self, FetchError};
use crate::core::search::answer::{Answer, FoundPost, SearchRequest};
use crate::core::search::engine::Searcher;
use crate::core::search::excerpt::has_phrases;
use crate::core::search::format::{Manifest, SearchDoc};
use crate::core::search::query::{parse, Query};
use futures::future::join_all;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A `"phrase"` is checked in the posts' text, which is fetched: at most
/// this many candidates are checked per page of results.
const PHRASE_CANDIDATES: usize = 100;

/// A loaded search index.
#[derive(Clone)]
struct Engine {
    /// URL of the manifest.
    manifest: Rc<str>,
    /// URL of the folder the doc files are in.
    root: Rc<str>,
    searcher: Rc<RefCell<Searcher>>,
    docs: Rc<RefCell<HashMap<u32, Rc<SearchDoc>>>>,
}

thread_local! {
    /// The index last searched, kept for the life of the worker.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

impl Engine {
    /// The engine for the index whose manifest is at `url`, with its
    /// files below `root`, loading it if needed. A new manifest (the blog
    /// was rebuilt) replaces the one kept.
    async fn for_manifest(url: &str, root: &str) -> Result<Engine, FetchError> {
        if let Some(engine) = ENGINE.with_borrow(|e| e.clone()).filter(|e| *e.manifest == *url) {
            return Ok(engine);
        }
        let manifest: Manifest = fetch::fetch_versioned(url).await?;
        let engine = Engine {
            manifest: url.into(),
            root: root.into(),
            searcher: Rc::new(RefCell::new(Searcher::new(manifest))),
            docs: Rc::default(),
        };
        ENGINE.set(Some(engine.clone()));
        Ok(engine)
    }

    /// Fetches the shards `query` needs, in rounds, until none is missing.
    async fn load(&self, query: &Query) -> Result<(), FetchError> {
        loop {
            let missing = self.searcher.borrow().missing(query);
            if missing.is_empty() {
                return Ok(());
            }
            let urls: Vec<String> = {
                let searcher = self.searcher.borrow();
                missing.iter().map(|need| format!("{}{}", self.root, need.path(searcher.manifest()))).collect()
            };
            let fetched = join_all(urls.iter().map(|url| fetch::fetch_bytes(url))).await;
            for (need, bytes) in missing.into_iter().zip(fetched) {
                self.searcher.borrow_mut().add(need, &bytes?).map_err(|e| FetchError::Corrupt(e.to_string()))?;
            }
        }
    }

    async fn doc(&self, id: u32) -> Result<Rc<SearchDoc>, FetchError> {
        if let Some(doc) = self.docs.borrow().get(&id) {
            return Ok(doc.clone());
        }
        let path = self.searcher.borrow().manifest().doc_path(id);
        let doc: Rc<SearchDoc> = Rc::new(fetch::fetch_versioned(&format!("{}{path}", self.root)).await?);
        self.docs.borrow_mut().insert(id, doc.clone());
        Ok(doc)
    }
}

/// Answers `request` with its first `limit` posts, their titles and
/// excerpts marked.
pub async fn answer(request: SearchRequest) -> Result<Answer, FetchError> {
    let engine = Engine::for_manifest(&request.manifest, &request.root).await?;
    let query = parse(&request.query);
    engine.load(&query).await?;
    let found = engine.searcher.borrow().run(&query);
    let (limit, checks_phrases) = (request.limit, !query.phrases.is_empty());
    let mut docs = Vec::new();
    let mut next = 0;
    while docs.len() < limit && next < found.hits.len() && (!checks_phrases || next < limit + PHRASE_CANDIDATES) {
        let batch: Vec<u32> = found.hits[next..].iter().take(limit - docs.len()).map(|hit| hit.doc).collect();
        next += batch.len();
        for doc in join_all(batch.into_iter().map(|id| engine.doc(id))).await {
            let doc = doc?;
            if has_phrases(&doc, &query) {
                docs.push(doc);
            }
        }
    }
    let more = next < found.hits.len();
    let total = if checks_phrases { (!more).then_some(docs.len()) } else { Some(found.hits.len()) };
    let posts = docs.iter().map(|doc| FoundPost::new(doc, &found.matched)).collect();
    Ok(Answer { posts, total, more })
}
