//! The frame around every page: header, main column, sidebar, footer.

use super::sidebar::Sidebar;
use super::theme::ThemeToggle;
use crate::app::use_site;
use crate::core::route::Route;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Wraps the routed page in the site's header, sidebar and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = use_site();
    let index = site.index;
    let title = move || index.ready().map(|i| i.site.title.clone()).unwrap_or_default();
    let description = move || index.ready().map(|i| i.site.description.clone()).unwrap_or_default();
    let publisher = move || {
        let author = index.ready().map(|i| i.site.author.clone()).unwrap_or_default();
        if author.is_empty() { "Published with Folio.".to_string() } else { format!("© {author}. Published with Folio.") }
    };
    // `#content` alone would resolve against <base href>, i.e. the home page.
    let location = use_location();
    let skip_href = move || format!("{}#content", location.pathname.get());
    let skip_to_content = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("content") {
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    // "/" jumps to the search box, unless the reader is typing somewhere.
    let shortcut = window_event_listener(leptos::ev::keydown, |ev| {
        let typing = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
            el.is_content_editable() || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        });
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() {
            if let Some(input) = document().get_element_by_id("search-input") {
                ev.prevent_default();
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    on_cleanup(move || shortcut.remove());
    view! {
        <div class="app">
        <a class="skip-link" href=skip_href on:click=skip_to_content>"Skip to content"</a>
        <header class="site-header">
            <div class="wrap">
                <A href=site.href(&Route::Home { page: 1 }) attr:class="site-title">{title}</A>
                <p class="site-description">{description}</p>
                <ThemeToggle/>
            </div>
        </header>
        <div class="wrap columns">
            <main id="content" tabindex="-1">{children()}</main>
            <Sidebar/>
        </div>
        <footer class="site-footer">
            <div class="wrap">{publisher}</div>
        </footer>
        </div>
    }
}
