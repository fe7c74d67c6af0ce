//! The index builder: reads `public/posts`, checks every post, and writes
//! the site index, one file per post and the blog's static assets.
//!
//! All posts are read and checked before anything is written; when any is
//! bad the build reports every problem and writes nothing, so the previous
//! output stays as it was.

mod authors;
mod cache;
pub mod config;
mod csp;
mod css_rules;
mod data;
pub mod error;
pub mod feeds;
pub mod frontmatter;
mod headers;
mod json;
pub mod highlight;
mod links;
mod made_pages;
mod templates;
pub mod output;
pub mod pages;
pub mod permalink;
pub mod post;
mod postings;
pub mod search;
mod styles;
pub mod urls;
mod worker;

use crate::core::fast::FastMap;
use crate::core::hash::{Fingerprint, Fingerprinter};
use crate::core::index::{
    FileVersions, MonthCount, PostLink, PostMeta, SiteIndex, SiteInfo, Term, TermCount, FORMAT_VERSION, INDEX_FILE,
    LISTS_DIR, POST_DATA_DIR,
};
use crate::core::markdown::search_text;
use crate::core::search::format::SEARCH_DIR;
use error::{BuildError, PostError, PostErrorKind};
use post::{Body, Loaded, Reading, SourcePost};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The folder below the site root where the posts' own files (images kept
/// beside a post) are published.
pub const POSTS_URL_DIR: &str = "posts/";


/// Where to read from and write to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Markdown posts (subfolders allowed).
    pub posts_dir: PathBuf,
    /// Static files published as they are (`public/`); the posts folder
    /// inside it is handled apart.
    pub public_dir: Option<PathBuf>,
    /// `folio.toml`.
    pub config: PathBuf,
    pub out_dir: PathBuf,
    /// Build the good posts even when some are bad, listing the bad ones.
    pub keep_going: bool,
    /// The path the site is served under (`/` or `/blog/`; trunk's
    /// `--public-url`), for the links in feeds.
    pub base_path: String,
    /// The build cache file (see the `cache` module); none reads every
    /// post afresh.
    pub cache: Option<PathBuf>,
    /// An earlier build's output, whose files named by their contents are
    /// taken into `out_dir` (see [`output::reuse`]). trunk gives its hooks
    /// an empty staging folder on every build; this is its `dist`.
    pub reuse: Option<PathBuf>,
}

/// What a successful build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub posts: usize,
    pub drafts: usize,
    /// Posts dated after the build, left out (see [`config::Config::future`]).
    pub scheduled: usize,
    /// Zola/Hugo section pages (`_index.md`) passed over: they describe a
    /// folder of posts, not a post.
    pub sections: usize,
    pub assets: usize,
    /// Bad posts skipped under `keep_going`.
    pub skipped: Vec<PostError>,
    /// Things the author should know that did not stop the build.
    pub warnings: Vec<String>,
}

