//! Instant filtering of posts as the reader types: every word of the query
//! must appear in the title, excerpt, categories or tags, ignoring case.
//! (The ranked full-text engine replaces this; see issue 3.)

use crate::core::index::PostMeta;

/// Posts matching every word of `query`, in the order given; an empty
/// query matches nothing.
pub fn filter<'a>(posts: &'a [PostMeta], query: &str) -> Vec<&'a PostMeta> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    posts
        .iter()
        .filter(|post| {
            let haystack = searchable_text(post);
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect()
}

fn searchable_text(post: &PostMeta) -> String {
    let mut text = format!("{}\n{}", post.title, post.excerpt);
    for term in post.categories.iter().chain(&post.tags) {
        text.push('\n');
        text.push_str(&term.name);
    }
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{date::PostDate, index::Term};

    fn post(title: &str, excerpt: &str, tag: &str) -> PostMeta {
        PostMeta {
            slug: title.to_lowercase(),
            title: title.into(),
            date: PostDate::parse("2024-01-01").unwrap(),
            updated: None,
            authors: vec![],
            categories: vec![],
            tags: vec![Term { slug: tag.into(), name: tag.into() }],
            excerpt: excerpt.into(),
            words: 1,
            reading_minutes: 1,
            file: String::new(),
            dir: String::new(),
        }
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let posts = vec![post("Rust Router", "Routing in Leptos", "wasm"), post("Baking", "Bread at home", "food")];
        let titles = |q| filter(&posts, q).iter().map(|p| p.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles("rust"), ["Rust Router"]);
        assert_eq!(titles("LEPTOS rou"), ["Rust Router"]);
        assert_eq!(titles("wasm"), ["Rust Router"]);
        assert_eq!(titles("bread rust"), Vec::<String>::new());
        assert_eq!(titles("   "), Vec::<String>::new());
    }
}
