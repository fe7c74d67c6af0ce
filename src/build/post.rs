//! One post file → its metadata and Markdown body, or the reasons it is bad.

use super::error::{BuildError, PostError, PostErrorKind};
use super::highlight::{CodeBudget, Highlighter};
use super::{links, templates};
use super::frontmatter::{self, FileDate, FrontMatter};
use super::pages::SHELL_FILE;
use super::authors::Authors;
use super::{headers, ReadPost, POSTS_URL_DIR};
use crate::core::date::PostDate;
use crate::core::hash::Fingerprint;
use crate::core::index::{left_out, PostMeta, Term, INDEX_FILE, LISTS_DIR, POST_DATA_DIR};
use crate::core::markdown::Parsed;
use crate::core::route::ROUTE_ROOTS;
use crate::core::search::format::SEARCH_DIR;
use crate::core::slug::{slugify, split_date_prefix, term_slug};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Posts larger than this are refused: no real post is, and the browser
/// would have to download and render all of it.
pub const MAX_POST_BYTES: u64 = 8 * 1_048_576;

/// A post read from disk: its index entry and its code blocks highlighted,
/// without its Markdown body, which a large blog cannot keep in memory
/// (see [`SourcePost::body`]). The build cache keeps all but the path.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourcePost {
    /// The file, as given (for error messages).
    #[serde(skip)]
    pub path: PathBuf,
    pub meta: PostMeta,
    /// The slug the file gives, before the build told it apart from
    /// another post's (see `distinct_slugs` in the builder): the slug in
    /// `meta` may have the post's date after it.
    pub own_slug: String,
    /// Old paths below the site root that should lead to the post.
    #[serde(default, skip_serializing_if = "left_out")]
    pub aliases: Vec<String>,
    /// The picture link previews show, as the front matter gives it.
    #[serde(default, skip_serializing_if = "left_out")]
    pub image: Option<String>,
    /// The body's links to other posts' Markdown files, as written (found
    /// and resolved by the builder's `links` module).
    #[serde(default, skip_serializing_if = "left_out")]
    pub file_links: Vec<String>,
    /// Where they lead, found once every post is read: not cached, as it
    /// changes with the posts linked to.
    #[serde(skip)]
    pub links: BTreeMap<String, String>,
    /// Template shortcodes in the body that Folio shows as text.
    pub shortcodes: usize,
    /// The file's length and modification time as it was read: a later
    /// build that finds them the same need not read it (see [`Stamp`]).
    pub stamp: Option<Stamp>,
    /// Which of the file's times its date is, if it is dated by its file:
    /// the build cache's copy is good only while that time is the same.
    #[serde(default, skip_serializing_if = "left_out")]
    pub file_date: Option<FileDate>,
    /// A hash of the file's bytes, and where in them the body begins: what
    /// the build cache checks and keeps.
    pub hash: u64,
    pub body_start: usize,
}

impl SourcePost {
    /// The Markdown body (template tags read: see `build::templates`),
    /// read from the file again. Fails if the file is gone or is no longer
    /// what was read, as when it is edited during the
    /// build: what was counted and hashed must be what is written.
    pub fn body(&self) -> Result<String, BuildError> {
        let changed = || BuildError::Io {
            path: self.path.clone(),
            message: "changed while the site was being built; build again".into(),
        };
        let content = std::fs::read(&self.path).map_err(|e| BuildError::io(&self.path, e))?;
        if source_hash(&content) != self.hash {
            return Err(changed());
        }
        let body = content.get(self.body_start..).and_then(|body| std::str::from_utf8(body).ok()).ok_or_else(changed)?;
        Ok(markdown_of(&self.path, body))
    }
}

/// The hash of a post file's bytes ([`SourcePost::hash`]), made as the
/// post is read and again when its body is read back, which must agree.
fn source_hash(content: &[u8]) -> u64 {
    Fingerprint::of(content).hash
}

