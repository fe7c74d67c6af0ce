//! The page for any address that names nothing on this blog.

use crate::app::{set_title, use_site};
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let site = use_site();
    let index = site.index;
    // Unknown paths render before the index arrives: retitle when it does.
    Effect::new(move |_| {
        let site_title = index.ready().map(|i| i.site.title.clone()).unwrap_or_default();
        set_title("Page not found", &site_title);
    });
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p><A href=site.href(&Route::Home { page: 1 })>"Go to the home page"</A>" or search for what you were looking for in the sidebar."</p>
        </section>
    }
}
