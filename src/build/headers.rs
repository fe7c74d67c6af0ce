//! `_headers`: how long browsers and CDNs may keep each file, in the format
//! Netlify and Cloudflare Pages read (other hosts ignore it; the README
//! gives the same advice for them). Content-hashed files are kept forever;
//! the index and the pages, which name them, are checked on every visit.

use super::urls::SiteUrls;
use crate::core::index::{INDEX_FILE, LISTS_DIR, POST_DATA_DIR};
use crate::core::search::format::SEARCH_DIR;

/// The file's name at the site root.
pub const FILE: &str = "_headers";

const FOREVER: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// The `_headers` file for a site served at `urls`.
pub fn text(urls: &SiteUrls) -> String {
    let rule = |path: &str, value: &str| format!("{}\n  Cache-Control: {value}\n", urls.path(path));
    [
        rule(INDEX_FILE, REVALIDATE),
        rule(&format!("{POST_DATA_DIR}*"), FOREVER),
        rule(&format!("{LISTS_DIR}*"), FOREVER),
        rule(&format!("{SEARCH_DIR}*"), FOREVER),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_folders_are_kept_forever_under_the_base_path() {
        let text = text(&SiteUrls::new(None, "/blog/"));
        assert!(text.starts_with("/blog/index.json\n  Cache-Control: public, max-age=0, must-revalidate\n"), "{text}");
        assert!(text.contains("/blog/data/posts/*\n  Cache-Control: public, max-age=31536000, immutable\n"), "{text}");
        assert!(text.contains("/blog/search-index/*\n"), "{text}");
    }
}
