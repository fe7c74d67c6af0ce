//! A real HTML page for every URL: each post, every page of the home list
//! and of each category, tag, year and month archive, the search page and
//! `404.html`, plus a page at each old address (`aliases`) that sends
//! readers on.
//!
//! Each page is the app's own `index.html` (as trunk built it, with its
//! hashed script and style names) carrying that page's title, description,
//! canonical URL, OpenGraph and Twitter tags, and its content rendered by
//! the same Rust code as the app. Readers without JavaScript, search
//! engines and link previews get the page; deep links work on any static
//! host; and the content paints before the app loads. The app then takes
//! over (see `app::settle`).

use super::config::Config;
use super::css_rules::{Present, Stylesheet};
use super::error::BuildError;
use crate::core::escape::escape;
use crate::core::markdown::sanitize::decode_text;
use super::made_pages::MadePages;
use super::{output, parallel_runs, parallel_try_map};
use super::urls::SiteUrls;
use crate::core::date::{month_name, PostDate};
use crate::core::index::{archive_years, ListChunk, MonthCount, PostFile, PostMeta, SiteIndex, TagsFile, Term, INDEX_FILE};
use crate::core::listing::{self, paginate, Chunks, Listing};
use crate::core::markdown::{render, RenderContext};
use crate::core::route::{decode, Route};
use crate::core::hash::{fnv1a, FNV_START};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::path::Path;

/// What a page tells browsers, crawlers and link previews about itself.
struct Head {
    title: String,
    description: String,
    /// The page's path below the site root (`/post/x`).
    path: String,
    /// `article` for posts, `website` for the rest.
    kind: &'static str,
    published: Option<PostDate>,
    /// A feed for this page besides the site's (a category's own).
    feed: Option<(String, String)>,
    /// The data files the app shows this page from (a post file, or a list
    /// page and, for a tag's, the tags file), below the site root.
    data: Vec<String>,
    /// The picture link previews show: a URL, or a path below the server's
    /// root (`/blog/images/a.png`).
    image: Option<String>,
}

/// The app's page as trunk built it, kept beside the pages made from it:
/// `index.html` becomes the home page, and a later run (or another site
/// made from a copy of this one) needs the bare app.
pub const SHELL_FILE: &str = "app-shell.html";

/// The old addresses of the posts that have any (`aliases` in their front
/// matter), by slug: written by `folio build` so that `folio pages` need
/// not read every post file to find them.
pub const ALIASES_FILE: &str = "data/aliases.json";

/// The folders below the site root that hold pages (the routes' first
/// parts): what `reuse` takes from an earlier output, and where pages no
/// longer made are removed.
pub const PAGE_DIRS: [&str; 6] = ["post/", "page/", "category/", "tag/", "archive/", "search/"];

/// What [`write_pages`] did.
#[derive(Debug)]
pub struct PagesReport {
    /// Every page of the site.
    pub pages: usize,
    /// Those made afresh; the others were there, made from the same sources.
    pub made: usize,
    /// Of those, the ones whose own content was there, made from the same
    /// sources, and only put in the new frame (see [`Pages::frame_ends`]).
    pub reframed: usize,
}

