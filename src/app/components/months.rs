//! Links to the months of the archives, with their post counts: under the
//! newest year in the sidebar, and on a year's or a month's archive page,
//! where they are the way to the months of older years.

use super::counted::CountedLink;
use crate::app::use_site;
use crate::core::date::month_name;
use crate::core::index::MonthCount;
use crate::core::route::Route;
use leptos::prelude::*;

/// A list item per month (the router marks the one shown as the page's).
#[component]
pub fn MonthLinks(months: Vec<MonthCount>) -> impl IntoView {
    let site = use_site();
    months.into_iter().map(|m| {
        let href = site.href(&Route::Month { year: m.year, month: m.month, page: 1 });
        view! { <li><CountedLink href=href name=month_name(m.month).to_string() count=m.count/></li> }
    }).collect_view()
}
