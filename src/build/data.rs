//! The post files and list chunks: named by the versions of their buckets
//! (see [`crate::core::index`]), so a CDN may cache them forever, and
//! cleared away once a newer build no longer names them.
//!
//! A large blog's files do not fit in memory, so each is fingerprinted as
//! it is made and let go; only the files not already on disk are made
//! again to be written. A post file is fingerprinted in two parts: its head
//! ([`post_head`]) while the post is read, its links to its neighbours once
//! every post is sorted. A list chunk is fingerprinted from its posts'
//! fingerprints ([`listed`]), without being made at all.

use super::error::BuildError;
use super::highlight::Highlighter;
use super::json;
use super::post::SourcePost;
use super::output::{self, Files, Present};
use super::{parallel_map, parallel_try_map, to_json, ReadPost};
use crate::core::fast::FastMap;
use crate::core::hash::{Fingerprint, Fingerprinter};
use crate::core::index::{
    list_path, post_path, FileVersions, ListChunk, PostMeta, SiteIndex, TagsFile, TermCount, VersionSums,
    FORMAT_VERSION, INDEX_FILE, LISTS_DIR, POST_DATA_DIR, TAGS_PATH,
};
use crate::core::search::format::Manifest;
use crate::core::listing::{Chunks, Listing};
use crate::core::route::decode;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The post's [`crate::core::index::PostFile`] up to its links to its
/// neighbours: everything that comes from the post itself, as the JSON of
/// the whole file but for its last fields (see [`post_tail`]), with its
/// highlighted `code` blocks. The build cache keeps no post's code, which
/// would be more than half of it: a build keeps, within a budget, the code
/// of the posts it reads ([`crate::build::highlight::CodeBudget`]), and
/// highlights any other post's again if its file must be written.
pub fn post_head(post: &SourcePost, markdown: &str, code: &[String]) -> Vec<u8> {
    /// The fields of a `PostFile` before its Markdown, with its rules for
    /// leaving fields out. The Markdown and code, most of its bytes, are
    /// written after them by [`json::push_string`].
    #[derive(Serialize)]
    struct Head<'a> {
        version: u32,
        meta: &'a PostMeta,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        aliases: &'a [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        image: &'a Option<String>,
    }
    let head = Head { version: FORMAT_VERSION, meta: &post.meta, aliases: &post.aliases, image: &post.image };
    let mut json = to_json(&head);
    json.pop(); // the closing brace: the Markdown, code and links follow
    json.extend(b",\"markdown\":");
    json::push_string(&mut json, markdown);
    if let Some((first, rest)) = code.split_first() {
        json.extend(b",\"code\":[");
        json::push_string(&mut json, first);
        for block in rest {
            json.push(b',');
            json::push_string(&mut json, block);
        }
        json.push(b']');
    }
    json
}

/// The rest of a post file after [`post_head`]: where its links to other
/// posts' files lead, and its neighbours, each written from its metadata
/// as serde_json writes a [`crate::core::index::PostLink`]: copying every
/// post's neighbours' slugs and titles into links first cost a large
/// blog's rebuild about 40 ms.
fn post_tail(links: &BTreeMap<String, String>, newer: Option<&PostMeta>, older: Option<&PostMeta>) -> Vec<u8> {
    let mut json = Vec::with_capacity(256);
    if !links.is_empty() {
        json.extend(b",\"links\":");
        json.extend(to_json(links));
    }
    for (field, neighbour) in [(&b",\"newer\":"[..], newer), (b",\"older\":", older)] {
        json.extend(field);
        match neighbour {
            Some(meta) => {
                json.extend(b"{\"slug\":");
                json::push_string(&mut json, &meta.slug);
                json.extend(b",\"title\":");
                json::push_string(&mut json, &meta.title);
                json.push(b'}');
            }
            None => json.extend(b"null"),
        }
    }
    json.push(b'}');
    json
}

/// Every post file and list chunk of a build, fingerprinted.
pub struct DataFiles<'a> {
    /// The posts, newest first.
    posts: &'a [ReadPost],
    lists: FastMap<Listing, Vec<&'a ReadPost>>,
    /// Highlights the code of the posts whose files are made.
    highlighter: &'a Highlighter,
    /// Each file's unversioned path, fingerprint and what it holds.
    files: Vec<(String, Fingerprint, DataFile)>,
}

/// A post's metadata as list chunks hold it, fingerprinted.
pub fn listed(meta: &PostMeta) -> Fingerprint {
    Fingerprint::of(&to_json(meta))
}

/// What a data file holds.
enum DataFile {
    /// The post at this place, counting from the newest.
    Post(usize),
    /// A chunk of a list: which of its posts (from the newest) it holds.
    List(Listing, std::ops::Range<usize>),
    /// The [`TagsFile`]'s bytes.
    Tags(Vec<u8>),
}