/// Builds the site. See the module docs for what is guaranteed on failure.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let config = config::load(&options.config)?;
    let urls = urls::SiteUrls::new(config.base_url.clone(), &options.base_path);
    let authors = authors::Authors::load(&options.posts_dir)?;
    // What the cache holds for a post was read with these authors' names.
    // A large blog's cache is read while its posts folder is listed.
    let cache_id = format!("{}-{:016x}", builder_id(), authors.fingerprint);
    let loading = options.cache.clone().map(|file| std::thread::spawn(move || cache::Cache::load(&file, cache_id)));
    let mut found = scan(&options.posts_dir, None, ("posts folder", "--posts"))?;
    found.take_html_posts();
    let mut report = BuildReport::default();
    report.warnings.extend(urls.mismatch().map(|why| format!("{}: {why}", options.config.display())));
    if config.base_url.is_none() {
        report.warnings.push(format!(
            "{}: no base_url, so feeds link to pages by path and there is no sitemap.xml; \
             set base_url = \"https://your.site\" to give them full addresses",
            options.config.display()
        ));
    }
    let mut errors = found.errors;
    report.warnings.extend(found.warnings);
    let (sections, markdown): (Vec<&PathBuf>, Vec<&PathBuf>) = found.markdown.iter().partition(|p| is_section_page(p));
    report.sections = sections.len();
    let cache = loading.map(|loading| loading.join().expect("reading the cache does not panic")).unwrap_or_default();
    let reading = Reading {
        highlighter: highlight::Highlighter::default(),
        code_budget: highlight::CodeBudget::default(),
        publish_until: (!config.future).then(now),
        authors,
        cache_saved: cache.saved(),
    };
    let cache = std::sync::Mutex::new(cache);
    let Read { posts: read, counter, counted, fresh, changed } = read_posts(&markdown, &options.posts_dir, &cache, &reading);
    let mut cache = cache.into_inner().expect("no reader panicked");
    // The earlier build's output: what this one is checked against and
    // takes files from.
    let (out, earlier_out) = (&options.out_dir, options.reuse.as_deref().unwrap_or(&options.out_dir));
    // What it left, listed while the index is made, as it will be named
    // once moved into `out`: checked against, and what this build does
    // not write removed once the new index is in.
    let listing = {
        let (listed, out) = (earlier_out.to_owned(), out.to_owned());
        std::thread::spawn(move || left_in(&listed, &out))
    };
    // Collected in place, into the memory the outcomes took (Rust reuses
    // it): a second list of a large blog's posts beside them took 0.1 GB.
    let mut posts: Vec<ReadPost> = read.into_iter().zip(&markdown).filter_map(|(result, path)| {
        match result {
            Ok(Outcome::Post(post)) => return Some(post),
            Ok(Outcome::Draft) => report.drafts += 1,
            Ok(Outcome::Scheduled(date)) => {
                report.scheduled += 1;
                report.warnings.push(format!(
                    "{}: dated {date}, after this build, so it is left out until a build on or after that date; \
                     set future = true in folio.toml to publish posts dated ahead",
                    path.display()
                ));
            }
            Err(e) => errors.push(e),
        }
        None
    }).collect();
    report.warnings.extend(distinct_slugs(&mut posts, &reading).map_err(|e| BuildError::Posts(vec![e]))?);
    if !errors.is_empty() {
        if !options.keep_going {
            return Err(BuildError::Posts(errors));
        }
        report.skipped = errors;
    }
    for post in posts.iter().map(|p| &p.post).filter(|p| p.shortcodes > 0) {
        report.warnings.push(format!(
            "{}: {} Liquid/Tera/Hugo shortcode(s) left as text; Folio does not run templates, \
             so replace them with Markdown or HTML",
            post.path.display(),
            post.shortcodes
        ));
    }
    let (mut posts, counter, changed_words) = in_order(posts, counter, counted, fresh);
    report.warnings.extend(resolve_file_links(&mut posts, &options.posts_dir));
    let (index, tags) = site_index(&posts, config.site.clone());
    // A large blog's cache takes longer to write than a few posts take to
    // read: while few posts differ from it, it is left as it is, and they
    // are read again next time (its entries for them are not used).
    let changed = changed + cache.leftovers();
    let save = options.cache.as_deref().filter(|_| changed > 0 && (posts.len() < 1000 || changed > posts.len() / 1000));
    // The search index keeps the shards the cache's build made, where
    // they are still there and their words are unchanged.
    let earlier_search = earlier_out.join(SEARCH_DIR);
    let earlier = search::Earlier { made: cache.take_shards(), changed: changed_words, root: &earlier_search };
    let (data, search) = std::thread::scope(|scope| {
        // The post and list files are fingerprinted while the search index
        // is made: most of its work after an edit is on one core.
        let (cache, posts, counter) = (&cache, &posts, &counter);
        let data = scope.spawn(|| data::DataFiles::new(&index, &tags, posts, &reading.highlighter));
        // Every post read is good, so the cache can be saved now, whatever
        // happens to the output (unchanged posts leave it as it is), while
        // the search index is made from the same counts; its shards are
        // saved last.
        let (made, shards) = std::sync::mpsc::channel();
        let saving = save.map(|file| {
            scope.spawn(move || cache.save(file, posts, counter, &options.posts_dir, || shards.recv().ok()))
        });
        let docs: Vec<Fingerprint> = posts.iter().rev().map(|p| p.doc).collect();
        let mut search = search::build(counter, &docs, Some(&earlier));
        // No one listens if the cache is not saved.
        let _ = made.send(std::mem::take(&mut search.made));
        let search = match saving.map(|saving| saving.join().expect("saving the cache does not panic")) {
            Some(Err(e)) => Err(e),
            _ => Ok(search),
        };
        (data.join().expect("making the data files does not panic"), search)
    });
    let search = search?;
    drop((cache, counter, earlier));
    let index = SiteIndex { search: format!("{SEARCH_DIR}{}", search.manifest), versions: data.versions(), ..index };
    report.posts = index.posts;

    // Assets first, then post files, then the index that points at them.
    let earlier = data::Earlier::read(earlier_out);
    let moved_whole = options.reuse.as_ref().is_none_or(|earlier| {
        output::reuse(earlier, out, &[POST_DATA_DIR, LISTS_DIR, SEARCH_DIR]).is_empty()
    });
    if let Some(public) = &options.public_dir {
        // The posts folder, if inside public/, was handled above.
        let files = scan(public, Some(&options.posts_dir), ("public folder", "--public"))?;
        report.warnings.extend(files.warnings);
        for asset in &files.assets {
            output::copy_atomic(asset, &out.join(asset.strip_prefix(public).unwrap_or(asset)))?;
            report.assets += 1;
        }
    }
    for asset in &found.assets {
        let relative = asset.strip_prefix(&options.posts_dir).unwrap_or(asset);
        output::copy_atomic(asset, &out.join(POSTS_URL_DIR).join(relative))?;
        report.assets += 1;
    }
    let (present, present_search) = match listing.join().expect("listing files does not panic") {
        listed if moved_whole => listed,
        // Some files stayed where they were: `out` is listed as it is.
        _ => left_in(out, out),
    };
    // Paths are URLs the app fetches; on disk they are decoded.
    let (written, written_search) = std::thread::scope(|scope| {
        // The feeds are made on one core while the post and search files,
        // most of them only looked up, are checked on the other.
        let feeds = scope.spawn(|| -> Result<(), BuildError> {
            let mut made = HashSet::new();
            for (path, bytes) in feeds::files(&index, &tags, &posts, &config, &urls, &reading.highlighter)? {
                output::write_atomic(&out.join(&path), &bytes)?;
                made.insert(path);
            }
            // An output built into before may hold feeds no longer made.
            feeds::remove_stale(out, |path| made.contains(path))
        });
        let written = data.write(out, &index.versions, earlier.as_ref().map(|e| &e.data), &present);
        // Post ids count from the oldest post.
        let written_search = search.write(out, earlier.as_ref().and_then(|e| e.docs.as_ref()), &present_search, |id| {
            let post = &posts[posts.len() - 1 - id as usize].post;
            Ok(search::doc_json(&post.meta, &search_text(&post.body()?)))
        });
        feeds.join().expect("making the feeds does not panic")?;
        Ok::<_, BuildError>((written?, written_search?))
    })?;
    output::write_atomic(&out.join(headers::FILE), headers::text(&urls).as_bytes())?;
    let aliases = alias_map(&posts, &config.old_permalinks, &options.posts_dir, &mut report.warnings);
    output::write_atomic(&out.join(pages::ALIASES_FILE), &to_json(&aliases))?;
    output::write_atomic(&out.join(INDEX_FILE), &to_json(&index))?;
    std::thread::scope(|scope| {
        scope.spawn(|| present_search.remove_unwritten(&written_search));
        present.remove_unwritten(&written);
    });
    // At 100,000 posts these take 0.17 s to free, which `folio` need not
    // wait for: it exits as soon as the build returns.
    drop(data);
    free_later((posts, index, tags, search, present, present_search, written, written_search));
    Ok(report)
}

