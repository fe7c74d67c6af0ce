//! Searching, as the search page asks for it: the search worker (see
//! [`super::worker`]) loads the index and answers; the app keeps what the
//! reader is stepping through.

use super::api::FetchError;
use super::worker;
use crate::core::search::answer::{Answer, SearchRequest};
use crate::core::search::format::SEARCH_DIR;
use crate::core::search::picker::Picker;
use leptos::prelude::*;

/// Results are shown this many at a time.
pub const RESULTS_PER_PAGE: usize = 10;

/// Answers `query` (as typed) with its first `limit` posts, using the index
/// whose manifest is at `manifest` (a path below the site at `base`).
pub async fn answer(base: &str, manifest: &str, query: &str, limit: usize) -> Result<Answer, FetchError> {
    // The worker runs from a blob, where only absolute URLs mean anything.
    let site = format!("{}{base}", window().location().origin().unwrap_or_default());
    let request = SearchRequest {
        manifest: format!("{site}{manifest}"),
        root: format!("{site}{SEARCH_DIR}"),
        query: query.to_string(),
        limit,
    };
    let reply = worker::run(request).await?;
    serde_json::from_str::<Result<Answer, FetchError>>(&reply).map_err(|e| FetchError::Corrupt(e.to_string()))?
}

/// The results a reader can step through with the arrow keys from the
/// search box, shared by the box (which steps and opens) and the search
/// page (which shows the results and marks the picked one).
#[derive(Clone, Copy, Default)]
pub struct Picks(pub RwSignal<Picker>);
