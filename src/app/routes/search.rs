//! `/search?q=…`: ranked results, updated as the reader types. The last
//! answer stays on screen while the next one loads, so results do not
//! flicker between keystrokes.

use crate::app::api::{self, FetchError};
use crate::app::components::byline::TermLinks;
use crate::app::components::status::LoadError;
use crate::app::search::{self, Picks, RESULTS_PER_PAGE};
use crate::app::{set_title, use_site, worker};
use crate::core::job::Worker;
use crate::core::index::SiteIndex;
use crate::core::route::{with_highlight, Route};
use crate::core::search::answer::{Answer, FoundPost};
use crate::core::search::excerpt::Segment;
use crate::core::search::picker::Pickable;
use crate::core::search::query::parse;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

const HELP: &str = "Type in the search box to find posts. Use \"quotes\" for a phrase, -word to leave a word out, and category:, tag: or year: to narrow.";

#[component]
pub fn SearchPage() -> impl IntoView {
    // A reader here is about to search: the search worker loads meanwhile.
    worker::warm(Worker::Search);
    let site = use_site();
    site.index.view(|index| view! { <Results index=index/> })
}

/// Where the current query's search stands.
#[derive(Clone)]
enum State {
    /// No query yet.
    Idle,
    Searching,
    Done,
    Failed(FetchError),
}

#[component]
fn Results(index: Arc<SiteIndex>) -> impl IntoView {
    let site = use_site();
    let Picks(picker) = expect_context::<Picks>();
    let query = use_query_map();
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default().trim().to_string());
    // "More results" raises the limit for the query it was asked on.
    let limit = RwSignal::new((String::new(), RESULTS_PER_PAGE));
    let state = RwSignal::new(State::Idle);
    let shown: RwSignal<Option<(String, Arc<Answer>)>> = RwSignal::new(None);
    let attempt = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let (base, manifest) = (site.base.clone(), index.search.clone());
    let site_title = index.site.title.clone();
    Effect::new(move |_| {
        attempt.track();
        let q = text.get();
        let limit = limit.with(|(for_q, n)| if *for_q == q { *n } else { RESULTS_PER_PAGE });
        set_title(&if q.is_empty() { "Search".into() } else { format!("Search: {q}") }, &site_title);
        latest.update_value(|n| *n += 1);
        let run = latest.get_value();
        if parse(&q).is_empty() {
            state.set(State::Idle);
            shown.set(None);
            return;
        }
        state.set(State::Searching);
        let (base, manifest, index, site_index) = (base.clone(), manifest.clone(), index.clone(), site.index);
        spawn_local(async move {
            let result = search::answer(&base, &manifest, &q, limit).await;
            if latest.try_get_value() != Some(run) {
                return; // a later keystroke has its own search running
            }
            match result {
                Ok(answer) => {
                    shown.set(Some((q, Arc::new(answer))));
                    state.set(State::Done);
                }
                Err(e) => {
                    // After a deploy the search folder this page's index
                    // names is gone: a newer index names the new one, and
                    // the page searches again with it.
                    if e.is_missing() {
                        if let Some(fresh) = api::fresh_index(&base).await.ok().filter(|f| f.search != manifest) {
                            site_index.update_if_newer(&index, fresh);
                            return;
                        }
                    }
                    state.set(State::Failed(e));
                }
            }
        });
    });
    // The arrow keys step through what is on screen.
    Effect::new(move |_| {
        let shown: Vec<Pickable> = shown.with(|s| {
            s.as_ref().map_or_else(Vec::new, |(_, answer)| {
                let pickable = |post: &FoundPost| Pickable { slug: post.slug.clone(), link: result_link(&site, post) };
                answer.posts.iter().map(pickable).collect()
            })
        });
        picker.update(|p| p.show(shown));
    });
    // Off the search page there is nothing to pick.
    on_cleanup(move || {
        picker.try_update(|p| p.show(Vec::new()));
    });
    let summary = move || {
        match (state.get(), shown.get()) {
            (State::Idle, _) => HELP.to_string(),
            (State::Searching, None) => "Searching…".to_string(),
            // The query the results on screen answer, which lags the box
            // while the next answer loads.
            (_, Some((q, answer))) => match answer.total {
                Some(0) => format!("No posts match “{q}”."),
                Some(1) => format!("1 post matches “{q}”."),
                Some(n) => format!("{n} posts match “{q}”."),
                None => format!("Posts matching “{q}”:"),
            },
            (_, None) => String::new(),
        }
    };
    let error = move || match state.get() {
        State::Failed(error) => Some(view! { <LoadError error=error not_found=false on_retry=move || attempt.update(|n| *n += 1)/> }),
        _ => None,
    };
    let list = move || {
        shown.get().map(|(q, answer)| {
            let items = answer.posts.iter().enumerate().map(|(i, post)| {
                view! { <ResultItem i=i post=post.clone()/> }
            }).collect_view();
            let more = answer.more.then(|| {
                let next = answer.posts.len() + RESULTS_PER_PAGE;
                view! { <button class="more-results" on:click=move |_| limit.set((q.clone(), next))>"More results"</button> }
            });
            view! { <ol class="search-results-list" id="search-results">{items}</ol>{more} }
        })
    };
    view! {
        <section class="search-results" aria-busy=move || matches!(state.get(), State::Searching).to_string()>
            <h1>"Search"</h1>
            <p class="summary" aria-live="polite">{summary}</p>
            {error}
            {list}
        </section>
    }
}

/// The link to a result's post, carrying the words to mark in it.
fn result_link(site: &crate::app::SiteData, post: &FoundPost) -> String {
    with_highlight(site.href(&Route::Post { slug: post.slug.clone() }), &post.marks)
}

#[component]
fn ResultItem(i: usize, post: FoundPost) -> impl IntoView {
    let site = use_site();
    let Picks(picker) = expect_context::<Picks>();
    let href = result_link(&site, &post);
    let active = move || picker.with(|p| p.active() == Some(i));
    Effect::new(move |_| {
        if active() {
            if let Some(item) = document().get_element_by_id(&format!("result-{i}")) {
                item.scroll_into_view_with_bool(false);
            }
        }
    });
    let FoundPost { slug, date, categories, title, excerpt, .. } = post;
    let (title, text) = (marked(title), marked(excerpt));
    let prefetch_slug = slug.clone();
    let prefetch = {
        let site = site.clone();
        move || site.prefetch(&prefetch_slug)
    };
    view! {
        <li id=format!("result-{i}") class="result" class:active=active on:pointerenter={let p = prefetch.clone(); move |_| p()} on:focusin=move |_| prefetch()>
            <article class="post-card">
                <h2><A href=href>{title}</A></h2>
                <p class="byline"><time datetime=date.to_string()>{date.long_form()}</time></p>
                <TermLinks terms=categories tags=false/>
                <p class="excerpt">{text}</p>
            </article>
        </li>
    }
}

/// Text segments as a view, matched words in `<mark>`.
fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| if s.marked { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() })
        .collect_view()
}
