//! The files the builder writes and the app reads: the site index (a small
//! manifest), one file per page of each list of posts, and one file per
//! post. All carry [`FORMAT_VERSION`] so an app never misreads files from
//! an older or newer build.
//!
//! The site index holds nothing that grows with the number of posts beyond
//! the sidebar's months and categories: a blog of 100,000 posts opens with
//! the same few kilobytes as one of ten. Its tags, of which a blog may have
//! thousands, are in a file of their own ([`TagsFile`]). Paths to list pages and post
//! files are made by [`SiteIndex::list_file`] and [`SiteIndex::post_file`],
//! here, for both sides.
//!
//! List pages and post files have content-hashed names, so a CDN may keep
//! them forever: each file falls in one of [`VERSION_BUCKETS`] buckets by its
//! path (a list page by its list's), and its name carries its bucket's
//! version, a hash of the contents of every file in the bucket. The index
//! lists the buckets' versions: a fixed few kilobytes however many files
//! there are, and one changed post renames only the files that share a
//! bucket with it or its lists. Post files and list pages have buckets of
//! their own, so a new post, which shifts every page of its lists, renames
//! few other post files, and few pages of the lists it is not on.

use crate::core::date::PostDate;
use crate::core::hash::{fnv1a, short_hex, Fingerprint, FNV_START};
use crate::core::listing::Listing;
use crate::core::route::encode_segment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the JSON layout; bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 10;

/// File name of the site index, at the site root.
pub const INDEX_FILE: &str = "index.json";

/// The folder of the list pages, below the site root.
pub const LISTS_DIR: &str = "lists/";

/// The folder of the post files, below the site root.
pub const POST_DATA_DIR: &str = "data/posts/";

/// How many buckets the list pages and post files are hashed into (see the
/// module docs): enough that one new post renames few other files, few
/// enough that their versions add only a few kilobytes to the index.
pub const VERSION_BUCKETS: usize = 256;

/// How many of the buckets are the post files' (the rest are the list
/// pages'). Apart, because a new post changes nearly every list page (each
/// page's posts shift by one), which would otherwise change every bucket
/// and rename every post file of the blog; an edit then renames the post
/// files of one bucket beside the lists it changes. Half: an edit of a
/// post's body, the most common, changes its post file alone (lists show
/// only its metadata), and a new post changes the post files of its
/// neighbours beside its own.
const POST_BUCKETS: usize = VERSION_BUCKETS / 2;

/// What every page needs: the site's settings, the sidebar's lists and
/// counts, and where the search index is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    pub version: u32,
    pub site: SiteInfo,
    /// How many posts are published.
    pub posts: usize,
    /// The newest posts, for the sidebar.
    pub recent: Vec<PostLink>,
    /// Months that have posts, newest first.
    pub months: Vec<MonthCount>,
    /// Categories by name.
    pub categories: Vec<TermCount>,
    /// The search index's manifest (`search-index/manifest.<hash>.json`),
    /// below the site root.
    pub search: String,
    /// The versions in the names of list pages and post files.
    pub versions: FileVersions,
}

/// Whether an empty field of a post is left out when the post is
/// serialized: in the JSON files readers fetch, where that saves bytes and
/// the field reads back as its default; but not inside [`every_field`].
pub fn left_out<T: Empty>(value: &T) -> bool {
    value.is_empty() && !EVERY_FIELD.with(std::cell::Cell::get)
}

/// Serializes with `serialize` keeping every field of a post, empty or not
/// (see [`left_out`]): for a binary form, such as the build cache's, that
/// reads fields by their place rather than by name.
pub fn every_field<R>(serialize: impl FnOnce() -> R) -> R {
    /// Puts the flag back however `serialize` ends.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            EVERY_FIELD.with(|every| every.set(self.0));
        }
    }
    let _restore = Restore(EVERY_FIELD.with(|every| every.replace(true)));
    serialize()
}