/// What reading one file gave.
pub enum Loaded {
    /// A post, with its body.
    Post(Box<SourcePost>, Body),
    /// A post as the build cache holds it, its file unchanged since: its
    /// body is not needed (it is read again only to write a file that is
    /// not there yet, see [`SourcePost::body`]).
    Unchanged(Box<ReadPost>),
    /// A draft, left out of the site.
    Draft,
    /// A post dated after the build, left out until a build on or after
    /// that date (see [`super::config::Config::future`]).
    Scheduled(PostDate),
}

/// A post's Markdown body as read, with what the build makes of it in
/// the same parse: the text search indexes and its code, highlighted.
pub struct Body {
    pub markdown: String,
    /// [`Parsed::search_text`].
    pub text: String,
    /// [`Highlighter::highlight_all`].
    pub code: Vec<String>,
}

impl Body {
    /// The body `markdown`, with its search text, and its code: `kept` if
    /// the build kept it for the post ([`CodeBudget`]), else highlighted.
    pub fn new(markdown: String, kept: Option<&[String]>, highlighter: &Highlighter) -> Body {
        let parsed = Parsed::new(&markdown);
        let (text, code) = Body::parts(&parsed, kept, highlighter);
        Body { markdown, text, code }
    }

    /// The search text and code of a body already `parsed`, as
    /// [`Body::new`] gives them.
    fn parts(parsed: &Parsed, kept: Option<&[String]>, highlighter: &Highlighter) -> (String, Vec<String>) {
        let code = kept.map_or_else(|| highlighter.highlight_all(&parsed.code_blocks()), <[String]>::to_vec);
        (parsed.search_text(), code)
    }
}

/// What every post is read with.
#[derive(Default)]
pub struct Reading {
    /// Highlights code blocks.
    pub highlighter: Highlighter,
    /// How much of the code highlighted as posts are read is kept.
    pub code_budget: CodeBudget,
    /// A post dated after this (a Unix time) is [`Loaded::Scheduled`];
    /// `None` publishes every date.
    pub publish_until: Option<i64>,
    /// The names of authors that posts give by key.
    pub authors: Authors,
    /// When the build cache was saved: a file last changed well before
    /// then, with the stamp the cache has for it, is taken unread.
    pub cache_saved: Option<std::time::SystemTime>,
}

/// A file's identity, length and times, which tell a rebuild that it is
/// unchanged without reading it, as git's index does. The time of its last
/// change of any kind (`ctime`) is in it, which no tool can set back as
/// it can the modification time (`cp -p`, `rsync -t`). One changed within a
/// second of the cache's saving could have changed again unseen within the
/// file system's clock tick (git's "racy" files), so it is read whatever
/// its stamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    inode: u64,
    /// Nanoseconds since 1970.
    modified: u128,
    changed: u128,
}

impl Stamp {
    fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            let changed = u128::try_from(metadata.ctime()).ok()? * 1_000_000_000 + u128::try_from(metadata.ctime_nsec()).ok()?;
            (metadata.ino(), changed)
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, modified);
        Some(Stamp { len: metadata.len(), inode, modified, changed })
    }

    /// Whether a file with this stamp is the one the cache saved at
    /// `saved` with the stamp `cached`.
    fn vouches(self, cached: Option<Stamp>, saved: Option<std::time::SystemTime>) -> bool {
        let saved = saved.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |t| t.as_nanos());
        cached == Some(self) && self.modified.max(self.changed) + 1_000_000_000 < saved
    }
}

/// Reads and checks one post, or takes `cached` (what the build cache
/// holds for its path) if its bytes are unchanged. `relative` is its path
/// below the posts root.
pub fn load(path: &Path, relative: &Path, cached: Option<ReadPost>, reading: &Reading) -> Result<Loaded, PostError> {
    let loaded = read(path, relative, cached, reading)?;
    let date = match &loaded {
        Loaded::Post(post, _) => Some(post.meta.date),
        Loaded::Unchanged(read) => Some(read.post.meta.date),
        Loaded::Draft | Loaded::Scheduled(_) => None,
    };
    Ok(match (date, reading.publish_until) {
        (Some(date), Some(now)) if date.timestamp() > now => Loaded::Scheduled(date),
        _ => loaded,
    })
}