/// The post files, list chunks and search files an earlier build left in
/// `listed`, named as they will be in the output `out`.
fn left_in(listed: &Path, out: &Path) -> (output::Present, output::Present) {
    (data::present(listed, out), search::SearchFiles::present(listed, out))
}

/// A fresh, empty folder for a unit test, named for it and this process.
#[cfg(test)]
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder can be made");
    dir
}

/// Frees `value` on a thread of its own: for what a large blog's build
/// holds until its end, so that the process can exit without freeing it.
fn free_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// This `folio` binary: its size and modification time, with the format
/// version. What an earlier build made is trusted only if this same
/// binary made it (the build cache, the pages), so a change in the code
/// can never be hidden by an old result.
fn builder_id() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let stamp = exe
        .ok()
        .map(|m| {
            let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{}-{}", m.len(), modified.map_or(0, |d| d.as_nanos()))
        })
        .unwrap_or_default();
    format!("{}-{}-{stamp}", env!("CARGO_PKG_VERSION"), FORMAT_VERSION)
}

/// The time of the build, as a Unix time.
fn now() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| d.as_secs() as i64)
}

fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("index types always serialize")
}

/// How many of the newest posts the sidebar lists.
pub const RECENT_POSTS: usize = 5;

/// A post as the build keeps it once read: without its body, which a large
/// blog's memory cannot hold, but with the fingerprints of the files made
/// from it, so the body is read again only to write a file not yet there.
/// The build cache keeps it as it is.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ReadPost {
    /// What reading its file gave.
    pub post: SourcePost,
    /// Its post file's head (`data::post_head`), which its links follow.
    pub head: Fingerprinter,
    /// Its search doc ([`search::doc_json`]).
    pub doc: Fingerprint,
    /// Its metadata as list chunks hold it (`data::listed`).
    pub listed: Fingerprint,
    /// The id its words are counted under: any distinct id while posts
    /// are read, its search id once they are sorted ([`in_order`]).
    counted_as: u32,
    /// Its code blocks as highlighted when it was read, for its post file,
    /// if [`Reading::code_budget`] had room; never cached.
    #[serde(skip)]
    code: Option<Vec<String>>,
}

