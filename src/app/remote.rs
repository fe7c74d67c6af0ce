//! Data fetched from the site, with loading and failure as states the view
//! must show, and a retry that visibly starts over.

use super::api::FetchError;
use super::components::status::{LoadError, Loading};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::sync::Arc;

/// Where a fetch stands.
#[derive(Clone, Debug)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(FetchError),
}

/// A value fetched when created and again on [`Remote::retry`]. Unlike a
/// resource, a retry goes back to `Loading`, so the reader sees it working,
/// and a late answer to an earlier attempt is ignored.
pub struct Remote<T: Send + Sync + 'static> {
    state: RwSignal<Load<T>>,
    attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Clone + Send + Sync + 'static> Remote<T> {
    /// Starts fetching with `fetch`, which is called again on each retry.
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, FetchError>> + 'static,
    {
        let state = RwSignal::new(Load::Loading);
        let attempt = RwSignal::new(0u32);
        Effect::new(move |_| {
            let this_attempt = attempt.get();
            state.set(Load::Loading);
            let future = fetch();
            super::settle::started();
            spawn_local(async move {
                let result = future.await;
                super::settle::finished();
                if attempt.try_get_untracked() == Some(this_attempt) {
                    state.set(match result {
                        Ok(value) => Load::Ready(value),
                        Err(e) => Load::Failed(e),
                    });
                }
            });
        });
        Remote { state, attempt }
    }

    /// The value, once loaded.
    pub fn ready(&self) -> Option<T> {
        match self.state.get() {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// The value, once loaded, without subscribing to it (for event handlers).
    pub fn ready_untracked(&self) -> Option<T> {
        match self.state.get_untracked() {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// Fetches again from scratch.
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }

    /// A view of this value: a loading note, the error with a Retry button,
    /// or `ready(value)`.
    pub fn view<V: IntoView + 'static>(self, ready: impl Fn(T) -> V + 'static) -> impl Fn() -> AnyView {
        self.render(ready, None)
    }

    /// Like [`Remote::view`], but a file that does not exist (404, or the
    /// host's HTML fallback) shows `missing`: for data whose absence means
    /// the page does not exist.
    pub fn view_or_missing<V: IntoView + 'static, M: IntoView + 'static>(
        self,
        ready: impl Fn(T) -> V + 'static,
        missing: impl Fn() -> M + Send + Sync + 'static,
    ) -> impl Fn() -> AnyView {
        self.render(ready, Some(Box::new(move || missing().into_any())))
    }

    fn render<V: IntoView + 'static>(
        self,
        ready: impl Fn(T) -> V + 'static,
        missing: Option<Box<dyn Fn() -> AnyView + Send + Sync>>,
    ) -> impl Fn() -> AnyView {
        move || match self.state.get() {
            Load::Loading => view! { <Loading/> }.into_any(),
            Load::Failed(error) => {
                let not_found = error.is_missing();
                match (&missing, not_found) {
                    (Some(missing), true) => missing(),
                    _ => view! { <LoadError error=error not_found=not_found on_retry=move || self.retry()/> }.into_any(),
                }
            }
            Load::Ready(value) => ready(value).into_any(),
        }
    }
}

impl<T: Send + Sync + 'static> Remote<Arc<T>> {
    /// Puts in `found`, a newer value that another fetch came back with
    /// (the site index, when a file's fetch found the blog rebuilt), unless
    /// it is `used` itself.
    pub fn update_if_newer(&self, used: &Arc<T>, found: Arc<T>) {
        if !Arc::ptr_eq(used, &found) {
            self.state.set(Load::Ready(found));
        }
    }
}
