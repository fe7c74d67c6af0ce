//! The files the builder writes and the app reads: the site index (a small
//! manifest), each list of posts cut into chunks ([`ListChunk`]), and one
//! file per post. All carry [`FORMAT_VERSION`] so an app never misreads
//! files from an older or newer build.
//!
//! The site index holds nothing that grows with the number of posts beyond
//! the sidebar's months and categories: a blog of 100,000 posts opens with
//! the same few kilobytes as one of ten. Its tags, of which a blog may have
//! thousands, are in a file of their own ([`TagsFile`]). Paths to list
//! chunks and post files are made by [`SiteIndex::list_file`] and
//! [`SiteIndex::post_file`], here, for both sides.
//!
//! List chunks and post files have content-hashed names, so a CDN may keep
//! them forever: each file falls in one of [`VERSION_BUCKETS`] buckets by
//! its path, and its name carries its bucket's version, a hash of the
//! contents of every file in the bucket. The index lists the buckets'
//! versions: a fixed few kilobytes however many files there are, and one
//! changed post renames only the files that share a bucket with it or its
//! lists' chunks. Post files, the lists' newest chunks and their older
//! chunks each have buckets of their own: a new post changes its own file,
//! its neighbour's and the newest chunk of each of its lists, so it renames
//! only the few newest chunks sharing their buckets, not the many older
//! chunks, which a new post leaves as they were.

use crate::core::date::PostDate;
use crate::core::hash::{fnv1a, short_hex, Fingerprint, FNV_START};
use crate::core::listing::{Chunk, Listing};
use crate::core::route::encode_segment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the JSON layout; bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 11;

/// File name of the site index, at the site root.
pub const INDEX_FILE: &str = "index.json";

/// The folder of the list chunks, below the site root.
pub const LISTS_DIR: &str = "lists/";

/// The folder of the post files, below the site root.
pub const POST_DATA_DIR: &str = "data/posts/";

/// How many buckets the list chunks and post files are hashed into (see
/// the module docs): enough that one new post renames few other files, few
/// enough that their versions add only a few kilobytes to the index.
pub const VERSION_BUCKETS: usize = 256;

/// How many of the buckets are the post files'. Half: an edit of a post's
/// body, the most common, changes its post file alone (lists show only its
/// metadata) and so renames the other post files of its bucket; a new post
/// changes its own and its neighbour's.
const POST_BUCKETS: usize = VERSION_BUCKETS / 2;

/// How many of the buckets are the lists' newest chunks' and the tags
/// file's, which a new post changes: few files, as a list has one newest
/// chunk, so each bucket renames few. The rest are the older chunks',
/// thousands of files a new post leaves alone, which would all be renamed
/// every time if they shared buckets with the newest.
const NEWEST_BUCKETS: usize = VERSION_BUCKETS / 8;

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
    /// The versions in the names of list chunks and post files.
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
    /// changes with nearly every edit, which would rewrite each list chunk
    /// that holds the post, and rename the others in their buckets, for
    /// nothing.
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

/// One chunk of a list of posts (see [`Chunk`] and
/// [`SiteIndex::list_file`]), of which a reader's page needs one or two.
/// The builder writes it from borrowed posts (`ListChunk<&PostMeta>`), so it
/// need not copy them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListChunk<P = PostMeta> {
    pub version: u32,
    /// The chunk's posts, newest first.
    pub posts: Vec<P>,
}

/// Path of `listing`'s `chunk` below the site root, as a URL, before
/// versioning (`lists/category/open-source/2.json`, `lists/all/newest.json`);
/// on disk it is [`crate::core::route::decode`]d.
pub fn list_path(listing: &Listing, chunk: Chunk) -> String {
    let key = match listing {
        Listing::All => "all".to_string(),
        Listing::Category(slug) => format!("category/{}", encode_segment(slug)),
        Listing::Tag(slug) => format!("tag/{}", encode_segment(slug)),
        Listing::Year(year) => format!("year/{year}"),
        Listing::Month(year, month) => format!("month/{year}-{month:02}"),
    };
    match chunk {
        Chunk::Newest => format!("{LISTS_DIR}{key}/{NEWEST_CHUNK}"),
        Chunk::Older(number) => format!("{LISTS_DIR}{key}/{number}.json"),
    }
}

