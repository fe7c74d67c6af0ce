//! The search engine end to end, natively: a small blog with known
//! answers is indexed by the builder's code, and queries run through the
//! same shard-by-shard loading the browser does.

use folio::build::search::{build, doc_json, Counter, SearchFiles};
use folio::core::hash::Fingerprint;
use folio::core::date::PostDate;
use folio::core::index::{PostMeta, Term};
use folio::core::search::engine::Searcher;
use folio::core::search::excerpt::{excerpt, has_phrases};
use folio::core::search::format::{FormatError, Manifest, SearchDoc};
use folio::core::search::query::parse;
use folio::core::slug::term_slug;
use std::collections::HashMap;

/// One post of the test blog: slug, title, date, category, tags, body.
type Post = (&'static str, &'static str, &'static str, &'static str, &'static [&'static str], &'static str);

/// Newest first, as the builder orders posts.
const BLOG: &[Post] = &[
    ("leptos-router", "The Leptos router", "2025-03-01", "Rust", &["wasm", "leptos", "C"],
        "Nested routes and the router's outlet. Static sites need path routes."),
    ("long-essay", "Thoughts on tooling", "2025-01-10", "Tooling", &["essay"],
        "A long essay about editors, build tools and deployment. Somewhere in the middle a router is mentioned, once, \
         among many other words about shells, terminals, compilers, linters, formatters and the habits of people who \
         write software for a living, and sourdough bread."),
    ("marathon", "Running my first marathon", "2024-10-05", "Life", &["sport"],
        "I ran for four hours. Runners say the last ten kilometres are the race."),
    ("sourdough", "Sourdough starter", "2024-06-01", "Baking", &["bread"],
        "Feed the starter daily. A static routine keeps it alive."),
    ("cafe", "Café mornings", "2023-09-09", "Life", &["coffee"], "A café crème and a croissant before work."),
    ("tokyo", "東京の旅", "2023-05-05", "Travel", &[], "東京都に行きました。京都にも。"),
    ("static-sites", "Static sites with Rust", "2023-02-02", "Rust", &["web", "C++"],
        "A static site generator turns Markdown into pages. Deploy anywhere."),
];

fn meta((slug, title, date, category, tags, _): &Post) -> PostMeta {
    let term = |name: &str| Term { slug: term_slug(name), name: name.to_string() };
    PostMeta {
        slug: slug.to_string(),
        title: title.to_string(),
        date: PostDate::parse(date).unwrap(),
        updated: None,
        authors: vec!["Robin".into()],
        categories: vec![term(category)],
        tags: tags.iter().map(|t| term(t)).collect(),
        excerpt: String::new(),
        reading_minutes: 1,
        dir: String::new(),
    }
}

/// The test blog's search index, its files by path.
struct Index {
    files: HashMap<String, Vec<u8>>,
    manifest: Manifest,
}

impl Index {
    fn new() -> Index {
        // The blog is listed newest first; ids count from the oldest post.
        let mut counter = Counter::default();
        let mut docs = Vec::new();
        for (id, post) in BLOG.iter().rev().enumerate() {
            let meta = meta(post);
            counter.add(id as u32, &meta, post.5);
            docs.push(doc_json(&meta, post.5));
        }
        let prints: Vec<Fingerprint> = docs.iter().map(|d| Fingerprint::of(d)).collect();
        let SearchFiles { manifest, files, docs: names, .. } = build(&counter, &prints, None);
        let docs = names.into_iter().map(|(id, name, _)| (name, docs[id as usize].clone()));
        let files: HashMap<String, Vec<u8>> = files.into_iter().chain(docs).collect();
        let manifest = serde_json::from_slice(&files[&manifest]).unwrap();
        Index { files, manifest }
    }

    fn doc(&self, id: u32) -> SearchDoc {
        serde_json::from_slice(&self.files[&self.manifest.doc_path(id)]).unwrap()
    }

    /// The slugs `input` finds, best first, and the files it read.
    fn search(&self, input: &str) -> (Vec<String>, Vec<String>) {
        let query = parse(input);
        let mut read = Vec::new();
        let found = Searcher::new(self.manifest.clone())
            .load_and_run(&query, |path| {
                read.push(path.to_string());
                Ok::<_, FormatError>(self.files[path].clone())
            })
            .unwrap();
        let slugs = found
            .hits
            .iter()
            .map(|hit| self.doc(hit.doc))
            .filter(|doc| has_phrases(doc, &query))
            .map(|doc| doc.slug)
            .collect();
        (slugs, read)
    }

    fn slugs(&self, input: &str) -> Vec<String> {
        self.search(input).0
    }
}