fn read(path: &Path, relative: &Path, cached: Option<ReadPost>, reading: &Reading) -> Result<Loaded, PostError> {
    let fail = |line, kind| PostError { path: path.to_path_buf(), line, kind };
    let unreadable = |e: std::io::Error| fail(None, PostErrorKind::Read(e.to_string()));
    // Looked at first: a file the cache vouches for is not even opened.
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    let size = metadata.len();
    let stamp = Stamp::of(&metadata);
    let same_date = |post: &SourcePost| post.file_date.is_none_or(|which| file_date(&metadata, which) == Some(post.meta.date));
    let unread = |cached: &ReadPost| stamp.is_some_and(|s| s.vouches(cached.post.stamp, reading.cache_saved));
    let (cached, unread) = match cached {
        Some(cached) if unread(&cached) && same_date(&cached.post) => (None, Some(cached)),
        cached => (cached, None),
    };
    if let Some(mut unchanged) = unread {
        unchanged.post.path = path.to_path_buf();
        return Ok(Loaded::Unchanged(Box::new(unchanged)));
    }
    if size > MAX_POST_BYTES {
        return Err(fail(None, PostErrorKind::TooLarge { bytes: size }));
    }
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    // Through `take`, which sizes nothing (File's own read_to_end asks the
    // file system for the size again), and which stops a file that grew
    // since at one byte past the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, MAX_POST_BYTES + 1), &mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        return Err(fail(None, PostErrorKind::TooLarge { bytes: bytes.len() as u64 }));
    }
    let content = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        fail(Some(line), PostErrorKind::NotUtf8)
    })?;
    if content.contains('\0') {
        return Err(fail(None, PostErrorKind::NotUtf8));
    }
    let hash = source_hash(content.as_bytes());
    if let Some(mut unchanged) = cached.filter(|read| read.post.hash == hash && same_date(&read.post)) {
        unchanged.post.path = path.to_path_buf();
        unchanged.post.stamp = stamp;
        return Ok(Loaded::Unchanged(Box::new(unchanged)));
    }
    // A file named by its date needs no front matter: a note's title is
    // its heading, or its file's name.
    let split = match frontmatter::split(&content) {
        Err((_, PostErrorKind::NoFrontMatter)) if name_parts(relative).0.is_some() => frontmatter::Split::bare(&content),
        split => split.map_err(|(line, kind)| fail(line, kind))?,
    };
    let fm = frontmatter::parse(&split).map_err(|(line, kind)| fail(line, kind))?;
    if fm.draft {
        return Ok(Loaded::Draft);
    }
    let aliases = aliases_of(&fm).map_err(|kind| fail(fm.aliases_line, kind))?;
    // A post with no `title` that opens with a heading, as notes do, is
    // titled by it, and the heading is not shown twice.
    let (fm, source) = match fm.title.is_none().then(|| heading_title(split.body)).flatten() {
        Some((title, rest)) => (FrontMatter { title: Some(title), ..fm }, rest),
        None => (fm, split.body),
    };
    let body = markdown_of(path, source);
    let image = fm.image.clone();
    let dated_by_file = fm.file_date;
    let fm = FrontMatter { date: fm.date.or_else(|| dated_by_file.and_then(|which| file_date(&metadata, which))), ..fm };
    // Parsed once, for everything taken from the body.
    let parsed = Parsed::new(&body);
    let meta = meta_of(fm, &parsed, relative, &reading.authors).map_err(|kind| fail(Some(1), kind))?;
    let shortcodes = parsed.shortcodes();
    let (text, code) = Body::parts(&parsed, None, &reading.highlighter);
    Ok(Loaded::Post(Box::new(SourcePost {
        path: path.to_path_buf(),
        own_slug: meta.slug.clone(),
        meta,
        aliases,
        image,
        file_links: links::file_links(&body),
        links: BTreeMap::new(),
        shortcodes,
        stamp,
        file_date: dated_by_file,
        hash,
        body_start: content.len() - source.len(),
    }), Body { markdown: body, text, code }))
}

/// The date of a post dated by its file (see [`FileDate`]); a file system
/// that keeps no creation time gives the last change's.
fn file_date(metadata: &std::fs::Metadata, which: FileDate) -> Option<PostDate> {
    let time = match which {
        FileDate::Created => metadata.created().or_else(|_| metadata.modified()),
        FileDate::Modified => metadata.modified(),
    };
    let secs = match time.ok()?.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    };
    PostDate::from_timestamp(secs).ok()
}

