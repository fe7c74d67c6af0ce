//! Post files fetched once and shared: pointing at or tabbing to a link
//! starts the fetch, so by the click the post is usually there.

use super::api::FetchError;
use crate::core::index::PostFile;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use std::collections::HashMap;
use std::future::Future;
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

    /// The fetch of the post `slug`'s file: one started earlier, or else
    /// `request` (a future, so it does nothing unless used). A failed fetch is
    /// forgotten, so Retry and the next hover fetch again.
    pub fn fetch<F>(&self, slug: &str, request: F) -> PostFetch
    where
        F: Future<Output = Result<Arc<PostFile>, FetchError>> + 'static,
    {
        if let Some(fetch) = self.0.with_value(|m| m.get(slug).cloned()) {
            return fetch;
        }
        let (cache, key) = (*self, slug.to_string());
        let fetch = async move {
            let result = request.await;
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
}
