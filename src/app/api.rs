//! The app's fetches: the site index, and the files it names, which a
//! deploy may have renamed since the page loaded the index. Fetching
//! itself, with its checks, is [`crate::web::fetch`].

pub use crate::web::fetch::{fetch_versioned, FetchError, Versioned, TIMEOUT_MS};
use crate::core::index::{SiteIndex, INDEX_FILE};
use crate::web::fetch::{fetch_text, fetch_versioned_with, parse_versioned};
use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use web_sys::RequestCache;

/// The site's base path from the page's `<base href>` (`/` or `/blog/`),
/// set at build time by `trunk build --public-url`.
pub fn base_path() -> String {
    let document = leptos::prelude::document();
    let base = document.base_uri().ok().flatten().unwrap_or_else(|| "/".into());
    let origin = leptos::prelude::window().location().origin().unwrap_or_default();
    let path = base.strip_prefix(&origin).unwrap_or(&base);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    if !path.ends_with('/') {
        path.push('/');
    }
    path
}

/// Loads the site index.
pub async fn site_index(base: &str) -> Result<Arc<SiteIndex>, FetchError> {
    fetch_versioned(&format!("{base}{INDEX_FILE}")).await.map(Arc::new)
}

/// Loads the files that `names` says `index` calls them (post files, list
/// chunks, whose names carry versions), side by side. If the blog was
/// rebuilt since `index` was loaded, a file may be gone under its name:
/// then the index is loaded again, once, past any cache, and if it names
/// the files differently they are fetched under their new names. Returns
/// the index the files were found with, for later fetches.
pub async fn fetch_all_named<T: Versioned>(
    base: &str,
    index: Arc<SiteIndex>,
    names: impl Fn(&SiteIndex) -> Vec<String>,
) -> Result<(Vec<T>, Arc<SiteIndex>), FetchError> {
    let (texts, index) = texts_named(base, index, &names).await?;
    let values = texts.iter().map(|text| parse_versioned(text)).collect::<Result<_, _>>()?;
    Ok((values, index))
}

/// The texts of [`fetch_all_named`]'s files, and the index they were found
/// with: apart from it, so that its every file type does not get a copy.
async fn texts_named(
    base: &str,
    index: Arc<SiteIndex>,
    names: &dyn Fn(&SiteIndex) -> Vec<String>,
) -> Result<(Vec<String>, Arc<SiteIndex>), FetchError> {
    let fetch_all = |names: Vec<String>| {
        all_of(names.into_iter().map(|name| async move { fetch_text(&format!("{base}{name}"), RequestCache::Default).await }).collect())
    };
    let missing = match fetch_all(names(&index)).await {
        Ok(texts) => return Ok((texts, index)),
        Err(e) if e.is_missing() => e,
        Err(e) => return Err(e),
    };
    let fresh = fresh_index(base).await?;
    if names(&fresh) == names(&index) {
        return Err(missing);
    }
    Ok((fetch_all(names(&fresh)).await?, fresh))
}

/// Loads the site index again past the browser's cache: the blog may have
/// been rebuilt since the page loaded it, and the files it named be gone.
pub async fn fresh_index(base: &str) -> Result<Arc<SiteIndex>, FetchError> {
    fetch_versioned_with(&format!("{base}{INDEX_FILE}"), RequestCache::NoCache).await.map(Arc::new)
}

/// What `futures`, awaited side by side, give, in their order; the first
/// error ends the wait. `futures::future::try_join_all` does the same,
/// with a queue for long lists that cost the app's wasm 3 KB (brotli'd)
/// for the one or two files it fetches at once.
async fn all_of<T, F: Future<Output = Result<T, FetchError>>>(futures: Vec<F>) -> Result<Vec<T>, FetchError> {
    let mut pending: Vec<Option<std::pin::Pin<Box<F>>>> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut done: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (slot, value) in pending.iter_mut().zip(&mut done) {
            if let Some(future) = slot {
                if let Poll::Ready(result) = future.as_mut().poll(cx) {
                    *value = Some(result?);
                    *slot = None;
                }
            }
        }
        match pending.iter().all(Option::is_none) {
            true => Poll::Ready(Ok(done.iter_mut().filter_map(Option::take).collect())),
            false => Poll::Pending,
        }
    })
    .await
}