impl ReadPost {
    /// A post just read, with its body, fingerprinted.
    fn new(post: SourcePost, body: Body, counted_as: u32, reading: &Reading) -> ReadPost {
        let mut read = ReadPost { post, head: Fingerprinter::default(), doc: Fingerprint::of(b""), listed: Fingerprint::of(b""), counted_as, code: None };
        read.fingerprint(body, reading);
        read
    }

    /// Fingerprints the files made from the post's `body`: its post
    /// file's head, its search doc and its metadata as lists hold it.
    /// Keeps its highlighted code if the budget allows.
    fn fingerprint(&mut self, body: Body, reading: &Reading) {
        self.head = Fingerprinter::default().then(&data::post_head(&self.post, &body.markdown, &body.code));
        self.doc = Fingerprint::of(&search::doc_json(&self.post.meta, &body.text));
        self.listed = data::listed(&self.post.meta);
        if self.code.is_none() {
            self.code = reading.code_budget.keep(body.code);
        }
    }
}

/// What reading one file gave: a post, or why it is not on the site.
// Not boxed: a box per post raised a 100,000-post build's peak memory
// from 920 to 964 MB, near its 1 GB budget.
#[allow(clippy::large_enum_variant)]
enum Outcome {
    Post(ReadPost),
    Draft,
    Scheduled(crate::core::date::PostDate),
}

/// What [`read_posts`] gave.
struct Read {
    /// What each file gave, in the order of the paths.
    posts: Vec<Result<Outcome, PostError>>,
    /// Their words, counted for search.
    counter: search::Counter,
    /// How many ids the counter may have given.
    counted: usize,
    /// The first id given to a post read afresh: those below are the
    /// cache's.
    fresh: u32,
    /// How many posts were not in the cache, or had changed (or were
    /// touched, leaving their bytes as they were).
    changed: usize,
}

/// Reads every post at `paths` (below `root`) on every core, taking what
/// it can from `cache`, and counts their words for search as it goes: the
/// words of a post unchanged since the cache was saved are counted there.
/// Posts dated after `publish_until` are left out as scheduled.
fn read_posts(paths: &[&PathBuf], root: &Path, cache: &std::sync::Mutex<cache::Cache>, reading: &Reading) -> Read {
    let counted = cache.lock().expect("no reader panicked").take_counter();
    // Posts read afresh are counted under ids after the cached ones.
    let first_new = counted.next_id() as usize;
    let runs = parallel_runs(paths, |first, run| {
        let mut counter = search::Counter::default();
        let mut changed = 0;
        let read = run
            .iter()
            .enumerate()
            .map(|(i, path)| {
                let relative = path.strip_prefix(root).unwrap_or(path);
                let cached = cache.lock().expect("no reader panicked").take(relative);
                let cached_stamp = cached.as_ref().and_then(|c| c.post.stamp);
                let (post, body) = match post::load(path, relative, cached, reading)? {
                    Loaded::Post(post, body) => (post, body),
                    Loaded::Unchanged(read) => {
                        // Touched, not changed: its new stamp is worth saving.
                        changed += usize::from(read.post.stamp != cached_stamp);
                        return Ok(Outcome::Post(*read));
                    }
                    Loaded::Draft => return Ok(Outcome::Draft),
                    Loaded::Scheduled(date) => return Ok(Outcome::Scheduled(date)),
                };
                changed += 1;
                let counted_as = (first_new + first + i) as u32;
                counter.add(counted_as, &post.meta, &body.text);
                Ok(Outcome::Post(ReadPost::new(*post, body, counted_as, reading)))
            })
            .collect::<Vec<_>>();
        (read, counter, changed)
    });
    let mut all = Read {
        posts: Vec::with_capacity(paths.len()),
        counter: counted,
        counted: first_new + paths.len(),
        fresh: first_new as u32,
        changed: 0,
    };
    for (posts, counter, changed) in runs {
        all.posts.extend(posts);
        all.counter.merge(counter);
        all.changed += changed;
    }
    all
}

