//! Answering a query from the shards it needs.
//!
//! The index is fetched piece by piece, so a search runs in rounds: ask
//! [`Searcher::missing`] which files the query needs, load each with
//! [`Searcher::add`], and repeat until nothing is missing (a typo's
//! corrections are only known once the spelling list is in); then
//! [`Searcher::run`] ranks the posts. The search worker fetches over the
//! network, the benchmark reads from disk: this code does not care.

use super::format::{category_key, decode_shard, tag_key, year_key, FormatError, Manifest, Posting, Shard, MIN_TYPO_LEN};
use super::query::{Filters, Query};
use super::stem::stem;
use super::text::is_cjk;
use std::collections::{BTreeSet, HashMap};

/// A prefix shorter than this (in letters) matches only whole words, so
/// one typed letter does not fetch every word that starts with it. Beside
/// other words or filters it does not narrow the results either: "wasm b"
/// shows what "wasm" finds until the next letter makes "b" a prefix.
const MIN_PREFIX_CHARS: usize = 2;

/// A prefix reads at most this many shards: the nearest words are the
/// likeliest completions, and a short prefix of a large blog would
/// otherwise fetch much of the index.
const MAX_PREFIX_SHARDS: usize = 4;

/// How much a match counts, by kind: a word as typed (or stemmed) counts
/// fully, a completion of the word being typed less, a correction least.
const EXACT: f32 = 1.0;
const PREFIX: f32 = 0.8;
const STEM_OF_PREFIX: f32 = 0.6;
const TYPO: f32 = 0.4;

/// A file the query needs that is not loaded yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    Shard(usize),
    Lexicon(usize),
}

impl Need {
    /// The file's path in the index `manifest` describes, relative to
    /// [`super::format::SEARCH_DIR`].
    pub fn path(&self, manifest: &Manifest) -> String {
        match *self {
            Need::Shard(n) => manifest.shard_path(n),
            Need::Lexicon(n) => manifest.lexicon_path(n),
        }
    }
}

/// One post found, with its score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// What a query found: posts best first, and the index terms that matched
/// (stems, completions and corrections), for highlighting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub matched: Vec<String>,
}

/// The loaded part of one site's search index.
#[derive(Debug)]
pub struct Searcher {
    manifest: Manifest,
    shards: HashMap<usize, Shard>,
    lexicons: HashMap<usize, Vec<String>>,
}

/// How one query word is looked up.
#[derive(Debug)]
struct WordPlan {
    /// Index terms matched as they are, with their weights.
    exact: Vec<(String, f32)>,
    /// The word being typed, matched as the start of index terms.
    prefix: Option<String>,
    /// The word as typed, for spelling corrections.
    typo: Option<String>,
    /// Whether posts without the word still match (it only adds to the
    /// score of those with it).
    optional: bool,
}

impl WordPlan {
    /// How to look up a typed `word`; `alone` when it is the whole query.
    fn new(word: &str, is_prefix: bool, alone: bool) -> WordPlan {
        let stemmed = stem(word);
        let mut exact = vec![(stemmed.clone(), EXACT)];
        let letters = word.chars().count();
        let too_short = letters < MIN_PREFIX_CHARS && !word.chars().all(is_cjk);
        let prefix = (is_prefix && !too_short).then(|| word.to_string());
        if prefix.is_some() {
            // "runni" is on its way to "running", indexed as "run": the
            // stems the typed letters could be heading for.
            for cut in (3..word.len()).filter(|&cut| word.len() - cut <= 3 && word.is_char_boundary(cut)) {
                if word[..cut] != stemmed {
                    exact.push((word[..cut].to_string(), STEM_OF_PREFIX));
                }
            }
        }
        let typo = (letters >= MIN_TYPO_LEN && word.is_ascii()).then(|| word.to_string());
        WordPlan { exact, prefix, typo, optional: is_prefix && too_short && !alone }
    }

    /// A word to match as it is, as in a phrase.
    fn whole(word: &str) -> WordPlan {
        WordPlan { exact: vec![(stem(word), EXACT)], prefix: None, typo: None, optional: false }
    }
}

impl Searcher {
    /// A searcher over the index `manifest` describes, with nothing loaded.
    pub fn new(manifest: Manifest) -> Searcher {
        Searcher { manifest, shards: HashMap::new(), lexicons: HashMap::new() }
    }

