//! Search as the reader types, over what the site index holds: titles,
//! excerpts, categories, tags and authors. Every word of the query must
//! match the start of a word in the post (case and accents ignored),
//! `"phrases"` must appear as written, `-words` must not appear, and
//! `category:`, `tag:` and `year:` narrow the posts. Results keep the
//! index's newest-first order. (Ranked full-text search is issue 3.)

pub mod query;
pub mod text;

use crate::core::index::{PostMeta, Term};
use query::{Filters, Query};
use text::{fold, words};

/// The posts `query` finds, newest first; an empty query finds none.
pub fn find<'a>(posts: &'a [PostMeta], query: &Query) -> Vec<&'a PostMeta> {
    if query.is_empty() {
        return Vec::new();
    }
    posts.iter().filter(|post| passes_filters(post, &query.filters) && matches_text(post, query)).collect()
}

fn passes_filters(post: &PostMeta, filters: &Filters) -> bool {
    let has_term = |terms: &[Term], wanted: &[String]| {
        wanted.is_empty() || terms.iter().any(|t| wanted.iter().any(|w| *w == t.slug || *w == fold(&t.name)))
    };
    has_term(&post.categories, &filters.categories)
        && has_term(&post.tags, &filters.tags)
        && (filters.years.is_empty() || filters.years.contains(&post.date.year()))
}

fn matches_text(post: &PostMeta, query: &Query) -> bool {
    let mut text = format!("{}\n{}\n{}", post.title, post.excerpt, post.authors.join("\n"));
    for term in post.categories.iter().chain(&post.tags) {
        text.push('\n');
        text.push_str(&term.name);
    }
    let post_words: Vec<String> = words(&text).collect();
    let joined = format!(" {} ", post_words.join(" "));
    query.terms.iter().all(|term| post_words.iter().any(|w| w.starts_with(term.as_str())))
        && query.phrases.iter().all(|phrase| joined.contains(&format!(" {} ", phrase.join(" "))))
        && !query.excluded.iter().any(|ex| post_words.contains(ex))
}

#[cfg(test)]
mod tests {
    use super::query::parse;
    use super::*;
    use crate::core::date::PostDate;

    fn post(title: &str, excerpt: &str, category: &str, year: &str) -> PostMeta {
        let term = |name: &str| Term { slug: crate::core::slug::slugify(name), name: name.into() };
        PostMeta {
            slug: crate::core::slug::slugify(title),
            title: title.into(),
            date: PostDate::parse(&format!("{year}-01-01")).unwrap(),
            updated: None,
            authors: vec!["Ada".into()],
            categories: vec![term(category)],
            tags: vec![term("wasm")],
            excerpt: excerpt.into(),
            words: 1,
            reading_minutes: 1,
            file: String::new(),
            dir: String::new(),
        }
    }

    #[test]
    fn finds_by_words_phrases_exclusions_and_filters() {
        let posts = vec![
            post("Rust Router", "Routing in Leptos for static sites", "Rust", "2024"),
            post("Baking bread", "Sourdough at home, a static routine", "Baking", "2023"),
            post("Café culture", "Coffee and code", "Open Source", "2024"),
        ];
        let titles = |q: &str| find(&posts, &parse(q)).iter().map(|p| p.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles("rust"), ["Rust Router"]);
        assert_eq!(titles("leptos rou"), ["Rust Router"]);
        assert_eq!(titles("STATIC"), ["Rust Router", "Baking bread"]);
        assert_eq!(titles("\"static sites\""), ["Rust Router"]);
        assert_eq!(titles("static -sourdough"), ["Rust Router"]);
        assert_eq!(titles("cafe"), ["Café culture"]);
        assert_eq!(titles("café"), ["Café culture"]);
        assert_eq!(titles("ada year:2023"), ["Baking bread"]);
        assert_eq!(titles("category:open-source"), ["Café culture"]);
        assert_eq!(titles("category:\"baking\""), Vec::<String>::new());
        assert_eq!(titles("cat:baking"), ["Baking bread"]);
        assert_eq!(titles("tag:wasm year:2024"), ["Rust Router", "Café culture"]);
        assert_eq!(titles("wasm"), ["Rust Router", "Baking bread", "Café culture"]);
        assert_eq!(titles("bread rust"), Vec::<String>::new());
        assert_eq!(titles("   "), Vec::<String>::new());
        assert_eq!(titles("-rust"), ["Baking bread", "Café culture"]);
    }
}