/// Sorts the posts newest first and gives each its search id, counting
/// from the oldest post, so a new post leaves the others' ids, and their
/// doc files, as they were. `counted` is how many ids the counter may have
/// given, from `fresh` on to posts read afresh; the counts of posts not
/// among `posts` are dropped. Returns which words' postings changed from
/// those the cache held ([`search::Counter::renumber`]).
fn in_order(
    mut posts: Vec<ReadPost>,
    mut counter: search::Counter,
    counted: usize,
    fresh: u32,
) -> (Vec<ReadPost>, search::Counter, search::Changed) {
    // By a key of their own, then moved once: a post is half a kilobyte,
    // which sorting 100,000 of them by comparison moved many times over.
    posts.sort_by_cached_key(|p| (std::cmp::Reverse(p.post.meta.date), p.post.meta.slug.clone()));
    let mut ids = vec![None; counted];
    let newest = posts.len().saturating_sub(1);
    for (i, post) in posts.iter_mut().enumerate() {
        let id = (newest - i) as u32;
        ids[post.counted_as as usize] = Some(id);
        post.counted_as = id;
    }
    let changed = counter.renumber(&ids, fresh);
    (posts, counter, changed)
}

/// Resolves each post's links to other posts' Markdown files (see
/// [`links`]), returning a warning for each that leads to no post.
fn resolve_file_links(posts: &mut [ReadPost], root: &Path) -> Vec<String> {
    if posts.iter().all(|p| p.post.file_links.is_empty()) {
        return Vec::new();
    }
    let relative = |post: &SourcePost| post.path.strip_prefix(root).unwrap_or(&post.path).to_path_buf();
    let files = links::PostFiles::new(posts.iter().map(|p| (relative(&p.post), p.post.meta.slug.as_str())));
    let mut warnings = Vec::new();
    for post in posts.iter_mut().map(|p| &mut p.post).filter(|p| !p.file_links.is_empty()) {
        let (pages, lost) = files.resolve(&relative(post), &post.file_links);
        post.links = pages;
        warnings.extend(lost.into_iter().map(|dest| {
            format!(
                "{}: the link to `{dest}` names no post in the posts folder, so it leads nowhere; \
                 fix the path, or link the post's address (/post/its-slug)",
                post.path.display()
            )
        }));
    }
    warnings
}

/// The index of the posts, sorted by [`in_order`], without the names of
/// its files and search index, and their tags, which go in a file of their
/// own (see [`crate::core::index::TagsFile`]).
fn site_index(posts: &[ReadPost], site: SiteInfo) -> (SiteIndex, Vec<TermCount>) {
    let metas = || posts.iter().map(|p| &p.post.meta);
    let index = SiteIndex {
        version: FORMAT_VERSION,
        site,
        posts: posts.len(),
        recent: metas().take(RECENT_POSTS).map(|m| PostLink { slug: m.slug.clone(), title: m.title.clone() }).collect(),
        months: month_counts(metas()),
        categories: term_counts(metas().map(|m| &m.categories)),
        search: String::new(),
        versions: FileVersions::default(),
    };
    (index, term_counts(metas().map(|m| &m.tags)))
}

fn month_counts<'a>(posts: impl Iterator<Item = &'a PostMeta>) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i32, u8), usize> = BTreeMap::new();
    for p in posts {
        *counts.entry((p.date.year(), p.date.month())).or_default() += 1;
    }
    counts.into_iter().rev().map(|((year, month), count)| MonthCount { year, month, count }).collect()
}

fn term_counts<'a>(terms: impl Iterator<Item = &'a Vec<Term>>) -> Vec<TermCount> {
    // By slugs borrowed from the posts: each term's copied once, not
    // once for each of a large blog's posts. Hashed, not in a BTreeMap:
    // a large blog's posts have hundreds of thousands of tags to look up.
    let mut counts: FastMap<&str, TermCount> = FastMap::default();
    for term in terms.flatten() {
        counts
            .entry(&term.slug)
            .or_insert_with(|| TermCount { slug: term.slug.clone(), name: term.name.clone(), count: 0 })
            .count += 1;
    }
    let mut list: Vec<TermCount> = counts.into_values().collect();
    list.sort_by_cached_key(|t| (t.name.to_lowercase(), t.slug.clone()));
    list
}

