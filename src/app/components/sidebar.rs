//! The sidebar on every page: search box, archives by month, categories
//! with post counts and the most recent posts.

use crate::app::use_site;
use crate::core::date::month_name;
use crate::core::index::SiteIndex;
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// How many recent posts the sidebar lists.
const RECENT_POSTS: usize = 5;

#[component]
pub fn Sidebar() -> impl IntoView {
    let site = use_site();
    let index = site.index;
    view! {
        <aside class="sidebar" aria-label="Sidebar">
            <SearchBox/>
            {move || index.ready().map(|index| view! { <Widgets index=index/> })}
        </aside>
    }
}

/// Typing searches at once: each keystroke updates `/search?q=…`, replacing
/// the history entry so Back leaves the search rather than undoing letters.
#[component]
fn SearchBox() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let search_path = site.href(&Route::Search { query: String::new() });
    let on_search_page = move || location.pathname.get() == search_path;
    let value = {
        let on_search_page = on_search_page.clone();
        move || if on_search_page() { query.read().get("q").unwrap_or_default() } else { String::new() }
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let replace = on_search_page();
        navigate(&site.href(&Route::Search { query: text }), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    view! {
        <form class="widget search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input">"Search"</label>
            <input id="search-input" type="search" placeholder="Search posts…" autocomplete="off"
                prop:value=value on:input=on_input/>
        </form>
    }
}

#[component]
fn Widgets(index: Arc<SiteIndex>) -> impl IntoView {
    let site = use_site();
    let months = index.months.clone().into_iter().map(|m| {
        let href = site.href(&Route::Month { year: m.year, month: m.month, page: 1 });
        view! { <li><A href=href>{format!("{} {}", month_name(m.month), m.year)}</A>" "<span class="count">{format!("({})", m.count)}</span></li> }
    }).collect_view();
    let categories = index.categories.clone().into_iter().map(|c| {
        let href = site.href(&Route::Category { slug: c.slug.clone(), page: 1 });
        view! { <li><A href=href>{c.name}</A>" "<span class="count">{format!("({})", c.count)}</span></li> }
    }).collect_view();
    let recent = index.posts.iter().take(RECENT_POSTS).map(|p| (p.slug.clone(), p.title.clone())).collect::<Vec<_>>().into_iter().map(|(slug, title)| {
        let href = site.href(&Route::Post { slug });
        view! { <li><A href=href>{title}</A></li> }
    }).collect_view();
    view! {
        <section class="widget recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Recent posts"</h2>
            <ul>{recent}</ul>
        </section>
        <section class="widget archives" aria-labelledby="archives-heading">
            <h2 id="archives-heading">"Archives"</h2>
            <ul>{months}</ul>
        </section>
        <section class="widget categories" aria-labelledby="categories-heading">
            <h2 id="categories-heading">"Categories"</h2>
            <ul>{categories}</ul>
        </section>
    }
}
