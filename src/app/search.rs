//! The search index as the app loads it: the manifest on the first search,
//! then the shards and result files each query needs, all kept for the
//! next keystroke.

use super::api::{self, FetchError};
use crate::core::search::engine::Searcher;
use crate::core::search::excerpt::has_phrases;
use crate::core::search::format::{Manifest, SearchDoc, SEARCH_DIR};
use crate::core::search::query::Query;
use futures::future::join_all;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Results are shown this many at a time.
pub const RESULTS_PER_PAGE: usize = 10;

/// A `"phrase"` is checked in the posts' text, which is fetched: at most
/// this many candidates are checked per page of results.
const PHRASE_CANDIDATES: usize = 100;

/// A loaded search index, shared by every search on the page.
#[derive(Clone)]
pub struct Engine {
    /// URL of the manifest's folder.
    root: Rc<str>,
    /// URL of the folder the doc files are in (see [`SEARCH_DIR`]).
    docs_root: Rc<str>,
    searcher: Rc<RefCell<Searcher>>,
    docs: Rc<RefCell<HashMap<u32, Arc<SearchDoc>>>>,
}

/// The engine, once loaded; kept for the life of the page.
pub type EngineSlot = StoredValue<Option<Engine>, LocalStorage>;

/// One page of answers to a query.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The posts shown, best first.
    pub posts: Vec<Arc<SearchDoc>>,
    /// How many posts match, when known (a phrase is only checked for the
    /// posts fetched).
    pub total: Option<usize>,
    /// Whether more posts may match than are shown.
    pub more: bool,
    /// The index terms that matched, sorted, for marking.
    pub matched: Vec<String>,
}

impl Engine {
    /// The engine for the index whose manifest is in `folder` (as the site
    /// index names it) of the site at `base`, loading it if needed.
    async fn for_folder(slot: EngineSlot, base: &str, folder: &str) -> Result<Engine, FetchError> {
        let root = format!("{base}{folder}");
        if let Some(engine) = slot.get_value().filter(|e| *e.root == root) {
            return Ok(engine);
        }
        let manifest: Manifest = api::fetch_versioned(&format!("{root}manifest.json")).await?;
        let engine = Engine {
            docs_root: format!("{base}{SEARCH_DIR}").into(),
            root: root.into(),
            searcher: Rc::new(RefCell::new(Searcher::new(manifest))),
            docs: Rc::default(),
        };
        slot.set_value(Some(engine.clone()));
        Ok(engine)
    }

    /// Fetches the shards `query` needs, in rounds, until none is missing.
    async fn load(&self, query: &Query) -> Result<(), FetchError> {
        loop {
            let missing = self.searcher.borrow().missing(query);
            if missing.is_empty() {
                return Ok(());
            }
            let urls: Vec<String> = missing.iter().map(|need| format!("{}{}", self.root, need.path())).collect();
            let fetched = join_all(urls.iter().map(|url| api::fetch_bytes(url))).await;
            for (need, bytes) in missing.into_iter().zip(fetched) {
                self.searcher.borrow_mut().add(need, &bytes?).map_err(|e| FetchError::Corrupt(e.to_string()))?;
            }
        }
    }

    async fn doc(&self, id: u32) -> Result<Arc<SearchDoc>, FetchError> {
        if let Some(doc) = self.docs.borrow().get(&id) {
            return Ok(doc.clone());
        }
        let path = self.searcher.borrow().manifest().doc_path(id);
        let doc: Arc<SearchDoc> = Arc::new(api::fetch_versioned(&format!("{}{path}", self.docs_root)).await?);
        self.docs.borrow_mut().insert(id, doc.clone());
        Ok(doc)
    }
}

/// Answers `query` with its first `limit` posts, using the index whose
/// manifest is in `folder` of the site at `base` (loaded into `slot` on
/// first use).
pub async fn answer(slot: EngineSlot, base: &str, folder: &str, query: &Query, limit: usize) -> Result<Answer, FetchError> {
    let engine = Engine::for_folder(slot, base, folder).await?;
    engine.load(query).await?;
    let found = engine.searcher.borrow().run(query);
    let checks_phrases = !query.phrases.is_empty();
    let mut posts = Vec::new();
    let mut next = 0;
    while posts.len() < limit && next < found.hits.len() && (!checks_phrases || next < limit + PHRASE_CANDIDATES) {
        let batch: Vec<u32> = found.hits[next..].iter().take(limit - posts.len()).map(|hit| hit.doc).collect();
        next += batch.len();
        for doc in join_all(batch.into_iter().map(|id| engine.doc(id))).await {
            let doc = doc?;
            if has_phrases(&doc, query) {
                posts.push(doc);
            }
        }
    }
    let more = next < found.hits.len();
    let total = if checks_phrases { (!more).then_some(posts.len()) } else { Some(found.hits.len()) };
    Ok(Answer { posts, total, more, matched: found.matched })
}

/// The results a reader can step through with the arrow keys from the
/// search box, and which one is picked.
#[derive(Clone, Copy, Default)]
pub struct Picks {
    /// Links of the results shown, in order.
    pub links: RwSignal<Vec<String>>,
    pub active: RwSignal<Option<usize>>,
}

impl Picks {
    /// Moves the pick down (`step` 1) or up (-1); up from the first result
    /// goes back to the box.
    pub fn step(&self, step: isize) {
        let count = self.links.with_untracked(Vec::len);
        let next = match (self.active.get_untracked(), step) {
            _ if count == 0 => None,
            (None, s) if s > 0 => Some(0),
            (None, _) => None,
            (Some(0), s) if s < 0 => None,
            (Some(i), s) => Some(i.saturating_add_signed(s).min(count - 1)),
        };
        self.active.set(next);
    }

    /// The link of the picked result.
    pub fn picked(&self) -> Option<String> {
        let i = self.active.get_untracked()?;
        self.links.with_untracked(|links| links.get(i).cloned())
    }
}
