//! Feeds and the files crawlers read: `feed.xml` (Atom), `rss.xml` (RSS
//! 2.0), an Atom feed per category (`category/<slug>/feed.xml`),
//! `sitemap.xml` and `robots.txt`.
//!
//! Entries carry the whole post as HTML (rendered by the same code as the
//! app, with links made absolute) or only its excerpt, as `folio.toml`'s
//! `[feed]` says.

use super::config::Config;
use crate::core::escape::escape as esc;
use super::urls::SiteUrls;
use super::error::BuildError;
use super::highlight::Highlighter;
use super::ReadPost;
use crate::core::date::PostDate;
use crate::core::index::{SiteIndex, TermCount};
use crate::core::markdown::{render_html, RenderContext};
use crate::core::route::Route;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// The files to write, by path below the site root. `posts` come newest
/// first; the bodies of those in feeds are read again.
pub fn files(
    index: &SiteIndex,
    tags: &[TermCount],
    posts: &[ReadPost],
    config: &Config,
    urls: &SiteUrls,
    highlighter: &Highlighter,
) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let feed = Feed { index, config, urls, highlighter, html: RefCell::default() };
    let newest: Vec<&ReadPost> = posts.iter().take(config.feed.entries).collect();
    let mut out = vec![
        ("feed.xml".to_string(), feed.atom("feed.xml", &index.site.title, &Route::Home { page: 1 }, &newest)?.into_bytes()),
        ("rss.xml".to_string(), feed.rss(&newest)?.into_bytes()),
    ];
    for category in &index.categories {
        let in_category: Vec<&ReadPost> = posts
            .iter()
            .filter(|p| p.post.meta.categories.iter().any(|c| c.slug == category.slug))
            .take(config.feed.entries)
            .collect();
        let route = Route::Category { slug: category.slug.clone(), page: 1 };
        let path = category_feed_url(&category.slug);
        let title = format!("{}: {}", index.site.title, category.name);
        let atom = feed.atom(&path, &title, &route, &in_category)?;
        out.push((category_feed_file(&category.slug), atom.into_bytes()));
    }
    if urls.origin.is_some() {
        out.extend(sitemaps(sitemap_urls(index, tags, posts, urls), urls, SITEMAP_LIMITS));
    }
    let mut robots = "User-agent: *\nAllow: /\n".to_string();
    if urls.origin.is_some() {
        let _ = writeln!(robots, "Sitemap: {}", urls.absolute(SITEMAP_FILE));
    }
    out.push(("robots.txt".to_string(), robots.into_bytes()));
    Ok(out)
}

/// A category's feed's URL below the site root, encoded: where its file
/// is written, and what its pages link to.
pub fn category_feed_url(slug: &str) -> String {
    let route = Route::Category { slug: slug.to_string(), page: 1 };
    format!("{}/{CATEGORY_FEED}", route.path().trim_start_matches('/'))
}

/// A category's feed's file below the site root: its URL decoded.
pub fn category_feed_file(slug: &str) -> String {
    crate::core::route::decode(&category_feed_url(slug), false)
}

/// The name of each category's feed in its folder.
const CATEGORY_FEED: &str = "feed.xml";

/// Removes the feeds an earlier build left in `site` that `made` says are
/// not made now: a category's with no posts left in it, and sitemap parts
/// past the last one a smaller sitemap needs. Readers and crawlers then
/// find them gone rather than frozen. Only those two kinds are looked at,
/// in the site root and in each category's folder, so this costs two
/// short listings whatever the blog's size.
pub fn remove_stale(site: &Path, made: impl Fn(&str) -> bool) -> Result<(), BuildError> {
    let names = |dir: &Path| -> Vec<String> {
        let entries = std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok);
        entries.filter_map(|entry| entry.file_name().into_string().ok()).collect()
    };
    // A category without a name routes to the folder of them all.
    let category_dir = Route::Category { slug: String::new(), page: 1 }.path();
    let category_dir = category_dir.trim_matches('/');
    let sitemaps = names(site).into_iter().filter(|name| is_sitemap_file(name));
    let feeds = names(&site.join(category_dir)).into_iter().map(|slug| format!("{category_dir}/{slug}/{CATEGORY_FEED}"));
    let is_file = |file: &String| site.join(file).symlink_metadata().is_ok_and(|m| m.is_file());
    for file in sitemaps.chain(feeds).filter(|file| !made(file) && is_file(file)) {
        let path = site.join(&file);
        std::fs::remove_file(&path).map_err(|e| BuildError::io(&path, e))?;
        if file.starts_with(category_dir) {
            // A category's folder goes too once nothing else is in it.
            let _ = path.parent().map(std::fs::remove_dir);
        }
    }
    Ok(())
}

