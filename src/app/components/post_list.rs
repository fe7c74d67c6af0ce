//! A list of posts as cards: title, byline, categories and excerpt.

use super::byline::{Byline, TermLinks};
use crate::app::use_site;
use crate::core::index::PostMeta;
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// The posts of one page of a list, or a note when there are none.
#[component]
pub fn PostList(posts: Vec<PostMeta>) -> impl IntoView {
    if posts.is_empty() {
        return view! { <p class="empty">"No posts here yet."</p> }.into_any();
    }
    view! {
        <ol class="post-list">
            {posts.into_iter().map(|meta| view! { <li><PostCard meta=meta/></li> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn PostCard(meta: PostMeta) -> impl IntoView {
    let site = use_site();
    let href = site.href(&Route::Post { slug: meta.slug.clone() });
    let hidden_label = format!(" of {}", meta.title);
    let title = meta.title.clone();
    let slug = meta.slug.clone();
    let prefetch = move || site.prefetch(&slug);
    view! {
        <article class="post-card" on:pointerenter={let p = prefetch.clone(); move |_| p()} on:focusin=move |_| prefetch()>
            <h2><A href=href.clone()>{title}</A></h2>
            <Byline meta=meta.clone()/>
            <TermLinks terms=meta.categories.clone() tags=false/>
            <p class="excerpt">{meta.excerpt.clone()}</p>
            <A href=href attr:class="read-more">"Read more"<span class="visually-hidden">{hidden_label}</span>" →"</A>
        </article>
    }
}