/// Writes every page into `site`, which holds trunk's `index.html` (or,
/// from an earlier run, [`SHELL_FILE`]) and the builder's files, first
/// taking the page folders of an earlier output `reuse` (trunk's `dist`)
/// so that pages made from unchanged sources are not made again.
pub fn write_pages(site: &Path, config: &Config, urls: &SiteUrls, reuse: Option<&Path>) -> Result<PagesReport, BuildError> {
    let template_path = site.join(SHELL_FILE);
    if !template_path.exists() {
        let built = site.join("index.html");
        let shell = std::fs::read_to_string(&built).map_err(|e| BuildError::io(&built, e))?;
        let shell = super::worker::name_in_shell(site, shell)?;
        std::fs::write(&template_path, shell).map_err(|e| BuildError::io(&template_path, e))?;
    }
    let template = std::fs::read_to_string(&template_path).map_err(|e| BuildError::io(&template_path, e))?;
    let template = super::styles::inline_stylesheets(&template, site, &urls.base_path)?;
    let index_path = site.join(INDEX_FILE);
    let index: SiteIndex = read_json(&index_path)?;
    let shell = Shell::new(&template, &config.language).ok_or_else(|| BuildError::Io {
        path: template_path.clone(),
        message: "has no <head> and <body> to put the pages' content in; keep them in index.html".into(),
    })?;
    let posts = all_posts(site, &index)?;
    let tags: TagsFile = read_json(&site.join(decode(&index.tags_file(), false)))?;
    let tags = tags.tags.as_slice();
    let aliases: HashMap<String, Vec<String>> = read_json(&site.join(ALIASES_FILE))?;
    let pages = Pages::new(&index, urls, &shell);
    // The list of pages the last run left is taken out of its site before
    // any page moves, and trusted only if every page came over (a page or
    // folder left behind may be one the list names).
    let made_before = MadePages::take(reuse.unwrap_or(site));
    let left = reuse.map(|earlier| output::reuse(earlier, site, &PAGE_DIRS)).unwrap_or_default();
    let made_before = made_before.filter(|_| left.iter().all(|path| !is_page(path) && path.is_file()));
    // Pages taken from an earlier site into this one are in a folder no
    // reader sees yet (trunk's staging folder), where a page may be
    // changed in place; a site reused as itself may be being served.
    let staged = reuse.is_some_and(|earlier| !output::same_folder(earlier, site));
    if reuse.is_some() {
        // A category gone since brings its feed along with its folder.
        let feeds: HashSet<String> = index.categories.iter().map(|c| super::feeds::category_feed_file(&c.slug)).collect();
        super::feeds::remove_stale(site, |file| super::feeds::is_sitemap_file(file) || feeds.contains(file))?;
    }
    // The pages there before any is written: those the last run's list
    // names or, without one, those the page folders hold. A page not
    // among them is made without looking for it (on a first run, every
    // page: a large blog has hundreds of thousands).
    let present = match &made_before {
        Some(made_before) => output::Present::known(site, &PAGE_DIRS, made_before.files(site)),
        None => output::Present::list(site, &PAGE_DIRS, is_page),
    };
    let (made, reframed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    // The frame's end, and the last run's if it was another.
    let frame_end = FrameEnd::new(&pages.frame.1);
    let old_frame_end = made_before.as_ref().map(|made| made.frame_end()).filter(|old| *old != pages.frame.1).map(FrameEnd::new);
    // Written with `output::write_atomic`, or, for a page made under a
    // key, which need not be read to compare, with `output::write_new`
    // if none was there, else `output::write_replacing` (or, to put it in
    // a new frame in a staging folder, `output::replace_end`).
    let made_with = |writer: fn(&Path, &[u8]) -> Result<(), BuildError>| {
        let made = &made;
        move |file: &str, html: Vec<u8>| {
            writer(&site.join(file), &html)?;
            made.fetch_add(1, Ordering::Relaxed);
            Ok::<(), BuildError>(())
        }
    };
    let (write, write_new, write_replacing) =
        (made_with(output::write_atomic), made_with(output::write_new), made_with(output::write_replacing));
    // A page whose sources are unchanged is left as it is, unread. Its
    // sources are the site-wide ones (`Pages::sources`), the end of the
    // frame, and `source`, the data file named for its content that it is
    // made from. A page whose only change is the frame's end (a new post
    // changes the sidebar of every page) keeps its content, read back.
    let keyed = |file: String, source: &str, make: &dyn Fn() -> Result<String, BuildError>| {
        let content = pages.key_of(source);
        let (path, in_dirs, mark) = (site.join(&file), in_page_dirs(&file), mark(frame_end.framed(content)));
        let there = !in_dirs || present.has(&path);
        let found = match &made_before {
            _ if !there => Found::Other,
            Some(made_before) if in_dirs => match (made_before.key(&file) == Some(content), old_frame_end) {
                (true, None) => Found::Same,
                (true, Some(old)) => Found::InFrame(old),
                (false, _) => Found::Other,
            },
            _ if has_mark(&path, &mark) => Found::Same,
            _ => Found::Other,
        };
        let make_marked = || {
            let mut page = make()?.into_bytes();
            page.extend_from_slice(mark.as_bytes());
            Ok::<Vec<u8>, BuildError>(page)
        };
        match found {
            Found::Same => {}
            Found::InFrame(old) => {
                let (old_end, new_end) = pages.frame_ends(old, content, &mark);
                let swapped = if staged {
                    let swapped = output::replace_end(&path, old_end.as_bytes(), new_end.as_bytes())?;
                    made.fetch_add(usize::from(swapped), Ordering::Relaxed);
                    swapped
                } else {
                    match std::fs::read(&path).ok().and_then(|page| swap_end(page, &old_end, &new_end)) {
                        Some(page) => write_replacing(&file, page).map(|()| true)?,
                        None => false,
                    }
                };
                if swapped {
                    reframed.fetch_add(1, Ordering::Relaxed);
                } else {
                    write_replacing(&file, make_marked()?)?;
                }
            }
            Found::Other if there => write_replacing(&file, make_marked()?)?,
            Found::Other => write_new(&file, make_marked()?)?,
        }
        Ok::<Page, BuildError>((file, Some(content)))
    };
    // Made and written on every core: a big blog has a page per post.
    let post_pages = parallel_runs(&posts, |_, run| {
        let mut written = Vec::new();
        for meta in run {
            let route = Route::Post { slug: meta.slug.clone() };
            let data = index.post_file(&meta.slug);
            let make = || Ok(pages.post(&read_json::<PostFile>(&site.join(decode(&data, false)))?));
            written.push(keyed(page_file(&route), &data, &make)?);
            // Aliases can be anywhere, outside the folders reused, so
            // their pages are always written (they are few and small).
            for alias in aliases.get(&meta.slug).into_iter().flatten() {
                let file_name = if alias.ends_with(".html") { alias.clone() } else { format!("{alias}/index.html") };
                write(&file_name, pages.redirect(&route).into_bytes())?;
                written.push((file_name, None));
            }
        }
        Ok::<Vec<Page>, BuildError>(written)
    });
    let listings = Listing::all_of(&index, tags);
    let lists = Listing::group(&posts, |p| p);
    let list_pages = parallel_runs(&listings, |_, run| {
        let mut written = Vec::new();
        for listing in run {
            let posts: &[&PostMeta] = lists.get(listing).map_or(&[], Vec::as_slice);
            // The list's chunks hold its posts, and its length says where
            // a page is in them and how many pages there are; the heading
            // and an archive's months come from the index (a tag's name
            // and an older year's months are not in the frame), the same
            // for each of the list's pages.
            let heading = listing.heading(&index, tags).flatten();
            let months = listing.year_months(&index.months);
            let chunks = Chunks::new(posts.len(), index.site.posts_per_page);
            let mut number = 1;
            while let Some(page) = paginate(posts, number, index.site.posts_per_page) {
                let route = Route::of_listing(listing, number);
                let in_chunks = chunks.of_page(number).expect("the chunks have the list's pages");
                let data: Vec<String> = in_chunks.chunks().map(|chunk| index.list_file(listing, chunk)).collect();
                let mut source = format!("{}\n{}\n{}", data.join("\n"), posts.len(), heading.as_deref().unwrap_or_default());
                for m in months {
                    let _ = write!(source, "\n{} {}", m.month, m.count);
                }
                let make = || Ok(pages.listing(listing, heading.as_deref(), months, &route, &page, &data));
                written.push(keyed(page_file(&route), &source, &make)?);
                number += 1;
            }
        }
        Ok::<Vec<Page>, BuildError>(written)
    });
    let mut written: Vec<Page> = Vec::with_capacity(posts.len());
    for run in post_pages.into_iter().chain(list_pages) {
        written.extend(run?);
    }
    for (file, html) in [("search/index.html", pages.search()), ("404.html", pages.not_found())] {
        write(file, html.into_bytes())?;
        written.push((file.into(), None));
    }
    // Pages of posts and lists that are gone, from an output reused.
    let files: output::Files = written.iter().map(|(file, _)| site.join(file).into_os_string()).collect();
    present.remove_unwritten(&files);
    let in_dirs = written.iter().filter(|(file, _)| in_page_dirs(file)).map(|(file, key)| (file.as_str(), *key));
    MadePages::write(site, &pages.frame.1, in_dirs)?;
    Ok(PagesReport { pages: files.len(), made: made.into_inner(), reframed: reframed.into_inner() })
}

/// A page written: its path below the site root, and the key its content
/// was made under, if it is made only when its sources change.
type Page = (String, Option<u64>);

/// What a page about to be made was found to be, from the last run's list
/// of pages or its mark.
enum Found<'a> {
    /// Made from the same sources: left as it is.
    Same,
    /// Made from the same sources but in another frame.
    InFrame(FrameEnd<'a>),
    /// Not there, or made from other sources.
    Other,
}

/// Whether a file is a page: what the page folders hold of ours.
fn is_page(path: &Path) -> bool {
    path.ends_with("index.html")
}

/// Whether a page's file (below the site root) is in the page folders,
/// which an earlier run's pages are taken from and removed from when no
/// longer made.
fn in_page_dirs(file: &str) -> bool {
    PAGE_DIRS.iter().any(|dir| file.starts_with(dir)) && is_page(Path::new(file))
}

/// The end of the frame pages are made in (the sidebar and footer, see
/// [`Pages::frame`]), with its hash, taken once: every page's mark
/// carries it, and a large blog's sidebar is kilobytes long.
#[derive(Clone, Copy)]
struct FrameEnd<'a> {
    html: &'a str,
    key: u64,
}