/// The Markdown of the post at `path`, from the `body` after its front
/// matter: MDX's own lines taken out ([`templates::strip_mdx`]) and the
/// template tags read for what they stand for ([`templates::expand`]).
fn markdown_of(path: &Path, body: &str) -> String {
    let body = match super::has_extension(path, &["mdx"]) {
        true => std::borrow::Cow::Owned(templates::strip_mdx(body)),
        false => std::borrow::Cow::Borrowed(body),
    };
    // Hexo keeps a post's own files in a folder named after it.
    let assets = path.file_stem().map(|stem| format!("{}/", stem.to_string_lossy())).unwrap_or_default();
    templates::expand(&body, &assets).into_owned()
}

/// The text of the `# Heading` a post's body opens with, and the body
/// after it.
fn heading_title(body: &str) -> Option<(String, &str)> {
    let start = body.len() - body.trim_start_matches(['\n', '\r', ' ']).len();
    let line = body[start..].split_inclusive('\n').next()?;
    let text = line.trim().strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| (text.to_string(), &body[start + line.len()..]))
}

/// A title made from a file's name, as Jekyll makes one for a post that
/// has none: `a-day-in-lisbon` is "A Day In Lisbon".
fn titled(name: &str) -> String {
    let words = name.split(['-', '_', ' ']).filter(|w| !w.is_empty());
    let word = |w: &str| w.chars().next().map(|c| c.to_uppercase().chain(w.chars().skip(1)).collect::<String>()).unwrap_or_default();
    words.map(word).collect::<Vec<_>>().join(" ")
}

/// The index entry for a post, from its front matter, body and place.
fn meta_of(fm: FrontMatter, body: &Parsed, relative: &Path, authors: &Authors) -> Result<PostMeta, PostErrorKind> {
    let (stem_date, stem_rest) = name_parts(relative);
    let title = fm.title.unwrap_or_else(|| titled(&stem_rest));
    let date = fm.date.or(stem_date).ok_or(PostErrorKind::MissingDate)?;
    let from_path = fm.path.as_deref().and_then(last_path_part);
    let slug = slugify(fm.slug.as_deref().or(from_path).unwrap_or(&stem_rest));
    let slug = if slug.is_empty() && fm.slug.is_none() { slugify(&title) } else { slug };
    if slug.is_empty() {
        return Err(PostErrorKind::EmptySlug);
    }
    // One term per slug: `Rust` and `rust` are one term, and count once.
    let terms = |names: Vec<String>| {
        let mut seen = std::collections::HashSet::new();
        names.into_iter().filter_map(|name| {
            let slug = term_slug(&name);
            (!slug.is_empty() && seen.insert(slug.clone())).then_some(Term { slug, name })
        }).collect()
    };
    let excerpt = match fm.summary {
        Some(summary) => summary.split_whitespace().collect::<Vec<_>>().join(" "),
        None => body.excerpt(fm.excerpt_separator.as_deref()),
    };
    Ok(PostMeta {
        dir: format!("{POSTS_URL_DIR}{}", folder_of(relative)),
        slug,
        title,
        date,
        updated: fm.updated,
        authors: fm.authors.into_iter().map(|author| authors.name(author)).collect(),
        categories: terms(fm.categories),
        tags: terms(fm.tags),
        excerpt,
        reading_minutes: body.length().minutes(),
    })
}

/// The last part of a Jekyll `permalink` or Zola `path` (`/2024/hello/` →
/// `hello`, `hello.html` → `hello`), unless it is a pattern such as
/// `/:year/:title/`, which names no one post.
fn last_path_part(path: &str) -> Option<&str> {
    let last = path.trim_end_matches('/').rsplit('/').next()?.trim_end_matches(".html");
    (!last.is_empty() && !path.contains(':')).then_some(last)
}

