//! The colour theme toggle: system, light or dark, remembered across visits
//! in localStorage. index.html applies the stored choice before first paint.

use leptos::prelude::*;

/// localStorage key, shared with the inline script in index.html.
const STORAGE_KEY: &str = "folio-theme";

/// A reader's colour choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    /// The theme the page shows: index.html's script applies the stored
    /// choice before the first paint, [`Theme::apply`] every later one.
    fn shown() -> Theme {
        match document().document_element().and_then(|root| root.get_attribute("data-theme")).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// Applies the theme to the page and remembers it.
    fn apply(self) {
        let root = document().document_element();
        let storage = window().local_storage().ok().flatten();
        match self {
            Theme::System => {
                root.map(|r| r.remove_attribute("data-theme"));
                storage.map(|s| s.remove_item(STORAGE_KEY));
            }
            Theme::Light | Theme::Dark => {
                let value = if self == Theme::Light { "light" } else { "dark" };
                root.map(|r| r.set_attribute("data-theme", value));
                storage.map(|s| s.set_item(STORAGE_KEY, value));
            }
        }
    }
}

/// A button that cycles System → Light → Dark. Its label's last word, the
/// theme's name, comes from the stylesheet, which reads the theme off the
/// page: the same button is prerendered into every page, before the app.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <button type="button" class="theme-toggle" on:click=|_| Theme::shown().next().apply()>"Theme: "</button>
    }
}