impl<'a> FrameEnd<'a> {
    fn new(html: &'a str) -> FrameEnd<'a> {
        FrameEnd { html, key: fnv1a(FNV_START, html.as_bytes()) }
    }

    /// The key of a page whose content has the key `content`, in this
    /// frame: what its [`mark`] carries.
    fn framed(self, content: u64) -> u64 {
        fnv1a(content, &self.key.to_le_bytes())
    }
}

/// `page` with its end `old` swapped for `new`; `None` if it does not end
/// so (it was changed since, or cut short).
fn swap_end(mut page: Vec<u8>, old: &str, new: &str) -> Option<Vec<u8>> {
    page.ends_with(old.as_bytes()).then_some(())?;
    page.truncate(page.len() - old.len());
    page.extend_from_slice(new.as_bytes());
    Some(page)
}

/// The mark at the end of a page made under `key`, which a later run
/// reads to know it need not make it again.
fn mark(key: u64) -> String {
    format!("<!-- folio {key:016x} -->\n")
}

/// Whether the page at `path` ends with `mark` (see [`mark`]): it was
/// made from the same sources by this same `folio`.
fn has_mark(path: &Path, mark: &str) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut end = vec![0; mark.len()];
    std::fs::File::open(path)
        .and_then(|mut file| {
            file.seek(SeekFrom::End(-(mark.len() as i64)))?;
            file.read_exact(&mut end)
        })
        .is_ok_and(|()| end == mark.as_bytes())
}

