//! Builds the search index (laid out in [`crate::core::search::format`])
//! from the published posts.
//!
//! Each post's words are counted per field (title, categories and tags,
//! authors, body) as it is read, then every (word, post) pair gets a BM25F
//! score, scaled to one byte, so the browser only adds numbers.

use super::error::BuildError;
use crate::core::fast::FastMap;
use super::json;
use super::output::{self, Files, Present};
use super::{parallel_map, parallel_try_map};
use crate::core::hash::{fnv1a, short_hex, Fingerprint, FNV_START};
use crate::core::index::{FileVersions, PostMeta, VersionSums, FORMAT_VERSION};
use crate::core::search::format::{
    category_key, tag_key, year_key, Manifest, Part, Posting, SearchDoc, ShardWriter, MIN_TYPO_LEN, SEARCH_DIR,
    SHARD_TARGET_BYTES,
};
use crate::core::search::stem::stem;
use crate::core::search::text::for_each_word;
use super::cache::binary;
use super::postings::{self, Counted, List, Saved};
use bincode::Options;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The fields a post's words come from, with how much a match in each
/// counts and how much a long field is discounted (BM25's `b`).
const FIELDS: [(f32, f32); 4] = [
    (3.0, 0.5),  // title
    (2.5, 0.3),  // categories and tags
    (1.5, 0.0),  // authors
    (1.0, 0.75), // body
];

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;

/// The search files (see [`crate::core::search::format`]).
pub struct SearchFiles {
    /// The manifest's path below [`SEARCH_DIR`], named for its bytes.
    pub manifest: String,
    /// The manifest, shards and spelling lists, by path below
    /// [`SEARCH_DIR`], each named for its bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The shards an earlier build wrote under these same names, by path
    /// below [`SEARCH_DIR`] and length: left as they are.
    kept: Vec<(String, u64)>,
    /// The earlier output's search folder: where a kept shard still is
    /// if it was not moved into this output.
    kept_from: PathBuf,
    /// The shards made, for the build cache.
    pub made: MadeShards,
    /// The posts' [`SearchDoc`]s: each one's id and versioned path below
    /// [`SEARCH_DIR`], and its fingerprint. Their bytes are made again
    /// ([`doc_json`]) only for those not written by an earlier build.
    pub docs: Vec<(u32, String, Fingerprint)>,
    /// The versions in the docs' names.
    doc_versions: FileVersions,
}

impl SearchFiles {
    /// Writes the files below `out`'s search folder, with `doc` giving the
    /// bytes of post `id`'s [`SearchDoc`] when it is not there yet, nor
    /// under the name the `earlier` versions give it. A file an earlier
    /// build wrote is left as it is (a kept shard is copied from the
    /// earlier output only if it was not moved into `out`): every name
    /// says its contents, and a
    /// doc `present` and named by the earlier index is not even looked at
    /// ([`Present::whole`]). Returns the files, for
    /// [`Present::remove_unwritten`].
    pub fn write(
        &self,
        out: &Path,
        earlier: Option<&FileVersions>,
        present: &Present,
        doc: impl Fn(u32) -> Result<Vec<u8>, BuildError> + Sync,
    ) -> Result<Files, BuildError> {
        let root = out.join(SEARCH_DIR);
        let files = parallel_try_map(&self.files, |(path, bytes)| {
            let path = root.join(path);
            output::write_content_named(&path, bytes.len() as u64, || Ok(bytes.clone()))?;
            Ok(path)
        })?;
        let kept = parallel_try_map(&self.kept, |(path, len)| {
            let from = self.kept_from.join(path);
            let path = root.join(path);
            output::write_content_named(&path, *len, || std::fs::read(&from).map_err(|e| BuildError::io(&from, e)))?;
            Ok(path)
        })?;
        let docs = parallel_try_map(&self.docs, |(id, path, print)| {
            let unversioned = Manifest::unversioned_doc_path(*id);
            let path = root.join(path);
            if present.whole(&path, &unversioned, &self.doc_versions, earlier) {
                return Ok(path);
            }
            let earlier = || earlier.map(|versions| root.join(versions.name(&unversioned)));
            output::write_renamed(&path, *print, earlier, || doc(*id))?;
            Ok(path)
        })?;
        Ok(files.into_iter().chain(kept).chain(docs).map(PathBuf::into_os_string).collect())
    }

    /// The search files an earlier build left in `listed`, named as they
    /// will be in the output `out` ([`Present::list_moved`]): they are
    /// removed once the new site index points at this index, unless this
    /// build writes them too.
    pub fn present(listed: &Path, out: &Path) -> Present {
        Present::list_moved(listed, out, &[SEARCH_DIR], |_| true)
    }
}

/// The bytes of a post's [`SearchDoc`], given the plain text of its body.
pub fn doc_json(meta: &PostMeta, text: &str) -> Vec<u8> {
    let doc = SearchDoc {
        version: FORMAT_VERSION,
        slug: meta.slug.clone(),
        title: meta.title.clone(),
        date: meta.date,
        categories: meta.categories.clone(),
        text: String::new(),
    };
    let mut json = serde_json::to_vec(&doc).expect("search docs serialize");
    // The text, most of the bytes, is the last field: it is written in
    // place of the empty one by the faster `push_string`.
    let empty = b",\"text\":\"\"}";
    debug_assert!(json.ends_with(empty));
    json.truncate(json.len() - empty.len() + b",\"text\":".len());
    json::push_string(&mut json, text);
    json.push(b'}');
    json
}

