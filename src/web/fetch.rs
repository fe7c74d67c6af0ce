//! Fetching the builder's files, with the checks a static host needs: a
//! missing file on an SPA host comes back as `index.html` with status 200,
//! so the content type and the format version are checked too. Used by the
//! app and by its worker alike.

use crate::core::index::{ListChunk, PostFile, SiteIndex, FORMAT_VERSION, TagsFile};
use crate::core::search::format::{Manifest, SearchDoc};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, RequestCache};

#[wasm_bindgen]
extern "C" {
    // The global timers, which a page and a worker both have (web-sys
    // binds them on `Window` and `WorkerGlobalScope` apart).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> i32;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: i32);
}

/// How long one file may take, body included, before the reader is offered
/// Retry instead of an endless "Loading…".
pub const TIMEOUT_MS: i32 = 12_000;

/// Why a file could not be loaded; each says what the reader can do.
/// They cross from the search worker to the app as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FetchError {
    /// No answer at all: offline, DNS, refused connection.
    Network(String),
    /// No complete answer within [`TIMEOUT_MS`].
    Timeout,
    /// The server answered with an error status.
    Status(u16),
    /// The server answered with a web page instead of data.
    NotData,
    /// The data is not what this app expects (truncated, corrupt).
    Corrupt(String),
    /// The data was written by a different version of Folio.
    Version { found: u32 },
    /// One of the app's workers (see [`crate::core::job`]) could not be
    /// started, or stopped.
    Worker(String),
}

impl FetchError {
    /// Whether the file is not on the site (as opposed to not reachable).
    pub fn is_missing(&self) -> bool {
        matches!(self, FetchError::Status(404) | FetchError::NotData)
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network(e) => write!(f, "The blog could not be reached ({e}). Check your connection and try again."),
            FetchError::Timeout => write!(f, "The blog took too long to answer ({} seconds). Check your connection and try again.", TIMEOUT_MS / 1000),
            FetchError::Status(404) => write!(f, "The file was not found on the server (404)."),
            FetchError::Status(code) => write!(f, "The server answered with an error ({code}). Try again in a moment."),
            FetchError::NotData => write!(f, "The server sent a web page where data was expected; the file is missing from this site."),
            FetchError::Corrupt(e) => write!(f, "The blog's data could not be read ({e}). Try again; if it persists the site needs rebuilding."),
            FetchError::Worker(e) => write!(f, "This part of the app failed to load ({e}). Check your connection and try again; if it persists, reload the page."),
            FetchError::Version { found } => write!(
                f,
                "This page was built by a different version of Folio (data format {found}, app expects {FORMAT_VERSION}). Reload the page to get the matching app."
            ),
        }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Fetches a text file, giving up after [`TIMEOUT_MS`], with `cache` saying
/// how the browser's cache may answer.
pub async fn fetch_text(url: &str, cache: RequestCache) -> Result<String, FetchError> {
    fetch_body(url, cache, |response| async move { response.text().await }).await
}

/// Fetches a binary file (a search shard), giving up after [`TIMEOUT_MS`].
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    fetch_body(url, RequestCache::Default, |response| async move { response.binary().await }).await
}

/// Fetches `url` and reads its body with `read`, checking that the server
/// sent data rather than an error or its HTML fallback page.
async fn fetch_body<T, Fut>(
    url: &str,
    cache: RequestCache,
    read: impl FnOnce(gloo_net::http::Response) -> Fut,
) -> Result<T, FetchError>
where
    Fut: std::future::Future<Output = Result<T, gloo_net::Error>>,
{
    let controller = AbortController::new().map_err(|_| FetchError::Network("fetch is not available".into()))?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let timer = set_timeout(abort.unchecked_ref(), TIMEOUT_MS);
    let failed = |e: gloo_net::Error| if signal.aborted() { FetchError::Timeout } else { FetchError::Network(e.to_string()) };
    let result = async {
        let response = Request::get(url).cache(cache).abort_signal(Some(&signal)).send().await.map_err(failed)?;
        if !response.ok() {
            return Err(FetchError::Status(response.status()));
        }
        let content_type = response.headers().get("content-type").unwrap_or_default();
        if content_type.contains("html") {
            return Err(FetchError::NotData);
        }
        read(response).await.map_err(failed)
    }
    .await;
    clear_timeout(timer);
    result
}

/// The builder's files, which all carry the format version they were written in.
pub trait Versioned: DeserializeOwned {
    fn version(&self) -> u32;
}

/// Each builder file keeps its version in a `version` field.
macro_rules! versioned {
    ($($file:ty),*) => {$(
        impl Versioned for $file {
            fn version(&self) -> u32 {
                self.version
            }
        }
    )*};
}

versioned!(SiteIndex, ListChunk, PostFile, TagsFile, Manifest, SearchDoc);

/// Fetches and parses a builder file. The text is parsed once; only when
/// that fails is the version read alone, to tell "written by another Folio"
/// from "damaged".
pub async fn fetch_versioned<T: Versioned>(url: &str) -> Result<T, FetchError> {
    fetch_versioned_with(url, RequestCache::Default).await
}

/// [`fetch_versioned`], with `cache` saying how the browser's cache may answer.
pub async fn fetch_versioned_with<T: Versioned>(url: &str, cache: RequestCache) -> Result<T, FetchError> {
    parse_versioned(&fetch_text(url, cache).await?)
}

/// Parses a builder file fetched as `text` (see [`fetch_versioned`]).
pub fn parse_versioned<T: Versioned>(text: &str) -> Result<T, FetchError> {
    let check = |found: u32| if found == FORMAT_VERSION { Ok(()) } else { Err(FetchError::Version { found }) };
    match serde_json::from_str::<T>(text) {
        Ok(value) => check(value.version()).map(|()| value),
        Err(e) => {
            if let Ok(VersionOnly { version }) = serde_json::from_str(text) {
                check(version)?;
            }
            Err(FetchError::Corrupt(e.to_string()))
        }
    }
}