/// Every post's metadata, newest first, from the chunks of the list of all
/// posts (read on every core: a large blog has thousands).
fn all_posts(site: &Path, index: &SiteIndex) -> Result<Vec<PostMeta>, BuildError> {
    let chunks: Vec<_> = Chunks::new(index.posts, index.site.posts_per_page).all().collect();
    let chunks = parallel_try_map(&chunks, |(chunk, posts)| {
        let path = site.join(decode(&index.list_file(&Listing::All, *chunk), false));
        let read = read_json::<ListChunk>(&path)?;
        match read.posts.len() == posts.len() {
            true => Ok(read.posts),
            false => Err(BuildError::Io {
                path,
                message: format!("holds {} posts where the index counts {}; run `folio build` into this folder again", read.posts.len(), posts.len()),
            }),
        }
    })?;
    Ok(chunks.into_iter().flatten().collect())
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BuildError> {
    let bytes = std::fs::read(path).map_err(|e| BuildError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| BuildError::Io {
        path: path.into(),
        message: format!("cannot be read ({e}); run `folio build` into this folder first"),
    })
}

/// The file a route's page is written to: `post/x/index.html`.
fn page_file(route: &Route) -> String {
    let path = decode(&route.path(), false);
    let dir = path.trim_matches('/');
    if dir.is_empty() { "index.html".into() } else { format!("{dir}/index.html") }
}

/// trunk's `index.html`, cut where a page's head tags and content go.
struct Shell {
    /// Up to `</head>`, with the template's own `<title>` taken out.
    head: String,
    /// The same, cut at its `<style>`s, whose rules each page gets its
    /// share of.
    head_parts: Vec<HeadPart>,
    /// From `</head>` to just inside `<body …>`.
    body_open: String,
    /// The rest.
    tail: String,
}

impl Shell {
    fn new(template: &str, language: &str) -> Option<Shell> {
        let template = template.replacen("<html lang=\"en\"", &format!("<html lang=\"{}\"", escape(language)), 1);
        let head_end = template.find("</head>")?;
        let body_start = head_end + template[head_end..].find("<body")?;
        let body_open_end = body_start + template[body_start..].find('>')? + 1;
        let mut head = template[..head_end].to_string();
        if let (Some(a), Some(b)) = (head.find("<title>"), head.find("</title>")) {
            // The template's own title gives way to the page's.
            head.replace_range(a..b + "</title>".len(), "");
        }
        // First in the head, so it covers every script after it.
        let policy = format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />", super::csp::policy(&template));
        let first = after_tag(&head, "<meta charset").or_else(|| after_tag(&head, "<head"))?;
        head.insert_str(first, &policy);
        Some(Shell {
            head_parts: HeadPart::cut(&head),
            head,
            body_open: template[head_end..body_open_end].to_string(),
            tail: template[body_open_end..].to_string(),
        })
    }
}

/// A part of the shell's head.
enum HeadPart {
    /// Markup every page has as it is.
    Html(String),
    /// A `<style>`'s rules, of which each page has those that can apply
    /// to it.
    Style(Stylesheet),
}

impl HeadPart {
    fn cut(mut head: &str) -> Vec<HeadPart> {
        let mut parts = Vec::new();
        while let Some((before, rest)) = head.split_once("<style>") {
            let Some((css, after)) = rest.split_once("</style>") else { break };
            parts.push(HeadPart::Html(before.to_string()));
            parts.push(HeadPart::Style(Stylesheet::parse(css)));
            head = after;
        }
        parts.push(HeadPart::Html(head.to_string()));
        parts
    }
}

/// Where the first tag starting with `start` in `html` ends.
fn after_tag(html: &str, start: &str) -> Option<usize> {
    let at = html.find(start)?;
    Some(at + html[at..].find('>')? + 1)
}

struct Pages<'a> {
    index: &'a SiteIndex,
    urls: &'a SiteUrls,
    shell: &'a Shell,
    /// The site's frame (see [`Pages::frame`]) before and after a page's
    /// own content: the same on every page, so made once.
    frame: (String, String),
    /// A hash of everything every page's content is made from: this
    /// `folio`, the shell, the frame's start, the names the frame has for
    /// the stylesheets, the site's details and addresses. The frame's end
    /// is left out: a page made in another is given this one (see
    /// [`Pages::frame_ends`]).
    sources: u64,
    /// Per `<style>` of the shell's head, the names its selectors need
    /// that the shell and the frame have: those of every page.
    present: Vec<Present>,
}