    /// The index's manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Adds a fetched file.
    pub fn add(&mut self, need: Need, bytes: &[u8]) -> Result<(), FormatError> {
        match need {
            Need::Shard(n) => {
                self.shards.insert(n, decode_shard(bytes)?);
            }
            Need::Lexicon(n) => {
                let text = std::str::from_utf8(bytes).map_err(|_| FormatError("spelling list is not UTF-8"))?;
                self.lexicons.insert(n, text.lines().map(str::to_string).collect());
            }
        }
        Ok(())
    }

    /// Loads what `query` needs with `read` (given a path relative to
    /// [`super::format::SEARCH_DIR`]) and runs it: for callers that read files at once.
    pub fn load_and_run<E: From<FormatError>>(
        &mut self,
        query: &Query,
        mut read: impl FnMut(&str) -> Result<Vec<u8>, E>,
    ) -> Result<Found, E> {
        loop {
            let missing = self.missing(query);
            if missing.is_empty() {
                return Ok(self.run(query));
            }
            for need in missing {
                let bytes = read(&need.path(&self.manifest))?;
                self.add(need, &bytes)?;
            }
        }
    }

    /// The files `query` needs that are not loaded, in a stable order.
    pub fn missing(&self, query: &Query) -> Vec<Need> {
        let mut needs = BTreeSet::new();
        for key in self.keys(query) {
            needs.insert(Need::Shard(self.manifest.shard_of(&key)));
        }
        for plan in self.plans(query) {
            for (term, _) in &plan.exact {
                needs.insert(Need::Shard(self.manifest.shard_of(term)));
            }
            if let Some(prefix) = &plan.prefix {
                needs.extend(self.prefix_shards(prefix).map(Need::Shard));
            }
            if let Some(word) = &plan.typo {
                match self.manifest.lexicon_of(word) {
                    Some(n) if !self.lexicons.contains_key(&n) => {
                        needs.insert(Need::Lexicon(n));
                    }
                    Some(n) => {
                        for fix in corrections(&self.lexicons[&n], word) {
                            needs.insert(Need::Shard(self.manifest.shard_of(&fix)));
                        }
                    }
                    None => {}
                }
            }
        }
        needs
            .into_iter()
            .filter(|need| match need {
                Need::Shard(n) => !self.shards.contains_key(n),
                Need::Lexicon(n) => !self.lexicons.contains_key(n),
            })
            .collect()
    }

    /// Ranks the posts matching `query`: every word must match (but for a
    /// one-letter word still being typed beside others), no excluded word
    /// may, and filters must hold. Filters alone list posts newest first.
    /// Files not loaded count as holding nothing.
    pub fn run(&self, query: &Query) -> Found {
        let mut matched = BTreeSet::new();
        let mut scores: Option<HashMap<u32, f32>> = None;
        let (optional, required): (Vec<WordPlan>, Vec<WordPlan>) = self.plans(query).into_iter().partition(|p| p.optional);
        for plan in &required {
            let found = self.match_word(plan, &mut matched);
            scores = Some(match scores {
                None => found,
                Some(so_far) => so_far
                    .into_iter()
                    .filter_map(|(doc, score)| found.get(&doc).map(|more| (doc, score + more)))
                    .collect(),
            });
        }
        let mut scores = scores.unwrap_or_else(|| {
            if query.is_empty() { HashMap::new() } else { (0..self.manifest.docs).map(|doc| (doc, 0.0)).collect() }
        });
        for plan in &optional {
            let found = self.match_word(plan, &mut matched);
            for (doc, score) in scores.iter_mut() {
                *score += found.get(doc).copied().unwrap_or(0.0);
            }
        }
        for group in filter_groups(query).iter().filter(|g| !g.is_empty()) {
            let allowed: BTreeSet<u32> = group.iter().flat_map(|key| self.postings(key)).map(|p| p.doc).collect();
            scores.retain(|doc, _| allowed.contains(doc));
        }
        for word in &query.excluded {
            for posting in self.postings(&stem(word)) {
                scores.remove(&posting.doc);
            }
        }
        let mut hits: Vec<Hit> = scores.into_iter().map(|(doc, score)| Hit { doc, score }).collect();
        // Ties newest first: ids count from the oldest post.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.doc.cmp(&a.doc)));
        Found { hits, matched: matched.into_iter().collect() }
    }

