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
    fn stored() -> Theme {
        let stored = window().local_storage().ok().flatten().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        match stored.as_deref() {
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

    fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
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
                let value = self.label().to_ascii_lowercase();
                root.map(|r| r.set_attribute("data-theme", &value));
                storage.map(|s| s.set_item(STORAGE_KEY, &value));
            }
        }
    }
}

/// A button that cycles System → Light → Dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::stored());
    let cycle = move |_| {
        let next = theme.get().next();
        next.apply();
        theme.set(next);
    };
    view! {
        <button type="button" class="theme-toggle" on:click=cycle
            aria-label=move || format!("Colour theme: {} (change)", theme.get().label())>
            {move || format!("Theme: {}", theme.get().label())}
        </button>
    }
}
