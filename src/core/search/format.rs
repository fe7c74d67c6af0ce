//! The search index on disk, as the builder writes it and the app reads it.
//!
//! Posts are numbered from the oldest (id 0) up, so a new post leaves the
//! others' ids as they were. Every file can be cached forever:
//!
//! - `search-index/manifest.<hash>.json`: the document count, the first
//!   term and version of each shard, the first letters and versions of the
//!   spelling lists, and the versions of the post files. The site index
//!   names it; the only file every search needs.
//! - `search-index/t/<version>.bin`: term shards. Terms are sorted and
//!   cut into runs of about [`SHARD_TARGET_BYTES`]; a query fetches only
//!   the shards holding its terms, as Pagefind does. Each term carries its
//!   posting list: the posts it occurs in (by id, as gaps) and a one-byte
//!   score per post (BM25F, weighted by field, computed at build time).
//!   Each shard's version is a hash of its bytes, so an edit renames only
//!   the shards whose terms it touched, and a reader's browser or a CDN
//!   keeps the rest.
//! - `search-index/w/<version>.txt`: for typo tolerance, the words of
//!   five or more letters that start with one letter, one per line,
//!   versioned like the shards.
//! - `search-index/d/<id>.<version>.json`: one [`SearchDoc`] per post,
//!   fetched for the results shown: title, date, categories and the plain
//!   text the excerpt is cut from. They are most of the index, so they are
//!   kept across builds and named like the list chunks and post files (see
//!   [`crate::core::index::FileVersions`]): editing one post renames only
//!   the few that share its bucket.

use crate::core::date::PostDate;
use crate::core::index::{FileVersions, Term};
#[cfg(test)]
use crate::core::index::FORMAT_VERSION;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The folder of the search index below the site root (not `search/`,
/// which is the search page's address).
pub const SEARCH_DIR: &str = "search-index/";

/// The folder of the posts' [`SearchDoc`]s, in [`SEARCH_DIR`].
pub const DOCS_DIR: &str = "d";

/// About how many bytes of terms and postings go into one shard.
pub const SHARD_TARGET_BYTES: usize = 12_000;

/// The folders of the term shards and of the spelling lists, in
/// [`SEARCH_DIR`].
pub const SHARDS_DIR: &str = "t";
/// See [`SHARDS_DIR`].
pub const LEXICONS_DIR: &str = "w";

/// Words shorter than this are not corrected for typos, nor listed for it.
pub const MIN_TYPO_LEN: usize = 5;

/// Marks the start of a term shard file.
const SHARD_MAGIC: &[u8; 4] = b"FSH1";

/// The index terms that stand for a category, a tag or a year, so filters
/// are posting lists like any word. Words never contain `#`.
pub fn category_key(slug: &str) -> String {
    format!("#c:{slug}")
}

/// See [`category_key`].
pub fn tag_key(slug: &str) -> String {
    format!("#t:{slug}")
}

/// See [`category_key`].
pub fn year_key(year: i32) -> String {
    format!("#y:{year}")
}

/// What a search needs first: how the terms are split into shards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The site's [`crate::core::index::FORMAT_VERSION`], as every file the builder writes carries.
    pub version: u32,
    /// How many posts are indexed; post ids run from 0 (oldest) up.
    pub docs: u32,
    /// The term shards, in order of their first terms.
    pub shards: Vec<Part>,
    /// The spelling lists, in order of their first letters.
    pub lexicons: Vec<Part>,
    /// The versions in the names of the posts' [`SearchDoc`] files.
    pub doc_versions: FileVersions,
}

/// One shard or spelling list as the manifest lists it: the first term
/// (or letter) in it, which says what it holds, and the version in its
/// file's name. Written as a pair, `["term", "version"]`: a large blog's
/// manifest lists thousands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct Part {
    pub first: String,
    pub version: String,
}

impl From<(String, String)> for Part {
    fn from((first, version): (String, String)) -> Part {
        Part { first, version }
    }
}

impl From<Part> for (String, String) {
    fn from(part: Part) -> (String, String) {
        (part.first, part.version)
    }
}

impl Manifest {
    /// The shard that would hold `term`.
    pub fn shard_of(&self, term: &str) -> usize {
        self.shards.partition_point(|shard| shard.first.as_str() <= term).saturating_sub(1)
    }

    /// The shards holding terms that start with `prefix`.
    pub fn shards_with_prefix(&self, prefix: &str) -> std::ops::RangeInclusive<usize> {
        let start = self.shard_of(prefix);
        let after = self.shards.partition_point(|shard| shard.first.as_str() < prefix || shard.first.starts_with(prefix));
        start..=after.saturating_sub(1).max(start)
    }

