//! Links from one post to another by its Markdown file, as Zola writes
//! them (`@/blog/other.md`) and as they work on GitHub (`../other.md`),
//! or by its file's name, as Obsidian's wikilinks do (`[[Other note]]`).
//! The files are not published, so such a link would lead nowhere: each
//! post's are found as it is read ([`file_links`]), and once every post is
//! known they are resolved to the linked post's page ([`PostFiles`]) for
//! the renderer (see [`crate::core::index::PostFile::links`]).

use crate::core::markdown::options;
use crate::core::route::{decode, Route};
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// The destinations, as written, of the links and images in `markdown`
/// that name a Markdown file (a path ending in `.md`, `.markdown` or
/// another Markdown extension, or Zola's `@/…`), and of its wikilinks,
/// without repeats.
pub fn file_links(markdown: &str) -> Vec<String> {
    // Most posts have none, and a look for the text is cheaper than a parse.
    if ![".md", ".markdown", ".mkd", "@/", "[["].iter().any(|mark| markdown.contains(mark)) {
        return Vec::new();
    }
    let mut found: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        if let Event::Start(Tag::Link { dest_url, link_type, .. } | Tag::Image { dest_url, link_type, .. }) = event {
            let wikilink = matches!(link_type, LinkType::WikiLink { .. }) && !has_scheme(&dest_url);
            if (wikilink || names_a_file(&dest_url)) && !found.iter().any(|f| **f == *dest_url) {
                found.push(dest_url.into_string());
            }
        }
    }
    found
}

/// Whether a link's destination names a Markdown file rather than a page.
fn names_a_file(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or_default().to_ascii_lowercase();
    dest.starts_with("@/") || (!has_scheme(&path) && !path.starts_with("//") && super::is_markdown(Path::new(&path)))
}

/// Whether a destination is an address with a scheme (`https:`, `mailto:`).
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| !scheme.contains(['/', '#']))
}

/// Every post's file, by its path below the posts folder (`/`-separated),
/// with the page that shows it.
pub struct PostFiles(HashMap<String, String>);

impl PostFiles {
    /// From each post's file (below the posts folder) and slug.
    pub fn new<'a>(posts: impl Iterator<Item = (PathBuf, &'a str)>) -> PostFiles {
        let page = |slug: &str| Route::Post { slug: slug.to_string() }.path().trim_start_matches('/').to_string();
        PostFiles(posts.filter_map(|(path, slug)| Some((normal(Path::new(""), &path.to_string_lossy())?, page(slug)))).collect())
    }

    /// The pages the file links of the post at `from` (below the posts
    /// folder) lead to, each by its destination without a `#fragment`,
    /// and the destinations that lead to no post.
    pub fn resolve(&self, from: &Path, links: &[String]) -> (BTreeMap<String, String>, Vec<String>) {
        let (mut pages, mut lost) = (BTreeMap::new(), Vec::new());
        for dest in links {
            let file = dest.split('#').next().unwrap_or_default();
            let decoded = decode(file, false);
            let named = || (!names_a_file(file)).then(|| self.named(from, &decoded)).flatten();
            match self.page_of(from, &decoded).or_else(named) {
                Some(page) => {
                    pages.insert(file.to_string(), page.clone());
                }
                None => lost.push(dest.clone()),
            }
        }
        (pages, lost)
    }

    /// A path from the post's folder, or for `@/…` and `/…` one from the
    /// posts folder ([`PostFiles::rooted`]), which Hugo and Jekyll may give
    /// without its extension, or as its bundle's folder.
    fn page_of(&self, from: &Path, file: &str) -> Option<&String> {
        let Some(rooted) = file.strip_prefix("@/").or_else(|| file.strip_prefix('/')) else {
            return self.0.get(&normal(from.parent().unwrap_or(Path::new("")), file)?);
        };
        let path = normal(Path::new(""), rooted)?;
        if names_a_file(&path) {
            return self.rooted(&path);
        }
        [".md", ".markdown", "/index.md"].iter().find_map(|end| self.rooted(&format!("{path}{end}")))
    }

    /// A wikilink's post: the one whose file has that name (or that path
    /// below the posts folder), without its extension and in any case, as
    /// Obsidian finds notes; where several do, the one beside `from`.
    fn named(&self, from: &Path, name: &str) -> Option<&String> {
        let name = name.trim().trim_start_matches('/').to_lowercase();
        let folder = from.parent().map(|f| f.to_string_lossy().to_lowercase()).unwrap_or_default();
        // Each post of that name, and whether it is beside `from`.
        let named: Vec<(bool, &String)> = self
            .0
            .iter()
            .filter_map(|(file, page)| {
                let stem = Path::new(&file.to_lowercase()).with_extension("").to_string_lossy().into_owned();
                let dir = stem.rsplit_once('/').map_or("", |(dir, _)| dir);
                (stem == name || stem.ends_with(&format!("/{name}"))).then_some((dir == folder, page))
            })
            .collect();
        match named.as_slice() {
            [(_, page)] => Some(page),
            _ => named.iter().find(|(beside, _)| *beside).map(|(_, page)| *page),
        }
    }

    /// A path from the posts folder, or from a folder above it (Zola's
    /// `content/`), so the longest tail of it that names a post counts;
    /// else, as Hugo allows, the one post whose path ends with it.
    fn rooted(&self, path: &str) -> Option<&String> {
        let mut tail = path;
        loop {
            if let Some(page) = self.0.get(tail) {
                return Some(page);
            }
            match tail.split_once('/') {
                Some((_, rest)) => tail = rest,
                None => break,
            }
        }
        let end = format!("/{path}");
        let mut ending = self.0.iter().filter(|(file, _)| file.ends_with(&end));
        match (ending.next(), ending.next()) {
            (Some((_, page)), None) => Some(page),
            _ => None,
        }
    }
}