/// `f` over `items` on every core, results in the items' order: reading
/// and parsing posts is most of a large blog's build.
fn parallel_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    parallel_runs(items, |_, run| run.iter().map(&f).collect::<Vec<R>>()).into_iter().flatten().collect()
}

/// [`parallel_map`] for work that can fail: the first error, or every
/// result in order.
fn parallel_try_map<'a, T: Sync, R: Send, E: Send>(
    items: &'a [T],
    f: impl Fn(&'a T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let runs = parallel_runs(items, |_, run| run.iter().map(&f).collect::<Result<Vec<R>, E>>());
    Ok(runs.into_iter().collect::<Result<Vec<_>, E>>()?.into_iter().flatten().collect())
}

/// `f` over one run of `items` per core, given each run's first index;
/// the runs' results in order.
fn parallel_runs<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(usize, &'a [T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> =
            items.chunks(chunk).enumerate().map(|(n, run)| scope.spawn(move || f(n * chunk, run))).collect();
        workers.into_iter().map(|w| w.join().expect("a build thread panicked")).collect()
    })
}

/// Each post's old addresses by slug, for `folio pages`: its aliases,
/// and its addresses under the blog's `old_permalinks` (below `root`, the
/// posts folder, its file's name fills in `:title`). One address can lead
/// to one post: the newest that has it keeps it, and a warning names each
/// other post that gives it too.
fn alias_map<'a>(
    posts: &'a [ReadPost],
    old_permalinks: &[permalink::Permalink],
    root: &Path,
    warnings: &mut Vec<String>,
) -> BTreeMap<&'a str, Vec<String>> {
    let mut taken: BTreeMap<String, &Path> = BTreeMap::new();
    let mut map = BTreeMap::new();
    for post in posts.iter().map(|p| &p.post) {
        let old: Vec<String> = match old_permalinks {
            [] => Vec::new(),
            patterns => {
                let (_, file_name) = post::name_parts(post.path.strip_prefix(root).unwrap_or(&post.path));
                let old = patterns.iter().map(|pattern| pattern.address(&post.meta, &file_name));
                old.filter_map(|address| post::alias_path(&address)).filter(|a| !post::is_taken(a)).collect()
            }
        };
        let mut kept = Vec::new();
        for (alias, given) in post.aliases.iter().map(|a| (a, true)).chain(old.iter().map(|a| (a, false))) {
            match taken.get(alias) {
                Some(other) if *other == post.path.as_path() => {}
                Some(other) => warnings.push(match given {
                    true => format!(
                        "{}: alias `/{alias}` is also given by {}, a newer post, which keeps it; remove it from one of them",
                        post.path.display(),
                        other.display()
                    ),
                    false => format!(
                        "{}: its old address `/{alias}` (from old_permalinks in folio.toml) is also {}'s, a newer post, \
                         which keeps it; give one of them an alias with its old address",
                        post.path.display(),
                        other.display()
                    ),
                }),
                None => {
                    taken.insert(alias.clone(), &post.path);
                    kept.push(alias.clone());
                }
            }
        }
        if !kept.is_empty() {
            map.insert(post.meta.slug.as_str(), kept);
        }
    }
    map
}

