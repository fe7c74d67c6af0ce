//! The post files and list pages: named by the versions of their buckets
//! (see [`crate::core::index`]), so a CDN may cache them forever, and
//! cleared away once a newer build no longer names them.

use super::error::BuildError;
use super::{output, to_json};
use crate::core::index::{
    list_path, post_path, FileVersions, ListPage, PostFile, PostMeta, SiteIndex, VersionSums, FORMAT_VERSION,
    LISTS_DIR, POST_DATA_DIR,
};
use crate::core::listing::{paginate, Listing};
use crate::core::route::decode;
use std::collections::HashSet;
use std::convert::Infallible;
use std::path::{Path, PathBuf};

/// The versions of the buckets of `files`' post files and list pages (the
/// index's own `versions` are not read). Each file is made and hashed in
/// turn, never all in memory together.
pub fn versions(index: &SiteIndex, files: &[PostFile]) -> FileVersions {
    let mut sums = VersionSums::default();
    let Ok(()) = for_each_file(index, files, |path, bytes| {
        sums.add(&path, bytes);
        Ok::<(), Infallible>(())
    });
    sums.versions()
}

/// Writes every post file and list page below `out` under the names
/// `index.versions` gives them. Returns the paths written, for
/// [`remove_stale`].
pub fn write(out: &Path, index: &SiteIndex, files: &[PostFile]) -> Result<HashSet<PathBuf>, BuildError> {
    let mut written = HashSet::new();
    for_each_file(index, files, |path, bytes| {
        let path = out.join(decode(&index.versions.name(&path), false));
        output::write_content_named(&path, bytes)?;
        written.insert(path);
        Ok(())
    })?;
    Ok(written)
}

/// Calls `f` with the unversioned path and the JSON of each post file, then
/// of each page of each list.
fn for_each_file<E>(
    index: &SiteIndex,
    files: &[PostFile],
    mut f: impl FnMut(String, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    for file in files {
        f(post_path(&file.meta.slug), &to_json(file))?;
    }
    let lists = Listing::group(files.iter().map(|f| &f.meta));
    for listing in Listing::all_of(index) {
        let posts: &[&PostMeta] = lists.get(&listing).map_or(&[], Vec::as_slice);
        let mut number = 1;
        while let Some(page) = paginate(posts, number, index.site.posts_per_page) {
            let file = ListPage {
                version: FORMAT_VERSION,
                number,
                total_pages: page.total_pages,
                posts: page.items.iter().map(|&m| m.clone()).collect(),
            };
            f(list_path(&listing, number), &to_json(&file))?;
            number += 1;
        }
    }
    Ok(())
}

/// Removes the post files and list pages of earlier builds that this one
/// did not write, once the new index (which no longer names them) is in
/// place. A failure leaves only unused files behind.
pub fn remove_stale(out: &Path, written: &HashSet<PathBuf>) {
    for dir in [POST_DATA_DIR, LISTS_DIR] {
        output::remove_unwritten(&out.join(dir), written);
    }
}
