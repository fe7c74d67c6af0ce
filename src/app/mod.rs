//! The reader app: a Leptos single-page app over the builder's files.
//!
//! `App` loads the site index once and shares it through [`SiteData`];
//! each page in `routes/` reads it (and fetches a post file when it needs
//! one) and shows loading and failure as part of its view.

mod api;
mod prefetch;
mod components;
mod remote;
mod routes;
mod search;
mod settle;
mod worker;

use crate::core::index::{SiteIndex, TagsFile};
use crate::core::job::Worker;
use crate::core::route::Route as Page;
use remote::Remote;
use components::layout::Layout;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use routes::listing::{ListingKind, ListingPage};
use routes::not_found::NotFound;
use routes::post::PostPage;
use routes::search::SearchPage;
use std::sync::Arc;

/// Starts the app in the page's `<body>`.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
    settle::canonical_address(&api::base_path());
    settle::install();
    leptos::mount::mount_to_body(App);
}

/// After a bug stops the app, tells the reader and offers a reload, rather
/// than leaving a page that silently ignores clicks. Built with plain DOM
/// calls: the app itself can no longer run.
fn show_crash_notice() {
    use wasm_bindgen::JsCast;
    let document = document();
    let (Ok(notice), Ok(button)) = (document.create_element("div"), document.create_element("button")) else {
        return;
    };
    notice.set_class_name("status error crash");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some("Sorry, this page hit a bug and stopped working. Reloading usually fixes it. "));
    button.set_text_content(Some("Reload"));
    let reload = wasm_bindgen::closure::Closure::once_into_js(|| {
        let _ = window().location().reload();
    });
    let _ = button.add_event_listener_with_callback("click", reload.unchecked_ref());
    let _ = notice.append_child(&button);
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&notice);
    }
}

/// What every page shares: where the site lives, its index, and the post
/// files fetched so far.
#[derive(Clone)]
pub struct SiteData {
    /// The site's base path, ending in `/`.
    pub base: Arc<str>,
    pub index: Remote<Arc<SiteIndex>>,
    pub posts: prefetch::PostCache,
}

impl SiteData {
    /// Fetches the files that `names` says `index` calls them (see
    /// `api::fetch_all_named`). If they were found under a newer index (the
    /// blog was rebuilt), that index becomes the site's.
    pub fn fetch_all_named<T: api::Versioned + 'static>(
        &self,
        index: &Arc<SiteIndex>,
        names: impl Fn(&SiteIndex) -> Vec<String> + 'static,
    ) -> impl std::future::Future<Output = Result<Vec<T>, api::FetchError>> + 'static {
        let (base, index, site_index) = (self.base.clone(), index.clone(), self.index);
        async move {
            let (values, found_with) = api::fetch_all_named(&base, index.clone(), names).await?;
            site_index.update_if_newer(&index, found_with);
            Ok(values)
        }
    }

    /// Fetches the one file that `name` says `index` calls it, as
    /// [`SiteData::fetch_all_named`].
    pub fn fetch_named<T: api::Versioned + 'static>(
        &self,
        index: &Arc<SiteIndex>,
        name: impl Fn(&SiteIndex) -> String + 'static,
    ) -> impl std::future::Future<Output = Result<T, api::FetchError>> + 'static {
        let all = self.fetch_all_named(index, move |i| vec![name(i)]);
        async move { Ok(all.await?.into_iter().next().expect("one file was asked for")) }
    }

    /// A fetch of the site's [`TagsFile`], named as `index` says, for the
    /// views that need its tags (a tag's list, the search page's menu).
    pub fn tags(&self, index: &Arc<SiteIndex>) -> Remote<Arc<TagsFile>> {
        let (site, index) = (self.clone(), index.clone());
        Remote::new(move || {
            let file = site.fetch_named::<TagsFile>(&index, SiteIndex::tags_file);
            async move { file.await.map(Arc::new) }
        })
    }

    /// The fetch of the post `slug`'s file, named as `index` says, shared
    /// with any earlier one.
    pub fn post(&self, index: &Arc<SiteIndex>, slug: &str) -> prefetch::PostFetch {
        let key = slug.to_string();
        let file = self.fetch_named(index, move |i| i.post_file(&key));
        self.posts.fetch(slug, async move { file.await.map(Arc::new) })
    }

    /// Starts fetching a post the reader is likely to open (links to posts
    /// are shown only once the index, which names the files, is in), and
    /// the post renderer that will show it.
    pub fn prefetch(&self, slug: &str) {
        worker::warm(Worker::Render);
        if let Some(index) = self.index.ready_untracked() {
            let fetch = self.post(&index, slug);
            leptos::task::spawn_local(async move {
                let _ = fetch.await;
            });
        }
    }

    /// The link to a page of this site, under its base path.
    pub fn href(&self, page: &Page) -> String {
        format!("{}{}", self.base.trim_end_matches('/'), page.path())
    }
}

/// The site data provided by `App`.
pub fn use_site() -> SiteData {
    expect_context::<SiteData>()
}

/// Sets the browser tab's title, as `Page · Site`.
pub fn set_title(page: &str, site: &str) {
    let title = match (page, site) {
        (page, "") => page.to_string(),
        ("", site) => site.to_string(),
        (page, site) if page == site => site.to_string(),
        (page, site) => format!("{page} · {site}"),
    };
    document().set_title(&title);
}

#[component]
fn App() -> impl IntoView {
    let base: Arc<str> = api::base_path().into();
    let fetch_base = base.clone();
    let index = Remote::new(move || {
        let base = fetch_base.clone();
        async move { api::site_index(&base).await }
    });
    provide_context(SiteData { base: base.clone(), index, posts: prefetch::PostCache::new() });
    provide_context(search::Picks::default());
    let router_base = base.trim_end_matches('/').to_string();
    view! {
        <Router base=router_base>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <ListingPage kind=ListingKind::All/> }/>
                    <Route path=path!("/page/:page") view=|| view! { <ListingPage kind=ListingKind::All/> }/>
                    <Route path=path!("/post/:slug") view=PostPage/>
                    <Route path=path!("/category/:slug") view=|| view! { <ListingPage kind=ListingKind::Category/> }/>
                    <Route path=path!("/category/:slug/page/:page") view=|| view! { <ListingPage kind=ListingKind::Category/> }/>
                    <Route path=path!("/tag/:slug") view=|| view! { <ListingPage kind=ListingKind::Tag/> }/>
                    <Route path=path!("/tag/:slug/page/:page") view=|| view! { <ListingPage kind=ListingKind::Tag/> }/>
                    <Route path=path!("/archive/:year") view=|| view! { <ListingPage kind=ListingKind::Year/> }/>
                    <Route path=path!("/archive/:year/page/:page") view=|| view! { <ListingPage kind=ListingKind::Year/> }/>
                    <Route path=path!("/archive/:year/:month") view=|| view! { <ListingPage kind=ListingKind::Month/> }/>
                    <Route path=path!("/archive/:year/:month/page/:page") view=|| view! { <ListingPage kind=ListingKind::Month/> }/>
                    <Route path=path!("/search") view=SearchPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
