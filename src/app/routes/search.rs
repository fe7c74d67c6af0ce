//! `/search?q=…`: posts matching the query, updated as the reader types.

use crate::app::components::post_list::PostList;
use crate::app::{set_title, use_site};
use crate::core::search::{self, query};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    site.index.view(move |index| {
        let q = query.read().get("q").unwrap_or_default();
        let q = q.trim().to_string();
        set_title(&if q.is_empty() { "Search".into() } else { format!("Search: {q}") }, &index.site.title);
        let found: Vec<_> = search::find(&index.posts, &query::parse(&q)).into_iter().cloned().collect();
        let summary = match (q.is_empty(), found.len()) {
            (true, _) => "Type in the search box to find posts. Use \"quotes\" for a phrase, -word to leave a word out, and category:, tag: or year: to narrow.".to_string(),
            (false, 0) => format!("No posts match “{q}”."),
            (false, 1) => format!("1 post matches “{q}”."),
            (false, n) => format!("{n} posts match “{q}”."),
        };
        view! {
            <section class="search-results">
                <h1>"Search"</h1>
                <p class="summary" aria-live="polite">{summary}</p>
                {(!found.is_empty()).then(|| view! { <PostList posts=found/> })}
            </section>
        }
    })
}
