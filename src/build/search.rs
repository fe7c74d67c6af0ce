//! Builds the search index (laid out in [`crate::core::search::format`])
//! from the published posts.
//!
//! Each post's words are counted per field (title, categories and tags,
//! authors, body) as it is read, then every (word, post) pair gets a BM25F
//! score, scaled to one byte, so the browser only adds numbers.

use super::error::BuildError;
use super::{output, parallel_try_map};
use crate::core::hash::{fnv1a, short_hex, Fingerprint, FNV_START};
use crate::core::index::{FileVersions, PostMeta, VersionSums, FORMAT_VERSION};
use crate::core::search::format::{
    category_key, encode_shard, tag_key, year_key, Manifest, Part, Posting, SearchDoc, MIN_TYPO_LEN, SEARCH_DIR,
    SHARD_TARGET_BYTES,
};
use crate::core::search::stem::stem;
use crate::core::search::text::for_each_word;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// The posts' [`SearchDoc`]s: each one's id and versioned path below
    /// [`SEARCH_DIR`], and its fingerprint. Their bytes are made again
    /// ([`doc_json`]) only for those not written by an earlier build.
    pub docs: Vec<(u32, String, Fingerprint)>,
}

impl SearchFiles {
    /// Writes the files below `out`'s search folder, with `doc` giving the
    /// bytes of post `id`'s [`SearchDoc`] when it is not there yet, nor
    /// under the name the `earlier` versions give it. A file an earlier
    /// build wrote is left as it is: every name says its contents. Returns
    /// the files, for [`SearchFiles::remove_stale`].
    pub fn write(
        &self,
        out: &Path,
        earlier: Option<&FileVersions>,
        doc: impl Fn(u32) -> Result<Vec<u8>, BuildError> + Sync,
    ) -> Result<HashSet<PathBuf>, BuildError> {
        let root = out.join(SEARCH_DIR);
        let files = parallel_try_map(&self.files, |(path, bytes)| {
            let path = root.join(path);
            output::write_content_named(&path, bytes.len() as u64, || Ok(bytes.clone()))?;
            Ok(path)
        })?;
        let docs = parallel_try_map(&self.docs, |(id, path, print)| {
            let earlier = || earlier.map(|versions| root.join(versions.name(&Manifest::unversioned_doc_path(*id))));
            let path = root.join(path);
            output::write_renamed(&path, *print, earlier, || doc(*id))?;
            Ok(path)
        })?;
        Ok(files.into_iter().chain(docs).collect())
    }

    /// Removes the search files of earlier builds that this one did not
    /// write, once the new site index points at this index. A failure
    /// leaves only unused files behind.
    pub fn remove_stale(out: &Path, written: &HashSet<PathBuf>) {
        output::remove_unwritten(&out.join(SEARCH_DIR), written, |_| true);
    }
}

/// The bytes of a post's [`SearchDoc`], given the plain text of its body.
pub fn doc_json(meta: &PostMeta, text: String) -> Vec<u8> {
    let doc = SearchDoc {
        version: FORMAT_VERSION,
        slug: meta.slug.clone(),
        title: meta.title.clone(),
        date: meta.date,
        categories: meta.categories.clone(),
        text,
    };
    serde_json::to_vec(&doc).expect("search docs serialize")
}

/// Builds the index from the posts' word counts, numbered from the oldest
/// post (see [`Counter::renumber`]), and the fingerprints of their
/// [`doc_json`]s, in the same order.
pub fn build(counter: &Counter, docs: &[Fingerprint]) -> SearchFiles {
    let count = docs.len() as u32;
    let mut files = Vec::new();
    let mut shards = Vec::new();
    let mut current: Vec<(String, Vec<Posting>)> = Vec::new();
    let mut size = 0;
    let cut = |files: &mut Vec<_>, shards: &mut Vec<_>, current: &[(String, Vec<Posting>)]| {
        let first = current.first().map(|(t, _)| t.clone()).unwrap_or_default();
        add_part(files, shards, first, encode_shard(current), Manifest::shard_file);
    };
    counter.for_each_scored(docs.len(), |term, postings| {
        if size >= SHARD_TARGET_BYTES {
            cut(&mut files, &mut shards, &std::mem::take(&mut current));
            size = 0;
        }
        size += term.len() + 2 + postings.len() * 2;
        current.push((term, postings));
    });
    if !current.is_empty() || shards.is_empty() {
        cut(&mut files, &mut shards, &current);
    }
    let mut lexicons = Vec::new();
    for (first, list) in counter.lexicon() {
        add_part(&mut files, &mut lexicons, first.to_string(), list.into_bytes(), Manifest::lexicon_file);
    }
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
    let manifest = format!("manifest.{}.json", version_of(&bytes));
    files.push((manifest.clone(), bytes));
    SearchFiles { manifest, files, docs }
}

