//! `/post/<slug>`: one post, its body fetched on demand and rendered from
//! Markdown in the browser (by the post renderer, see `app::worker`).

use crate::app::components::byline::{Byline, TermLinks};
use crate::app::remote::Remote;
use crate::app::routes::not_found::NotFound;
use crate::app::{set_title, use_site};
use crate::core::index::{PostFile, PostLink, SiteIndex};
use crate::app::{settle, worker};
use futures::future::Either;
use crate::core::markdown::RenderRequest;
use crate::core::route::{decode, Route};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").map(|s| decode(&s, false)).unwrap_or_default());
    // A new view per slug, so Newer/Older starts a fresh fetch; the index
    // names the post's file.
    let index = use_site().index;
    index.view(move |index| view! { <PostView index=index slug=slug.get()/> })
}

/// The post, once its file is in; a post that does not exist is not found.
#[component]
fn PostView(index: Arc<SiteIndex>, slug: String) -> impl IntoView {
    let site = use_site();
    let site_title = index.site.title.clone();
    // Shared with a prefetch begun when the reader pointed at the link.
    let file = Remote::new(move || site.post(&index, &slug));
    Effect::new(move |_| {
        if let Some(file) = file.ready() {
            set_title(&file.meta.title, &site_title);
        }
    });
    file.view_or_missing(
        |file: Arc<PostFile>| {
            let meta = file.meta.clone();
            view! {
                <article class="post">
                    <header class="post-header">
                        <h1>{meta.title.clone()}</h1>
                        <Byline meta=meta.clone() with_authors=true/>
                        <TermLinks terms=meta.categories.clone() tags=false/>
                    </header>
                    <PostBody file=file/>
                </article>
            }
        },
        || view! { <NotFound/> },
    )
}

#[component]
fn PostBody(file: Arc<PostFile>) -> impl IntoView {
    let site = use_site();
    let page_path = site.href(&Route::Post { slug: file.meta.slug.clone() });
    // Arriving from a search, the words it matched are marked.
    let query = use_query_map();
    let (body, base) = (file.clone(), site.base.clone());
    let content = Remote::new(move || {
        let mut marks: Vec<String> =
            query.read().get("hl").map(|hl| hl.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
        marks.sort();
        // A post opened by its address is on screen already, rendered by
        // the builder with the same code: the app takes that copy rather
        // than wait for the renderer to load. (A link followed before the
        // app took over leaves another post's copy there.)
        let prerendered = settle::prerendered(".post-content")
            .filter(|content| marks.is_empty() && content.get_attribute("data-post").as_deref() == Some(body.meta.slug.as_str()));
        if let Some(content) = prerendered {
            return Either::Left(std::future::ready(Ok(content.inner_html())));
        }
        let request = RenderRequest {
            markdown: body.markdown.clone(),
            site_base: base.to_string(),
            post_dir: body.meta.dir.clone(),
            page_path: page_path.clone(),
            marks,
            code: body.code.clone(),
            links: body.links.clone(),
        };
        Either::Right(worker::run(request))
    });
    // The footer comes with the body, so the page does not jump under
    // the reader's pointer while the body renders.
    content.view(move |html: String| {
        view! {
            <div class="post-content" inner_html=html></div>
            <PostFooter file=file.clone()/>
        }
    })
}

/// The post's tags and its newer and older neighbours.
#[component]
fn PostFooter(file: Arc<PostFile>) -> impl IntoView {
    let site = use_site();
    let neighbour = |link: &Option<PostLink>, rel: &'static str, label: &'static str| {
        link.clone().map(|l| {
            let href = site.href(&Route::Post { slug: l.slug.clone() });
            let (site, slug) = (site.clone(), l.slug);
            let prefetch = move || site.prefetch(&slug);
            view! {
                <A href=href attr:rel=rel on:pointerenter={let p = prefetch.clone(); move |_| p()} on:focus=move |_| prefetch()>
                    <span class="nav-label">{label}</span><span class="nav-title">{l.title}</span>
                </A>
            }
        })
    };
    view! {
        <footer class="post-footer">
            <TermLinks terms=file.meta.tags.clone() tags=true/>
            <nav class="post-nav" aria-label="More posts">
                <div class="newer">{neighbour(&file.newer, "next", "Newer post")}</div>
                <div class="older">{neighbour(&file.older, "prev", "Older post")}</div>
            </nav>
        </footer>
    }
}
