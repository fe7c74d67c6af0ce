//! Site settings from `folio.toml`.

use super::error::{line_of_offset, BuildError};
use super::permalink::Permalink;
use crate::core::index::SiteInfo;
use serde::Deserialize;
use std::path::Path;

/// The settings an author may write in `folio.toml`; all are optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: Option<String>,
    description: Option<String>,
    author: Option<String>,
    posts_per_page: Option<i64>,
    base_url: Option<String>,
    language: Option<String>,
    future: Option<bool>,
    old_permalinks: Option<OneOrMany>,
    feed: Option<FeedFile>,
}

/// A setting given as one value or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedFile {
    full_content: Option<bool>,
    entries: Option<i64>,
}

/// The site's settings: what the app shows, and what only the builder uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub site: SiteInfo,
    /// Where the site is published (`https://example.org`, no trailing
    /// slash), for the absolute links feeds, the sitemap and link previews
    /// need. `None` leaves those links relative to the site.
    pub base_url: Option<String>,
    /// The language of the posts, for `<html lang>` and the feeds.
    pub language: String,
    /// Publish posts dated after the build. Off by default, as in Jekyll
    /// and Hugo: a post dated ahead is scheduled, and appears with the
    /// first build on or after its date.
    pub future: bool,
    /// The address patterns of the blog's old engine (see
    /// [`super::permalink`]); each post gets a page at its old addresses
    /// that sends readers on.
    pub old_permalinks: Vec<Permalink>,
    pub feed: FeedConfig,
}

/// What the feeds carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedConfig {
    /// Whole posts, or only their excerpts.
    pub full_content: bool,
    /// How many of the newest posts a feed lists.
    pub entries: usize,
}

/// Reads the site settings; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Config, BuildError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(BuildError::io(path, e)),
    };
    parse(&text).map_err(|(line, message)| BuildError::Config { path: path.into(), line, message })
}

/// The 1-based line on which `key` is set, for error messages.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))).map(|i| i + 1)
}

fn parse(text: &str) -> Result<Config, (Option<usize>, String)> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of_offset(text, s.start));
        (line, format!("{}; see the README for the settings folio.toml takes", e.message()))
    })?;
    let posts_per_page = match file.posts_per_page {
        None => 10,
        Some(n @ 1..=100) => n as usize,
        Some(n) => return Err((line_of(text, "posts_per_page"), format!("posts_per_page is {n}; use a number from 1 to 100"))),
    };
    let base_url = match file.base_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) => Some(check_base_url(url).map_err(|why| (line_of(text, "base_url"), why))?),
    };
    let language = file.language.unwrap_or_else(|| "en".into());
    if language.is_empty() || !language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err((line_of(text, "language"), format!("language is {language:?}; use a language tag such as \"en\" or \"pt-BR\"")));
    }
    let patterns = match file.old_permalinks {
        None => Vec::new(),
        Some(OneOrMany::One(pattern)) => vec![pattern],
        Some(OneOrMany::Many(patterns)) => patterns,
    };
    let old_permalinks = patterns
        .iter()
        .map(|pattern| Permalink::parse(pattern))
        .collect::<Result<_, _>>()
        .map_err(|why| (line_of(text, "old_permalinks"), format!("old_permalinks: {why}")))?;
    let feed = file.feed.unwrap_or(FeedFile { full_content: None, entries: None });
    let entries = match feed.entries {
        None => 20,
        Some(n @ 1..=1000) => n as usize,
        Some(n) => return Err((line_of(text, "entries"), format!("feed entries is {n}; use a number from 1 to 1000"))),
    };
    Ok(Config {
        site: SiteInfo {
            title: file.title.unwrap_or_else(|| "My Folio blog".into()),
            description: file.description.unwrap_or_default(),
            author: file.author.unwrap_or_default(),
            posts_per_page,
        },
        base_url,
        language,
        future: file.future.unwrap_or(false),
        old_permalinks,
        feed: FeedConfig { full_content: feed.full_content.unwrap_or(true), entries },
    })
}

/// A base URL must be absolute http(s) with a host and nothing after the
/// path; it is returned without a trailing slash.
fn check_base_url(url: &str) -> Result<String, String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let fix = "use the address the site is published at, like base_url = \"https://example.org\"";
    match rest {
        None => Err(format!("base_url {url:?} does not start with https:// or http://; {fix}")),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Err(format!("base_url {url:?} has no host; {fix}")),
        Some(_) if url.contains(['?', '#', ' ', '"', '<', '>']) => {
            Err(format!("base_url {url:?} may not hold a query, fragment, spaces or quotes; {fix}"))
        }
        Some(_) => Ok(url.trim_end_matches('/').to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let config = parse("").unwrap();
        assert_eq!((config.site.title.as_str(), config.site.posts_per_page), ("My Folio blog", 10));
        assert_eq!((config.base_url, config.language.as_str(), config.future), (None, "en", false));
        assert_eq!(config.feed, FeedConfig { full_content: true, entries: 20 });
        let text = "title = \"Notes\"\nposts_per_page = 5\nbase_url = \"https://ex.org/\"\nfuture = true\n[feed]\nfull_content = false\nentries = 5\n";
        let config = parse(text).unwrap();
        assert_eq!((config.site.title.as_str(), config.site.posts_per_page), ("Notes", 5));
        assert_eq!((config.base_url.as_deref(), config.future), (Some("https://ex.org"), true));
        assert_eq!(config.feed, FeedConfig { full_content: false, entries: 5 });
    }

    #[test]
    fn bad_values_name_their_line() {
        let cases = [
            ("title = \"x\"\nposts_per_page = 0\n", 2, "from 1 to 100"),
            ("title = 3\n", 1, "invalid type"),
            ("titel = \"x\"\n", 1, "unknown field"),
            ("title = \n", 1, ""),
            ("\nbase_url = \"example.org\"\n", 2, "does not start with https://"),
            ("base_url = \"https:///x\"\n", 1, "has no host"),
            ("base_url = \"https://x.org/?a=1\"\n", 1, "query"),
            ("language = \"en us\"\n", 1, "language tag"),
            ("[feed]\nentries = 0\n", 2, "from 1 to 1000"),
            ("[feed]\nfull = true\n", 2, "unknown field"),
            ("title = \"x\"\nold_permalinks = [\"date\", \"/:year/:hour/\"]\n", 2, "`:hour`"),
        ];
        for (text, line, message) in cases {
            let (got, msg) = parse(text).unwrap_err();
            assert_eq!(got, Some(line), "{text}: {msg}");
            assert!(msg.contains(message), "{text}: {msg}");
        }
    }
}
