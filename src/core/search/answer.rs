//! A search as the app asks its worker for it, and the answer as the app
//! shows it: the posts found, each with its title and excerpt already cut
//! and marked, so the app itself carries no stemmer, tokenizer or index
//! decoder.

use super::excerpt::{excerpt, highlight, Segment};
use super::format::SearchDoc;
use crate::core::date::PostDate;
use crate::core::index::Term;
use serde::{Deserialize, Serialize};

/// A search: what the reader typed, against the index whose manifest is
/// in the folder `root` (an absolute URL ending in `/`: the search worker runs
/// from a blob, which resolves no relative one), with its per-post files
/// below `docs_root`. It crosses to the search worker as a
/// [`crate::core::job::Job`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRequest {
    pub root: String,
    pub docs_root: String,
    /// The query as typed (see [`super::query::parse`]).
    pub query: String,
    /// How many posts to show.
    pub limit: usize,
}

/// One page of answers to a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The posts shown, best first.
    pub posts: Vec<FoundPost>,
    /// How many posts match, when known (a phrase is only checked for the
    /// posts fetched).
    pub total: Option<usize>,
    /// Whether more posts may match than are shown.
    pub more: bool,
    /// The index terms that matched, sorted: the post page marks them.
    pub matched: Vec<String>,
}

/// A post that matched, as a search result shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoundPost {
    pub slug: String,
    pub date: PostDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Term>,
    /// The title, its matched words marked.
    pub title: Vec<Segment>,
    /// The stretch of the post with the most matched words, marked.
    pub excerpt: Vec<Segment>,
}

impl FoundPost {
    /// The result for `doc`, marking the index terms `matched` (sorted).
    pub fn new(doc: &SearchDoc, matched: &[String]) -> FoundPost {
        FoundPost {
            slug: doc.slug.clone(),
            date: doc.date,
            categories: doc.categories.clone(),
            title: highlight(&doc.title, matched),
            excerpt: excerpt(&doc.text, matched),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_post_marks_its_title_and_excerpt_and_crosses_as_json() {
        let doc = SearchDoc {
            version: crate::core::index::FORMAT_VERSION,
            slug: "bread".into(),
            title: "Baking bread".into(),
            date: PostDate::parse("2024-05-01").unwrap(),
            categories: vec![Term { slug: "food".into(), name: "Food".into() }],
            text: "We baked three loaves of bread on Sunday.".into(),
        };
        let found = FoundPost::new(&doc, &["bake".to_string(), "bread".to_string()]);
        let marked = |segments: &[Segment]| segments.iter().filter(|s| s.marked).map(|s| s.text.clone()).collect::<Vec<_>>();
        assert_eq!(marked(&found.title), ["Baking", "bread"]);
        assert_eq!(marked(&found.excerpt), ["baked", "bread"]);
        let answer = Answer { posts: vec![found], total: Some(1), more: false, matched: vec!["bake".into(), "bread".into()] };
        let json = serde_json::to_string(&answer).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), answer);
    }
}
