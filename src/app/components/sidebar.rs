//! The sidebar on every page: search box, the most recent posts, archives
//! by year and month, and categories, with post counts.

use crate::app::components::counted::CountedLink;
use crate::app::components::months::MonthLinks;
use crate::app::search::Picks;
use crate::app::{use_site, SiteData};
use crate::core::index::{archive_years, SiteIndex};
use crate::core::job::Worker;
use crate::core::route::Route;
use crate::core::search::query::{filter_value, with_filter};
use crate::core::slug::term_slug;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

#[component]
pub fn Sidebar() -> impl IntoView {
    let site = use_site();
    let index = site.index;
    view! {
        <aside class="sidebar" aria-label="Sidebar">
            <SearchBox/>
            {move || index.ready().map(|index| view! { <SearchFilters index=index.clone()/><Widgets index=index/> })}
        </aside>
    }
}

/// Whether the search page is the one shown.
fn on_search_page(site: &SiteData) -> impl Fn() -> bool + Clone + Send + Sync + 'static {
    let location = use_location();
    let search_path = site.href(&Route::Search { query: String::new() });
    move || location.pathname.get() == search_path
}

/// Typing searches at once: each keystroke updates `/search?q=…`, replacing
/// the history entry so Back leaves the search rather than undoing letters.
/// Focusing the box starts the worker that answers searches, if it is not
/// running yet, so the first letter need not wait for it.
#[component]
fn SearchBox() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let navigate = use_navigate();
    let on_search_page = on_search_page(&site);
    let value = {
        let on_search_page = on_search_page.clone();
        move || if on_search_page() { query.read().get("q").unwrap_or_default() } else { String::new() }
    };
    let Picks(picker) = expect_context::<Picks>();
    let go = navigate.clone();
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let replace = on_search_page();
        navigate(&site.href(&Route::Search { query: text }), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    // Arrow keys pick a result, Enter opens it.
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            picker.update(|p| p.step(if ev.key() == "ArrowDown" { 1 } else { -1 }));
        }
        "Enter" => {
            if let Some(link) = picker.with_untracked(|p| p.picked().map(|p| p.link.clone())) {
                ev.prevent_default();
                go(&link, NavigateOptions::default());
            }
        }
        _ => {}
    };
    let active = move || picker.with(|p| p.active().map(|i| format!("result-{i}")));
    let controls = move || picker.with(|p| (!p.is_empty()).then_some("search-results"));
    view! {
        <form class="widget search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input">"Search"</label>
            <input id="search-input" type="search" placeholder="Search posts…" autocomplete="off"
                aria-keyshortcuts="/" aria-controls=controls aria-activedescendant=active
                prop:value=value on:input=on_input on:keydown=on_keydown
                on:focus=|_| crate::app::worker::warm(Worker::Search)/>
            <p class="hint">"Press " <kbd>"/"</kbd> " to search, " <kbd>"↓"</kbd> " " <kbd>"↑"</kbd> " to pick, " <kbd>"Enter"</kbd> " to open."</p>
        </form>
    }
}

/// A menu's choices: the value written into the query, and the name shown.
type Choices = Vec<(String, String)>;

/// On the search page: menus that narrow the search by category, tag or
/// year, by writing `category:`, `tag:` or `year:` into the query. The tags
/// come from their own file, fetched when the search page opens.
#[component]
fn SearchFilters(index: Arc<SiteIndex>) -> impl IntoView {
    let site = use_site();
    let categories: Choices = index.categories.iter().map(|c| (c.slug.clone(), c.name.clone())).collect();
    let years: Choices = archive_years(&index.months).iter().map(|y| (y.year.to_string(), y.year.to_string())).collect();
    let on_search_page = on_search_page(&site);
    // Made again each time the search page opens: a view is not kept
    // for reuse.
    let menus = move || {
        let tags = site.tags(&index).view(|tags| {
            let options: Choices = tags.tags.iter().map(|t| (t.slug.clone(), t.name.clone())).collect();
            view! { <FilterMenu key="tag" label="Tag" options=options/> }
        });
        view! {
            <FilterMenu key="category" label="Category" options=categories.clone()/>
            {tags}
            <FilterMenu key="year" label="Year" options=years.clone()/>
        }
    };
    view! {
        <Show when=on_search_page>
            <section class="widget filters" aria-labelledby="filters-heading">
                <h2 id="filters-heading">"Narrow the search"</h2>
                <div class="filter-grid">{menus()}</div>
            </section>
        </Show>
    }
}

/// One menu of [`SearchFilters`]: `key:` in the query, chosen from `options`.
#[component]
fn FilterMenu(key: &'static str, label: &'static str, options: Choices) -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let navigate = use_navigate();
    let current = move || {
        filter_value(&query.read().get("q").unwrap_or_default(), key).map(|v| term_slug(&v)).unwrap_or_default()
    };
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let q = with_filter(&query.read_untracked().get("q").unwrap_or_default(), key, Some(&value).filter(|v| !v.is_empty()).map(|v| v.as_str()));
        navigate(&site.href(&Route::Search { query: q }), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let id = format!("filter-{key}");
    let options = options
        .into_iter()
        .map(|(value, name)| {
            let selected = {
                let value = value.clone();
                move || current() == value
            };
            view! { <option value=value prop:selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id on:change=on_change>
            <option value="" prop:selected=move || current().is_empty()>"Any"</option>
            {options}
        </select>
    }
}

#[component]
fn Widgets(index: Arc<SiteIndex>) -> impl IntoView {
    let site = use_site();
    // The newest year's months under it; each older year links to its
    // archive, which lists its months.
    let years = archive_years(&index.months).into_iter().enumerate().map(|(i, year)| {
        let href = site.href(&Route::Year { year: year.year, page: 1 });
        let months = (i == 0).then(|| view! { <ul><MonthLinks months=year.months.to_vec()/></ul> });
        view! { <li><CountedLink href=href name=year.year.to_string() count=year.count/>{months}</li> }
    }).collect_view();
    let has_categories = !index.categories.is_empty();
    let categories = index.categories.clone().into_iter().map(|c| {
        let href = site.href(&Route::Category { slug: c.slug.clone(), page: 1 });
        view! { <li><CountedLink href=href name=c.name count=c.count/></li> }
    }).collect_view();
    let recent = index.recent.clone().into_iter().map(|post| {
        let href = site.href(&Route::Post { slug: post.slug });
        view! { <li><A href=href>{post.title}</A></li> }
    }).collect_view();
    view! {
        <section class="widget recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Recent posts"</h2>
            <ul>{recent}</ul>
        </section>
        <section class="widget archives" aria-labelledby="archives-heading">
            <h2 id="archives-heading">"Archives"</h2>
            <ul>{years}</ul>
        </section>
        // A blog with tags alone has no categories to list.
        {has_categories.then(|| view! {
            <section class="widget categories" aria-labelledby="categories-heading">
                <h2 id="categories-heading">"Categories"</h2>
                <ul>{categories}</ul>
            </section>
        })}
    }
}