/// The first line of every XML file the builder writes.
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

struct Feed<'a> {
    index: &'a SiteIndex,
    config: &'a Config,
    urls: &'a SiteUrls,
    highlighter: &'a Highlighter,
    /// Each post's HTML once made, by slug: a post is in several feeds
    /// (Atom, RSS, its categories'), and its body is read from disk.
    html: RefCell<HashMap<String, String>>,
}

impl Feed<'_> {
    /// An Atom feed of `posts` at `path`, for the page `home`.
    fn atom(&self, path: &str, title: &str, home: &Route, posts: &[&ReadPost]) -> Result<String, BuildError> {
        let site = &self.index.site;
        let updated = posts.iter().map(|p| p.post.meta.updated.unwrap_or(p.post.meta.date)).max();
        let mut x = String::from(XML_DECLARATION);
        let _ = writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", esc(&self.config.language));
        let _ = writeln!(x, "  <title>{}</title>", esc(title));
        if !site.description.is_empty() {
            let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(&site.description));
        }
        let _ = writeln!(x, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", esc(&self.urls.absolute(path)));
        let home_url = self.urls.absolute(&home.path());
        let _ = writeln!(x, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&home_url));
        let _ = writeln!(x, "  <id>{}</id>", esc(&self.id(&home.path())));
        let _ = writeln!(x, "  <updated>{}</updated>", updated.map_or_else(|| "1970-01-01T00:00:00Z".into(), |d| d.rfc3339()));
        if !site.author.is_empty() {
            let _ = writeln!(x, "  <author><name>{}</name></author>", esc(&site.author));
        }
        x.push_str("  <generator>Folio</generator>\n");
        for &read in posts {
            let post = &read.post;
            let meta = &post.meta;
            let (link, id) = self.entry_link_and_id(&meta.slug);
            x.push_str("  <entry>\n");
            let _ = writeln!(x, "    <title>{}</title>", esc(&meta.title));
            let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&link));
            let _ = writeln!(x, "    <id>{}</id>", esc(&id));
            let _ = writeln!(x, "    <published>{}</published>", meta.date.rfc3339());
            let _ = writeln!(x, "    <updated>{}</updated>", meta.updated.unwrap_or(meta.date).rfc3339());
            for author in &meta.authors {
                let _ = writeln!(x, "    <author><name>{}</name></author>", esc(author));
            }
            if meta.authors.is_empty() && site.author.is_empty() {
                let _ = writeln!(x, "    <author><name>{}</name></author>", esc(&site.title));
            }
            for c in &meta.categories {
                let _ = writeln!(x, "    <category term=\"{}\" label=\"{}\"/>", esc(&c.slug), esc(&c.name));
            }
            let _ = writeln!(x, "    <summary>{}</summary>", esc(&meta.excerpt));
            if self.config.feed.full_content {
                let _ = writeln!(x, "    <content type=\"html\">{}</content>", esc(&self.html(read)?));
            }
            x.push_str("  </entry>\n");
        }
        x.push_str("</feed>\n");
        Ok(x)
    }

    /// The RSS 2.0 feed of the newest posts.
    fn rss(&self, posts: &[&ReadPost]) -> Result<String, BuildError> {
        let site = &self.index.site;
        let mut x = String::from(XML_DECLARATION);
        x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n");
        let _ = writeln!(x, "  <title>{}</title>", esc(&site.title));
        let _ = writeln!(x, "  <link>{}</link>", esc(&self.urls.absolute("/")));
        let _ = writeln!(x, "  <description>{}</description>", esc(&site.description));
        let _ = writeln!(x, "  <language>{}</language>", esc(&self.config.language));
        let _ = writeln!(x, "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>", esc(&self.urls.absolute("rss.xml")));
        x.push_str("  <generator>Folio</generator>\n");
        for &read in posts {
            let post = &read.post;
            let meta = &post.meta;
            let (link, id) = self.entry_link_and_id(&meta.slug);
            x.push_str("  <item>\n");
            let _ = writeln!(x, "    <title>{}</title>", esc(&meta.title));
            let _ = writeln!(x, "    <link>{}</link>", esc(&link));
            let permalink = self.urls.origin.is_some();
            let _ = writeln!(x, "    <guid isPermaLink=\"{permalink}\">{}</guid>", esc(&id));
            let _ = writeln!(x, "    <pubDate>{}</pubDate>", meta.date.rfc822());
            for c in &meta.categories {
                let _ = writeln!(x, "    <category>{}</category>", esc(&c.name));
            }
            let _ = writeln!(x, "    <description>{}</description>", esc(&meta.excerpt));
            if self.config.feed.full_content {
                let _ = writeln!(x, "    <content:encoded>{}</content:encoded>", esc(&self.html(read)?));
            }
            x.push_str("  </item>\n");
        }
        x.push_str("</channel>\n</rss>\n");
        Ok(x)
    }

    /// A post's link and stable id, for an Atom entry or an RSS item.
    fn entry_link_and_id(&self, slug: &str) -> (String, String) {
        let path = Route::Post { slug: slug.to_string() }.path();
        (self.urls.absolute(&path), self.id(&path))
    }

    /// A stable id: the page's URL when the site's address is known, else
    /// a URN made from its path.
    fn id(&self, path: &str) -> String {
        match self.urls.origin {
            Some(_) => self.urls.absolute(path),
            None => format!("urn:folio:{}", path.trim_start_matches('/')),
        }
    }

    /// A post's body as HTML with absolute links, for feed readers.
    fn html(&self, read: &ReadPost) -> Result<String, BuildError> {
        let post = &read.post;
        if let Some(html) = self.html.borrow().get(&post.meta.slug) {
            return Ok(html.clone());
        }
        let base = self.urls.absolute("");
        let page = self.urls.absolute(&Route::Post { slug: post.meta.slug.clone() }.path());
        let body = post.body()?;
        let code = self.highlighter.kept_or_highlighted(read.code.as_deref(), &body);
        let context = RenderContext { site_base: &base, post_dir: &post.meta.dir, page_path: &page, marks: &[], code: &code, post_links: &post.links };
        let html = render_html(&body, &context);
        self.html.borrow_mut().insert(post.meta.slug.clone(), html.clone());
        Ok(html)
    }
}

