//! Post files fetched once and shared: pointing at or tabbing to a link
//! starts the fetch, so by the click the post is usually there.

use super::api::{self, FetchError};
use crate::core::index::{PostFile, SiteIndex};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;

/// A post file's fetch, which any number of views may await.
pub type PostFetch = Shared<LocalBoxFuture<'static, Result<Arc<PostFile>, FetchError>>>;

/// The post fetches of this page, by slug.
#[derive(Clone, Copy)]
pub struct PostCache(StoredValue<HashMap<String, PostFetch>, LocalStorage>);

impl PostCache {
    pub fn new() -> PostCache {
        PostCache(StoredValue::new_local(HashMap::new()))
    }

    /// The fetch of the post `slug`'s file (below the site at `base`, named
    /// as `index` says), started now or earlier. A failed fetch is
    /// forgotten, so Retry and the next hover fetch again.
    pub fn fetch(&self, base: &str, index: &Arc<SiteIndex>, slug: &str) -> PostFetch {
        if let Some(fetch) = self.0.with_value(|m| m.get(slug).cloned()) {
            return fetch;
        }
        let (cache, url_base, index, key) = (*self, base.to_string(), index.clone(), slug.to_string());
        let fetch = async move {
            let result = api::post(&url_base, &index, &key).await;
            if result.is_err() {
                cache.0.update_value(|m| {
                    m.remove(&key);
                });
            }
            result
        }
        .boxed_local()
        .shared();
        self.0.update_value(|m| {
            m.insert(slug.to_string(), fetch.clone());
        });
        fetch
    }

    /// Starts fetching the post `slug` in the background.
    pub fn prefetch(&self, base: &str, index: &Arc<SiteIndex>, slug: &str) {
        let fetch = self.fetch(base, index, slug);
        spawn_local(async move {
            let _ = fetch.await;
        });
    }
}
