//! `folio-bench`: the tools behind `scripts/bench-search`.
//!
//! - `folio-bench corpus --posts N --out DIR [--html DIR] [--seed S]`
//!   writes an N-post blog (and, with `--html`, the same posts as plain
//!   HTML pages, for Pagefind).
//! - `folio-bench search --site DIR [--rounds R]` times the fixed query
//!   list natively over a built site and prints the figures as JSON.

mod corpus;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

/// The queries every benchmark runs, Folio's and Pagefind's alike: common
/// and rare words, pairs, a word being typed, a misspelling, Japanese.
pub const QUERIES: &[&str] = &[
    "static site", "rust", "sourdough bread", "search index", "conference talk", "maintainers", "deploy server",
    "compiler errors", "coffee morning", "rou", "benchmrk", "東京",
];

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("folio-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or("usage: folio-bench corpus|search …")?;
    let flag = |name: &str| rest.iter().position(|a| a == name).and_then(|i| rest.get(i + 1)).cloned();
    match command.as_str() {
        "corpus" => {
            let posts = flag("--posts").ok_or("--posts N is required")?.parse().map_err(|_| "--posts takes a number")?;
            let seed = flag("--seed").map_or(Ok(1), |s| s.parse()).map_err(|_| "--seed takes a number")?;
            let out = PathBuf::from(flag("--out").ok_or("--out DIR is required")?);
            let html = flag("--html").map(PathBuf::from);
            corpus::write(&corpus::Corpus { posts, seed }, &out, html.as_deref()).map_err(|e| e.to_string())
        }
        "search" => {
            let site = PathBuf::from(flag("--site").ok_or("--site DIR is required")?);
            let rounds = flag("--rounds").map_or(Ok(20), |s| s.parse()).map_err(|_| "--rounds takes a number")?;
            let f = search::measure(&site, QUERIES, rounds)?;
            println!(
                "{{\"p50_ms\":{:.3},\"p95_ms\":{:.3},\"first_query_bytes\":{},\"tenth_query_bytes\":{},\"index_bytes\":{}}}",
                search::percentile(&f.times, 0.5),
                search::percentile(&f.times, 0.95),
                f.first_bytes,
                f.tenth_bytes,
                f.index_bytes
            );
            Ok(())
        }
        other => Err(format!("unknown command `{other}`")),
    }
}