/// Every page's URL, with the last change of each post: the home page,
/// the posts (newest first), then the first page of each category and
/// tag.
fn sitemap_urls<'a>(
    index: &'a SiteIndex,
    tags: &'a [TermCount],
    posts: &'a [ReadPost],
    urls: &'a SiteUrls,
) -> impl Iterator<Item = SitemapUrl> + 'a {
    let page = |route: Route| SitemapUrl { loc: urls.absolute(&route.path()), lastmod: None };
    let posts = posts.iter().map(|p| &p.post.meta).map(|post| SitemapUrl {
        loc: urls.absolute(&Route::Post { slug: post.slug.clone() }.path()),
        lastmod: Some(post.updated.unwrap_or(post.date)),
    });
    let categories = index.categories.iter().map(move |c| page(Route::Category { slug: c.slug.clone(), page: 1 }));
    let tags = tags.iter().map(move |t| page(Route::Tag { slug: t.slug.clone(), page: 1 }));
    std::iter::once(page(Route::Home { page: 1 })).chain(posts).chain(categories).chain(tags)
}

/// One page in the sitemap.
struct SitemapUrl {
    loc: String,
    lastmod: Option<PostDate>,
}

/// The sitemap's file, which `robots.txt` names: the whole sitemap, or an
/// index of its parts.
const SITEMAP_FILE: &str = "sitemap.xml";

