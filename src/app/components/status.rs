//! What a page shows while its data loads, and when loading failed.

use crate::app::api::FetchError;
use leptos::prelude::*;

/// Shown while a fetch is under way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="status loading" role="status" aria-live="polite">"Loading…"</p> }
}

/// A failed fetch: what went wrong and a Retry button, never a blank page.
#[component]
pub fn LoadError(error: FetchError, not_found: bool, on_retry: impl Fn() + 'static) -> impl IntoView {
    let heading = if not_found { "This content is missing" } else { "Something went wrong" };
    view! {
        <div class="status error" role="alert">
            <h2>{heading}</h2>
            <p>{error.to_string()}</p>
            <button type="button" class="retry" on:click=move |_| on_retry()>"Retry"</button>
        </div>
    }
}
