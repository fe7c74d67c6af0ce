//! A link with its number of posts, as the sidebar and the archive pages
//! list categories, years and months.

use leptos::prelude::*;
use leptos_router::components::A;

/// A link to `href` named `name`, followed by `(count)` (the router marks
/// the page's own link as current).
#[component]
pub fn CountedLink(href: String, name: String, count: usize) -> impl IntoView {
    view! { <A href=href>{name}</A>" "<span class="count">{format!("({count})")}</span> }
}