    /// A post's score for one query word: its best match among the word's
    /// forms.
    fn match_word(&self, plan: &WordPlan, matched: &mut BTreeSet<String>) -> HashMap<u32, f32> {
        let mut best: HashMap<u32, f32> = HashMap::new();
        let mut add = |term: &str, postings: &[Posting], weight: f32, matched: &mut BTreeSet<String>| {
            if !postings.is_empty() {
                matched.insert(term.to_string());
            }
            for p in postings {
                let score = weight * f32::from(p.impact);
                let entry = best.entry(p.doc).or_insert(0.0);
                *entry = entry.max(score);
            }
        };
        for (term, weight) in &plan.exact {
            add(term, self.postings(term), *weight, matched);
        }
        if let Some(prefix) = &plan.prefix {
            for n in self.prefix_shards(prefix) {
                for (term, postings) in self.shards.get(&n).into_iter().flat_map(|s| s.with_prefix(prefix)) {
                    // Shorter completions are likelier what the reader means.
                    let closeness = prefix.len() as f32 / term.len() as f32;
                    add(term, postings, PREFIX * (0.5 + 0.5 * closeness), matched);
                }
            }
        }
        if let Some(word) = &plan.typo {
            if let Some(lexicon) = self.manifest.lexicon_of(word).and_then(|n| self.lexicons.get(&n)) {
                for fix in corrections(lexicon, word) {
                    add(&fix, self.postings(&fix), TYPO, matched);
                }
            }
        }
        best
    }

    fn plans(&self, query: &Query) -> Vec<WordPlan> {
        let last = query.terms.len().saturating_sub(1);
        // Alone, a short word being typed is the whole query and must match.
        let alone = query.terms.len() == 1 && query.phrases.is_empty() && query.excluded.is_empty() && query.filters == Filters::default();
        let typed = query.terms.iter().enumerate().map(|(i, w)| WordPlan::new(w, query.last_is_prefix && i == last, alone));
        let phrased = query.phrases.iter().flatten().map(|w| WordPlan::whole(w));
        typed.chain(phrased).collect()
    }

    /// The filter and exclusion terms of `query`.
    fn keys(&self, query: &Query) -> Vec<String> {
        filter_groups(query).into_iter().flatten().chain(query.excluded.iter().map(|w| stem(w))).collect()
    }

    fn prefix_shards(&self, prefix: &str) -> impl Iterator<Item = usize> {
        self.manifest.shards_with_prefix(prefix).take(MAX_PREFIX_SHARDS)
    }

    fn postings(&self, term: &str) -> &[Posting] {
        self.shards.get(&self.manifest.shard_of(term)).and_then(|s| s.get(term)).unwrap_or(&[])
    }
}

/// The index keys of `query`'s category, tag and year filters, a group
/// each: a post must have one key of every group that is not empty.
fn filter_groups(query: &Query) -> [Vec<String>; 3] {
    let (f, slug) = (&query.filters, crate::core::slug::term_slug);
    [
        f.categories.iter().map(|c| category_key(&slug(c))).collect(),
        f.tags.iter().map(|t| tag_key(&slug(t))).collect(),
        f.years.iter().map(|&y| year_key(y)).collect(),
    ]
}

/// The stems of the words in `lexicon` one edit (insertion, deletion,
/// substitution or swap of neighbours) from `word`, other than its own.
fn corrections(lexicon: &[String], word: &str) -> BTreeSet<String> {
    let own = stem(word);
    lexicon
        .iter()
        .filter(|w| one_edit(w.as_bytes(), word.as_bytes()))
        .map(|w| stem(w))
        .filter(|s| *s != own)
        .collect()
}

/// Whether `a` and `b` differ by exactly one edit (Damerau: a swap of two
/// neighbours counts as one).
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let first = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_means_one() {
        let yes = [("router", "ruoter"), ("router", "routr"), ("router", "routers"), ("router", "rooter"), ("leptos", "lpetos")];
        for (a, b) in yes {
            assert!(one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
        }
        let no = [("router", "router"), ("router", "rotuers"), ("router", "route"[..3].as_ref()), ("abcdef", "badcef")];
        for (a, b) in no {
            assert!(!one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
        }
    }
}
