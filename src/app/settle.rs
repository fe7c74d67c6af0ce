//! Knowing when the page on screen has its data: then the page the builder
//! prerendered into the HTML is swapped for the app (with whatever the
//! reader had typed into its search box), and, after Back or Forward, the
//! reader's scroll position is put back (the browser cannot: the content
//! arrives after it would have scrolled).

use leptos::prelude::*;
use crate::core::route::canonical_path;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    /// Fetches under way for the page on screen.
    static LOADING: Cell<usize> = const { Cell::new(0) };
    /// Where each page was scrolled to, by path and query.
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The position to restore once the page has settled, after Back.
    static RESTORE: Cell<Option<f64>> = const { Cell::new(None) };
}

/// How long after Back or Forward to look whether the page needs a fetch.
const POPSTATE_CHECK_MS: i32 = 30;

/// Records that a fetch for the page started.
pub fn started() {
    LOADING.with(|n| n.set(n.get() + 1));
}

/// Records that a fetch ended; when none is left (once the views it
/// caused have had a turn to start theirs) the page has settled.
pub fn finished() {
    LOADING.with(|n| n.set(n.get().saturating_sub(1)));
    after(0, settle_if_idle);
}

/// The element `selector` finds in the page the builder prerendered, while
/// that page is still on screen: the app may show its HTML rather than
/// make the same HTML again.
pub fn prerendered(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(&format!("#prerender {selector}")).ok().flatten()
}

fn settle_if_idle() {
    if LOADING.with(Cell::get) > 0 {
        return;
    }
    if let Some(prerendered) = document().get_element_by_id("prerender") {
        // The first view is complete: what later views need may load now.
        let typed = typed_search(&prerendered);
        prerendered.remove();
        if let Some(text) = typed {
            carry_search(&text);
        }
        super::worker::warm_renderer_when_idle();
    }
    if let Some(y) = RESTORE.with(Cell::take) {
        window().scroll_to_with_x_and_y(0.0, y);
    }
}

/// What a reader typed into the prerendered page's search box before the
/// app took over, if they did, or that they went to type (it has focus).
fn typed_search(prerendered: &web_sys::Element) -> Option<String> {
    let input: web_sys::HtmlInputElement = prerendered.query_selector("input[type=search]").ok()??.dyn_into().ok()?;
    let focused = document().active_element().is_some_and(|active| active == **input);
    let text = input.value();
    (focused || !text.is_empty()).then_some(text)
}

/// Puts `text` into the app's search box, focused, and searches for it as
/// if it had been typed there.
fn carry_search(text: &str) {
    let Some(input) = document().get_element_by_id("search-input").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return;
    };
    if !text.is_empty() {
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = input.dispatch_event(&event);
        }
    }
    let _ = input.focus();
}

fn after(ms: i32, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}

fn page_key() -> String {
    let location = window().location();
    format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
}

/// Prepares the page for the app: drops a prerendered not-found page
/// (only the app knows whether the address is one of its pages), takes
/// over scroll restoration and remembers positions.
pub fn install() {
    if let Some(prerendered) = document().get_element_by_id("prerender") {
        if prerendered.has_attribute("data-not-found") {
            prerendered.remove();
        }
    }
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn Fn()>::new(|| {
        let y = window().scroll_y().unwrap_or(0.0);
        POSITIONS.with(|p| p.borrow_mut().insert(page_key(), y));
    });
    let _ = window().add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    on_scroll.forget();
    let on_popstate = Closure::<dyn Fn()>::new(|| {
        let saved = POSITIONS.with(|p| p.borrow().get(&page_key()).copied());
        RESTORE.with(|r| r.set(saved));
        after(POPSTATE_CHECK_MS, settle_if_idle);
    });
    let _ = window().add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    on_popstate.forget();
}

/// Shows the page's address in the form the app's routes read
/// ([`canonical_path`]), in place, before the router first reads it.
pub fn canonical_address(base: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    if let Some(clean) = canonical_path(&path, base) {
        let url = format!("{clean}{}{}", location.search().unwrap_or_default(), location.hash().unwrap_or_default());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