    /// The spelling list for words starting like `word`, if there is one.
    pub fn lexicon_of(&self, word: &str) -> Option<usize> {
        let first = word.chars().next()?;
        self.lexicons.iter().position(|l| l.first.starts_with(first))
    }

    /// Path of shard `n`, relative to [`SEARCH_DIR`].
    pub fn shard_path(&self, n: usize) -> String {
        Self::shard_file(&self.shards[n].version)
    }

    /// Path of spelling list `n`, relative to [`SEARCH_DIR`].
    pub fn lexicon_path(&self, n: usize) -> String {
        Self::lexicon_file(&self.lexicons[n].version)
    }

    /// Path of the shard whose version is `version`, as the builder names
    /// it: by its bytes alone, not its place in the manifest, so a shard
    /// that moves when one before it is added keeps its name, and its
    /// place in readers' caches.
    pub fn shard_file(version: &str) -> String {
        format!("{SHARDS_DIR}/{version}.bin")
    }

    /// See [`Manifest::shard_file`].
    pub fn lexicon_file(version: &str) -> String {
        format!("{LEXICONS_DIR}/{version}.txt")
    }

    /// Path of post `id`'s [`SearchDoc`] before versioning, relative to
    /// [`SEARCH_DIR`].
    pub fn unversioned_doc_path(id: u32) -> String {
        format!("{DOCS_DIR}/{id}.json")
    }

    /// Path of post `id`'s [`SearchDoc`], relative to [`SEARCH_DIR`].
    pub fn doc_path(&self, id: u32) -> String {
        self.doc_versions.name(&Self::unversioned_doc_path(id))
    }
}

/// One post in a posting list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The post's id: its place counting from the oldest post.
    pub doc: u32,
    /// How well the term describes the post, 1–255.
    pub impact: u8,
}

/// A decoded term shard: terms in order, each with its postings by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shard {
    pub terms: Vec<(String, Vec<Posting>)>,
}

impl Shard {
    /// The postings of exactly `term`.
    pub fn get(&self, term: &str) -> Option<&[Posting]> {
        self.terms.binary_search_by(|(t, _)| t.as_str().cmp(term)).ok().map(|i| self.terms[i].1.as_slice())
    }

    /// The terms starting with `prefix`, with their postings.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [Posting])> + 'a {
        let start = self.terms.partition_point(|(t, _)| t.as_str() < prefix);
        self.terms[start..]
            .iter()
            .take_while(move |(t, _)| t.starts_with(prefix))
            .map(|(t, p)| (t.as_str(), p.as_slice()))
    }
}

/// Writes a shard term by term, in order: magic, term count, then per
/// term its length shared with the previous term, the rest of its bytes,
/// its posting count and the postings as (id gap, impact) pairs. Numbers
/// are LEB128 varints. Term by term, so the builder can score each term's
/// postings into one buffer: a list per term was a large blog's millions
/// of allocations.
#[derive(Default)]
pub struct ShardWriter {
    /// The terms so far, after the magic and count [`ShardWriter::finish`]
    /// puts before them.
    terms: Vec<u8>,
    count: u32,
    previous: String,
}

impl ShardWriter {
    /// Adds `term`, which sorts after the term before it, with its
    /// `postings` in order of id.
    pub fn push(&mut self, term: &str, postings: &[Posting]) {
        let bytes = term.as_bytes();
        let shared = self.previous.bytes().zip(bytes).take_while(|(a, b)| a == *b).count();
        push_varint(&mut self.terms, shared as u32);
        push_varint(&mut self.terms, (bytes.len() - shared) as u32);
        self.terms.extend_from_slice(&bytes[shared..]);
        push_varint(&mut self.terms, postings.len() as u32);
        let mut last = 0;
        for (i, p) in postings.iter().enumerate() {
            push_varint(&mut self.terms, if i == 0 { p.doc } else { p.doc - last });
            self.terms.push(p.impact);
            last = p.doc;
        }
        self.previous.clear();
        self.previous.push_str(term);
        self.count += 1;
    }

    /// The shard's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut out = SHARD_MAGIC.to_vec();
        push_varint(&mut out, self.count);
        out.extend(self.terms);
        out
    }
}

/// Why a search file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "search index damaged: {}", self.0)
    }
}