/// The file name of a list's newest chunk.
const NEWEST_CHUNK: &str = "newest.json";

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
    /// The bucket of the file at `path` (unversioned): post files, the
    /// lists' newest chunks (with the tags file) and their older chunks
    /// each in their own ([`POST_BUCKETS`], [`NEWEST_BUCKETS`]); files
    /// versioned apart from them (search docs) in any.
    fn bucket(path: &str) -> usize {
        let (first, count) = if path.starts_with(POST_DATA_DIR) {
            (0, POST_BUCKETS)
        } else if path == TAGS_PATH || (path.starts_with(LISTS_DIR) && path.ends_with(NEWEST_CHUNK)) {
            (POST_BUCKETS, NEWEST_BUCKETS)
        } else if path.starts_with(LISTS_DIR) {
            (POST_BUCKETS + NEWEST_BUCKETS, VERSION_BUCKETS - POST_BUCKETS - NEWEST_BUCKETS)
        } else {
            (0, VERSION_BUCKETS)
        };
        first + (fnv1a(FNV_START, path.as_bytes()) % count as u64) as usize
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
    /// URL path of `listing`'s `chunk`, below the site root.
    pub fn list_file(&self, listing: &Listing, chunk: Chunk) -> String {
        self.versions.name(&list_path(listing, chunk))
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
    fn post_files_newest_chunks_and_older_chunks_never_share_a_bucket() {
        let posts: Vec<String> = (0..2000).map(|i| post_path(&format!("post-{i}"))).collect();
        let tag = |i: usize| Listing::Tag(format!("tag-{i}"));
        let newest: Vec<String> = (0..2000).map(|i| list_path(&tag(i), Chunk::Newest)).chain([TAGS_PATH.to_string()]).collect();
        let older: Vec<String> = (0..2000).map(|i| list_path(&tag(i), Chunk::Older(1 + i % 3))).collect();
        let buckets = |paths: &[String]| paths.iter().map(|p| FileVersions::bucket(p)).collect::<std::collections::BTreeSet<_>>();
        let (of_posts, of_newest, of_older) = (buckets(&posts), buckets(&newest), buckets(&older));
        assert!(of_posts.is_disjoint(&of_newest) && of_posts.is_disjoint(&of_older) && of_newest.is_disjoint(&of_older));
        assert_eq!(of_posts.len(), POST_BUCKETS, "post files spread over all of theirs");
        assert_eq!(of_newest.len(), NEWEST_BUCKETS);
        assert_eq!(of_older.len(), VERSION_BUCKETS - POST_BUCKETS - NEWEST_BUCKETS);
        // Files versioned apart from these (search docs) use every bucket.
        let docs: Vec<String> = (0..4000).map(|i| format!("search-index/d/{i}.json")).collect();
        assert_eq!(buckets(&docs).len(), VERSION_BUCKETS);
    }

    #[test]
    fn a_new_post_renames_no_older_chunk_and_few_other_files() {
        let lists: Vec<Listing> = (0..400).map(|tag| Listing::Tag(format!("tag-{tag}"))).collect();
        let posts: Vec<String> = (0..2000).map(|i| post_path(&format!("post-{i}"))).collect();
        let (newest, neighbour) = (post_path("new"), posts[0].clone());
        let older: Vec<String> = lists.iter().flat_map(|l| (1..=20).map(move |n| list_path(l, Chunk::Older(n)))).collect();
        let heads: Vec<String> = lists.iter().map(|l| list_path(l, Chunk::Newest)).collect();
        // The new post is on the first two lists, and links its neighbour.
        let changed = [neighbour.clone(), heads[0].clone(), heads[1].clone()];
        let files = |after: bool| -> Vec<(String, String)> {
            let content = |path: &String| if after && changed.contains(path) { "changed" } else { "as it was" };
            let mut files: Vec<(String, String)> = posts.iter().chain(&older).chain(&heads).map(|p| (p.clone(), content(p).to_string())).collect();
            files.extend(after.then(|| (newest.clone(), "new".to_string())));
            files
        };
        let (before, after) = (versions_of(&files(false)), versions_of(&files(true)));
        let renamed = |paths: &[String]| paths.iter().filter(|p| before.name(p) != after.name(p)).count();
        let sharing = |paths: &[String], with: &[&String]| {
            paths.iter().filter(|p| with.iter().any(|w| FileVersions::bucket(p) == FileVersions::bucket(w))).count()
        };
        assert_eq!(renamed(&older), 0, "no older chunk changed, so none is renamed");
        assert_eq!(renamed(&heads), sharing(&heads, &[&heads[0], &heads[1]]));
        assert!(renamed(&heads) < heads.len() / 8, "{} of {} newest chunks renamed", renamed(&heads), heads.len());
        assert_eq!(renamed(&posts), sharing(&posts, &[&newest, &neighbour]));
        assert!(renamed(&posts) < posts.len() / 30, "{} of {} post files renamed", renamed(&posts), posts.len());
    }

    #[test]
    fn paths_are_url_encoded_before_versioning() {
        assert_eq!(post_path("café"), "data/posts/caf%C3%A9.json");
        assert_eq!(list_path(&Listing::Month(2024, 3), Chunk::Older(2)), "lists/month/2024-03/2.json");
        assert_eq!(list_path(&Listing::Category("café".into()), Chunk::Newest), "lists/category/caf%C3%A9/newest.json");
    }
}