/// Gives posts that share a slug (`weekly-notes`, week after week, as
/// Jekyll's dated file names allow) slugs of their own: the oldest keeps
/// it, and each later one gets its date after it (`weekly-notes-2024-01-12`,
/// then `-2`, `-3` for more on one day), which stays the same as posts are
/// added. A post whose slug changes has the parts of it that name its
/// slug fingerprinted again. Returns a warning for each post renamed.
fn distinct_slugs(posts: &mut [ReadPost], reading: &Reading) -> Result<Vec<String>, PostError> {
    // Sorted by slug, so posts sharing one are side by side: a large
    // blog's posts are not put in a map of their own.
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_unstable_by(|&a, &b| posts[a].post.own_slug.cmp(&posts[b].post.own_slug));
    let mut renamed: Vec<(usize, String)> = Vec::new();
    let mut warnings = Vec::new();
    let same = |&a: &usize, &b: &usize| posts[a].post.own_slug == posts[b].post.own_slug;
    let shared: Vec<Vec<usize>> = order.chunk_by(same).filter(|sharing| sharing.len() > 1).map(<[usize]>::to_vec).collect();
    // The slugs posts give, and those given to tell posts apart.
    let mut taken: HashSet<&str> = HashSet::new();
    if !shared.is_empty() {
        taken.extend(posts.iter().map(|p| p.post.own_slug.as_str()));
    }
    let mut given: HashSet<String> = HashSet::new();
    for mut sharing in shared {
        let key = |&i: &usize| (posts[i].post.meta.date.timestamp(), posts[i].post.path.clone());
        sharing.sort_by_key(key);
        let slug = &posts[sharing[0]].post.own_slug;
        let oldest = &posts[sharing[0]].post.path;
        for &i in &sharing[1..] {
            let date = posts[i].post.meta.date;
            let dated = format!("{slug}-{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
            let distinct = std::iter::once(dated.clone())
                .chain((2..).map(|n| format!("{dated}-{n}")))
                .find(|candidate| !taken.contains(candidate.as_str()) && !given.contains(candidate))
                .expect("some number is free");
            warnings.push(format!(
                "{}: slug `{slug}` is also {}'s, an older post, so this one is at /post/{distinct}; \
                 give it a `slug:` of its own to choose its address",
                posts[i].post.path.display(),
                oldest.display()
            ));
            given.insert(distinct.clone());
            renamed.push((i, distinct));
        }
    }
    renamed.sort_unstable_by_key(|(i, _)| *i);
    let mut renamed = renamed.into_iter().peekable();
    for (i, post) in posts.iter_mut().enumerate() {
        let slug = match renamed.next_if(|(at, _)| *at == i) {
            Some((_, distinct)) => distinct,
            None if post.post.meta.slug == post.post.own_slug => continue,
            None => post.post.own_slug.clone(),
        };
        // What was fingerprinted under another slug (an older namesake
        // came or went) is fingerprinted again.
        if post.post.meta.slug != slug {
            post.post.meta.slug = slug;
            let body = post.post.body().map_err(|e| PostError {
                path: post.post.path.clone(),
                line: None,
                kind: PostErrorKind::Read(e.to_string()),
            })?;
            post.fingerprint(Body::new(body, post.code.as_deref(), &reading.highlighter), reading);
        }
    }
    Ok(warnings)
}

/// The files found below a folder.
#[derive(Debug, Default)]
struct Found {
    markdown: Vec<PathBuf>,
    assets: Vec<PathBuf>,
    errors: Vec<PostError>,
    /// Links left out, and why.
    warnings: Vec<String>,
}

impl Found {
    /// Counts the HTML files that are posts ([`is_html_post`]) among the
    /// Markdown, not the assets: in the posts folder, where only they are
    /// opened to look (the public folder's are published as they are).
    fn take_html_posts(&mut self) {
        let (posts, assets): (Vec<PathBuf>, Vec<PathBuf>) = std::mem::take(&mut self.assets).into_iter().partition(|p| is_html_post(p));
        self.assets = assets;
        self.markdown.extend(posts);
        self.markdown.sort();
    }
}

/// Lists a folder's files in a stable order, leaving out the folder `skip`.
/// Hidden files are skipped, and so are links other than to a file inside
/// `root` ([`check_link`]); an unreadable folder is reported as a problem.
/// `root` itself must be readable: `(what, flag)` name it and the option
/// that sets it, for the error.
fn scan(root: &Path, skip: Option<&Path>, (what, flag): (&str, &str)) -> Result<Found, BuildError> {
    let mut found = Found::default();
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut stack = vec![root.to_path_buf()];
    std::fs::read_dir(root).map_err(|e| BuildError::Io {
        path: root.into(),
        message: format!("cannot read the {what} ({e}); create it, or give the folder to use with {flag}"),
    })?;
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.errors.push(PostError { path: dir, line: None, kind: PostErrorKind::Read(e.to_string()) });
                continue;
            }
        };
        // The folder listing says what each entry is, without a call to
        // the file system per file: a large blog has 100,000 of them.
        let mut names: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> =
            entries.filter_map(Result::ok).map(|e| (e.file_name(), e.file_type().ok())).collect();
        // By name, as bytes: in one folder that is the order of the paths,
        // whose part-by-part comparison made a 100,000-post folder's scan
        // take a fifth longer (90 ms, against 74 ms).
        names.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
        for (name, kind) in names.into_iter().rev() {
            let path = dir.join(&name);
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.ends_with(".folio-tmp") || skip == Some(path.as_path()) {
                continue;
            }
            if kind.is_some_and(|k| k.is_symlink()) {
                match (check_link(&path, &real_root), is_markdown(&path)) {
                    (Ok(()), _) => {}
                    // A post that cannot be read fails the build when read.
                    (Err(LeftOut::Broken), true) => {}
                    (Err(LeftOut::Outside(target)), true) => {
                        found.errors.push(PostError { path, line: None, kind: PostErrorKind::LinkOutside { target } });
                        continue;
                    }
                    (Err(why), _) => {
                        found.warnings.push(format!("{}: {why}", path.display()));
                        continue;
                    }
                }
            } else if kind.map_or_else(|| path.is_dir(), |k| k.is_dir()) {
                stack.push(path);
                continue;
            }
            if is_markdown(&path) {
                found.markdown.push(path);
            } else {
                found.assets.push(path);
            }
        }
    }
    found.markdown.sort();
    found.assets.sort();
    Ok(found)
}