#[test]
fn ranks_title_and_tag_matches_above_body_matches() {
    let index = Index::new();
    assert_eq!(index.slugs("router"), ["leptos-router", "long-essay"]);
    assert_eq!(index.slugs("sourdough"), ["sourdough", "long-essay"]);
    let statics = index.slugs("static");
    assert_eq!((statics.len(), statics[0].as_str()), (3, "static-sites"), "the title match first: {statics:?}");
    assert_eq!(index.slugs("rust"), ["static-sites", "leptos-router"]);
}

#[test]
fn stems_fold_and_complete_the_word_being_typed() {
    let index = Index::new();
    assert_eq!(index.slugs("running"), ["marathon"]);
    assert_eq!(index.slugs("runs "), ["marathon"]);
    assert_eq!(index.slugs("runni"), ["marathon"]);
    assert_eq!(index.slugs("leptos rou"), ["leptos-router"]);
    assert_eq!(index.slugs("cafe"), ["cafe"]);
    assert_eq!(index.slugs("CAFÉ"), ["cafe"]);
    assert!(index.slugs("ro").contains(&"leptos-router".to_string()));
    // One letter is too short to complete: beside other words it waits for
    // the next letter, and does not empty the results meanwhile.
    assert_eq!(index.slugs("leptos r"), ["leptos-router"]);
    assert_eq!(index.slugs("category:life r"), ["marathon", "cafe"]);
    assert_eq!(index.slugs("r"), Vec::<String>::new(), "alone it must match a whole word");
    assert_eq!(index.slugs("leptos r "), Vec::<String>::new(), "a finished word must match");
}

#[test]
fn corrects_one_typo_in_longer_words_below_exact_hits() {
    let index = Index::new();
    assert_eq!(index.slugs("ruoter"), ["leptos-router", "long-essay"]);
    assert_eq!(index.slugs("sourdogh "), ["sourdough", "long-essay"]);
    assert_eq!(index.slugs("srodough "), Vec::<String>::new(), "two edits are too many");
    assert_eq!(index.slugs("rsut "), Vec::<String>::new(), "short words are not corrected");
    // "routes" matches exactly in one post; "router" is one edit away from
    // "routes" (and "routr") and comes after.
    assert_eq!(index.slugs("routes ")[0], "leptos-router");
}

#[test]
fn phrases_exclusions_and_filters() {
    let index = Index::new();
    assert_eq!(index.slugs("\"static site\""), ["static-sites", "leptos-router"]);
    assert_eq!(index.slugs("\"site static\""), Vec::<String>::new());
    assert_eq!(index.slugs("router -sourdough"), ["leptos-router"]);
    assert_eq!(index.slugs("static category:rust"), ["static-sites", "leptos-router"]);
    assert_eq!(index.slugs("category:Life"), ["marathon", "cafe"], "filters alone list newest first");
    assert_eq!(index.slugs("tag:bread year:2024"), ["sourdough"]);
    assert_eq!(index.slugs("tag:C++"), ["static-sites"], "C++ is not C");
    assert_eq!(index.slugs("tag:c"), ["leptos-router"]);
    assert_eq!(index.slugs("year:2023 year:2025 rust"), ["static-sites", "leptos-router"]);
    assert_eq!(index.slugs("-rust year:2023"), ["cafe", "tokyo"]);
    assert_eq!(index.slugs(""), Vec::<String>::new());
}

#[test]
fn finds_japanese_by_character_pairs() {
    let index = Index::new();
    assert_eq!(index.slugs("東京"), ["tokyo"]);
    assert_eq!(index.slugs("京都"), ["tokyo"]);
    assert_eq!(index.slugs("東"), ["tokyo"], "one character is a prefix of the pairs");
    assert_eq!(index.slugs("大阪"), Vec::<String>::new());
}

#[test]
fn reads_only_the_shards_a_query_needs() {
    let index = Index::new();
    let (_, read) = index.search("router");
    assert!(read.iter().all(|p| p.starts_with("t/") || p.starts_with("w/")), "{read:?}");
    assert!(!read.iter().any(|p| p.starts_with("d/")));
}

#[test]
fn excerpts_mark_the_matched_words() {
    let index = Index::new();
    let query = parse("router");
    let found = Searcher::new(index.manifest.clone())
        .load_and_run(&query, |path| Ok::<_, FormatError>(index.files[path].clone()))
        .unwrap();
    let doc = index.doc(found.hits[1].doc);
    let marked: Vec<String> = excerpt(&doc.text, &found.matched).into_iter().filter(|s| s.marked).map(|s| s.text).collect();
    assert_eq!(marked, ["router"]);
}