impl<'a> Pages<'a> {
    fn new(index: &'a SiteIndex, urls: &'a SiteUrls, shell: &'a Shell) -> Pages<'a> {
        let mut pages = Pages { index, urls, shell, frame: Default::default(), sources: 0, present: Vec::new() };
        pages.frame = pages.frame();
        let everywhere = shell.head_parts.iter().filter_map(|part| match part {
            HeadPart::Html(html) => Some(html.as_str()),
            HeadPart::Style(_) => None,
        });
        let everywhere: Vec<&str> = everywhere.chain([shell.body_open.as_str(), &shell.tail, &pages.frame.0, &pages.frame.1]).collect();
        pages.present = pages.stylesheets().map(|sheet| {
            let mut present = Present::default();
            everywhere.iter().for_each(|html| sheet.add_present(&mut present, html));
            present
        }).collect();
        let site = serde_json::to_string(&index.site).expect("site details serialize");
        let origin = urls.origin.as_deref().unwrap_or_default();
        let sources = [super::builder_id().as_str(), &shell.head, &shell.body_open, &shell.tail]
            .into_iter()
            .chain([pages.frame.0.as_str(), &site, origin, &urls.base_path])
            .fold(FNV_START, |hash, part| fnv1a(fnv1a(hash, part.as_bytes()), &[0]));
        pages.sources = pages.present.iter().fold(sources, |hash, present| present.hashed(hash));
        pages
    }

    /// The key of a page's content made from the site-wide sources and
    /// `source` (the page's own data file, named for its content).
    fn key_of(&self, source: &str) -> u64 {
        fnv1a(self.sources, source.as_bytes())
    }

    /// How a page whose content has the key `content` ends when it was
    /// made in the frame whose end is `old`, and how it ends in this one,
    /// under `mark`: everything after its content, so a page is put in
    /// this frame by swapping one for the other, with nothing searched for.
    fn frame_ends(&self, old: FrameEnd, content: u64, mark: &str) -> (String, String) {
        let tail = &self.shell.tail;
        (format!("{}</div>{tail}{}", old.html, self::mark(old.framed(content))), format!("{}</div>{tail}{mark}", self.frame.1))
    }

    /// A whole page: the shell with `head`'s tags and `main` inside the
    /// site's frame.
    fn page(&self, head: &Head, main: &str) -> String {
        let site = &self.index.site;
        let full_title = if head.title == site.title { site.title.clone() } else { format!("{} · {}", head.title, site.title) };
        let url = self.urls.absolute(&head.path);
        let mut h = String::new();
        let _ = write!(h, "<title>{}</title>\n    ", escape(&full_title));
        if !head.description.is_empty() {
            let _ = write!(h, "<meta name=\"description\" content=\"{}\" />\n    ", escape(&head.description));
        }
        let _ = write!(h, "<link rel=\"canonical\" href=\"{}\" />\n    ", escape(&url));
        let _ = write!(h, "<meta property=\"og:type\" content=\"{}\" />\n    ", head.kind);
        let _ = write!(h, "<meta property=\"og:title\" content=\"{}\" />\n    ", escape(&head.title));
        let _ = write!(h, "<meta property=\"og:url\" content=\"{}\" />\n    ", escape(&url));
        let _ = write!(h, "<meta property=\"og:site_name\" content=\"{}\" />\n    ", escape(&site.title));
        if !head.description.is_empty() {
            let _ = write!(h, "<meta property=\"og:description\" content=\"{}\" />\n    ", escape(&head.description));
        }
        if let Some(date) = head.published {
            let _ = write!(h, "<meta property=\"article:published_time\" content=\"{}\" />\n    ", date.rfc3339());
        }
        match &head.image {
            Some(image) => {
                // Link previews are made away from the site: the address must be whole.
                let image = if image.starts_with('/') && !image.starts_with("//") {
                    format!("{}{image}", self.urls.origin.as_deref().unwrap_or(""))
                } else {
                    image.clone()
                };
                let _ = write!(h, "<meta property=\"og:image\" content=\"{}\" />\n    ", escape(&image));
                let _ = write!(h, "<meta name=\"twitter:card\" content=\"summary_large_image\" />\n    ");
            }
            None => {
                let _ = write!(h, "<meta name=\"twitter:card\" content=\"summary\" />\n    ");
            }
        }
        if let Some((title, href)) = &head.feed {
            let _ = write!(h, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\" />\n    ", escape(title), escape(href));
        }
        // The app's first fetches, the index and the page's data: the
        // loader (Trunk.toml) preloads them as it starts the app, beside
        // its wasm. Preloaded with the page, they held up its first paint.
        for file in std::iter::once(INDEX_FILE).chain(head.data.iter().map(String::as_str)) {
            let _ = write!(h, "<meta name=\"folio-data\" content=\"{}\" />\n    ", escape(&self.urls.path(file)));
        }
        let (before, after) = &self.frame;
        let rest = format!("{h}{}\n<div id=\"prerender\">{before}{main}{after}</div>{}", self.shell.body_open, self.shell.tail);
        let mut page = String::with_capacity(rest.len() + 8 * 1024);
        let mut present = self.present.iter();
        for part in &self.shell.head_parts {
            match part {
                HeadPart::Html(html) => page.push_str(html),
                HeadPart::Style(sheet) => {
                    let mut present = present.next().expect("one per stylesheet").clone();
                    sheet.add_present(&mut present, &h);
                    sheet.add_present(&mut present, main);
                    page.push_str("<style>");
                    page.push_str(&sheet.for_page(&present));
                    page.push_str("</style>");
                }
            }
        }
        page.push_str(&rest);
        page
    }

    /// The stylesheets in the shell's head, in order.
    fn stylesheets(&self) -> impl Iterator<Item = &Stylesheet> {
        self.shell.head_parts.iter().filter_map(|part| match part {
            HeadPart::Style(sheet) => Some(sheet),
            HeadPart::Html(_) => None,
        })
    }

    /// The site's header, sidebar and footer, to go before and after a
    /// page's content, in the app's markup (`app::components::layout`
    /// and `sidebar`), so its styles apply and nothing moves when the app
    /// takes over. The theme button works once the app is in; the search
    /// form goes to the search page, and what a reader types in it before
    /// the app is in is carried over (`app::settle`).
    fn frame(&self) -> (String, String) {
        let site = &self.index.site;
        let mut f = String::new();
        let _ = write!(
            f,
            "<header class=\"site-header\"><div class=\"wrap\"><a class=\"site-title\" href=\"{}\">{}</a><p class=\"site-description\">{}</p>\
             <button type=\"button\" class=\"theme-toggle\">Theme: </button></div></header>",
            escape(&self.urls.page(&Route::Home { page: 1 })),
            escape(&site.title),
            escape(&site.description)
        );
        f.push_str("<div class=\"wrap columns\"><main>");
        let before = std::mem::take(&mut f);
        f.push_str("</main><aside class=\"sidebar\" aria-label=\"Sidebar\">");
        let _ = write!(
            f,
            "<form class=\"widget search\" role=\"search\" action=\"{}\"><label for=\"prerendered-search\">Search</label>\
             <input id=\"prerendered-search\" name=\"q\" type=\"search\" placeholder=\"Search posts…\" autocomplete=\"off\" />\
             <p class=\"hint\">Press <kbd>/</kbd> to search, <kbd>↓</kbd> <kbd>↑</kbd> to pick, <kbd>Enter</kbd> to open.</p></form>",
            escape(&self.urls.page(&Route::Search { query: String::new() }))
        );
        f.push_str("<section class=\"widget recent\"><h2>Recent posts</h2><ul>");
        for post in &self.index.recent {
            let href = self.urls.page(&Route::Post { slug: post.slug.clone() });
            let _ = write!(f, "<li><a href=\"{}\">{}</a></li>", escape(&href), escape(&post.title));
        }
        f.push_str("</ul></section>");
        // As in the app: the newest year's months under it, each older
        // year a link to its archive, which lists its months.
        f.push_str("<section class=\"widget archives\"><h2>Archives</h2><ul>");
        for (i, year) in archive_years(&self.index.months).iter().enumerate() {
            let href = self.urls.page(&Route::Year { year: year.year, page: 1 });
            f.push_str("<li>");
            counted_link(&mut f, &href, &year.year.to_string(), year.count, false);
            if i == 0 {
                f.push_str("<ul>");
                self.month_links(&mut f, year.months, None);
                f.push_str("</ul>");
            }
            f.push_str("</li>");
        }
        f.push_str("</ul></section>");
        // As in the app: a blog with tags alone has no categories to list.
        if !self.index.categories.is_empty() {
            f.push_str("<section class=\"widget categories\"><h2>Categories</h2><ul>");
            for c in &self.index.categories {
                let href = self.urls.page(&Route::Category { slug: c.slug.clone(), page: 1 });
                f.push_str("<li>");
                counted_link(&mut f, &href, &c.name, c.count, false);
                f.push_str("</li>");
            }
            f.push_str("</ul></section>");
        }
        f.push_str("</aside></div>");
        let publisher = if site.author.is_empty() { "Published with Folio.".to_string() } else { format!("© {}. Published with Folio.", site.author) };
        let _ = write!(f, "<footer class=\"site-footer\"><div class=\"wrap\">{}</div></footer>", escape(&publisher));
        (before, f)
    }

    /// A list item linking to each of `months` with its count, as the app
    /// shows them (`Sidebar`, `ListingPage`); the link to the month
    /// `shown` is marked as the page's own.
    fn month_links(&self, f: &mut String, months: &[MonthCount], shown: Option<&Listing>) {
        for m in months {
            let href = self.urls.page(&Route::Month { year: m.year, month: m.month, page: 1 });
            f.push_str("<li>");
            counted_link(f, &href, month_name(m.month), m.count, shown == Some(&Listing::Month(m.year, m.month)));
            f.push_str("</li>");
        }
    }

    fn post(&self, file: &PostFile) -> String {
        let meta = &file.meta;
        let route = Route::Post { slug: meta.slug.clone() };
        let page_path = self.urls.page(&route);
        let context = RenderContext { site_base: &self.urls.base_path, post_dir: &meta.dir, page_path: &page_path, marks: &[], code: &file.code, post_links: &file.links };
        let rendered = render(&file.markdown, &context);
        let mut m = String::from("<article class=\"post\"><header class=\"post-header\">");
        let _ = write!(m, "<h1>{}</h1>{}", escape(&meta.title), byline(meta, true));
        m.push_str(&self.terms(&meta.categories, false));
        let _ = write!(
            m,
            "</header><div class=\"post-content\" data-post=\"{}\">{}</div><footer class=\"post-footer\">{}",
            escape(&meta.slug),
            rendered.content_html(&page_path),
            self.terms(&meta.tags, true)
        );
        m.push_str("<nav class=\"post-nav\" aria-label=\"More posts\">");
        for (link, rel, label, class) in [(&file.newer, "next", "Newer post", "newer"), (&file.older, "prev", "Older post", "older")] {
            let _ = write!(m, "<div class=\"{class}\">");
            if let Some(l) = link {
                let href = self.urls.page(&Route::Post { slug: l.slug.clone() });
                let _ = write!(m, "<a href=\"{}\" rel=\"{rel}\"><span class=\"nav-label\">{label}</span><span class=\"nav-title\">{}</span></a>", escape(&href), escape(&l.title));
            }
            m.push_str("</div>");
        }
        m.push_str("</nav></footer></article>");
        let head = Head {
            title: meta.title.clone(),
            description: meta.excerpt.clone(),
            path: route.path(),
            kind: "article",
            published: Some(meta.date),
            feed: None,
            data: vec![self.index.post_file(&meta.slug)],
            image: file.image.as_deref().and_then(|image| context.resolve(image)).or_else(|| first_image(&rendered.html)),
        };
        self.page(&head, &m)
    }

    /// Page `page` of `listing`'s list, under its `heading`, with the
    /// `months` of its year if it is a year's or a month's archive; the
    /// app reads it from the list's chunks named `data`.
    fn listing(&self, listing: &Listing, heading: Option<&str>, months: &[MonthCount], route: &Route, page: &listing::Page<&PostMeta>, data: &[String]) -> String {
        let site = &self.index.site;
        let (posts, number, total) = (&page.items, page.number, page.total_pages);
        let mut m = String::from("<section class=\"listing\">");
        if let Some(h) = heading {
            let _ = write!(m, "<h1 class=\"listing-title\">{}</h1>", escape(h));
        }
        if !months.is_empty() {
            m.push_str("<nav class=\"archive-months\" aria-label=\"Months\"><ul>");
            self.month_links(&mut m, months, Some(listing));
            m.push_str("</ul></nav>");
        }
        m.push_str("<ol class=\"post-list\">");
        for meta in posts {
            let href = self.urls.page(&Route::Post { slug: meta.slug.clone() });
            let _ = write!(m, "<li><article class=\"post-card\"><h2><a href=\"{}\">{}</a></h2>{}", escape(&href), escape(&meta.title), byline(meta, false));
            m.push_str(&self.terms(&meta.categories, false));
            let _ = write!(
                m,
                "<p class=\"excerpt\">{}</p><a href=\"{}\" class=\"read-more\">Read more<span class=\"visually-hidden\"> of {}</span> →</a></article></li>",
                escape(&meta.excerpt),
                escape(&href),
                escape(&meta.title)
            );
        }
        m.push_str("</ol>");
        if total > 1 {
            m.push_str("<nav class=\"pager\" aria-label=\"Pages\"><span class=\"newer\">");
            if number > 1 {
                let _ = write!(m, "<a href=\"{}\" rel=\"prev\">← Newer posts</a>", escape(&self.urls.page(&Route::of_listing(listing, number - 1))));
            }
            let _ = write!(m, "</span><span class=\"page-count\">Page {number} of {total}</span><span class=\"older\">");
            if number < total {
                let _ = write!(m, "<a href=\"{}\" rel=\"next\">Older posts →</a>", escape(&self.urls.page(&Route::of_listing(listing, number + 1))));
            }
            m.push_str("</span></nav>");
        }
        m.push_str("</section>");
        let feed = match listing {
            Listing::Category(slug) => heading.map(|h| (format!("{}: {h}", site.title), self.urls.path(&super::feeds::category_feed_url(slug)))),
            _ => None,
        };
        let head = Head {
            title: Listing::page_title(heading, number, &site.title),
            description: site.description.clone(),
            path: route.path(),
            kind: "website",
            published: None,
            feed,
            data: data.iter().cloned().chain(matches!(listing, Listing::Tag(_)).then(|| self.index.tags_file())).collect(),
            image: None,
        };
        self.page(&head, &m)
    }

    fn search(&self) -> String {
        self.notice("search-results", "Search", "/search", "<p class=\"summary\">Searching needs JavaScript. Browse the <a href=\"{home}\">newest posts</a> or the archives instead.</p>")
    }

    fn not_found(&self) -> String {
        let text = "<p>There is no page at this address. It may have moved, or the link may be mistyped.</p><p><a href=\"{home}\">Go to the home page</a></p>";
        // The app must decide what an unknown address shows: the shell's
        // own content would flash the wrong page first.
        self.notice("not-found", "Page not found", "/404.html", text).replacen("<div id=\"prerender\">", "<div id=\"prerender\" data-not-found>", 1)
    }

    /// A page of a heading and a few lines of `text` (HTML, where `{home}`
    /// stands for the home page's path).
    fn notice(&self, class: &str, title: &str, path: &str, text: &str) -> String {
        let home = escape(&self.urls.page(&Route::Home { page: 1 }));
        let main = format!("<section class=\"{class}\"><h1>{title}</h1>{}</section>", text.replace("{home}", &home));
        let head = Head { title: title.into(), description: String::new(), path: path.into(), kind: "website", published: None, feed: None, data: Vec::new(), image: None };
        self.page(&head, &main)
    }

    /// A page at an old address that sends the reader to `to`.
    fn redirect(&self, to: &Route) -> String {
        let href = escape(&self.urls.page(to));
        let canonical = escape(&self.urls.absolute(&to.path()));
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>Moved</title><link rel=\"canonical\" href=\"{canonical}\" /><meta http-equiv=\"refresh\" content=\"0; url={href}\" /></head><body><p>This post has moved to <a href=\"{href}\">{href}</a>.</p></body></html>\n"
        )
    }

