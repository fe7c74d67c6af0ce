//! A search as the app asks its worker for it, and the answer as the app
//! shows it: the posts found, each with its title and excerpt already cut
//! and marked, so the app itself carries no stemmer, tokenizer or index
//! decoder.

use super::excerpt::{Matches, Segment};
use super::format::SearchDoc;
use crate::core::date::PostDate;
use crate::core::index::Term;
use serde::{Deserialize, Serialize};

/// A search: what the reader typed, against the index whose manifest is
/// at `manifest`, with its other files below `root` (absolute URLs, `root`
/// ending in `/`: the search worker runs from a blob, which resolves no
/// relative one). It crosses to the search worker as a
/// [`crate::core::job::Job`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRequest {
    pub manifest: String,
    pub root: String,
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
    /// The matched index terms this post holds, sorted: its link carries
    /// them for the post page to mark. Only its own, so a short prefix
    /// that completes to many words of other posts keeps the link short.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<String>,
}

impl FoundPost {
    /// The result for `doc`, marking the index terms `matched` (sorted).
    pub fn new(doc: &SearchDoc, matched: &[String]) -> FoundPost {
        let (title, text) = (Matches::find(&doc.title, matched), Matches::find(&doc.text, matched));
        // `matched` is sorted, so the marks come out sorted and each once.
        let marks = matched.iter().filter(|m| title.keys().chain(text.keys()).any(|k| k == m.as_str())).cloned().collect();
        FoundPost {
            slug: doc.slug.clone(),
            date: doc.date,
            categories: doc.categories.clone(),
            title: title.highlight(),
            excerpt: text.excerpt(),
            marks,
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
        let matched = ["bake", "bread", "brick"].map(String::from);
        let found = FoundPost::new(&doc, &matched);
        let marked = |segments: &[Segment]| segments.iter().filter(|s| s.marked).map(|s| s.text.clone()).collect::<Vec<_>>();
        assert_eq!(marked(&found.title), ["Baking", "bread"]);
        assert_eq!(marked(&found.excerpt), ["baked", "bread"]);
        assert_eq!(found.marks, ["bake", "bread"], "only the matched terms this post holds");
        let answer = Answer { posts: vec![found], total: Some(1), more: false };
        let json = serde_json::to_string(&answer).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), answer);
    }
}
