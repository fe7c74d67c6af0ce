//! Searching, as the search page asks for it: the search worker (see
//! [`super::worker`]) loads the index and answers; the app keeps what the
//! reader is stepping through.

use super::api::FetchError;
use super::worker;
use crate::core::search::answer::{Answer, SearchRequest};
use crate::core::search::format::SEARCH_DIR;
use leptos::prelude::*;

/// Results are shown this many at a time.
pub const RESULTS_PER_PAGE: usize = 10;

/// Answers `query` (as typed) with its first `limit` posts, using the index
/// whose manifest is in `folder` of the site at `base`.
pub async fn answer(base: &str, folder: &str, query: &str, limit: usize) -> Result<Answer, FetchError> {
    // The worker runs from a blob, where only absolute URLs mean anything.
    let site = format!("{}{base}", window().location().origin().unwrap_or_default());
    let request = SearchRequest {
        root: format!("{site}{folder}"),
        docs_root: format!("{site}{SEARCH_DIR}"),
        query: query.to_string(),
        limit,
    };
    let reply = worker::run(request).await?;
    serde_json::from_str::<Result<Answer, FetchError>>(&reply).map_err(|e| FetchError::Corrupt(e.to_string()))?
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
