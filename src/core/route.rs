//! The blog's URLs, in one place: the app links with these, and the builder
//! can write a page for each. Paths here are relative to the site's base
//! path and start with `/`.

use crate::core::listing::Listing;

/// Every page a reader can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The newest posts; page 1 is `/`.
    Home { page: usize },
    Post { slug: String },
    Category { slug: String, page: usize },
    Tag { slug: String, page: usize },
    Year { year: i32, page: usize },
    Month { year: i32, month: u8, page: usize },
    Search { query: String },
}

impl Route {
    /// The route of page `page` of a list of posts.
    pub fn of_listing(listing: &Listing, page: usize) -> Route {
        match listing.clone() {
            Listing::All => Route::Home { page },
            Listing::Category(slug) => Route::Category { slug, page },
            Listing::Tag(slug) => Route::Tag { slug, page },
            Listing::Year(year) => Route::Year { year, page },
            Listing::Month(year, month) => Route::Month { year, month, page },
        }
    }

    /// The path of this page below the site's base, e.g. `/category/rust/page/2`.
    pub fn path(&self) -> String {
        let (base, page) = match self {
            Route::Home { page } => (String::new(), *page),
            Route::Post { slug } => return format!("/post/{}", encode_segment(slug)),
            Route::Category { slug, page } => (format!("/category/{}", encode_segment(slug)), *page),
            Route::Tag { slug, page } => (format!("/tag/{}", encode_segment(slug)), *page),
            Route::Year { year, page } => (format!("/archive/{year}"), *page),
            Route::Month { year, month, page } => (format!("/archive/{year}/{month:02}"), *page),
            Route::Search { query } if query.is_empty() => return "/search".into(),
            Route::Search { query } => return format!("/search?q={}", encode_query(query)),
        };
        match (base.is_empty(), page > 1) {
            (true, false) => "/".into(),
            (_, true) => format!("{base}/page/{page}"),
            (false, false) => base,
        }
    }
}

/// The first parts of the paths [`Route::path`] makes: an old address
/// kept for a post (an alias) must not begin with one, or its page would
/// stand where one of the blog's own pages goes.
pub const ROUTE_ROOTS: &[&str] = &["post", "page", "category", "tag", "archive", "search"];

/// A post's link that asks it to mark the words a search matched (their
/// index keys), as `?hl=`.
pub fn with_highlight(path: String, keys: &[String]) -> String {
    if keys.is_empty() {
        return path;
    }
    format!("{path}?hl={}", encode_query(&keys.join(" ")))
}

/// Percent-encodes a path segment, keeping unreserved ASCII as is.
pub fn encode_segment(text: &str) -> String {
    encode(text, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

/// Percent-encodes a query value (spaces as `%20`).
pub fn encode_query(text: &str) -> String {
    encode(text, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

fn encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address a page should show for `path`, when it is not that
/// already: without `index.html` (a link to a page's file, which every
/// static host serves) and without a trailing slash (static hosts answer
/// `/post/x` with a redirect to `/post/x/`), as the app's routes have
/// neither. The site's own root, `base`, keeps its slash.
pub fn canonical_path(path: &str, base: &str) -> Option<String> {
    let mut clean = path;
    if let Some(folder) = clean.strip_suffix("index.html").filter(|f| f.ends_with('/')) {
        clean = folder;
    }
    while clean.len() > 1 && clean.ends_with('/') && clean != base {
        clean = &clean[..clean.len() - 1];
    }
    (clean != path).then(|| clean.to_string())
}

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`); invalid
/// escapes and invalid UTF-8 are kept as written rather than failing.
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(&text[i + 1..i + 3], 16) {
                Ok(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                Err(_) => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_for_every_page() {
        let cases = [
            (Route::Home { page: 1 }, "/"),
            (Route::Home { page: 3 }, "/page/3"),
            (Route::Post { slug: "hello-world".into() }, "/post/hello-world"),
            (Route::Post { slug: "café".into() }, "/post/caf%C3%A9"),
            (Route::Category { slug: "rust".into(), page: 1 }, "/category/rust"),
            (Route::Tag { slug: "wasm".into(), page: 2 }, "/tag/wasm/page/2"),
            (Route::Year { year: 2024, page: 1 }, "/archive/2024"),
            (Route::Month { year: 2024, month: 3, page: 1 }, "/archive/2024/03"),
            (Route::Search { query: "a b&c".into() }, "/search?q=a%20b%26c"),
            (Route::Search { query: String::new() }, "/search"),
        ];
        for (route, path) in cases {
            assert_eq!(route.path(), path);
        }
    }

    #[test]
    fn listings_map_to_their_pages() {
        assert_eq!(Route::of_listing(&Listing::All, 2).path(), "/page/2");
        assert_eq!(Route::of_listing(&Listing::Month(2024, 3), 1).path(), "/archive/2024/03");
        assert_eq!(Route::of_listing(&Listing::Tag("wasm".into()), 3).path(), "/tag/wasm/page/3");
    }

    #[test]
    fn canonical_paths_have_no_index_html_or_trailing_slash() {
        let cases = [
            ("/post/x/", "/", Some("/post/x")),
            ("/post/x/index.html", "/", Some("/post/x")),
            ("/index.html", "/", Some("/")),
            ("/blog/index.html", "/blog/", Some("/blog/")),
            ("/blog/page/2/index.html", "/blog/", Some("/blog/page/2")),
            ("/post/x", "/", None),
            ("/", "/", None),
            ("/blog/", "/blog/", None),
            ("/post/myindex.html", "/", None),
        ];
        for (path, base, expected) in cases {
            assert_eq!(canonical_path(path, base).as_deref(), expected, "{path} under {base}");
        }
    }

    #[test]
    fn decodes_what_it_encodes() {
        for text in ["café au lait", "日本語", "100% & more", "a+b"] {
            assert_eq!(decode(&encode_segment(text), false), text);
        }
        assert_eq!(decode("a+b%20c", true), "a b c");
        assert_eq!(decode("bad%zzescape%", false), "bad%zzescape%");
        assert_eq!(decode("%ff%fe", false), "%ff%fe");
    }
}
