//! The date, authors, reading time and categories line of a post.

use crate::app::use_site;
use crate::core::index::{PostMeta, Term};
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// When a post was published and how long it takes to read.
#[component]
pub fn Byline(meta: PostMeta, #[prop(optional)] with_authors: bool) -> impl IntoView {
    let authors = (with_authors && !meta.authors.is_empty()).then(|| format!(" · by {}", meta.authors.join(", ")));
    let updated = meta.updated.filter(|u| *u > meta.date).map(|u| {
        view! { " · updated " <time datetime=u.to_string()>{u.long_form()}</time> }
    });
    view! {
        <p class="byline">
            <time datetime=meta.date.to_string()>{meta.date.long_form()}</time>
            {updated}
            {authors}
            {format!(" · {} min read", meta.reading_minutes)}
        </p>
    }
}

/// Links to a post's categories or tags.
#[component]
pub fn TermLinks(terms: Vec<Term>, tags: bool) -> impl IntoView {
    let site = use_site();
    (!terms.is_empty()).then(|| {
        let label = if tags { "Tags:" } else { "Categories:" };
        let links = terms
            .into_iter()
            .map(|t| {
                let route = if tags {
                    Route::Tag { slug: t.slug, page: 1 }
                } else {
                    Route::Category { slug: t.slug, page: 1 }
                };
                view! { <li><A href=site.href(&route)>{t.name}</A></li> }
            })
            .collect_view();
        view! {
            <div class=if tags { "terms tags" } else { "terms categories" }>
                <span class="terms-label">{label}</span>
                <ul>{links}</ul>
            </div>
        }
    })
}