/// Why a link found in a source folder is not read (see [`check_link`]).
enum LeftOut {
    /// It leads to nothing (or round in a loop).
    Broken,
    /// It leads to a folder: not followed, as links can loop.
    Folder,
    /// It leads to a file outside the folder: never read, as the build
    /// would publish whatever it points at (a key, a password file) with
    /// the blog, which is how a static site leaks its machine's files.
    Outside(PathBuf),
}

/// Whether the link at `path` leads to a file inside `root` (resolved),
/// which is read like any other file.
fn check_link(path: &Path, root: &Path) -> Result<(), LeftOut> {
    match std::fs::canonicalize(path) {
        Err(_) => Err(LeftOut::Broken),
        Ok(target) if target.is_dir() => Err(LeftOut::Folder),
        Ok(target) if !target.starts_with(root) => Err(LeftOut::Outside(target)),
        Ok(_) => Ok(()),
    }
}

impl std::fmt::Display for LeftOut {
    /// What the link is, that it is left out, and the fix.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LeftOut::Broken => write!(f, "a link to nothing, left out; fix or remove it"),
            LeftOut::Folder => write!(f, "a link to a folder, not followed (links can loop); move the folder here instead"),
            LeftOut::Outside(target) => write!(
                f,
                "a link to {}, outside the folder, left out so that no file from elsewhere on this machine \
                 is published; copy the file here instead",
                target.display()
            ),
        }
    }
}

/// Zola and Hugo keep a folder's own page in `_index.md`; it lists posts and
/// has no date, so it is not a post.
fn is_section_page(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| stem == "_index")
}

/// Whether an HTML file is a post: one that opens with front matter, as
/// Jekyll's importers (WordPress, Blogger and others) write posts and as
/// Jekyll and Hugo read them. Its HTML is read as Markdown reads HTML (a
/// line of text between blank lines is a paragraph, as WordPress has it).
/// Any other HTML file is published as it is.
fn is_html_post(path: &Path) -> bool {
    use std::io::Read;
    if !has_extension(path, &["html", "htm"]) {
        return false;
    }
    let mut start = [0; 8];
    let read = std::fs::File::open(path).and_then(|mut file| file.read(&mut start));
    read.is_ok_and(|n| frontmatter::opens(&String::from_utf8_lossy(&start[..n])))
}

/// Whether a file is a post: Markdown by any of the names Jekyll and Hugo
/// read as Markdown, or MDX (Astro's and Docusaurus's Markdown with
/// components).
fn is_markdown(path: &Path) -> bool {
    has_extension(path, &["md", "markdown", "mkdown", "mkdn", "mkd", "mdown", "mdx"])
}

/// Whether `path` ends in one of `extensions`, in any case.
fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_read_past_the_code_budget_is_fingerprinted_the_same() {
        let dir = scratch_dir("code-budget");
        let path = dir.join("2024-01-02-code.md");
        std::fs::write(&path, "---\ntitle: Code\n---\n\nSee:\n\n```rust\nfn main() {}\n```\n").unwrap();
        let read = |budget| {
            let reading = Reading { code_budget: highlight::CodeBudget::new(budget), ..Reading::default() };
            let Ok(Loaded::Post(post, body)) = post::load(&path, Path::new("2024-01-02-code.md"), None, &reading) else {
                panic!("the post loads")
            };
            ReadPost::new(*post, body, 0, &reading)
        };
        let (kept, not_kept) = (read(1 << 20), read(0));
        assert!(kept.code.as_ref().is_some_and(|code| code.len() == 1 && code[0].contains("hl-")), "{:?}", kept.code);
        assert!(not_kept.code.is_none(), "nothing kept beyond the budget");
        assert_eq!((kept.head, kept.doc, kept.listed), (not_kept.head, not_kept.doc, not_kept.listed));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
