//! The files the builder writes and the app reads: the site index and one
//! file per post. Both carry [`FORMAT_VERSION`] so an app never misreads an
//! index from an older or newer build.
//!
//! Paths to post files are stored in the index (`PostMeta::file`) rather than
//! derived by the app, so the layout (content-hashed names, shards) can change
//! in the builder alone.

use crate::core::date::PostDate;
use serde::{Deserialize, Serialize};

/// Version of the JSON layout; bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 2;

/// File name of the site index, at the site root.
pub const INDEX_FILE: &str = "index.json";

/// Everything the list pages and the sidebar need, in one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    pub version: u32,
    pub site: SiteInfo,
    /// Published posts, newest first.
    pub posts: Vec<PostMeta>,
    /// Months that have posts, newest first.
    pub months: Vec<MonthCount>,
    /// Categories by name.
    pub categories: Vec<TermCount>,
    /// Tags by name.
    pub tags: Vec<TermCount>,
    /// The folder of the search index (`search/<hash>/`), below the site root.
    pub search: String,
}

/// Site-wide settings the app shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub author: String,
    pub posts_per_page: usize,
}

/// A post as lists show it; the body is in its own file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostMeta {
    pub slug: String,
    pub title: String,
    pub date: PostDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<PostDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Term>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Term>,
    /// Plain text shown under the title in lists.
    pub excerpt: String,
    pub words: usize,
    pub reading_minutes: u32,
    /// Path of the post's [`PostFile`] below the site root.
    pub file: String,
    /// Folder of the post's source below the site root (`posts/2024/`), for
    /// images kept beside it.
    pub dir: String,
}

/// A category or tag: the name authors wrote and the slug used in URLs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

/// A category or tag with its number of posts, for the sidebar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    pub slug: String,
    pub name: String,
    pub count: usize,
}

/// A month with its number of posts, for the Archives list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub year: i32,
    pub month: u8,
    pub count: usize,
}

/// One post's file: its metadata, Markdown body and neighbours, so a post
/// opened by a deep link needs nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostFile {
    pub version: u32,
    pub meta: PostMeta,
    pub markdown: String,
    /// The body's code blocks in order, highlighted at build time as HTML
    /// (empty for a block in no known language); empty when none is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<String>,
    /// Old paths of the post below the site root (Zola's `aliases`,
    /// Jekyll's `redirect_from`), which get a page sending readers on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The next newer post, if any.
    pub newer: Option<PostLink>,
    /// The next older post, if any.
    pub older: Option<PostLink>,
}

/// Just enough of a post to link to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostLink {
    pub slug: String,
    pub title: String,
}

impl SiteIndex {
    /// Finds a category or tag's display name by slug.
    pub fn term_name<'a>(terms: &'a [TermCount], slug: &str) -> Option<&'a str> {
        terms.iter().find(|t| t.slug == slug).map(|t| t.name.as_str())
    }
}