/// Builds the index from the posts' word counts, numbered from the oldest
/// post (see [`Counter::renumber`]), and the fingerprints of their
/// [`doc_json`]s, in the same order. A shard the `earlier` build made
/// with the same terms and postings is kept as it is, not scored again.
pub fn build(counter: &Counter, docs: &[Fingerprint], earlier: Option<&Earlier>) -> SearchFiles {
    let count = docs.len() as u32;
    let terms = counter.index_terms();
    let scorer = counter.scorer(docs.len());
    let keeping = earlier.filter(|e| e.made.figures == scorer.figures);
    // Each shard is scored and encoded on its own, on every core: where
    // shards are cut is known from the counts alone.
    let cuts = shard_cuts(&terms, |ids| counter.postings_len(ids));
    let shards = parallel_map(&cuts, |range| {
        let terms = &terms[range.clone()];
        if let Some(kept) = keeping.and_then(|earlier| earlier.keep(terms)) {
            return kept;
        }
        let mut shard = ShardWriter::default();
        let mut scored = Vec::new();
        for (term, ids) in terms {
            scorer.score(ids, &mut scored);
            shard.push(term, &scored);
        }
        made(bounds(terms).0.to_string(), shard.finish())
    });
    let records = MadeShards {
        figures: scorer.figures,
        shards: cuts
            .iter()
            .zip(&shards)
            .map(|(range, (part, contents))| MadeShard {
                first: part.first.clone(),
                last: bounds(&terms[range.clone()]).1.to_string(),
                terms: range.len() as u32,
                version: part.version.clone(),
                len: contents.len(),
            })
            .collect(),
    };
    let (mut files, mut kept) = (Vec::new(), Vec::new());
    let shards = add_parts(&mut files, &mut kept, shards, Manifest::shard_file);
    let lexicons = counter.lexicon().into_iter().map(|(first, list)| made(first.to_string(), list.into_bytes()));
    let lexicons = add_parts(&mut files, &mut kept, lexicons, Manifest::lexicon_file);
    let mut sums = VersionSums::default();
    for (id, doc) in docs.iter().enumerate() {
        sums.add(&Manifest::unversioned_doc_path(id as u32), *doc);
    }
    let doc_versions = sums.versions();
    let docs = docs
        .iter()
        .enumerate()
        .map(|(id, doc)| (id as u32, doc_versions.name(&Manifest::unversioned_doc_path(id as u32)), *doc))
        .collect();
    let manifest = Manifest { version: FORMAT_VERSION, docs: count, shards, lexicons, doc_versions };
    let bytes = serde_json::to_vec(&manifest).expect("manifests serialize");
    let doc_versions = manifest.doc_versions;
    let manifest = format!("manifest.{}.json", version_of(&bytes));
    files.push((manifest.clone(), bytes));
    let kept_from = earlier.map(|e| e.root.to_path_buf()).unwrap_or_default();
    SearchFiles { manifest, files, kept, kept_from, docs, doc_versions, made: records }
}

/// The first and last of a shard's `terms`: the manifest lists it under
/// the first.
fn bounds(terms: &[(String, Vec<u32>)]) -> (&str, &str) {
    fn term(t: Option<&(String, Vec<u32>)>) -> &str {
        t.map_or("", |(term, _)| term)
    }
    (term(terms.first()), term(terms.last()))
}

/// A search file made by this build, as the manifest lists it: under its
/// `first` term, named for its `bytes`.
fn made(first: String, bytes: Vec<u8>) -> (Part, Contents) {
    (Part { first, version: version_of(&bytes) }, Contents::Made(bytes))
}

/// A search file's contents: made by this build, or the file an earlier
/// build wrote under the same name, left as it is (its length).
enum Contents {
    Made(Vec<u8>),
    Kept(u64),
}

impl Contents {
    /// The file's length.
    fn len(&self) -> u64 {
        match self {
            Contents::Made(bytes) => bytes.len() as u64,
            Contents::Kept(len) => *len,
        }
    }
}

/// The shards a build made, as the build cache keeps them, so that a
/// later build can keep the file of any whose terms and postings did not
/// change (see [`Earlier`]) rather than score it again.
#[derive(Default, Serialize, Deserialize)]
pub struct MadeShards {
    /// The figures every score was made with ([`Scorer::figures`]).
    figures: [u32; 5],
    shards: Vec<MadeShard>,
}

/// One shard of [`MadeShards`].
#[derive(Serialize, Deserialize)]
struct MadeShard {
    /// Its first and last terms, and how many it has.
    first: String,
    last: String,
    terms: u32,
    /// Its file's version and length.
    version: String,
    len: u64,
}

/// What a build's search index may keep of an earlier build's: the
/// shards the build cache's build made, the words whose postings changed
/// since ([`Counter::renumber`]), and the earlier output's search folder.
///
/// A shard is measured against the cache's build, whose counts the
/// changes are counted from, not against the earlier output, which a
/// build that did not save the cache may have made: a post edited and then
/// put back as it was is unchanged against the cache, while the earlier
/// output has the edited shard. The shard is kept only where the cache's
/// build's file of it is still there.
pub struct Earlier<'a> {
    /// The shards the cache's build made.
    pub made: MadeShards,
    /// The words whose postings changed since.
    pub changed: Changed,
    /// The earlier output's search folder.
    pub root: &'a Path,
}

impl Earlier<'_> {
    /// The earlier build's shard of these `terms`, if it had the same
    /// first and last terms and as many, none of whose words changed, and
    /// its file is still there. The terms between the two are then the
    /// same (a term new since has a changed word, and one gone would leave
    /// fewer), and so are their postings and scores.
    fn keep(&self, terms: &[(String, Vec<u32>)]) -> Option<(Part, Contents)> {
        let (first, last) = bounds(terms);
        // In the order of their first terms, as the terms are sorted.
        let made = &self.made.shards[self.made.shards.binary_search_by(|made| made.first.as_str().cmp(first)).ok()?];
        let changed = |(term, ids): &(String, Vec<u32>)| {
            ids.iter().any(|&id| self.changed.words[id as usize]) || self.changed.gone.contains(term)
        };
        if made.last != last || made.terms as usize != terms.len() || terms.iter().any(changed) {
            return None;
        }
        let file = self.root.join(Manifest::shard_file(&made.version));
        file.symlink_metadata().ok().filter(|meta| meta.is_file() && meta.len() == made.len)?;
        Some((Part { first: first.to_string(), version: made.version.clone() }, Contents::Kept(made.len)))
    }
}

