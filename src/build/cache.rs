//! The build cache: what reading a post gave (its metadata, aliases and
//! highlighted code), keyed by its path and a hash of its bytes. A rebuild
//! still reads every post, but parses front matter, counts words and runs
//! the highlighter only for posts that changed. Kept apart from the output,
//! which trunk makes afresh on every build.
//!
//! The cache belongs to one build of `folio`: any other binary (a new
//! release, a local change) starts from an empty cache, so a change in how
//! posts are read can never be hidden by an old entry.

use super::error::BuildError;
use super::output;
use super::post::SourcePost;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Posts read by an earlier build, by path below the posts folder.
#[derive(Default, Deserialize)]
pub struct Cache {
    /// Which `folio` binary wrote the cache.
    builder: String,
    posts: HashMap<PathBuf, SourcePost>,
}

impl Cache {
    /// The cache at `file`, or an empty one if there is none, it is
    /// damaged, or another `folio` wrote it.
    pub fn load(file: &Path) -> Cache {
        let builder = super::builder_id();
        // The file starts with the builder's id (see `save`): another
        // folio's cache is passed over unread, not parsed and dropped.
        let start = serde_json::to_vec(&serde_json::json!({ "builder": builder })).expect("strings serialize");
        let start = &start[..start.len() - 1];
        let read = || -> std::io::Result<Vec<u8>> {
            let mut file = std::fs::File::open(file)?;
            let mut head = vec![0; start.len()];
            file.read_exact(&mut head)?;
            if head != start {
                return Err(std::io::ErrorKind::InvalidData.into());
            }
            file.read_to_end(&mut head)?;
            Ok(head)
        };
        let cached = read().ok().and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok());
        match cached {
            Some(cache) if cache.builder == builder => cache,
            _ => Cache { builder, posts: HashMap::new() },
        }
    }

    /// Takes out what the cache holds for the post at `relative`, for
    /// [`crate::build::post::load`] to use if the file is unchanged. Moved
    /// rather than copied: a large blog's cache is a large part of the
    /// build's memory.
    pub fn take(&mut self, relative: &Path) -> Option<SourcePost> {
        self.posts.remove(relative)
    }

    /// Whether the cache still holds posts that were not taken: files
    /// since removed, so the cache should be saved without them.
    pub fn has_leftovers(&self) -> bool {
        !self.posts.is_empty()
    }

    /// Writes the cache of `posts` (read from below `root`) for this
    /// `folio` to `file`, its id first.
    pub fn save(&self, file: &Path, posts: &[&SourcePost], root: &Path) -> Result<(), BuildError> {
        #[derive(Serialize)]
        struct CacheRef<'a> {
            builder: &'a str,
            posts: HashMap<&'a Path, &'a SourcePost>,
        }
        let posts = posts.iter().map(|&p| (relative(&p.path, root), p)).collect();
        output::write_atomic_with(file, |out| serde_json::to_writer(out, &CacheRef { builder: &self.builder, posts }))
    }
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}