    fn terms(&self, terms: &[Term], tags: bool) -> String {
        if terms.is_empty() {
            return String::new();
        }
        let (class, label) = if tags { ("terms tags", "Tags:") } else { ("terms categories", "Categories:") };
        let mut t = format!("<div class=\"{class}\"><span class=\"terms-label\">{label}</span><ul>");
        for term in terms {
            let route = if tags { Route::Tag { slug: term.slug.clone(), page: 1 } } else { Route::Category { slug: term.slug.clone(), page: 1 } };
            let _ = write!(t, "<li><a href=\"{}\">{}</a></li>", escape(&self.urls.page(&route)), escape(&term.name));
        }
        t.push_str("</ul></div>");
        t
    }
}

/// A link to `href` named `name`, with its number of posts, as the
/// sidebar and the archive pages list categories, years and months (the
/// app's `CountedLink`); `current` marks the page's own.
fn counted_link(f: &mut String, href: &str, name: &str, count: usize, current: bool) {
    let current = if current { " aria-current=\"page\"" } else { "" };
    let _ = write!(f, "<a href=\"{}\"{current}>{}</a> <span class=\"count\">({count})</span>", escape(href), escape(name));
}

/// The address of the first image in a post's HTML, as the renderer wrote
/// it (`<img src="…"`, attribute values escaped), for link previews.
fn first_image(html: &str) -> Option<String> {
    let tag = &html[crate::core::markdown::image_tags(html).next()?..];
    let tag = &tag[..tag.find('>')?];
    let value = &tag[tag.find(" src=\"")? + 6..];
    let value = &value[..value.find('"')?];
    (!value.is_empty()).then(|| decode_text(value))
}

/// When a post was published and how long it takes to read, as the app's
/// byline shows it.
fn byline(meta: &PostMeta, with_authors: bool) -> String {
    let mut b = format!("<p class=\"byline\"><time datetime=\"{}\">{}</time>", meta.date, meta.date.long_form());
    if let Some(updated) = meta.updated.filter(|u| *u > meta.date) {
        let _ = write!(b, " · updated <time datetime=\"{updated}\">{}</time>", updated.long_form());
    }
    if with_authors && !meta.authors.is_empty() {
        let _ = write!(b, " · by {}", escape(&meta.authors.join(", ")));
    }
    let _ = write!(b, " · {} min read</p>", meta.reading_minutes);
    b
}