/// Where the index's `terms` are cut into shards of about
/// [`SHARD_TARGET_BYTES`], given how many postings each term's words have
/// (`postings`): a range of terms per shard, and one empty shard for an
/// index of no terms.
///
/// A shard holds at least three quarters of the target; after that, each
/// term ends it, and starts the next, with a chance of its bytes in half
/// the target, drawn from a hash of the term ([`starts_shard`]). So shards
/// of small terms average 1.25 times the target (a large blog's common
/// words, each a large part of a shard, cut theirs sooner, and the two
/// come out near the target, as cutting at the target did), and no shard
/// grows past four times it. Where one is cut depends only on the terms
/// in it: an edit that grows one shard leaves the cuts after it, and their
/// files, as they were. (Cut at a size alone, one cut moved moves every
/// cut after it, until the sizes happen to line up again.)
fn shard_cuts(terms: &[(String, Vec<u32>)], postings: impl Fn(&[u32]) -> usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (term, ids)) in terms.iter().enumerate() {
        let bytes = term.len() + 2 + postings(ids) * 2;
        if size >= SHARD_TARGET_BYTES * 4 || size >= SHARD_TARGET_BYTES * 3 / 4 && starts_shard(term, bytes) {
            cuts.push(start..i);
            (start, size) = (i, 0);
        }
        size += bytes;
    }
    if start < terms.len() || cuts.is_empty() {
        cuts.push(start..terms.len());
    }
    cuts
}

/// Whether `term`, of `bytes` in a shard, starts one (see [`shard_cuts`]):
/// with a chance of `bytes` in half of [`SHARD_TARGET_BYTES`], decided by
/// its hash, so that every build decides alike.
fn starts_shard(term: &str, bytes: usize) -> bool {
    // FNV-1a's high bits are poorly mixed for short words: MurmurHash3's
    // finish mixes them.
    let mut hash = fnv1a(FNV_START, term.as_bytes());
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    // hash / 2^64 < bytes / (target / 2)
    u128::from(hash) * (SHARD_TARGET_BYTES as u128 / 2) < (bytes as u128) << 64
}

/// Adds the files of `made` parts to `files`, or to `kept` those an
/// earlier build wrote, each named by `path` from its version, and returns
/// the parts for the manifest.
fn add_parts(
    files: &mut Vec<(String, Vec<u8>)>,
    kept: &mut Vec<(String, u64)>,
    made: impl IntoIterator<Item = (Part, Contents)>,
    path: fn(&str) -> String,
) -> Vec<Part> {
    let mut parts = Vec::new();
    for (part, contents) in made {
        let path = path(&part.version);
        match contents {
            Contents::Made(bytes) => files.push((path, bytes)),
            Contents::Kept(len) => kept.push((path, len)),
        }
        parts.push(part);
    }
    parts
}

/// The version in the name of a search file: a hash of its bytes, stable
/// across runs and machines, so an unchanged file keeps its name and its
/// place in readers' caches.
fn version_of(bytes: &[u8]) -> String {
    short_hex(Fingerprint::of(bytes).hash)
}

/// `x` (at least 1) rounded up to the next of the steps that divide each
/// doubling into 32 (about 2% apart): what the scores take of the blog's
/// size and average lengths, which one post barely moves.
fn coarse(x: f32) -> f32 {
    ((x.log2() * 32.0).ceil() / 32.0).exp2().max(x)
}

/// A word as a map key: a short one (most are) is kept inline, so
/// finding it among a large blog's words does not chase a pointer to
/// compare it, and is hashed as three numbers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Word {
    Short { len: u8, bytes: [u8; 22] },
    Long(Box<str>),
}

impl Word {
    fn new(word: &str) -> Word {
        let mut bytes = [0u8; 22];
        match bytes.get_mut(..word.len()) {
            Some(inline) => {
                inline.copy_from_slice(word.as_bytes());
                Word::Short { len: word.len() as u8, bytes }
            }
            None => Word::Long(word.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Word::Short { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).expect("made from a str"),
            Word::Long(word) => word,
        }
    }
}

impl std::hash::Hash for Word {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            // Its length and letters, zero-padded, as they are compared.
            Word::Short { len, bytes } => {
                let mut words = [0u8; 24];
                words[0] = *len;
                words[1..23].copy_from_slice(bytes);
                for word in words.chunks_exact(8) {
                    state.write_u64(u64::from_le_bytes(word.try_into().expect("chunks of eight")));
                }
            }
            Word::Long(word) => word.hash(state),
        }
    }
}

/// The index term a counted word is found under: its stem, or a filter
/// key (`#...`) as it is.
fn index_term(word: &str) -> String {
    if word.starts_with('#') {
        word.to_string()
    } else {
        stem(word)
    }
}

/// Up to how many cached posts may change ids, and how many of a list's
/// postings may be fresh, for [`Counter::renumber`] to look for them in
/// each list and put them in place rather than walk it.
const FEW_MOVED: usize = 32;

/// Which words' postings [`Counter::renumber`] changed from those the
/// cache's build scored: words of a post read afresh, and words whose
/// posts were dropped or given other ids. Every other word's postings,
/// and the lengths of the posts in them, are as that build had them.
pub struct Changed {
    /// Per word, by its id once renumbered.
    words: Vec<bool>,
    /// The index terms of the words left in no post, gone from the
    /// counter: a term they shared with other words lost their postings.
    gone: HashSet<String>,
}