std::thread_local! {
    /// Set inside [`every_field`], on the thread serializing.
    static EVERY_FIELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A field [`left_out`] may leave out when it has nothing in it.
pub trait Empty {
    /// Whether it has nothing in it.
    fn is_empty(&self) -> bool;
}

impl<T> Empty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl<T> Empty for Option<T> {
    fn is_empty(&self) -> bool {
        self.is_none()
    }
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
    #[serde(default, skip_serializing_if = "left_out")]
    pub updated: Option<PostDate>,
    #[serde(default, skip_serializing_if = "left_out")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "left_out")]
    pub categories: Vec<Term>,
    #[serde(default, skip_serializing_if = "left_out")]
    pub tags: Vec<Term>,
    /// Plain text shown under the title in lists.
    pub excerpt: String,
    /// Shown beside the date. No word count: nothing shows it, and it
    /// changes with nearly every edit, which would rewrite each list page
    /// that holds the post (thousands at 100,000 posts) for nothing.
    pub reading_minutes: u32,
    /// Folder of the post's source below the site root (`posts/2024/`), for
    /// images kept beside it.
    pub dir: String,
}

/// The blog's tags with their numbers of posts, by name: the file
/// [`SiteIndex::tags_file`] names. Kept out of the index, which every first
/// view fetches, as a blog may have thousands of tags and no first view
/// shows them: tag pages and the search page's tag menu fetch it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TagsFile {
    pub version: u32,
    pub tags: Vec<TermCount>,
}

/// Path of the [`TagsFile`] below the site root, as a URL, before
/// versioning.
pub const TAGS_PATH: &str = "lists/tags.json";

/// One page of a list of posts (see [`SiteIndex::list_file`]). The builder writes
/// it from borrowed posts (`ListPage<&PostMeta>`), so it need not copy them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage<P = PostMeta> {
    pub version: u32,
    /// 1-based.
    pub number: usize,
    pub total_pages: usize,
    /// The page's posts, newest first.
    pub posts: Vec<P>,
}

/// Path of page `page` of `listing`'s list below the site root, as a URL,
/// before versioning (`lists/category/open-source/2.json`); on disk it is
/// [`crate::core::route::decode`]d.
pub fn list_path(listing: &Listing, page: usize) -> String {
    let key = match listing {
        Listing::All => "all".to_string(),
        Listing::Category(slug) => format!("category/{}", encode_segment(slug)),
        Listing::Tag(slug) => format!("tag/{}", encode_segment(slug)),
        Listing::Year(year) => format!("year/{year}"),
        Listing::Month(year, month) => format!("month/{year}-{month:02}"),
    };
    format!("{LISTS_DIR}{key}/{page}.json")
}

/// Path of the post `slug`'s [`PostFile`] below the site root, as a URL,
/// before versioning.
pub fn post_path(slug: &str) -> String {
    format!("{POST_DATA_DIR}{}.json", encode_segment(slug))
}

/// The version of each bucket of data files (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileVersions(Vec<String>);

/// Gathers files into [`FileVersions`]: each file's hash (of its path and
/// contents) is added to its bucket's sum, so files may come in any order.
pub struct VersionSums([u64; VERSION_BUCKETS]);

impl Default for VersionSums {
    fn default() -> Self {
        VersionSums([0; VERSION_BUCKETS])
    }
}

impl VersionSums {
    /// Counts the file at `path` (unversioned) whose contents have the
    /// fingerprint `contents`.
    pub fn add(&mut self, path: &str, contents: Fingerprint) {
        let sum = &mut self.0[FileVersions::bucket(path)];
        *sum = sum.wrapping_add(fnv1a(fnv1a(FNV_START, path.as_bytes()), &contents.hash.to_le_bytes()));
    }

    /// The buckets' versions.
    pub fn versions(&self) -> FileVersions {
        FileVersions(self.0.iter().map(|sum| short_hex(fnv1a(FNV_START, &sum.to_le_bytes()))).collect())
    }
}

impl FileVersions {
    /// The bucket of the file at `path` (unversioned): post files and list
    /// pages each in their own ([`POST_BUCKETS`]); files versioned apart
    /// from them (search docs) in any. Every page of a list is in its
    /// list's bucket (by the list's folder, `lists/tag/rust/`): a new post
    /// changes every page of the lists it is on, which spread over the
    /// buckets page by page renamed every list page of the blog (64,000 at
    /// 100,000 posts, where its own lists have about 13,000).
    fn bucket(path: &str) -> usize {
        let (first, count, key) = if path.starts_with(POST_DATA_DIR) {
            (0, POST_BUCKETS, path)
        } else if path.starts_with(LISTS_DIR) {
            (POST_BUCKETS, VERSION_BUCKETS - POST_BUCKETS, &path[..path.rfind('/').map_or(0, |at| at + 1)])
        } else {
            (0, VERSION_BUCKETS, path)
        };
        first + (fnv1a(FNV_START, key.as_bytes()) % count as u64) as usize
    }

