//! Full-text search, built into an index by the builder and answered in
//! the browser.
//!
//! - [`text`] splits text into folded words (and CJK pairs), [`stem`]
//!   reduces English words to their stems; the index and the query use the
//!   same two, so they always agree.
//! - [`query`] parses what the reader typed: words, the word still being
//!   typed, `"phrases"`, `-exclusions` and `category:`/`tag:`/`year:`.
//! - [`format`](mod@format) is the index on disk: a manifest, term shards with
//!   BM25F-scored posting lists, spelling lists and one file per post.
//! - [`engine`] works out which shards a query needs and ranks the posts.
//! - [`excerpt`] cuts and marks the excerpt and checks phrases.
//! - [`answer`] is a search as the app asks its worker for it, and the
//!   answer it gets back.
//! - [`picker`] is the result the reader picks with the arrow keys.

pub mod answer;
pub mod engine;
pub mod excerpt;
pub mod format;
pub mod picker;
pub mod query;
pub mod stem;
pub mod text;