/// Word counts per post and field, gathered as each post is read (on
/// every core, each its own counter, merged after), so a post's text need
/// not be kept. Posts are counted under any distinct ids, then given their
/// final ids with [`Counter::renumber`].
///
/// Counts are kept per word as written (folded), not per stem: a post's
/// counts can then be dropped again exactly, which lets the build cache
/// keep the counter and count only the posts that changed.
#[derive(Default)]
pub struct Counter {
    /// Each folded word and filter key seen, with the index of its postings.
    terms: FastMap<Word, u32>,
    /// Per term: the posts it occurs in, with counts per field.
    postings: Vec<List>,
    /// Per post: how many words each field has.
    lengths: Vec<(u32, [u32; 4])>,
    /// The postings saved by the cache's build, which lists read from the
    /// cache point into.
    saved: Option<Saved>,
}

impl Counter {
    /// Counts the words of post `doc`: its metadata and `text`, the plain
    /// text of its body.
    pub fn add(&mut self, doc: u32, meta: &PostMeta, text: &str) {
        let mut counts: FastMap<u32, [u8; 4]> = FastMap::default();
        let mut lengths = [0u32; 4];
        let terms = meta.categories.iter().chain(&meta.tags).map(|t| t.name.as_str()).collect::<Vec<_>>().join(" ");
        let fields = [meta.title.as_str(), terms.as_str(), &meta.authors.join(" "), text];
        for (field, text) in fields.iter().enumerate() {
            for_each_word(text, |_, word| {
                let id = self.term_id(Word::new(word));
                let slot = &mut counts.entry(id).or_default()[field];
                *slot = slot.saturating_add(1);
                lengths[field] += 1;
            });
        }
        let keys = meta.categories.iter().map(|c| category_key(&c.slug))
            .chain(meta.tags.iter().map(|t| tag_key(&t.slug)))
            .chain(std::iter::once(year_key(meta.date.year())));
        for key in keys {
            let id = self.term_id(Word::new(&key));
            counts.entry(id).or_default();
        }
        let saved = saved_postings(&self.saved);
        for (id, fields) in counts {
            self.postings[id as usize].to_mut(saved).push(Counted { doc, fields });
        }
        self.lengths.push((doc, lengths));
    }

    /// One more than the largest id a post is counted under, so posts
    /// added after this can be given ids of their own.
    pub fn next_id(&self) -> u32 {
        self.lengths.iter().map(|(doc, _)| doc + 1).max().unwrap_or(0)
    }

    /// Adds the posts another counter counted (under other ids). The
    /// lists are kept no longer than they need to be: most of a large
    /// blog's build memory is here.
    pub fn merge(&mut self, other: Counter) {
        if self.lengths.is_empty() {
            *self = other;
            let saved = saved_postings(&self.saved);
            self.postings.iter_mut().for_each(|list| list.to_mut(saved).shrink_to_fit());
            return;
        }
        let mut new_ids = vec![0u32; other.terms.len()];
        for (term, id) in other.terms {
            new_ids[id as usize] = self.term_id(term);
        }
        let (saved, other_saved) = (saved_postings(&self.saved), saved_postings(&other.saved));
        for (id, postings) in other.postings.iter().enumerate() {
            let (postings, into) = (postings.of(other_saved), self.postings[new_ids[id] as usize].to_mut(saved));
            into.reserve_exact(postings.len());
            into.extend_from_slice(postings);
        }
        self.lengths.extend(other.lengths);
    }

    /// Gives each post counted as `doc` the id `ids[doc]`, dropping the
    /// counts of posts that have none (left out after they were read, or
    /// changed or gone since a cached counter counted them), and the words
    /// only they had. The new ids must run from 0 with no gaps. Posts
    /// counted from `fresh` on were read by this build; those below it
    /// were counted by the cache's build, under the ids it gave them.
    /// Returns which words' postings that leaves changed.
    pub fn renumber(&mut self, ids: &[Option<u32>], fresh: u32) -> Changed {
        let new = |doc: u32| ids.get(doc as usize).copied().flatten();
        // The cached posts whose ids change. A list with none of them and
        // no post read afresh is left as it is; when they are few (a post
        // edited), a cached list, sorted by post, is searched for them
        // rather than walked: a large blog has 30 million postings.
        let moved_posts: Vec<u32> = (0..fresh).filter(|&doc| new(doc) != Some(doc)).collect();
        let unmoved = |postings: &[Counted]| {
            moved_posts.len() <= FEW_MOVED
                && postings.last().is_none_or(|p| p.doc < fresh)
                && moved_posts.iter().all(|d| postings.binary_search_by_key(d, |p| p.doc).is_err())
        };
        let mut changed = Vec::with_capacity(self.postings.len());
        // A saved list is copied out of the cache only if it changes.
        let saved = saved_postings(&self.saved);
        for list in &mut self.postings {
            if unmoved(list.of(saved)) {
                changed.push(false);
                continue;
            }
            let postings = list.to_mut(saved);
            // Posts read afresh were merged in after the cached ones.
            let cached = postings.partition_point(|p| p.doc < fresh);
            if moved_posts.len() <= FEW_MOVED && postings.len() - cached <= FEW_MOVED {
                // The rest keep their ids, and their order: only the few
                // moved and fresh postings are taken out and put back in
                // their places, not the whole list walked (a common word's
                // has a posting for most of the blog's posts).
                let mut placed: Vec<Counted> = postings.drain(cached..).collect();
                for doc in &moved_posts {
                    if let Ok(at) = postings.binary_search_by_key(doc, |p| p.doc) {
                        placed.push(postings.remove(at));
                    }
                }
                for counted in placed.into_iter().filter_map(|p| Some(Counted { doc: new(p.doc)?, ..p })) {
                    postings.insert(postings.partition_point(|p| p.doc < counted.doc), counted);
                }
                // Not unmoved: a posting was fresh or moved.
                changed.push(true);
                continue;
            }
            let mut moved = false;
            postings.retain_mut(|Counted { doc, .. }| {
                let id = new(*doc);
                moved |= *doc >= fresh || id != Some(*doc);
                id.map(|id| *doc = id).is_some()
            });
            // Stable, for it merges sorted runs: most of the list is still
            // in order, as the cache's build left it.
            postings.sort_by_key(|p| p.doc);
            changed.push(moved);
        }
        self.lengths.retain_mut(|(doc, _)| new(*doc).map(|id| *doc = id).is_some());
        self.lengths.sort_by_key(|(doc, _)| *doc);
        debug_assert!(self.lengths.iter().enumerate().all(|(i, (doc, _))| i == *doc as usize));
        // An edit seldom takes a word's last post away: then every word
        // keeps its id, and the walk below over all of them is not needed.
        if self.postings.iter().all(|postings| !postings.is_empty()) {
            return Changed { words: changed, gone: HashSet::new() };
        }
        let mut postings = std::mem::take(&mut self.postings);
        let mut gone = HashSet::new();
        self.terms.retain(|word, id| {
            let kept = !postings[*id as usize].is_empty();
            if !kept {
                gone.insert(index_term(word.as_str()));
            }
            kept
        });
        let mut words = Vec::with_capacity(self.terms.len());
        for id in self.terms.values_mut() {
            self.postings.push(std::mem::take(&mut postings[*id as usize]));
            words.push(changed[*id as usize]);
            *id = self.postings.len() as u32 - 1;
        }
        Changed { words, gone }
    }

