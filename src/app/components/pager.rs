//! Newer/older links between the pages of a list.

use crate::app::use_site;
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the neighbouring pages; `route_of(n)` is the route of page `n`.
#[component]
pub fn Pager(number: usize, total_pages: usize, route_of: impl Fn(usize) -> Route + 'static) -> impl IntoView {
    let site = use_site();
    (total_pages > 1).then(|| {
        let newer = (number > 1).then(|| view! { <A href=site.href(&route_of(number - 1)) attr:rel="prev">"← Newer posts"</A> });
        let older = (number < total_pages).then(|| view! { <A href=site.href(&route_of(number + 1)) attr:rel="next">"Older posts →"</A> });
        view! {
            <nav class="pager" aria-label="Pages">
                <span class="newer">{newer}</span>
                <span class="page-count">{format!("Page {number} of {total_pages}")}</span>
                <span class="older">{older}</span>
            </nav>
        }
    })
}