/// `path` joined to the folder `base`, with `.` and `..` worked out, as
/// `/`-separated text; `None` if it climbs above the posts folder.
fn normal(base: &Path, path: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let joined = base.join(path.replace('\\', "/"));
    for component in joined.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => {}
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_to_markdown_files_only() {
        let markdown = "[a](other.md) [b](../2023/x.md#part) [c](@/blog/y.md) ![d](pic.png) [e](https://x.org/r.md) \
                        [f](/post/z) [a again](other.md) [g][ref]\n\n[ref]: notes.markdown\n\n`[h](code.md)`\n";
        assert_eq!(file_links(markdown), ["other.md", "../2023/x.md#part", "@/blog/y.md", "notes.markdown"]);
        assert_eq!(file_links("No links at all, README.md as text."), Vec::<String>::new());
    }

    #[test]
    fn resolves_relative_and_rooted_paths_to_pages() {
        let posts = [("2024/other.md", "custom-other"), ("2023/x.md", "x"), ("a b.md", "a-b"), ("2010/2010-07-21-hi.markdown", "hi"), ("trip/index.md", "trip"), ("2023/dup.md", "d1"), ("2024/dup.md", "d2")];
        let files = PostFiles::new(posts.iter().map(|(path, slug)| (PathBuf::from(path), *slug)));
        let from = Path::new("2024/links.md");
        let links: Vec<String> = ["other.md", "./other.md", "../2023/x.md#part", "@/2024/other.md", "@/blog/2023/x.md", "/2023/x.md", "../a%20b.md", "@/2010-07-21-hi", "@/posts/trip", "@/other.md", "missing.md", "../../x.md", "@/dup.md"]
            .iter().map(|s| s.to_string()).collect();
        let (pages, lost) = files.resolve(from, &links);
        let expected: BTreeMap<String, String> = [
            ("other.md", "post/custom-other"),
            ("./other.md", "post/custom-other"),
            ("../2023/x.md", "post/x"),
            ("@/2024/other.md", "post/custom-other"),
            ("@/blog/2023/x.md", "post/x"),
            ("/2023/x.md", "post/x"),
            ("../a%20b.md", "post/a-b"),
            // Jekyll's post_url and Hugo's ref: no extension, a bundle's
            // folder, or the file's name alone.
            ("@/2010-07-21-hi", "post/hi"),
            ("@/posts/trip", "post/trip"),
            ("@/other.md", "post/custom-other"),
        ]
        .iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(pages, expected);
        assert_eq!(lost, ["missing.md", "../../x.md", "@/dup.md"], "a name two posts share leads to neither");
    }

    #[test]
    fn wikilinks_lead_to_the_post_of_that_name() {
        let markdown = "See [[Other Note]], [[2023/x|the x]], [[dup#part]], [[Nowhere]] and [[https://example.org/]].\n";
        assert_eq!(file_links(markdown), ["Other Note", "2023/x", "dup#part", "Nowhere"]);
        let posts = [("2024/other note.md", "other-note"), ("2023/x.md", "x"), ("2023/dup.md", "d1"), ("2024/dup.md", "d2")];
        let files = PostFiles::new(posts.iter().map(|(path, slug)| (PathBuf::from(path), *slug)));
        let (pages, lost) = files.resolve(Path::new("2024/links.md"), &file_links(markdown));
        let expected: BTreeMap<String, String> =
            [("Other Note", "post/other-note"), ("2023/x", "post/x"), ("dup", "post/d2")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(pages, expected, "a name two posts share leads to the one beside the linking post");
        assert_eq!(lost, ["Nowhere"]);
    }
}