/// A post's old addresses: its aliases, and the address that a post moved
/// from Jekyll, Zola or Hugo had (`permalink`, `path`, `url`), so links to
/// it from elsewhere keep working. An alias where one of the blog's own
/// pages or files goes is refused: its redirect would replace that page.
fn aliases_of(fm: &FrontMatter) -> Result<Vec<String>, PostErrorKind> {
    let mut aliases = Vec::new();
    for alias in &fm.aliases {
        let Some(path) = alias_path(alias) else { continue };
        if is_taken(&path) {
            return Err(PostErrorKind::AliasTaken { alias: alias.clone() });
        }
        aliases.push(path);
    }
    // A pattern (`/:year/:title/`) names no one address; Folio's own needs no alias.
    let moved = fm.path.as_deref().filter(|p| !p.contains([':', '{'])).and_then(alias_path);
    if let Some(path) = moved.filter(|p| !is_taken(p) && !aliases.contains(p)) {
        aliases.push(path);
    }
    Ok(aliases)
}

/// Files the builder writes at the site's root, beside the pages.
const ROOT_FILES: &[&str] =
    &["index.html", "404.html", SHELL_FILE, INDEX_FILE, headers::FILE, "feed.xml", "rss.xml", "robots.txt"];

/// Whether `path` (as [`alias_path`] gives it) is where one of the blog's
/// own pages, data folders or files goes.
pub(super) fn is_taken(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or(path);
    let folders = [POSTS_URL_DIR, POST_DATA_DIR, LISTS_DIR, SEARCH_DIR].map(|dir| dir.split('/').next().unwrap_or(dir));
    ROUTE_ROOTS.contains(&first) || folders.contains(&first) || ROOT_FILES.contains(&path) || super::feeds::is_sitemap_file(path)
}

/// An alias as a clean path below the site root, or `None` if it is not a
/// plain path (a full URL, one that climbs out with `..`, or one with a
/// backslash or control character, which no file name should get).
pub(super) fn alias_path(alias: &str) -> Option<String> {
    let path = alias.trim().trim_start_matches('/').trim_end_matches('/');
    let plain = !path.is_empty()
        && !path.contains("://")
        && !path.contains(|c: char| c == '\\' || c.is_control())
        && !path.split('/').any(|part| part == ".." || part.is_empty());
    plain.then(|| path.to_string())
}

/// A post's file's name (see [`file_stem`]) in its two parts: the date
/// it opens with, if that is a real date (`2024-03-05-name.md`), and the
/// rest, which the slug comes from and Jekyll's `:title` is.
pub(super) fn name_parts(relative: &Path) -> (Option<PostDate>, String) {
    let stem = file_stem(relative);
    match split_date_prefix(&stem) {
        Some((date, rest)) => (PostDate::parse(date).ok(), rest.to_string()),
        None => (None, stem),
    }
}

/// The name a post's slug comes from: the file stem, or the folder's name
/// for a post kept as `some-post/index.md` beside its images.
fn file_stem(relative: &Path) -> String {
    let stem = relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem == "index" {
        if let Some(parent) = relative.parent().and_then(Path::file_name) {
            return parent.to_string_lossy().into_owned();
        }
    }
    stem
}