/// Adds the file `bytes` to `files` and lists it in `parts`, under its
/// first term and its version, with `path` naming it.
fn add_part(
    files: &mut Vec<(String, Vec<u8>)>,
    parts: &mut Vec<Part>,
    first: String,
    bytes: Vec<u8>,
    path: fn(usize, &str) -> String,
) {
    let version = version_of(&bytes);
    files.push((path(parts.len(), &version), bytes));
    parts.push(Part { first, version });
}

/// The version in the name of a search file: a hash of its bytes, stable
/// across runs and machines, so an unchanged file keeps its name and its
/// place in readers' caches.
fn version_of(bytes: &[u8]) -> String {
    short_hex(fnv1a(FNV_START, bytes))
}

/// `x` (at least 1) rounded up to the next of the steps that divide each
/// doubling into 32 (about 2% apart): what the scores take of the blog's
/// size and average lengths, which one post barely moves.
fn coarse(x: f32) -> f32 {
    ((x.log2() * 32.0).ceil() / 32.0).exp2().max(x)
}

/// A fast hash for the indexer's many small string keys (FxHash, as rustc
/// uses); the keys are the blog's own words, not an attacker's.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("chunks of eight")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

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

/// Word counts per post and field, gathered as each post is read (on
/// every core, each its own counter, merged after), so a post's text need
/// not be kept. Posts are counted under any distinct ids, then given their
/// final ids with [`Counter::renumber`].
///
/// Counts are kept per word as written (folded), not per stem: a post's
/// counts can then be dropped again exactly, which lets the build cache
/// keep the counter and count only the posts that changed.
#[derive(Default, Serialize, Deserialize)]
pub struct Counter {
    /// Each folded word and filter key seen, with the index of its postings.
    terms: FastMap<Word, u32>,
    /// Per term: the posts it occurs in, with counts per field (up to
    /// 255: BM25 has long stopped counting more by then).
    #[serde(with = "packed")]
    postings: Vec<Vec<(u32, [u8; 4])>>,
    /// Per post: how many words each field has.
    lengths: Vec<(u32, [u32; 4])>,
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
        for (id, fields) in counts {
            self.postings[id as usize].push((doc, fields));
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
            self.postings.iter_mut().for_each(Vec::shrink_to_fit);
            return;
        }
        let mut new_ids = vec![0u32; other.terms.len()];
        for (term, id) in other.terms {
            new_ids[id as usize] = self.term_id(term);
        }
        for (id, postings) in other.postings.into_iter().enumerate() {
            let into = &mut self.postings[new_ids[id] as usize];
            into.reserve_exact(postings.len());
            into.extend(postings);
        }
        self.lengths.extend(other.lengths);
    }

    /// Gives each post counted as `doc` the id `ids[doc]`, dropping the
    /// counts of posts that have none (left out after they were read, or
    /// changed or gone since a cached counter counted them), and the words
    /// only they had. The new ids must run from 0 with no gaps.
    pub fn renumber(&mut self, ids: &[Option<u32>]) {
        let new = |doc: u32| ids.get(doc as usize).copied().flatten();
        for postings in &mut self.postings {
            postings.retain_mut(|(doc, _)| new(*doc).map(|id| *doc = id).is_some());
            postings.sort_unstable_by_key(|(doc, _)| *doc);
        }
        self.lengths.retain_mut(|(doc, _)| new(*doc).map(|id| *doc = id).is_some());
        self.lengths.sort_unstable_by_key(|(doc, _)| *doc);
        debug_assert!(self.lengths.iter().enumerate().all(|(i, (doc, _))| i == *doc as usize));
        let mut postings = std::mem::take(&mut self.postings);
        self.terms.retain(|_, id| !postings[*id as usize].is_empty());
        for id in self.terms.values_mut() {
            self.postings.push(std::mem::take(&mut postings[*id as usize]));
            *id = self.postings.len() as u32 - 1;
        }
    }

    fn term_id(&mut self, term: Word) -> u32 {
        let next = self.postings.len() as u32;
        let id = *self.terms.entry(term).or_insert(next);
        if id == next {
            self.postings.push(Vec::new());
        }
        id
    }

    /// Hands `each` every index term in order with its postings (by post
    /// id) and their scores, one term at a time: a large blog's scores are
    /// never all in memory, and the counter is left as it is (for the
    /// build cache, which is saved meanwhile).
    ///
    /// The blog-wide figures a score depends on (the number of posts, the
    /// fields' average lengths) are rounded up to [`coarse`] steps, and
    /// scores are scaled against the highest any could reach: so an edit,
    /// or a few new posts, leaves every other post's scores, and the shards
    /// that hold only them, as they were.
    fn for_each_scored(&self, docs: usize, mut each: impl FnMut(String, Vec<Posting>)) {
        let n = docs.max(1) as f32;
        let mut average = [0f32; 4];
        for (_, lengths) in &self.lengths {
            for (field, len) in lengths.iter().enumerate() {
                average[field] += *len as f32 / n;
            }
        }
        let (n, average) = (coarse(n), average.map(|a| coarse(a.max(1.0))));
        // What a word counts for in each field of each post: its boost,
        // discounted for a field longer than the average.
        let per_word: Vec<[f32; 4]> = self
            .lengths
            .iter()
            .map(|(_, lengths)| {
                std::array::from_fn(|f| {
                    let (boost, b) = FIELDS[f];
                    boost / (1.0 - b + b * lengths[f] as f32 / average[f])
                })
            })
            .collect();
        let weight = |fields: &[u8; 4], doc: u32| -> f32 {
            let per_word = &per_word[doc as usize];
            (0..4).map(|f| f32::from(fields[f]) * per_word[f]).sum()
        };
        // Of a word in `df` posts.
        let idf = |df: usize| {
            let df = df as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        };
        let score = |idf: f32, (doc, fields): &(u32, [u8; 4])| {
            let tf = weight(fields, *doc);
            idf * tf * (K1 + 1.0) / (K1 + tf)
        };
        // The most a score can be: a word found in one post, with its
        // weight saturated.
        let top = idf(1) * (K1 + 1.0);
        let scale = 255.0 / top;
        for (term, ids) in self.index_terms() {
            let postings = self.postings_of(&ids);
            let idf = idf(postings.len());
            let postings: Vec<Posting> = postings
                .iter()
                .map(|posting| {
                    let impact = (score(idf, posting) * scale).round().clamp(1.0, 255.0) as u8;
                    Posting { doc: posting.0, impact }
                })
                .collect();
            if !postings.is_empty() {
                each(term, postings);
            }
        }
    }

    /// Every index term in order, with the postings of its words: a stem
    /// and the words that have it, or a filter key and itself.
    fn index_terms(&self) -> Vec<(String, Vec<u32>)> {
        let mut keyed: Vec<(String, u32)> = self
            .terms
            .iter()
            .map(|(term, &id)| {
                let term = term.as_str();
                (if term.starts_with('#') { term.to_string() } else { stem(term) }, id)
            })
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
    fn postings_of(&self, ids: &[u32]) -> std::borrow::Cow<'_, [(u32, [u8; 4])]> {
        if let [id] = ids {
            return std::borrow::Cow::Borrowed(&self.postings[*id as usize]);
        }
        let mut all: Vec<(u32, [u8; 4])> = ids.iter().flat_map(|&id| self.postings[id as usize].iter().copied()).collect();
        all.sort_unstable_by_key(|(doc, _)| *doc);
        all.dedup_by(|(doc, counts), (kept_doc, kept)| {
            let same = doc == kept_doc;
            if same {
                for (k, c) in kept.iter_mut().zip(counts.iter()) {
                    *k = k.saturating_add(*c);
                }
            }
            same
        });
        std::borrow::Cow::Owned(all)
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

/// How the build cache stores postings: each list as one run of bytes,
/// eight per post (its id, then its counts), which a binary format copies
/// in one go rather than number by number.
mod packed {
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::{SerializeSeq, Serializer};

    type Postings = Vec<(u32, [u8; 4])>;

    struct Bytes(Vec<u8>);

    impl serde::Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&self.0)
        }
    }

    impl<'de> serde::Deserialize<'de> for Bytes {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Of;
            impl Visitor<'_> for Of {
                type Value = Bytes;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
                    Ok(Bytes(bytes.to_vec()))
                }
                fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Bytes, E> {
                    Ok(Bytes(bytes))
                }
            }
            deserializer.deserialize_byte_buf(Of)
        }
    }

    pub fn serialize<S: Serializer>(lists: &[Postings], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(lists.len()))?;
        for list in lists {
            let bytes = list.iter().flat_map(|(doc, counts)| doc.to_le_bytes().into_iter().chain(*counts)).collect();
            seq.serialize_element(&Bytes(bytes))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Postings>, D::Error> {
        struct Lists;
        impl<'de> Visitor<'de> for Lists {
            type Value = Vec<Postings>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of postings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Postings>, A::Error> {
                let mut lists = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(Bytes(bytes)) = seq.next_element()? {
                    if bytes.len() % 8 != 0 {
                        return Err(serde::de::Error::invalid_length(bytes.len(), &"eight bytes per post"));
                    }
                    lists.push(
                        bytes
                            .chunks_exact(8)
                            .map(|p| {
                                let doc = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
                                (doc, [p[4], p[5], p[6], p[7]])
                            })
                            .collect(),
                    );
                }
                Ok(lists)
            }
        }
        deserializer.deserialize_seq(Lists)
    }
}
