//! The app's fetches: the site index, and the files it names, which a
//! deploy may have renamed since the page loaded the index. Fetching
//! itself, with its checks, is [`crate::web::fetch`].

pub use crate::web::fetch::{fetch_versioned, FetchError, Versioned, TIMEOUT_MS};
use crate::core::index::{SiteIndex, INDEX_FILE};
use crate::web::fetch::fetch_versioned_with;
use std::sync::Arc;
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

/// Loads the file that `name` says `index` calls it (a post file or a list
/// page, whose names carry versions). If the blog was rebuilt since `index`
/// was loaded, the file may be gone under that name: then the index is
/// loaded again, past any cache, and if it names the file differently the
/// file is fetched under its new name. Returns the index the file was
/// found with, for later fetches.
pub async fn fetch_named<T: Versioned>(
    base: &str,
    index: Arc<SiteIndex>,
    name: impl Fn(&SiteIndex) -> String,
) -> Result<(T, Arc<SiteIndex>), FetchError> {
    let missing = match fetch_versioned(&format!("{base}{}", name(&index))).await {
        Ok(value) => return Ok((value, index)),
        Err(e) if e.is_missing() => e,
        Err(e) => return Err(e),
    };
    let fresh = fresh_index(base).await?;
    if name(&fresh) == name(&index) {
        return Err(missing);
    }
    let value = fetch_versioned(&format!("{base}{}", name(&fresh))).await?;
    Ok((value, fresh))
}

/// Loads the site index again past the browser's cache: the blog may have
/// been rebuilt since the page loaded it, and the files it named be gone.
pub async fn fresh_index(base: &str) -> Result<Arc<SiteIndex>, FetchError> {
    fetch_versioned_with(&format!("{base}{INDEX_FILE}"), RequestCache::NoCache).await.map(Arc::new)
}

