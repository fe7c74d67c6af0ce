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
    /// Normalises `base_path` to start and end with `/`. An `origin` that
    /// names the site's path too (`https://user.github.io/repo`, as GitHub
    /// Pages gives a project's address) is cut to its host, so the path is
    /// not named twice.
    pub fn new(origin: Option<String>, base_path: &str) -> SiteUrls {
        let trimmed = base_path.trim_matches('/');
        let base_path = if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") };
        let origin = origin.map(|origin| match path_of(&origin) {
            Some(path) if base_path.starts_with(&format!("{path}/")) => origin[..origin.len() - path.len()].to_string(),
            _ => origin,
        });
        SiteUrls { origin, base_path }
    }

    /// Why the site's address and the path it is built for disagree, if
    /// they do: `base_url` names a path (`/repo`) the build is not for, so
    /// its pages' own links would miss it.
    pub fn mismatch(&self) -> Option<String> {
        let path = path_of(self.origin.as_deref()?)?;
        Some(format!(
            "base_url names the path {path}, but the site is built for {}; build it with trunk's --public-url {path}/ \
             (or take the path out of base_url)",
            self.base_path
        ))
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

/// The path of an absolute URL (`/repo` in `https://host/repo`), if it
/// has one, without a trailing slash.
pub fn path_of(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let path = &url[url[after_scheme..].find('/')? + after_scheme..];
    (!path.trim_matches('/').is_empty()).then_some(path.trim_end_matches('/'))
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
        // GitHub Pages gives a project's address with its path.
        let project = SiteUrls::new(Some("https://user.github.io/repo".into()), "/repo/");
        assert_eq!(project.absolute("post/x"), "https://user.github.io/repo/post/x");
        assert_eq!(project.mismatch(), None);
        let unbuilt = SiteUrls::new(Some("https://user.github.io/repo".into()), "/");
        assert!(unbuilt.mismatch().is_some_and(|m| m.contains("--public-url /repo/")), "{:?}", unbuilt.mismatch());
        assert_eq!(urls.mismatch(), None);
        let local = SiteUrls::new(None, "/");
        assert_eq!((local.path("rss.xml").as_str(), local.absolute("/post/x").as_str()), ("/rss.xml", "/post/x"));
    }
}