impl<'a> DataFiles<'a> {
    /// The files of `posts` (newest first), of the lists `index` and `tags`
    /// have, and of `tags`.
    pub fn new(index: &SiteIndex, tags: &[TermCount], posts: &'a [ReadPost], highlighter: &'a Highlighter) -> DataFiles<'a> {
        let lists = Listing::group(posts, |p| &p.post.meta);
        let per_page = index.site.posts_per_page;
        let mut data = DataFiles { posts, lists, highlighter, files: Vec::new() };
        let places: Vec<usize> = (0..posts.len()).collect();
        let mut files = parallel_map(&places, |&i| {
            let slug = &posts[i].post.meta.slug;
            (post_path(slug), posts[i].head.then(&data.post_tail(i)).finish(), DataFile::Post(i))
        });
        let listings = Listing::all_of(index, tags);
        let chunks = parallel_map(&listings, |listing| {
            let all = data.list(listing);
            let chunks = Chunks::new(all.len(), per_page).all();
            chunks.map(|(chunk, posts)| (list_path(listing, chunk), list_print(&all[posts.clone()]), DataFile::List(listing.clone(), posts))).collect::<Vec<_>>()
        });
        files.extend(chunks.into_iter().flatten());
        let tags = to_json(&TagsFile { version: FORMAT_VERSION, tags: tags.to_vec() });
        files.push((TAGS_PATH.to_string(), Fingerprint::of(&tags), DataFile::Tags(tags)));
        data.files = files;
        data
    }

    /// The versions the files' names carry.
    pub fn versions(&self) -> FileVersions {
        let mut sums = VersionSums::default();
        for (path, print, _) in &self.files {
            sums.add(path, *print);
        }
        sums.versions()
    }

    /// Writes the files below `out` under the names `versions` gives them,
    /// making only those not there already, and taking a post file from
    /// its `earlier` name when that file is the same. A file `present` and
    /// named by the earlier index is taken as it is ([`Present::whole`]).
    /// Returns the paths, for [`Present::remove_unwritten`].
    pub fn write(
        &self,
        out: &Path,
        versions: &FileVersions,
        earlier: Option<&FileVersions>,
        present: &Present,
    ) -> Result<Files, BuildError> {
        let written = parallel_try_map(&self.files, |(path, print, file)| {
            let on_disk = |versions: &FileVersions| out.join(decode(&versions.name(path), false));
            let new = on_disk(versions);
            if present.whole(&new, path, versions, earlier) {
                return Ok(new);
            }
            match file {
                DataFile::Post(_) => output::write_renamed(&new, *print, || earlier.map(on_disk), || self.bytes(file))?,
                // A list chunk is made from what is in memory, and its
                // fingerprint is not of its bytes.
                DataFile::List(..) | DataFile::Tags(_) => output::write_content_named(&new, print.len, || self.bytes(file))?,
            }
            Ok(new)
        })?;
        Ok(written.into_iter().map(PathBuf::into_os_string).collect())
    }

    fn bytes(&self, file: &DataFile) -> Result<Vec<u8>, BuildError> {
        match file {
            DataFile::Post(i) => {
                let ReadPost { post, code, .. } = &self.posts[*i];
                let body = post.body()?;
                let code = self.highlighter.kept_or_highlighted(code.as_deref(), &body);
                let mut json = post_head(post, &body, &code);
                json.extend(self.post_tail(*i));
                Ok(json)
            }
            DataFile::List(listing, posts) => Ok(list_chunk(&self.list(listing)[posts.clone()])),
            DataFile::Tags(bytes) => Ok(bytes.clone()),
        }
    }

    /// The posts of `listing`, newest first.
    fn list(&self, listing: &Listing) -> &[&'a ReadPost] {
        self.lists.get(listing).map_or(&[], Vec::as_slice)
    }

    /// The tail of the post file of the post at place `i`.
    fn post_tail(&self, i: usize) -> Vec<u8> {
        let meta = |i: usize| self.posts.get(i).map(|p| &p.post.meta);
        post_tail(&self.posts[i].post.links, i.checked_sub(1).and_then(meta), meta(i + 1))
    }
}

/// The versions in the names an earlier build gave its post files and
/// search docs, read from the site index it left in its output, so a file
/// renamed only because another in its bucket changed can be taken from
/// there (see [`output::write_renamed`]).
pub struct Earlier {
    pub data: FileVersions,
    /// Of the search docs, if the index's manifest could be read.
    pub docs: Option<FileVersions>,
}

impl Earlier {
    /// The names in the output folder `dir`, if it holds a site index this
    /// `folio` can read.
    pub fn read(dir: &Path) -> Option<Earlier> {
        let read = |path: &Path| std::fs::read(path).ok();
        let index: SiteIndex = serde_json::from_slice(&read(&dir.join(INDEX_FILE))?).ok()?;
        let manifest = read(&dir.join(decode(&index.search, false)));
        let docs = manifest.and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok()).map(|m| m.doc_versions);
        Some(Earlier { data: index.versions, docs })
    }
}

/// The JSON of a chunk of a list holding `posts`.
fn list_chunk(posts: &[&ReadPost]) -> Vec<u8> {
    to_json(&ListChunk { version: FORMAT_VERSION, posts: posts.iter().map(|p| &p.post.meta).collect() })
}