    fn term_id(&mut self, term: Word) -> u32 {
        let next = self.postings.len() as u32;
        let id = *self.terms.entry(term).or_insert(next);
        if id == next {
            self.postings.push(List::default());
        }
        id
    }

    /// What scores the postings of every index term (see [`Scorer`]),
    /// for an index of `docs` posts.
    fn scorer(&self, docs: usize) -> Scorer<'_> {
        let n = docs.max(1) as f32;
        // Summed exactly: a sum of fractions rounds differently as posts
        // come and go, which can move an average that sits on a step of
        // `coarse` (every title two words long, say) to the next one.
        let mut totals = [0u64; 4];
        for (_, lengths) in &self.lengths {
            for (total, len) in totals.iter_mut().zip(lengths) {
                *total += u64::from(*len);
            }
        }
        let (n, average) = (coarse(n), totals.map(|total| coarse((total as f32 / n).max(1.0))));
        let per_word = self
            .lengths
            .iter()
            .map(|(_, lengths)| {
                std::array::from_fn(|f| {
                    let (boost, b) = FIELDS[f];
                    boost / (1.0 - b + b * lengths[f] as f32 / average[f])
                })
            })
            .collect();
        let figures = [n, average[0], average[1], average[2], average[3]].map(f32::to_bits);
        let mut scorer = Scorer { counter: self, n, per_word, scale: 1.0, figures };
        // The most a score can be: a word found in one post, with its
        // weight saturated.
        scorer.scale = 255.0 / (scorer.idf(1) * (K1 + 1.0));
        scorer
    }

    /// How many postings an index term with the words `ids` has at most
    /// (a post with two of its words is counted twice).
    fn postings_len(&self, ids: &[u32]) -> usize {
        ids.iter().map(|&id| self.postings[id as usize].len()).sum()
    }

    /// Every index term in order, with the postings of its words: a stem
    /// and the words that have it, or a filter key and itself. Words found
    /// in no post (their posts dropped since) are left out.
    fn index_terms(&self) -> Vec<(String, Vec<u32>)> {
        let mut keyed: Vec<(String, u32)> = self
            .terms
            .iter()
            .filter(|(_, &id)| !self.postings[id as usize].is_empty())
            .map(|(term, &id)| (index_term(term.as_str()), id))
            .collect();
        keyed.sort_unstable();
        let mut terms: Vec<(String, Vec<u32>)> = Vec::new();
        for (term, id) in keyed {
            match terms.last_mut() {
                Some((last, ids)) if *last == term => ids.push(id),
                _ => terms.push((term, vec![id])),
            }
        }
        terms
    }

    /// The postings of an index term with the words `ids`: one word's as
    /// they are, or several words' counts added up per post.
    fn postings_of(&self, ids: &[u32]) -> std::borrow::Cow<'_, [Counted]> {
        let list = |id: u32| self.postings[id as usize].of(saved_postings(&self.saved));
        if let [id] = ids {
            return std::borrow::Cow::Borrowed(list(*id));
        }
        let mut all: Vec<Counted> = ids.iter().flat_map(|&id| list(id).iter().copied()).collect();
        all.sort_unstable_by_key(|p| p.doc);
        all.dedup_by(|counted, kept| {
            let same = counted.doc == kept.doc;
            if same {
                for (k, c) in kept.fields.iter_mut().zip(counted.fields) {
                    *k = k.saturating_add(c);
                }
            }
            same
        });
        std::borrow::Cow::Owned(all)
    }

    /// Writes the counter for [`Counter::load`]: the length of its words,
    /// post lengths and list lengths (eight bytes) and them, in binary,
    /// then the lists' postings, for a later build to read in place (see
    /// [`postings::write`]).
    pub fn save(&self, out: &mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()> {
        let lens: Vec<usize> = self.postings.iter().map(List::len).collect();
        let head = binary().serialize(&(&self.terms, &self.lengths, &lens)).map_err(std::io::Error::other)?;
        std::io::Write::write_all(out, &(head.len() as u64).to_le_bytes())?;
        std::io::Write::write_all(out, &head)?;
        postings::write(out, &self.postings, saved_postings(&self.saved))
    }

    /// The counter [`Counter::save`] wrote at `at` in the mapped cache file
    /// `map`, or `None` if it is damaged. Its postings are left in the
    /// file until a list changes: an edit changes a few hundred of a large
    /// blog's lists, and copying out the rest took a quarter of its
    /// rebuild.
    pub fn load(map: &std::sync::Arc<memmap2::Mmap>, at: std::ops::Range<usize>) -> Option<Counter> {
        let (len, rest) = map.get(at.clone())?.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (terms, lengths, lens): SavedHead = binary().with_limit(len as u64).deserialize(rest.get(..len)?).ok()?;
        let from = at.start + 8 + len;
        let within = postings::written_at(&map[from..at.end])?;
        let saved = Saved::new(map.clone(), from + within.start..from + within.end)?;
        let postings = postings::cut(&lens, saved.postings().len())?;
        if terms.values().any(|&id| id as usize >= postings.len()) {
            return None;
        }
        Some(Counter { terms, postings, lengths, saved: Some(saved) })
    }

    /// The spelling lists: the words of at least `MIN_TYPO_LEN - 1` plain
    /// letters (a typo may have dropped one), by first letter.
    fn lexicon(&self) -> BTreeMap<char, String> {
        let mut sorted: Vec<&str> = self
            .terms
            .keys()
            .map(Word::as_str)
            .filter(|w| w.len() + 1 >= MIN_TYPO_LEN && w.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        sorted.sort_unstable();
        let mut lists: BTreeMap<char, String> = BTreeMap::new();
        for word in sorted {
            let list = lists.entry(word.chars().next().expect("words are not empty")).or_default();
            list.push_str(word);
            list.push('\n');
        }
        lists
    }
}

/// What [`Counter::save`] writes before the postings: the words, the
/// posts' lengths and each list's length.
type SavedHead = (FastMap<Word, u32>, Vec<(u32, [u32; 4])>, Vec<usize>);

/// Every saved list's postings, for a counter's lists to be read from.
fn saved_postings(saved: &Option<Saved>) -> &[Counted] {
    saved.as_ref().map_or(&[], Saved::postings)
}

/// Scores (word, post) pairs by BM25F, each scaled to one byte. The
/// blog-wide figures a score depends on (the number of posts, the fields'
/// average lengths) are rounded up to [`coarse`] steps, and scores are
/// scaled against the highest any could reach: so an edit, or a few new
/// posts, leaves every other post's scores, and the shards that hold only
/// them, as they were. Shared by the threads that score the shards.
struct Scorer<'a> {
    counter: &'a Counter,
    /// The number of posts, [`coarse`].
    n: f32,
    /// Per post: what a word counts for in each field, its boost
    /// discounted for a field longer than the average.
    per_word: Vec<[f32; 4]>,
    /// What turns a score into a byte.
    scale: f32,
    /// The blog-wide figures, as bits: the number of posts, then each
    /// field's average length. Scores made with others differ.
    figures: [u32; 5],
}