/// How the files a large blog's sitemap index lists are named, before
/// their number.
const SITEMAP_PART: &str = "sitemap-";

/// Whether a path at the site's root is a sitemap file: `sitemap.xml`, or
/// one of the files it may be an index of.
pub fn is_sitemap_file(path: &str) -> bool {
    let number = path.strip_prefix(SITEMAP_PART).and_then(|rest| rest.strip_suffix(".xml"));
    path == SITEMAP_FILE || number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// How much one sitemap file may list: the sitemaps.org protocol allows
/// 50,000 URLs and 50 MB, and crawlers reject a file over either.
const SITEMAP_LIMITS: (usize, usize) = (50_000, 50_000_000);

/// The sitemap files for `pages`: `sitemap.xml` alone while it keeps
/// within `(urls, bytes)`; past that (a blog of more than 50,000 posts),
/// `sitemap-1.xml`, `sitemap-2.xml`, ... each within them, and
/// `sitemap.xml` as their index, which is where `robots.txt` sends
/// crawlers either way.
fn sitemaps(
    pages: impl IntoIterator<Item = SitemapUrl>,
    urls: &SiteUrls,
    (most_urls, most_bytes): (usize, usize),
) -> Vec<(String, Vec<u8>)> {
    let urlset_start = format!("{XML_DECLARATION}<urlset xmlns=\"{SITEMAP_NS}\">\n");
    const URLSET_END: &str = "</urlset>\n";
    // Each file, with the newest change among its pages.
    let mut files: Vec<(String, Option<PostDate>)> = Vec::new();
    let mut in_file = 0;
    for page in pages {
        let line = sitemap_entry("url", &page.loc, page.lastmod);
        match files.last_mut() {
            Some((x, newest)) if in_file < most_urls && x.len() + line.len() + URLSET_END.len() <= most_bytes => {
                x.push_str(&line);
                *newest = (*newest).max(page.lastmod);
                in_file += 1;
            }
            _ => {
                files.push((format!("{urlset_start}{line}"), page.lastmod));
                in_file = 1;
            }
        }
    }
    // Each file closed in place: a part may be tens of megabytes.
    let close = |mut x: String| {
        x.push_str(URLSET_END);
        x.into_bytes()
    };
    if files.len() <= 1 {
        let x = files.pop().map_or(urlset_start, |(x, _)| x);
        return vec![(SITEMAP_FILE.to_string(), close(x))];
    }
    let mut index = format!("{XML_DECLARATION}<sitemapindex xmlns=\"{SITEMAP_NS}\">\n");
    let mut out = Vec::with_capacity(files.len() + 1);
    for (n, (x, newest)) in files.into_iter().enumerate() {
        let name = format!("{SITEMAP_PART}{}.xml", n + 1);
        index.push_str(&sitemap_entry("sitemap", &urls.absolute(&name), newest));
        out.push((name, close(x)));
    }
    index.push_str("</sitemapindex>\n");
    out.push((SITEMAP_FILE.to_string(), index.into_bytes()));
    out
}

/// The namespace of sitemaps and sitemap indexes.
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One line of a sitemap (`<url>`) or of a sitemap index (`<sitemap>`):
/// the address `loc`, and when it last changed if known.
fn sitemap_entry(tag: &str, loc: &str, lastmod: Option<PostDate>) -> String {
    let mut line = format!("  <{tag}><loc>{}</loc>", esc(loc));
    if let Some(date) = lastmod {
        let _ = write!(line, "<lastmod>{}</lastmod>", date.rfc3339());
    }
    let _ = writeln!(line, "</{tag}>");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(count: usize) -> Vec<SitemapUrl> {
        (0..count)
            .map(|n| SitemapUrl {
                loc: format!("https://example.org/post/p{n}?a&b"),
                lastmod: (n > 0).then(|| PostDate::parse(&format!("2024-01-{:02}", 28 - n % 28)).unwrap()),
            })
            .collect()
    }

    fn text(files: &[(String, Vec<u8>)], name: &str) -> String {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} is written"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    #[test]
    fn only_feeds_no_longer_made_are_removed() {
        let site = crate::build::scratch_dir("stale-feeds");
        let files = ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-notes.xml", "category/a/feed.xml", "category/b/feed.xml", "category/b/index.html", "category/c.txt"];
        for file in files {
            std::fs::create_dir_all(site.join(file).parent().unwrap()).unwrap();
            std::fs::write(site.join(file), "x").unwrap();
        }
        remove_stale(&site, |file| ["sitemap.xml", "sitemap-1.xml", "category/a/feed.xml"].contains(&file)).unwrap();
        let left: Vec<&str> = files.into_iter().filter(|file| site.join(file).exists()).collect();
        assert_eq!(left, ["sitemap.xml", "sitemap-1.xml", "sitemap-notes.xml", "category/a/feed.xml", "category/b/index.html", "category/c.txt"]);
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn a_sitemap_within_the_limits_is_one_file() {
        let urls = SiteUrls::new(Some("https://example.org".into()), "/");
        let files = sitemaps(pages(5), &urls, SITEMAP_LIMITS);
        assert_eq!(files.len(), 1);
        let x = text(&files, "sitemap.xml");
        assert!(x.contains("<urlset") && x.ends_with("</urlset>\n"), "{x}");
        assert_eq!(x.matches("<url>").count(), 5);
        assert!(x.contains("<url><loc>https://example.org/post/p0?a&amp;b</loc></url>"), "escaped, no date for a page: {x}");
        assert!(x.contains("<loc>https://example.org/post/p1?a&amp;b</loc><lastmod>2024-01-27T00:00:00Z</lastmod>"), "{x}");
        let empty = sitemaps([], &urls, SITEMAP_LIMITS);
        assert_eq!(text(&empty, "sitemap.xml").matches("<url>").count(), 0, "an empty blog still has a valid sitemap");
    }

    #[test]
    fn a_sitemap_past_either_limit_is_split_under_an_index() {
        let urls = SiteUrls::new(Some("https://example.org".into()), "/blog/");
        let all = || pages(7);
        for limits in [(3, 1 << 20), (100, 400)] {
            let files = sitemaps(all(), &urls, limits);
            let index = text(&files, "sitemap.xml");
            assert!(index.contains("<sitemapindex") && index.ends_with("</sitemapindex>\n"), "{index}");
            let parts: Vec<&String> = files.iter().map(|(name, _)| name).filter(|name| *name != "sitemap.xml").collect();
            assert!(parts.len() >= 3, "{limits:?}: {parts:?}");
            let mut listed = Vec::new();
            for (n, name) in parts.iter().enumerate() {
                assert_eq!(**name, format!("sitemap-{}.xml", n + 1));
                assert!(is_sitemap_file(name));
                assert!(index.contains(&format!("<loc>https://example.org/blog/{name}</loc>")), "{index}");
                let x = text(&files, name);
                assert!(x.starts_with("<?xml") && x.ends_with("</urlset>\n"));
                assert!(x.matches("<url>").count() <= limits.0 && x.len() <= limits.1, "{limits:?}: {x}");
                listed.extend(x.match_indices("<loc>").map(|(at, _)| x[at..].split("</loc>").next().unwrap().to_string()));
            }
            let expected: Vec<String> = all().iter().map(|p| format!("<loc>{}", esc(&p.loc))).collect();
            assert_eq!(listed, expected, "{limits:?}: every page once, in order");
        }
        // The index dates each file by its newest post.
        let index = text(&sitemaps(all(), &urls, (3, 1 << 20)), "sitemap.xml");
        assert!(index.contains("sitemap-1.xml</loc><lastmod>2024-01-27T00:00:00Z</lastmod>"), "{index}");
        assert!(!is_sitemap_file("sitemap-.xml") && !is_sitemap_file("sitemap-a.xml") && is_sitemap_file("sitemap.xml"));
    }
}