/// A list chunk's fingerprint, from what it is made of rather than its
/// bytes: a rebuild names every chunk of every list, and making them all
/// to hash them was most of a large blog's rebuild. The hash is of the
/// chunk without its posts, then each post's [`listed`] fingerprint, so it
/// changes whenever the chunk's bytes would; the length is the chunk's
/// exactly (its posts are its last field, a JSON array), which
/// [`output::write_content_named`] checks a file on disk against.
fn list_print(posts: &[&ReadPost]) -> Fingerprint {
    /// A chunk without its posts, the same for every chunk of a build.
    static EMPTY: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| to_json(&ListChunk::<()> { version: FORMAT_VERSION, posts: Vec::new() }));
    let empty: &[u8] = &EMPTY;
    let commas = posts.len().saturating_sub(1) as u64;
    let start = Fingerprinter::default().then(empty);
    let hashed = posts.iter().fold(start, |print, post| {
        print.then(&post.listed.hash.to_le_bytes()).then(&post.listed.len.to_le_bytes())
    });
    Fingerprint { hash: hashed.finish().hash, len: empty.len() as u64 + commas + posts.iter().map(|p| p.listed.len).sum::<u64>() }
}

/// The post files and list chunks an earlier build left in `listed`, named
/// as they will be in the output `out` ([`Present::list_moved`]): they are
/// removed once the new index (which no longer names them) is in place,
/// unless this build writes them too.
pub fn present(listed: &Path, out: &Path) -> Present {
    Present::list_moved(listed, out, &[POST_DATA_DIR, LISTS_DIR], output::is_json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::index::{PostFile, PostLink};

    fn meta(slug: &str, title: &str) -> PostMeta {
        serde_json::from_value(serde_json::json!({
            "slug": slug, "title": title, "date": "2024-01-02", "excerpt": "",
            "reading_minutes": 1, "dir": "posts/",
        }))
        .unwrap()
    }

    fn source(meta: PostMeta, aliases: Vec<String>, links: BTreeMap<String, String>, image: Option<String>) -> SourcePost {
        SourcePost {
            path: PathBuf::new(),
            own_slug: meta.slug.clone(),
            meta,
            aliases,
            image,
            file_links: links.keys().cloned().collect(),
            links,
            shortcodes: 0,
            stamp: None,
            file_date: None,
            hash: 0,
            body_start: 0,
        }
    }

    #[test]
    fn head_and_tail_make_the_post_file() {
        let (meta, newer) = (meta("a", "A"), meta("b", "B \"quoted\" \u{1}"));
        let link = PostLink { slug: newer.slug.clone(), title: newer.title.clone() };
        let linked: BTreeMap<String, String> = [("b.md".to_string(), "post/b".to_string())].into();
        let highlighter = Highlighter::default();
        for (markdown, aliases, links, image) in [
            ("Some *text* with \"quotes\"\n", vec![], BTreeMap::new(), None),
            ("Code:\n\n```rust\nfn x() {}\n```\n", vec!["old/a".to_string()], linked, Some("cover.png".to_string())),
        ] {
            let post = source(meta.clone(), aliases.clone(), links.clone(), image.clone());
            let code = highlighter.code_blocks(markdown);
            assert_eq!(code.is_empty(), !markdown.contains("```"));
            let mut bytes = post_head(&post, markdown, &code);
            bytes.extend(post_tail(&links, Some(&newer), None));
            let whole = PostFile {
                version: FORMAT_VERSION,
                meta: meta.clone(),
                markdown: markdown.into(),
                code,
                aliases,
                image,
                links,
                newer: Some(link.clone()),
                older: None,
            };
            // The same fields, and the same left out, in another order.
            let read: serde_json::Value = serde_json::from_slice(&bytes).expect("a post file is JSON");
            assert_eq!(read, serde_json::to_value(&whole).expect("post files serialize"));
        }
    }

    #[test]
    fn a_list_chunk_is_fingerprinted_without_being_made() {
        let read = |slug: &str, title: &str| {
            let meta = meta(slug, title);
            let listed = listed(&meta);
            let post = source(meta, vec![], BTreeMap::new(), None);
            ReadPost { post, head: Fingerprinter::default(), doc: Fingerprint::of(b""), listed, counted_as: 0, code: None }
        };
        let posts = [read("a", "A"), read("b", "B \"quoted\""), read("c", "Ç")];
        let all: Vec<&ReadPost> = posts.iter().collect();
        for chunk in [&all[..0], &all[..1], &all[..]] {
            assert_eq!(list_print(chunk).len, list_chunk(chunk).len() as u64, "{} posts' length", chunk.len());
        }
        let renamed = [read("a", "A"), read("b", "B, renamed"), read("c", "Ç")];
        let renamed: Vec<&ReadPost> = renamed.iter().collect();
        assert_ne!(list_print(&all[..2]).hash, list_print(&renamed[..2]).hash, "a post's new title renames its chunks");
        assert_eq!(list_print(&all[2..]), list_print(&renamed[2..]));
        assert_ne!(list_print(&all[..2]).hash, list_print(&all).hash, "a chunk that gains a post changes");
    }
}