    /// Whether the file at `path` (unversioned) has the same name under
    /// these versions and `other`.
    pub fn same_version(&self, other: &FileVersions, path: &str) -> bool {
        let bucket = Self::bucket(path);
        self.0.get(bucket) == other.0.get(bucket)
    }

    /// The versioned name of the file at `path`: `lists/all/1.json` becomes
    /// `lists/all/1.3f9a0c21b7de.json`; left as it is if there are no
    /// versions (an index put together by hand, as in tests).
    pub fn name(&self, path: &str) -> String {
        match (self.0.get(Self::bucket(path)), path.strip_suffix(".json")) {
            (Some(version), Some(stem)) => format!("{stem}.{version}.json"),
            _ => path.to_string(),
        }
    }
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

/// A year of the Archives list: the sidebar lists the newest year's
/// months and links each older year to its archive, as a blog of many
/// years would otherwise list hundreds of months on every page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveYear<'a> {
    pub year: i32,
    /// Its posts, all months together.
    pub count: usize,
    /// Its months with posts, newest first.
    pub months: &'a [MonthCount],
}

/// `months` (newest first, as [`SiteIndex::months`] holds them) grouped
/// by year, newest first.
pub fn archive_years(months: &[MonthCount]) -> Vec<ArchiveYear<'_>> {
    months
        .chunk_by(|a, b| a.year == b.year)
        .map(|months| ArchiveYear { year: months[0].year, count: months.iter().map(|m| m.count).sum(), months })
        .collect()
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
    /// The picture link previews of the post's page show, as its front
    /// matter gives it (a URL, or a path as an image in the post would
    /// be); without one, the post's first image is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Where the body's links to other posts' Markdown files lead (Zola's
    /// `@/blog/a.md`, GitHub's `../a.md`): each destination as written,
    /// without its `#fragment`, and the page below the site root
    /// (`post/a`). See [`crate::core::markdown::RenderContext::post_links`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, String>,
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
    /// URL path of page `page` of `listing`'s list, below the site root.
    pub fn list_file(&self, listing: &Listing, page: usize) -> String {
        self.versions.name(&list_path(listing, page))
    }

    /// URL path of the [`TagsFile`], below the site root.
    pub fn tags_file(&self) -> String {
        self.versions.name(TAGS_PATH)
    }

    /// URL path of the post `slug`'s [`PostFile`], below the site root.
    pub fn post_file(&self, slug: &str) -> String {
        self.versions.name(&post_path(slug))
    }

    /// Finds a category or tag's display name by slug.
    pub fn term_name<'a>(terms: &'a [TermCount], slug: &str) -> Option<&'a str> {
        terms.iter().find(|t| t.slug == slug).map(|t| t.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_months_fold_into_their_years() {
        let month = |year, month, count| MonthCount { year, month, count };
        let months = vec![month(2025, 3, 1), month(2025, 1, 4), month(2023, 12, 2), month(1999, 6, 7)];
        let years = archive_years(&months);
        let summary: Vec<(i32, usize, usize)> = years.iter().map(|y| (y.year, y.count, y.months.len())).collect();
        assert_eq!(summary, [(2025, 5, 2), (2023, 2, 1), (1999, 7, 1)]);
        assert_eq!(years[0].months[1], month(2025, 1, 4));
        assert!(archive_years(&[]).is_empty());
    }

    /// The versions of `files`, paths and contents.
    fn versions_of(files: &[(impl AsRef<str>, impl AsRef<str>)]) -> FileVersions {
        let mut sums = VersionSums::default();
        for (path, bytes) in files {
            sums.add(path.as_ref(), Fingerprint::of(bytes.as_ref().as_bytes()));
        }
        sums.versions()
    }

    fn versions() -> FileVersions {
        versions_of(&[("lists/all/1.json", "a"), ("data/posts/x.json", "b")])
    }

    #[test]
    fn names_carry_their_buckets_version() {
        let versions = versions();
        let name = versions.name("lists/all/1.json");
        let version = &versions.0[FileVersions::bucket("lists/all/1.json")];
        assert_eq!(name, format!("lists/all/1.{version}.json"));
        assert_eq!(version.len(), 12);
        assert_eq!(FileVersions::default().name("lists/all/1.json"), "lists/all/1.json");
    }

    #[test]
    fn a_change_renames_only_its_bucket() {
        let before = versions();
        let after = versions_of(&[("data/posts/x.json", "changed"), ("lists/all/1.json", "a")]);
        let changed: Vec<usize> = (0..VERSION_BUCKETS).filter(|&b| before.0[b] != after.0[b]).collect();
        assert_eq!(changed, vec![FileVersions::bucket("data/posts/x.json")]);
    }

    #[test]
    fn post_files_and_list_pages_never_share_a_bucket() {
        let posts: Vec<String> = (0..2000).map(|i| post_path(&format!("post-{i}"))).collect();
        let lists: Vec<String> = (0..2000).map(|tag| list_path(&Listing::Tag(format!("tag-{tag}")), 1 + tag % 3)).collect();
        let buckets = |paths: &[String]| paths.iter().map(|p| FileVersions::bucket(p)).collect::<std::collections::BTreeSet<_>>();
        let (of_posts, of_lists) = (buckets(&posts), buckets(&lists));
        assert!(of_posts.is_disjoint(&of_lists));
        assert_eq!(of_posts.len(), POST_BUCKETS, "post files spread over all of theirs");
        assert_eq!(of_lists.len(), VERSION_BUCKETS - POST_BUCKETS);
        // Files versioned apart from these (search docs) use every bucket.
        let docs: Vec<String> = (0..4000).map(|i| format!("search-index/d/{i}.json")).collect();
        assert_eq!(buckets(&docs).len(), VERSION_BUCKETS);
    }

    #[test]
    fn a_new_post_shifting_every_list_page_renames_no_other_post_file() {
        let posts: Vec<(String, String)> = (0..500).map(|i| (post_path(&format!("post-{i}")), format!("post {i}"))).collect();
        let pages = |shift: usize| (1..=50).map(move |page| (list_path(&Listing::All, page), format!("page {page} shifted {shift}")));
        let files = |shift: usize, new_post: bool| {
            let mut files: Vec<(String, String)> = posts.iter().cloned().chain(pages(shift)).collect();
            files.extend(new_post.then(|| (post_path("new"), "new".to_string())));
            files
        };
        let (before, after) = (versions_of(&files(0, false)), versions_of(&files(1, true)));
        let renamed = posts.iter().filter(|(path, _)| before.name(path) != after.name(path)).count();
        let shared = posts.iter().filter(|(path, _)| FileVersions::bucket(path) == FileVersions::bucket(&post_path("new"))).count();
        assert_eq!(renamed, shared, "only the post files in the new post's bucket are renamed");
        assert!(renamed < posts.len() / 20);
    }

    #[test]
    fn a_new_post_renames_few_pages_of_the_lists_it_is_not_on() {
        let lists: Vec<Listing> = (0..400).map(|tag| Listing::Tag(format!("tag-{tag}"))).collect();
        fn pages(listing: &Listing) -> impl Iterator<Item = String> + '_ {
            (1..=20).map(move |page| list_path(listing, page))
        }
        // Every page of every list, and after a new post on the first.
        let files = |shifted: bool| -> Vec<(String, String)> {
            let content = |i: usize| if shifted && i == 0 { "shifted" } else { "as it was" };
            let mut files = Vec::new();
            for (i, listing) in lists.iter().enumerate() {
                files.extend(pages(listing).map(|path| (path, content(i).to_string())));
            }
            files
        };
        let (before, after) = (versions_of(&files(false)), versions_of(&files(true)));
        let shares_with_shifted = |listing: &Listing| FileVersions::bucket(&list_path(listing, 1)) == FileVersions::bucket(&list_path(&lists[0], 1));
        for listing in &lists[1..] {
            let renamed = pages(listing).filter(|page| before.name(page) != after.name(page)).count();
            let expected = if shares_with_shifted(listing) { 20 } else { 0 };
            assert_eq!(renamed, expected, "{listing:?}: a list's pages are renamed together, with its bucket");
        }
        let sharing = lists[1..].iter().filter(|l| shares_with_shifted(l)).count();
        assert!(sharing < lists.len() / 20, "{sharing} lists share the shifted one's bucket");
    }

    #[test]
    fn paths_are_url_encoded_before_versioning() {
        assert_eq!(post_path("café"), "data/posts/caf%C3%A9.json");
        assert_eq!(list_path(&Listing::Month(2024, 3), 2), "lists/month/2024-03/2.json");
    }
}