fn folder_of(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(fm: &str, relative: &str) -> Result<PostMeta, PostErrorKind> {
        let split = frontmatter::split(fm).unwrap();
        meta_of(frontmatter::parse(&split).unwrap(), &Parsed::new(split.body), Path::new(relative), &Authors::default())
    }

    #[test]
    fn a_heading_the_body_opens_with_is_the_title_if_there_is_none() {
        assert_eq!(heading_title("\n# My note #\n\nText.\n"), Some(("My note".to_string(), "\nText.\n")));
        for body in ["## Section\nText", "Text\n# Late heading\n", "#hashtag\n", "# \n"] {
            assert_eq!(heading_title(body), None, "{body}");
        }
    }

    #[test]
    fn slug_and_date_come_from_the_file_name() {
        let post = meta("---\ntitle: Hi\n---\nBody text here.", "2024/2024-03-05-hello-world.md").unwrap();
        assert_eq!(post.slug, "hello-world");
        assert_eq!(post.date.to_string(), "2024-03-05");
        assert_eq!(post.dir, "posts/2024/");
        assert_eq!(post.excerpt, "Body text here.");
    }

    #[test]
    fn eleventys_last_modified_dates_a_post_by_its_file() {
        let dir = crate::build::scratch_dir("file-date");
        let reading = Reading::default();
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_623_053_350); // 2021-06-07T08:09:10Z
        for date in ["Last Modified", "git Last Modified"] {
            let path = dir.join("2024-03-05-notes.md");
            std::fs::write(&path, format!("---\ntitle: Notes\ndate: {date}\n---\nText.\n")).unwrap();
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(when).unwrap();
            let Ok(Loaded::Post(post, _)) = load(&path, Path::new("2024-03-05-notes.md"), None, &reading) else {
                panic!("{date}: not read as a post")
            };
            assert_eq!(post.meta.date.rfc3339(), "2021-06-07T08:09:10Z", "{date}");
            // The build cache's copy does not outlive a change of the time.
            let cached = ReadPost { post: *post, head: Default::default(), doc: Fingerprint::of(b""), listed: Fingerprint::of(b""), counted_as: 0, code: None };
            let later = when + std::time::Duration::from_secs(86_400);
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
            let Ok(Loaded::Post(post, _)) = load(&path, Path::new("2024-03-05-notes.md"), Some(cached), &reading) else {
                panic!("{date}: a new time is a change")
            };
            assert_eq!(post.meta.date.rfc3339(), "2021-06-08T08:09:10Z", "{date}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_named_by_its_date_needs_no_front_matter() {
        let dir = crate::build::scratch_dir("bare");
        let reading = Reading::default();
        let read = |name: &str, text: &str| {
            std::fs::write(dir.join(name), text).unwrap();
            load(&dir.join(name), Path::new(name), None, &reading)
        };
        let Ok(Loaded::Post(post, body)) = read("2024-03-05-cafe-notes.md", "\u{feff}# Café notes\n\nText.\n") else { panic!("a dated note is a post") };
        assert_eq!((post.meta.title.as_str(), post.meta.slug.as_str()), ("Café notes", "cafe-notes"));
        assert_eq!((post.meta.date.to_string(), body.markdown.trim()), ("2024-03-05".to_string(), "Text."));
        let Ok(Loaded::Post(post, _)) = read("2024-03-06-untitled-thoughts.md", "Just text.\n") else { panic!() };
        assert_eq!(post.meta.title, "Untitled Thoughts");
        let Err(error) = read("notes.md", "Just text.\n") else { panic!("an undated file without front matter is not") };
        assert!(error.to_string().contains("no front matter"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stamp_vouches_for_a_file_only_well_before_the_cache_was_saved() {
        let stamp = Stamp { len: 10, inode: 7, modified: 5_000_000_000, changed: 6_000_000_000 };
        let at = |secs: u64| Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert!(stamp.vouches(Some(stamp), at(8)));
        assert!(!stamp.vouches(Some(stamp), at(7)), "changed within a second of the saving");
        assert!(!stamp.vouches(None, at(8)));
        assert!(!stamp.vouches(Some(Stamp { len: 11, ..stamp }), at(8)));
        assert!(!stamp.vouches(Some(Stamp { changed: 5_500_000_000, ..stamp }), at(8)), "touched since");
        assert!(!stamp.vouches(Some(stamp), None));
    }

    #[test]
    fn front_matter_wins_over_the_file_name() {
        let post = meta("---\ntitle: Hi\ndate: 2020-01-01\nslug: My Custom Slug\nsummary: Given.\n---\nBody", "2024-03-05-x.md").unwrap();
        assert_eq!(post.slug, "my-custom-slug");
        assert_eq!(post.date.to_string(), "2020-01-01");
        assert_eq!(post.excerpt, "Given.");
    }

    fn aliases(fm: &str) -> (Result<Vec<String>, PostErrorKind>, Option<usize>) {
        let front = frontmatter::parse(&frontmatter::split(fm).unwrap()).unwrap();
        (aliases_of(&front), front.aliases_line)
    }

    #[test]
    fn a_moved_post_keeps_its_old_address() {
        let kept = |fm: &str| aliases(fm).0.unwrap();
        assert_eq!(kept("---\ntitle: x\npermalink: /2018/03/old.html\n---\n"), ["2018/03/old.html"]);
        assert_eq!(kept("+++\ntitle = 'x'\nurl = '/blog/old/'\naliases = ['/a/']\n+++\n"), ["a", "blog/old"]);
        assert!(kept("---\ntitle: x\npermalink: /:year/:title/\n---\n").is_empty(), "a pattern is no address");
        assert!(kept("---\ntitle: x\npermalink: /post/x/\n---\n").is_empty(), "Folio's own address needs no alias");
    }

    #[test]
    fn an_alias_cannot_take_the_blogs_own_addresses() {
        for taken in ["/index.html", "/post/other/", "category/rust", "/search", "/data/posts/x.json", "feed.xml", "sitemap.xml", "/sitemap-3.xml"] {
            let (result, line) = aliases(&format!("---\ntitle: x\ndate: 2020-01-01\naliases: ['{taken}']\n---\n"));
            assert_eq!(result, Err(PostErrorKind::AliasTaken { alias: taken.into() }), "{taken}");
            assert_eq!(line, Some(4));
        }
        assert_eq!(aliases("---\ntitle: x\nredirect_from: [/posts-old/x/, /postscript]\n---\n").0.unwrap(), ["posts-old/x", "postscript"]);
        let odd = aliases("---\ntitle: x\naliases: ['a/../../x', 'https://x.org/a', \"b\\0c\", 'd\\\\e', '/ok/']\n---\n");
        assert_eq!(odd.0.unwrap(), ["ok"], "not plain paths: left out");
    }

    #[test]
    fn folder_posts_take_the_folder_name() {
        let post = meta("---\ntitle: Hi\ndate: 2020-01-01\n---\n", "trip-report/index.md").unwrap();
        assert_eq!(post.slug, "trip-report");
        assert_eq!(post.dir, "posts/trip-report/");
    }

    #[test]
    fn missing_pieces_are_errors() {
        // With no title, Jekyll's: the file's name.
        assert_eq!(meta("---\ndate: 2020-01-01\n---\n", "2020-01-01-a-day_in-lisbon.md").unwrap().title, "A Day In Lisbon");
        assert_eq!(meta("---\ntitle: x\n---\n", "a.md").unwrap_err(), PostErrorKind::MissingDate);
        assert_eq!(meta("---\ntitle: x\ndate: 2020-01-01\nslug: '!!'\n---\n", "a.md").unwrap_err(), PostErrorKind::EmptySlug);
        // A name with no usable letters falls back to the title.
        assert_eq!(meta("---\ntitle: Good Title\ndate: 2020-01-01\n---\n", "---.md").unwrap().slug, "good-title");
    }

    #[test]
    fn a_body_is_read_again_only_if_the_file_is_unchanged() {
        let dir = crate::build::scratch_dir("body");
        let path = dir.join("2024-01-02-a.md");
        std::fs::write(&path, "---\ntitle: A\n---\nThe body.\n").unwrap();
        let Ok(Loaded::Post(post, body)) = load(&path, Path::new("2024-01-02-a.md"), None, &Reading::default())
        else {
            panic!("a post")
        };
        assert_eq!((body.markdown.as_str(), post.body().unwrap().as_str()), ("The body.\n", "The body.\n"));
        std::fs::write(&path, "---\ntitle: A\n---\nEdited.\n").unwrap();
        let error = post.body().unwrap_err().to_string();
        assert!(error.contains("2024-01-02-a.md") && error.contains("build again"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn terms_get_slugs() {
        let post = meta("---\ntitle: x\ndate: 2020-01-01\ncategories: [Open Source]\ntags: [C++, '!!', C, C#, c]\n---\n", "a.md").unwrap();
        assert_eq!(post.categories, [Term { slug: "open-source".into(), name: "Open Source".into() }]);
        let tags: Vec<(&str, &str)> = post.tags.iter().map(|t| (t.slug.as_str(), t.name.as_str())).collect();
        assert_eq!(tags, [("c-plus-plus", "C++"), ("c", "C"), ("c-sharp", "C#")], "C and c are one tag");
    }
}