impl Scorer<'_> {
    /// The inverse document frequency of a word in `df` posts.
    fn idf(&self, df: usize) -> f32 {
        let df = df as f32;
        (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Scores the postings of the index term with the words `ids` into
    /// `scored`, which it clears first.
    fn score(&self, ids: &[u32], scored: &mut Vec<Posting>) {
        let postings = self.counter.postings_of(ids);
        let idf = self.idf(postings.len());
        scored.clear();
        scored.extend(postings.iter().map(|&Counted { doc, fields }| {
            let per_word = &self.per_word[doc as usize];
            let tf: f32 = (0..4).map(|f| f32::from(fields[f]) * per_word[f]).sum();
            let score = idf * tf * (K1 + 1.0) / (K1 + tf);
            Posting { doc, impact: (score * self.scale).round().clamp(1.0, 255.0) as u8 }
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::index::Term;

    #[test]
    fn shards_are_cut_where_their_terms_say_and_only_there() {
        assert_eq!(shard_cuts(&[], |_| 0), vec![0..0], "an empty index still has a shard");
        // Terms of 7 bytes and 2, plus 2 per posting; one larger than a shard.
        let terms: Vec<(String, Vec<u32>)> = (0..40_000).map(|i| (format!("t{i:06}"), vec![i])).collect();
        let postings = |ids: &[u32]| match ids[0] {
            20_000 => 30_000,
            id => 10 + (id as usize * 7919) % 90,
        };
        let size = |terms: &[(String, Vec<u32>)]| terms.iter().map(|(t, ids)| t.len() + 2 + postings(ids) * 2).sum::<usize>();
        let cuts = shard_cuts(&terms, postings);
        assert_eq!(cuts.first().map(|c| c.start), Some(0));
        assert_eq!(cuts.last().map(|c| c.end), Some(terms.len()));
        assert!(cuts.windows(2).all(|w| w[0].end == w[1].start && !w[0].is_empty()), "{cuts:?}");
        for cut in &cuts[..cuts.len() - 1] {
            let without_last = size(&terms[cut.start..cut.end - 1]);
            assert!(size(&terms[cut.clone()]) >= SHARD_TARGET_BYTES * 3 / 4, "{cut:?} is too small");
            assert!(without_last < SHARD_TARGET_BYTES * 4, "{cut:?} is too large");
        }
        let average = size(&terms) / cuts.len();
        assert!((SHARD_TARGET_BYTES * 11 / 10..SHARD_TARGET_BYTES * 14 / 10).contains(&average), "shards average {average} bytes");
        assert!(cuts.iter().any(|c| c.end == 20_001), "a term larger than a shard ends its shard: {cuts:?}");
        // A term in the middle grows or shrinks by some postings: no cut
        // far from it moves.
        for (grown, by) in [(9_000, 40), (9_001, -5), (31_337, 200)] {
            let edited = |ids: &[u32]| if ids[0] == grown { postings(ids).saturating_add_signed(by) } else { postings(ids) };
            let moved: Vec<_> = shard_cuts(&terms, edited).into_iter().filter(|cut| !cuts.contains(cut)).collect();
            assert!(moved.len() <= 2, "{grown} moved {moved:?}");
            assert!(moved.iter().all(|cut| cut.start <= grown as usize + 1_000 && cut.end + 1_000 >= grown as usize), "{grown} moved {moved:?}");
        }
    }

    /// A test post's metadata: post `key`, with one of five tags.
    fn meta(key: u32) -> PostMeta {
        let tag = Term { slug: format!("t{}", key % 5), name: format!("T{}", key % 5) };
        PostMeta {
            slug: format!("p{key}"),
            title: format!("Post {key}"),
            date: crate::core::date::PostDate::parse("2024-05-01").unwrap(),
            updated: None,
            authors: Vec::new(),
            categories: Vec::new(),
            tags: vec![tag],
            excerpt: String::new(),
            reading_minutes: 1,
            dir: String::new(),
        }
    }

    /// Posts as (key, body), oldest first: their ids.
    type Posts = Vec<(u32, String)>;

    /// 1,500 posts of 20 words each, which each share with a few posts
    /// before and after it: a post's words are found in a shard or two, as
    /// a large blog's are spread over thousands.
    ///
    /// Post 700 begins with a word that shares its stem with one of post
    /// 701's, and a word of its own, each far from its other words.
    fn blog() -> Posts {
        let words = |key: u32| (key * 3..key * 3 + 20).map(|n| format!("w{n:05}x")).collect::<Vec<_>>().join(" ");
        let mut posts: Posts = (0..1_500).map(|key| (key, words(key))).collect();
        posts[700].1 = format!("zebras w03500xq {}", posts[700].1);
        posts[701].1 = format!("zebra {}", posts[701].1);
        posts
    }

    /// The counter of the cache's build of `posts`, as a later build loads it.
    fn cached(posts: &Posts) -> Counter {
        let mut counter = Counter::default();
        for (id, (key, body)) in posts.iter().enumerate() {
            counter.add(id as u32, &meta(*key), body);
        }
        counter.renumber(&(0..posts.len() as u32).map(Some).collect::<Vec<_>>(), 0);
        reloaded(&counter)
    }

    /// `counter` saved and loaded again, as the cache does: its lists left
    /// in the file. Saved after seven bytes, so they are not aligned as
    /// they come.
    fn reloaded(counter: &Counter) -> Counter {
        static FILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let file = std::env::temp_dir().join(format!("folio-counter-{}-{n}", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        std::io::Write::write_all(&mut out, b"header\n").unwrap();
        counter.save(&mut out).unwrap();
        drop(out);
        // SAFETY: the test's own file, removed (its inode kept while
        // mapped) and never written again.
        let map = std::sync::Arc::new(unsafe { memmap2::Mmap::map(&std::fs::File::open(&file).unwrap()) }.unwrap());
        std::fs::remove_file(&file).unwrap();
        let loaded = Counter::load(&map, 7..map.len()).expect("a saved counter loads");
        assert!(loaded.postings.iter().all(|list| matches!(list, List::Saved(_))), "its lists are left in the file");
        loaded
    }

    /// The counter of a build of `new` posts from the cache of `old`: a
    /// post the same in both keeps its cached counts; others are counted
    /// afresh, under the ids after the cached ones, in turn (a new post
    /// may be counted under the id it is then given).
    fn rebuilt(old: &Posts, new: &Posts) -> (Counter, Changed) {
        let mut counter = cached(old);
        let fresh = old.len() as u32;
        let mut ids = vec![None; old.len() + new.len()];
        let mut next = fresh;
        for (id, post) in new.iter().enumerate() {
            let counted_as = match old.iter().position(|p| p == post) {
                Some(cached) => cached as u32,
                None => {
                    counter.add(next, &meta(post.0), &post.1);
                    next += 1;
                    next - 1
                }
            };
            ids[counted_as as usize] = Some(id as u32);
        }
        let changed = counter.renumber(&ids, fresh);
        (counter, changed)
    }

    /// Builds the index of `counter` into the site `out` as the builder
    /// does, keeping what it can of `earlier` (made for the site `from`,
    /// which is `out` unless its files could not be moved there), and
    /// gives the shards made, with how many were kept.
    fn build_into(out: &Path, from: &Path, counter: &Counter, earlier: Option<(MadeShards, Changed)>) -> (MadeShards, usize) {
        let docs: Vec<Fingerprint> = (0..counter.lengths.len()).map(|id| Fingerprint::of(format!("doc {id}").as_bytes())).collect();
        let root = from.join(SEARCH_DIR);
        let earlier = earlier.map(|(made, changed)| Earlier { made, changed, root: &root });
        let mut search = build(counter, &docs, earlier.as_ref());
        // The docs do not depend on the shards kept: not written, the
        // test takes a second less per build.
        search.docs.clear();
        let present = SearchFiles::present(out, out);
        let written = search.write(out, None, &present, |_| unreachable!("no docs are written")).unwrap();
        present.remove_unwritten(&written);
        (std::mem::take(&mut search.made), search.kept.len())
    }

    /// Every search file below the site `out`, by path.
    fn files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let root = out.join(SEARCH_DIR);
        let mut files = BTreeMap::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.insert(path.strip_prefix(&root).unwrap().into(), std::fs::read(&path).unwrap());
                }
            }
        }
        files
    }

    /// Builds `new` from the cache of `old`, into a site `old` was built
    /// into and then, if given, `between` (from the same cache), or from
    /// that site into an empty one if `elsewhere`; and checks that it makes
    /// the same files as a fresh build of `new`. Gives how many shards it
    /// kept.
    fn rebuild_is_fresh(name: &str, old: &Posts, between: Option<&Posts>, new: &Posts, elsewhere: bool) -> usize {
        let dir = crate::build::scratch_dir(name);
        let (site, fresh) = (dir.join("site"), dir.join("fresh"));
        let (made, _) = build_into(&site, &site, &cached(old), None);
        let made = match between {
            Some(between) => {
                let (counter, changed) = rebuilt(old, between);
                build_into(&site, &site, &counter, Some((made, changed)));
                // Its cache is not saved: the next build starts from the old one.
                build_into(&fresh, &fresh, &cached(old), None).0
            }
            None => made,
        };
        let (counter, changed) = rebuilt(old, new);
        let out = if elsewhere { dir.join("elsewhere") } else { site.clone() };
        let (_, kept) = build_into(&out, &site, &counter, Some((made, changed)));
        std::fs::remove_dir_all(&fresh).ok();
        build_into(&fresh, &fresh, &cached(new), None);
        let (rebuilt, fresh) = (files(&out), files(&fresh));
        let shards = fresh.keys().filter(|p| p.starts_with("t")).count();
        assert!(shards >= 8, "the test blog has many shards: {shards}");
        assert_eq!(rebuilt.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "{name}");
        for (path, bytes) in &rebuilt {
            assert!(*bytes == fresh[path], "{name}: {} differs from a fresh build's", path.display());
        }
        std::fs::remove_dir_all(&dir).unwrap();
        kept
    }

    #[test]
    fn a_rebuild_keeps_only_shards_that_a_fresh_build_makes_the_same() {
        let old = blog();
        let edit = |posts: &Posts, key: usize, words: &str| {
            let mut posts = posts.clone();
            let body = &mut posts[key].1;
            *body = format!("{words} {}", body.split(' ').skip(words.split(' ').count()).collect::<Vec<_>>().join(" "));
            posts
        };
        // Words swapped for others, the post's length the same: the blog's
        // figures stay as they were, and so do most shards. The stem of the
        // word it loses is still another post's.
        let edited = edit(&old, 700, "w00005x w00006x brandnewword");
        assert!(!edited[700].1.contains("zebras") && !edited[700].1.contains("w03500xq"));
        let kept = rebuild_is_fresh("keep-edit", &old, None, &edited, false);
        assert!(kept >= 4, "an edit keeps most shards: {kept}");
        // The earlier site's files could not be moved into this one (it is
        // on another disk): the shards kept are copied from it.
        let kept = rebuild_is_fresh("keep-elsewhere", &old, None, &edited, true);
        assert!(kept >= 4, "an edit keeps most shards: {kept}");
        let mut added = old.clone();
        added.push((1_500, "w00001x w00002x w00003x anotherword".into()));
        let kept = rebuild_is_fresh("keep-add", &old, None, &added, false);
        assert!(kept >= 4, "a new post keeps the shards it is not in: {kept}");
        let mut removed = old.clone();
        removed.remove(1_200);
        let kept = rebuild_is_fresh("keep-remove", &old, None, &removed, false);
        assert!(kept >= 2, "a post removed keeps the shards of the posts before it: {kept}");
        // An edit put back as it was: unchanged against the cache, though
        // the site has the edited shards.
        let kept = rebuild_is_fresh("keep-undo", &old, Some(&edited), &old, false);
        assert!(kept >= 4, "an undone edit keeps the shards it did not touch: {kept}");
        // Words that sort first, a shard's worth or more, and no longer
        // posts: the shards after them, those of other posts' words, move
        // in the manifest and keep their files.
        let mut shifted = old.clone();
        for key in 0..300 {
            let words: Vec<String> = (0..5).map(|n| format!("aa{key:03}{n}z")).collect();
            shifted = edit(&shifted, key, &words.join(" "));
        }
        let kept = rebuild_is_fresh("keep-shift", &old, None, &shifted, false);
        assert!(kept >= 4, "shards that moved keep their files: {kept}");
        // A post grown long moves the posts' average length, and with it
        // every score.
        let mut grown = old.clone();
        grown[1_000].1 += &" w03001x".repeat(1_500);
        let kept = rebuild_is_fresh("keep-grow", &old, None, &grown, false);
        assert!(kept == 0, "a new average keeps no shard: {kept}");
    }

    #[test]
    fn renumbered_counts_are_those_a_fresh_count_gives() {
        /// Each word's postings, as the index would see them.
        fn by_word(counter: &Counter) -> BTreeMap<String, Vec<Counted>> {
            counter.terms.iter().map(|(word, &id)| (word.as_str().to_string(), counter.postings_of(&[id]).into_owned()))
                .filter(|(_, postings)| !postings.is_empty())
                .collect()
        }
        let old = blog();
        let mut edited = old.clone();
        edited[700].1 = format!("w00005x w00005x brandnewword {}", edited[700].1);
        let mut added = old.clone();
        added.insert(3, (1_500, "w00001x w00002x anotherword".into()));
        // Near the end: the few posts after it move up, in place.
        let mut removed = old.clone();
        removed.remove(1_490);
        // Many edits: the lists are walked, not patched.
        let mut many = old.clone();
        for post in many.iter_mut().step_by(20) {
            post.1 += " w00009x";
        }
        for (what, new) in [("an edit", edited), ("a post added", added), ("a post removed", removed), ("many edits", many)] {
            let (counter, _) = rebuilt(&old, &new);
            assert!(by_word(&counter) == by_word(&cached(&new)), "{what} is counted as afresh");
            // Some of its lists read from the file, the others changed.
            assert!(by_word(&reloaded(&counter)) == by_word(&counter), "{what}: saved again, it loads the same");
            assert_eq!(counter.lengths, cached(&new).lengths, "{what}");
        }
    }
}
