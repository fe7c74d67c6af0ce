//! The addresses of a built site: paths under its base path for links
//! inside it, and absolute URLs (when `base_url` is set) for feeds, the
//! sitemap and link previews, which are read away from the site.

use crate::core::route::Route;

/// Where a site lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrls {
    /// `https://example.org`, without a trailing slash, if known.
    pub origin: Option<String>,
    /// The path the site is served under, starting and ending with `/`.
    pub base_path: String,
}

impl SiteUrls {
    /// Normalises `base_path` to start and end with `/`.
    pub fn new(origin: Option<String>, base_path: &str) -> SiteUrls {
        let trimmed = base_path.trim_matches('/');
        let base_path = if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") };
        SiteUrls { origin, base_path }
    }

    /// A path below the site root (`feed.xml`, `post/x`) as a link from
    /// inside the site.
    pub fn path(&self, relative: &str) -> String {
        format!("{}{}", self.base_path, relative.trim_start_matches('/'))
    }

    /// A page's path, as a link from inside the site.
    pub fn page(&self, route: &Route) -> String {
        self.path(&route.path())
    }

    /// A path below the site root as an absolute URL, or as a site path
    /// when the origin is not known.
    pub fn absolute(&self, relative: &str) -> String {
        format!("{}{}", self.origin.as_deref().unwrap_or(""), self.path(relative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls() {
        let urls = SiteUrls::new(Some("https://ex.org".into()), "blog");
        assert_eq!(urls.base_path, "/blog/");
        assert_eq!(urls.page(&Route::Home { page: 1 }), "/blog/");
        assert_eq!(urls.page(&Route::Post { slug: "a b".into() }), "/blog/post/a%20b");
        assert_eq!(urls.absolute("feed.xml"), "https://ex.org/blog/feed.xml");
        let local = SiteUrls::new(None, "/");
        assert_eq!((local.path("rss.xml").as_str(), local.absolute("/post/x").as_str()), ("/rss.xml", "/post/x"));
    }
}