/// Reads a shard written by a [`ShardWriter`].
pub fn decode_shard(bytes: &[u8]) -> Result<Shard, FormatError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != SHARD_MAGIC {
        return Err(FormatError("not a term shard"));
    }
    let count = r.varint()? as usize;
    let mut terms: Vec<(String, Vec<Posting>)> = Vec::with_capacity(count.min(bytes.len()));
    let mut term: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = r.varint()? as usize;
        let rest = r.varint()? as usize;
        if shared > term.len() {
            return Err(FormatError("bad term prefix"));
        }
        term.truncate(shared);
        term.extend_from_slice(r.take(rest)?);
        let n = r.varint()? as usize;
        let mut postings = Vec::with_capacity(n.min(bytes.len()));
        let mut doc = 0u32;
        for i in 0..n {
            let gap = r.varint()?;
            doc = if i == 0 { gap } else { doc.checked_add(gap).ok_or(FormatError("bad post id"))? };
            postings.push(Posting { doc, impact: r.take(1)?[0] });
        }
        let text = std::str::from_utf8(&term).map_err(|_| FormatError("term is not UTF-8"))?;
        terms.push((text.to_string(), postings));
    }
    Ok(Shard { terms })
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or(FormatError("truncated"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn varint(&mut self) -> Result<u32, FormatError> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            n |= u32::from(byte & 0x7f).checked_shl(shift).ok_or(FormatError("bad number"))?;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(FormatError("bad number"))
    }
}

/// What a search result shows of a post, and the text its excerpt and
/// phrase check read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    pub version: u32,
    pub slug: String,
    pub title: String,
    pub date: PostDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Term>,
    /// The post's body as plain text.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_shard(terms: &[(String, Vec<Posting>)]) -> Vec<u8> {
        let mut shard = ShardWriter::default();
        for (term, postings) in terms {
            shard.push(term, postings);
        }
        shard.finish()
    }

    fn shard() -> Vec<(String, Vec<Posting>)> {
        vec![
            ("#c:rust".into(), vec![Posting { doc: 0, impact: 9 }]),
            ("rout".into(), vec![Posting { doc: 3, impact: 200 }, Posting { doc: 300, impact: 1 }]),
            ("router".into(), vec![Posting { doc: 70_000, impact: 255 }]),
            ("東京".into(), vec![Posting { doc: 1, impact: 40 }]),
        ]
    }

    #[test]
    fn shards_round_trip() {
        let terms = shard();
        let decoded = decode_shard(&encode_shard(&terms)).unwrap();
        assert_eq!(decoded.terms, terms);
        assert_eq!(decoded.get("router").unwrap()[0].doc, 70_000);
        assert_eq!(decoded.get("route"), None);
        let prefixed: Vec<&str> = decoded.with_prefix("rou").map(|(t, _)| t).collect();
        assert_eq!(prefixed, ["rout", "router"]);
    }

    #[test]
    fn damaged_shards_are_errors_not_panics() {
        let bytes = encode_shard(&shard());
        for cut in 0..bytes.len() {
            assert!(decode_shard(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(decode_shard(b"<!doctype html>"), Err(FormatError("not a term shard")));
    }

    #[test]
    fn finds_the_shards_for_a_term_or_prefix() {
        let m = Manifest {
            version: FORMAT_VERSION,
            docs: 10,
            shards: parts(&["#c:a", "cat", "dog", "dot", "eel"]),
            lexicons: parts(&["c", "d"]),
            doc_versions: FileVersions::default(),
        };
        assert_eq!(m.shard_of("#"), 0);
        assert_eq!(m.shard_of("apple"), 0);
        assert_eq!(m.shard_of("cat"), 1);
        assert_eq!(m.shard_of("cow"), 1);
        assert_eq!(m.shard_of("zebra"), 4);
        assert_eq!(m.shards_with_prefix("do"), 1..=3);
        assert_eq!(m.shards_with_prefix("dog"), 2..=2);
        assert_eq!(m.shards_with_prefix("e"), 3..=4);
        assert_eq!(m.shards_with_prefix("z"), 4..=4);
        assert_eq!(m.lexicon_of("dolphin"), Some(1));
        assert_eq!(m.lexicon_of("eagle"), None);
        assert_eq!(m.shard_path(2), "t/v-dog.bin");
        assert_eq!(m.lexicon_path(1), "w/v-d.txt");
        let json = serde_json::to_string(&m.lexicons).unwrap();
        assert_eq!(json, r#"[["c","v-c"],["d","v-d"]]"#, "parts are pairs");
        assert_eq!(serde_json::from_str::<Vec<Part>>(&json).unwrap(), m.lexicons);
    }

    fn parts(firsts: &[&str]) -> Vec<Part> {
        firsts.iter().map(|first| Part { first: first.to_string(), version: format!("v-{first}") }).collect()
    }
}
