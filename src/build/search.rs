//! Builds the search index (laid out in [`crate::core::search::format`])
//! from the published posts.
//!
//! Each post's words are counted per field (title, categories and tags,
//! authors, body) as it is read, then every (word, post) pair gets a BM25F
//! score, scaled to one byte, so the browser only adds numbers.

use super::error::BuildError;
use super::fast::FastMap;
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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    /// The versions in the docs' names.
    doc_versions: FileVersions,
}

impl SearchFiles {
    /// Writes the files below `out`'s search folder, with `doc` giving the
    /// bytes of post `id`'s [`SearchDoc`] when it is not there yet, nor
    /// under the name the `earlier` versions give it. A file an earlier
    /// build wrote is left as it is: every name says its contents, and a
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
        Ok(files.into_iter().chain(docs).map(PathBuf::into_os_string).collect())
    }

    /// The search files in the output `out`: those an earlier build left
    /// are removed once the new site index points at this index, unless
    /// this build writes them too.
    pub fn present(out: &Path) -> Present {
        Present::list(out, &[SEARCH_DIR], |_| true)
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
    let terms = counter.index_terms();
    let scorer = counter.scorer(docs.len());
    // Each shard is scored and encoded on its own, on every core: where
    // shards are cut is known from the counts alone.
    let shards = parallel_map(&shard_cuts(&terms, |ids| counter.postings_len(ids)), |range| {
        let terms = &terms[range.clone()];
        let mut shard = ShardWriter::default();
        let mut scored = Vec::new();
        for (term, ids) in terms {
            scorer.score(ids, &mut scored);
            shard.push(term, &scored);
        }
        let first = terms.first().map(|(term, _)| term.clone()).unwrap_or_default();
        part(first, shard.finish())
    });
    let mut files = Vec::new();
    let shards = add_parts(&mut files, shards, Manifest::shard_file);
    let lexicons = counter.lexicon().into_iter().map(|(first, list)| part(first.to_string(), list.into_bytes()));
    let lexicons = add_parts(&mut files, lexicons, Manifest::lexicon_file);
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
    SearchFiles { manifest, files, docs, doc_versions }
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
/// come out near the target, as cutting at the target did), no shard
/// grows past four times it, and where one is cut
/// depends only on the terms in it: an edit that grows one shard leaves
/// the cuts after it, and their files, as they were. (Cut at a size alone,
/// one cut moved moves every cut after it, until the sizes happen to
/// line up again.)
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

/// A search file, named for its `bytes`, as the manifest lists it: under
/// its `first` term.
fn part(first: String, bytes: Vec<u8>) -> (Part, Vec<u8>) {
    (Part { first, version: version_of(&bytes) }, bytes)
}

/// Adds the files of `made` parts to `files`, each named by `path` from
/// its place and version, and returns the parts for the manifest.
fn add_parts(
    files: &mut Vec<(String, Vec<u8>)>,
    made: impl IntoIterator<Item = (Part, Vec<u8>)>,
    path: fn(usize, &str) -> String,
) -> Vec<Part> {
    let mut parts = Vec::new();
    for (part, bytes) in made {
        files.push((path(parts.len(), &part.version), bytes));
        parts.push(part);
    }
    parts
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
        let mut scorer = Scorer { counter: self, n, per_word, scale: 1.0 };
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
        scored.extend(postings.iter().map(|(doc, fields)| {
            let per_word = &self.per_word[*doc as usize];
            let tf: f32 = (0..4).map(|f| f32::from(fields[f]) * per_word[f]).sum();
            let score = idf * tf * (K1 + 1.0) / (K1 + tf);
            Posting { doc: *doc, impact: (score * self.scale).round().clamp(1.0, 255.0) as u8 }
        }));
    }
}

/// How the build cache stores postings: each list as one run of bytes,
/// eight per post (its id, then its counts), which a binary format copies
/// in one go rather than number by number.
mod packed {
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::{SerializeSeq, Serializer};

    type Postings = Vec<(u32, [u8; 4])>;

    /// One list, serialized as its bytes.
    struct Packed<'a>(&'a [(u32, [u8; 4])]);

    impl serde::Serialize for Packed<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let bytes: Vec<u8> = self.0.iter().flat_map(|(doc, counts)| doc.to_le_bytes().into_iter().chain(*counts)).collect();
            serializer.serialize_bytes(&bytes)
        }
    }

    /// One list, read from its bytes where the reader holds them: asked
    /// for as a byte buffer, bincode allocates one for each list, to be
    /// copied into the list and freed.
    struct Unpacked(Postings);

    impl<'de> serde::Deserialize<'de> for Unpacked {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Of;
            impl Visitor<'_> for Of {
                type Value = Unpacked;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("eight bytes per post")
                }
                fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Unpacked, E> {
                    if !bytes.len().is_multiple_of(8) {
                        return Err(E::invalid_length(bytes.len(), &self));
                    }
                    let unpack = |p: &[u8]| (u32::from_le_bytes([p[0], p[1], p[2], p[3]]), [p[4], p[5], p[6], p[7]]);
                    Ok(Unpacked(bytes.chunks_exact(8).map(unpack).collect()))
                }
            }
            deserializer.deserialize_bytes(Of)
        }
    }

    pub fn serialize<S: Serializer>(lists: &[Postings], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(lists.len()))?;
        for list in lists {
            seq.serialize_element(&Packed(list))?;
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
                while let Some(Unpacked(list)) = seq.next_element()? {
                    lists.push(list);
                }
                Ok(lists)
            }
        }
        deserializer.deserialize_seq(Lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn postings_are_read_back_from_a_file_or_from_memory() {
        let lists = vec![vec![(7, [1, 0, 0, 2]), (300_000, [0, 0, 0, 255])], vec![]];
        let mut bytes = Vec::new();
        packed::serialize(&lists, &mut bincode::Serializer::new(&mut bytes, bincode::DefaultOptions::new())).unwrap();
        let from_memory = packed::deserialize(&mut bincode::Deserializer::from_slice(&bytes, bincode::DefaultOptions::new()));
        assert_eq!(from_memory.unwrap(), lists);
        let mut reader = std::io::BufReader::new(bytes.as_slice());
        let from_file = packed::deserialize(&mut bincode::Deserializer::with_reader(&mut reader, bincode::DefaultOptions::new()));
        assert_eq!(from_file.unwrap(), lists);
        // One list of seven bytes: a damaged cache, not a short posting.
        let damaged = [1, 7, 0, 0, 0, 0, 0, 0, 0];
        assert!(packed::deserialize(&mut bincode::Deserializer::from_slice(&damaged, bincode::DefaultOptions::new())).is_err());
    }
}
