//! Site settings from `folio.toml`.

use super::error::{line_of_offset, BuildError};
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
}

/// Reads the site settings; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<SiteInfo, BuildError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(BuildError::Io { path: path.into(), message: e.to_string() }),
    };
    parse(&text).map_err(|(line, message)| BuildError::Config { path: path.into(), line, message })
}

fn parse(text: &str) -> Result<SiteInfo, (Option<usize>, String)> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of_offset(text, s.start));
        (line, format!("{}; see the README for the settings folio.toml takes", e.message()))
    })?;
    let posts_per_page = match file.posts_per_page {
        None => 10,
        Some(n @ 1..=100) => n as usize,
        Some(n) => {
            let line = text.lines().position(|l| l.trim_start().starts_with("posts_per_page")).map(|i| i + 1);
            return Err((line, format!("posts_per_page is {n}; use a number from 1 to 100")));
        }
    };
    Ok(SiteInfo {
        title: file.title.unwrap_or_else(|| "My Folio blog".into()),
        description: file.description.unwrap_or_default(),
        author: file.author.unwrap_or_default(),
        posts_per_page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let site = parse("").unwrap();
        assert_eq!((site.title.as_str(), site.posts_per_page), ("My Folio blog", 10));
        let site = parse("title = \"Notes\"\nposts_per_page = 5\n").unwrap();
        assert_eq!((site.title.as_str(), site.posts_per_page), ("Notes", 5));
    }

    #[test]
    fn bad_values_name_their_line() {
        let cases = [
            ("title = \"x\"\nposts_per_page = 0\n", 2, "from 1 to 100"),
            ("title = 3\n", 1, "invalid type"),
            ("titel = \"x\"\n", 1, "unknown field"),
            ("title = \n", 1, ""),
        ];
        for (text, line, message) in cases {
            let (got, msg) = parse(text).unwrap_err();
            assert_eq!(got, Some(line), "{text}: {msg}");
            assert!(msg.contains(message), "{text}: {msg}");
        }
    }
}
