//! List pages: the home page and the category, tag, year and month
//! archives, each paged.

use crate::app::components::months::MonthLinks;
use crate::app::components::pager::Pager;
use crate::app::components::post_list::PostList;
use crate::app::routes::not_found::NotFound;
use crate::app::{set_title, use_site};
use crate::app::remote::Remote;
use crate::core::index::{ListChunk, PostMeta, SiteIndex, TermCount};
use crate::core::listing::{Chunks, Listing, PageChunks};
use crate::core::route::{decode, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;
use std::sync::Arc;

/// Which list a route shows; its parameters say which category, year, etc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingKind {
    All,
    Category,
    Tag,
    Year,
    Month,
}

#[component]
pub fn ListingPage(kind: ListingKind) -> impl IntoView {
    let site = use_site();
    let params = use_params_map();
    site.index.view(move |index| match read_params(kind, &params.read()) {
        None => view! { <NotFound/> }.into_any(),
        // A tag's name and count are in the tags file, fetched for it.
        Some((listing @ Listing::Tag(_), page)) => view! { <TagListing index=index listing=listing page=page/> }.into_any(),
        Some((listing, page)) => listing_view(index, listing, page, &[]),
    })
}

/// A tag's list, once the tags file is in.
#[component]
fn TagListing(index: Arc<SiteIndex>, listing: Listing, page: usize) -> impl IntoView {
    let tags = use_site().tags(&index);
    tags.view(move |tags| listing_view(index.clone(), listing.clone(), page, &tags.tags))
}

/// Page `page` of `listing`, headed and counted from `index` and, for a
/// tag's list, `tags`.
fn listing_view(index: Arc<SiteIndex>, listing: Listing, page: usize, tags: &[TermCount]) -> AnyView {
    let Some(heading) = listing.heading(&index, tags) else {
        return view! { <NotFound/> }.into_any();
    };
    // The index's counts say which pages exist, and which chunks of the
    // list hold them, before any fetch.
    let count = listing.count(&index, tags).unwrap_or(0);
    let chunks = Chunks::new(count, index.site.posts_per_page);
    let total_pages = chunks.pages();
    let Some(found) = chunks.of_page(page).filter(|_| count > 0 || listing == Listing::All) else {
        return view! { <NotFound/> }.into_any();
    };
    let title = Listing::page_title(heading.as_deref(), page, &index.site.title);
    set_title(&title, &index.site.title);
    let months = listing.year_months(&index.months).to_vec();
    view! {
        <section class="listing">
            {heading.map(|h| view! { <h1 class="listing-title">{h}</h1> })}
            // A year's and a month's archives list the year's months.
            {(!months.is_empty()).then(|| view! {
                <nav class="archive-months" aria-label="Months"><ul><MonthLinks months=months/></ul></nav>
            })}
            <ListPageView index=index listing=listing page=page total_pages=total_pages found=found/>
        </section>
    }
    .into_any()
}

/// Page `page` of a list, read from the one or two chunks of it `found`
/// names.
#[component]
fn ListPageView(index: Arc<SiteIndex>, listing: Listing, page: usize, total_pages: usize, found: PageChunks) -> impl IntoView {
    let site = use_site();
    let fetched = listing.clone();
    let list = Remote::new(move || {
        let listing = fetched.clone();
        let chunks = site.fetch_all_named::<ListChunk>(&index, move |i| found.chunks().map(|chunk| i.list_file(&listing, chunk)).collect());
        let (skip, take) = (found.skip, found.take);
        async move { Ok(chunks.await?.into_iter().flat_map(|c| c.posts).skip(skip).take(take).collect::<Vec<PostMeta>>()) }
    });
    list.view(move |posts: Vec<PostMeta>| {
        let route_listing = listing.clone();
        view! {
            <PostList posts=posts/>
            <Pager number=page total_pages=total_pages route_of=move |n| Route::of_listing(&route_listing, n)/>
        }
    })
}

/// The list and page number the URL names, or `None` for a malformed URL.
fn read_params(kind: ListingKind, params: &ParamsMap) -> Option<(Listing, usize)> {
    let page = match params.get("page") {
        Some(p) => p.parse::<usize>().ok().filter(|n| *n >= 1)?,
        None => 1,
    };
    let slug = || params.get("slug").map(|s| decode(&s, false));
    let year = || params.get("year").filter(|y| y.len() == 4).and_then(|y| y.parse::<i32>().ok());
    let month = || params.get("month").filter(|m| m.len() <= 2).and_then(|m| m.parse::<u8>().ok()).filter(|m| (1..=12).contains(m));
    let listing = match kind {
        ListingKind::All => Listing::All,
        ListingKind::Category => Listing::Category(slug()?),
        ListingKind::Tag => Listing::Tag(slug()?),
        ListingKind::Year => Listing::Year(year()?),
        ListingKind::Month => Listing::Month(year()?, month()?),
    };
    Some((listing, page))
}
