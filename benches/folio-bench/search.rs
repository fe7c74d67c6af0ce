//! Native search timing over a built site: each query runs as a reader's
//! first search would (a fresh searcher, shards and result files read from
//! disk, excerpts cut), and the bytes it read are counted.

use folio::core::index::SiteIndex;
use folio::core::search::engine::Searcher;
use folio::core::search::excerpt::{excerpt, has_phrases};
use folio::core::search::format::{FormatError, Manifest, SearchDoc, SEARCH_DIR};
use folio::core::search::query::parse;
use std::path::Path;
use std::time::Instant;

/// Figures for one query list over one site.
pub struct Figures {
    /// Milliseconds per query, sorted.
    pub times: Vec<f64>,
    /// Bytes read by the first query of a session (manifest included).
    pub first_bytes: usize,
    /// Bytes read by the tenth query of a session, after nine others.
    pub tenth_bytes: usize,
    /// Bytes of the whole search index.
    pub index_bytes: u64,
}

/// Runs `queries` `rounds` times over the site built in `site`.
pub fn measure(site: &Path, queries: &[&str], rounds: usize) -> Result<Figures, String> {
    let index: SiteIndex = read_json(&site.join("index.json"))?;
    let (root, manifest) = (site.join(SEARCH_DIR), site.join(&index.search));
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in queries {
            let start = Instant::now();
            let mut session = Session::new(&root, &manifest)?;
            session.run(q)?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let mut session = Session::new(&root, &manifest)?;
    let mut per_query = Vec::new();
    for q in queries.iter().cycle().take(10) {
        let before = session.bytes;
        session.run(q)?;
        per_query.push(session.bytes - before);
    }
    let first_bytes = per_query[0] + session.manifest_bytes;
    Ok(Figures { times, first_bytes, tenth_bytes: per_query[9], index_bytes: folder_size(&site.join(SEARCH_DIR)) })
}

/// A reader's page: one searcher, files read once.
struct Session<'a> {
    root: &'a Path,
    searcher: Searcher,
    docs: std::collections::HashMap<u32, SearchDoc>,
    manifest_bytes: usize,
    bytes: usize,
}

impl<'a> Session<'a> {
    fn new(root: &'a Path, manifest: &Path) -> Result<Session<'a>, String> {
        let bytes = read(manifest)?;
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        Ok(Session { root, searcher: Searcher::new(manifest), docs: Default::default(), manifest_bytes: bytes.len(), bytes: 0 })
    }

    /// Runs a query and cuts the excerpts of its first ten results.
    fn run(&mut self, q: &str) -> Result<usize, String> {
        let query = parse(q);
        let (root, bytes) = (self.root, &mut self.bytes);
        let found = self
            .searcher
            .load_and_run(&query, |path| {
                let data = read(&root.join(path)).map_err(|_| FormatError("missing file"))?;
                *bytes += data.len();
                Ok::<_, FormatError>(data)
            })
            .map_err(|e| e.to_string())?;
        let mut shown = 0;
        for hit in &found.hits {
            if shown == 10 {
                break;
            }
            if !self.docs.contains_key(&hit.doc) {
                let path = self.searcher.manifest().doc_path(hit.doc);
                let data = read(&root.join(path))?;
                self.bytes += data.len();
                self.docs.insert(hit.doc, serde_json::from_slice(&data).map_err(|e| e.to_string())?);
            }
            let doc = &self.docs[&hit.doc];
            if has_phrases(doc, &query) {
                std::hint::black_box(excerpt(&doc.text, &found.matched));
                shown += 1;
            }
        }
        Ok(found.hits.len())
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    serde_json::from_slice(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| if e.path().is_dir() { folder_size(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
                .sum()
        })
        .unwrap_or(0)
}

/// The p-th percentile of sorted figures.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
