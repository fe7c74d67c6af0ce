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
use crate::core::index::{SiteIndex, TermCount};
use crate::core::markdown::{render_html, RenderContext};
use crate::core::route::Route;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

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
        // The feed's own URL is encoded; its file on disk is not.
        let path = format!("{}/feed.xml", route.path().trim_start_matches('/'));
        let title = format!("{}: {}", index.site.title, category.name);
        let atom = feed.atom(&path, &title, &route, &in_category)?;
        out.push((crate::core::route::decode(&path, false), atom.into_bytes()));
    }
    if urls.origin.is_some() {
        out.push(("sitemap.xml".to_string(), sitemap(index, tags, posts, urls).into_bytes()));
    }
    let mut robots = "User-agent: *\nAllow: /\n".to_string();
    if urls.origin.is_some() {
        let _ = writeln!(robots, "Sitemap: {}", urls.absolute("sitemap.xml"));
    }
    out.push(("robots.txt".to_string(), robots.into_bytes()));
    Ok(out)
}

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
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
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
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
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

/// Every page's URL, with the last change of each post.
fn sitemap(index: &SiteIndex, tags: &[TermCount], posts: &[ReadPost], urls: &SiteUrls) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let _ = writeln!(x, "  <url><loc>{}</loc></url>", esc(&urls.absolute("/")));
    for post in posts.iter().map(|p| &p.post.meta) {
        let loc = urls.absolute(&Route::Post { slug: post.slug.clone() }.path());
        let _ = writeln!(x, "  <url><loc>{}</loc><lastmod>{}</lastmod></url>", esc(&loc), post.updated.unwrap_or(post.date).rfc3339());
    }
    for c in &index.categories {
        let _ = writeln!(x, "  <url><loc>{}</loc></url>", esc(&urls.absolute(&Route::Category { slug: c.slug.clone(), page: 1 }.path())));
    }
    for t in tags {
        let _ = writeln!(x, "  <url><loc>{}</loc></url>", esc(&urls.absolute(&Route::Tag { slug: t.slug.clone(), page: 1 }.path())));
    }
    x.push_str("</urlset>\n");
    x
}
