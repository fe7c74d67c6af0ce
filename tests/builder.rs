//! The builder against real folders: good posts build, bad posts are all
//! reported with file and line, and a failed build writes nothing.

use folio::build::{build_site, error::BuildError, BuildOptions};
use folio::core::index::{post_path, ListChunk, PostFile, PostMeta, SiteIndex, TagsFile};
use folio::core::listing::{Chunk, Listing};
use folio::core::search::format::Manifest;
use folio::core::route::decode;
use std::fs;
use std::path::{Path, PathBuf};

/// A scratch folder with `posts/` and `out/`, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("folio-test-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("posts")).unwrap();
        Scratch(dir)
    }

    fn post(&self, name: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.0.join("posts").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
        self
    }

    /// Posts `p1.md` to `p{count}.md`, "Post 1" on 2024-01-01 and so on,
    /// a month apart (`count` up to 9).
    fn monthly_posts(self, count: usize) -> Self {
        for i in 1..=count {
            self.post(&format!("p{i}.md"), good(&format!("Post {i}"), &format!("2024-0{i}-01")));
        }
        self
    }

    fn options(&self) -> BuildOptions {
        BuildOptions {
            posts_dir: self.0.join("posts"),
            public_dir: None,
            config: self.0.join("folio.toml"),
            out_dir: self.0.join("out"),
            keep_going: false,
            base_path: "/".into(),
            cache: None,
            reuse: None,
        }
    }

    fn index(&self) -> SiteIndex {
        serde_json::from_slice(&fs::read(self.0.join("out/index.json")).unwrap()).unwrap()
    }

    fn out_file(&self, path: &str) -> PathBuf {
        self.0.join("out").join(path)
    }

    /// Builds the site as trunk does: the data files as `options` say,
    /// trunk's `index.html` (`shell`) put beside them, then the HTML pages,
    /// taking those of `options.reuse`.
    fn site_with(&self, options: BuildOptions, shell: &str) -> folio::build::pages::PagesReport {
        use folio::build::{config, pages, urls::SiteUrls};
        build_site(&options).unwrap();
        fs::write(options.out_dir.join("index.html"), shell).unwrap();
        let config = config::load(&self.0.join("folio.toml")).unwrap();
        pages::write_pages(&options.out_dir, &config, &SiteUrls::new(None, "/"), options.reuse.as_deref()).unwrap()
    }

    /// [`Scratch::site_with`] into `out`, taking from `reuse`, with a
    /// plain shell.
    fn site(&self, out: &Path, reuse: Option<&Path>) -> folio::build::pages::PagesReport {
        let options = BuildOptions { out_dir: out.into(), reuse: reuse.map(Into::into), ..self.options() };
        self.site_with(options, "<!DOCTYPE html><html lang=\"en\"><head></head><body></body></html>")
    }

    /// A file named by the index (a URL path) read back as `T`.
    fn data<T: serde::de::DeserializeOwned>(&self, url_path: &str) -> T {
        serde_json::from_slice(&fs::read(self.out_file(&decode(url_path, false))).unwrap()).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn good(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ncategories: [Notes]\ntags: [a]\n---\nFirst paragraph.\n\nSecond.\n")
}

#[test]
fn builds_index_and_post_files() {
    let s = Scratch::new("good");
    s.post("2024-01-01-first.md", good("First", "2024-01-01"))
        .post("sub/second.md", good("Second", "2024-02-01"))
        .post("sub/picture.png", [0x89, b'P', b'N', b'G'])
        .post("2023-05-05-café.md", good("Café", "2023-05-05"))
        .post("draft.md", "---\ntitle: Draft\ndate: 2024-03-01\ndraft: true\n---\n")
        // A Zola/Hugo section page: no date, and not a post.
        .post("sub/_index.md", "+++\ntitle = \"Sub\"\nsort_by = \"date\"\n+++\n");
    fs::write(s.0.join("folio.toml"), "title = \"Test blog\"\nposts_per_page = 3\n").unwrap();
    let report = build_site(&s.options()).unwrap();
    assert_eq!((report.posts, report.drafts, report.sections, report.assets), (3, 1, 1, 1));

    let index = s.index();
    assert_eq!(index.site.title, "Test blog");
    assert_eq!(index.posts, 3);
    let recent: Vec<&str> = index.recent.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(recent, ["second", "first", "café"]);
    // Paths are URLs; the file on disk has the plain name.
    assert_eq!(post_path("café"), "data/posts/caf%C3%A9.json");
    let cafe = index.post_file("café");
    assert!(cafe.starts_with("data/posts/caf%C3%A9.") && cafe.ends_with(".json"), "content-hashed name: {cafe}");
    assert!(s.out_file(&decode(&cafe, false)).exists());
    assert_eq!(index.categories[0].count, 3);
    assert_eq!(index.months.len(), 3);
    assert!(s.out_file("posts/sub/picture.png").exists());

    // Each list is cut into its own files: three posts, three to a page,
    // all in its newest chunk.
    let newest: ListChunk = s.data(&index.list_file(&Listing::All, Chunk::Newest));
    assert_eq!(newest.posts.len(), 3);
    assert_eq!(newest.posts[0].dir, "posts/sub/");
    assert_eq!(newest.posts[0].excerpt, "First paragraph.");
    assert!(!s.out_file(&decode(&index.list_file(&Listing::All, Chunk::Older(1)), false)).exists());
    let _: ListChunk = s.data(&index.list_file(&Listing::Category("notes".into()), Chunk::Newest));
    let _: ListChunk = s.data(&index.list_file(&Listing::Month(2023, 5), Chunk::Newest));

    let file: PostFile = s.data(&index.post_file("first"));
    assert_eq!(file.meta.slug, "first");
    assert_eq!(file.newer.unwrap().slug, "second");
    assert_eq!(file.older.unwrap().slug, "café");
    assert!(file.markdown.starts_with("First paragraph."));
    // No temporary files are left behind.
    assert!(!walk(&s.0.join("out")).iter().any(|p| p.to_string_lossy().ends_with(".folio-tmp")));
}

/// Malformed posts, each with where the error must point and what it must say.
const MALFORMED: &[(&str, &str, &str, &str)] = &[
    // (file, content, expected `file:line`, expected words)
    // Pelican's field lines are front matter only with a title among them.
    ("fields-no-title.md", "Date: 2024-01-01\nTags: a\n\nBody\n", "fields-no-title.md:1", "no front matter"),
    ("impossible-date.md", "---\ntitle: X\ndate: 2024-02-30\n---\n", "impossible-date.md:3", "does not exist"),
    ("words-date.md", "---\ntitle: X\n\ndate: next tuesday\n---\n", "words-date.md:4", "YYYY-MM-DD"),
    ("bad-time.md", "---\ntitle: X\ndate: 2024-01-01 25:00\n---\n", "bad-time.md:3", "out of range"),
    ("bad-updated.md", "---\ntitle: X\ndate: 2024-01-01\nupdated: 2024-13-01\n---\n", "bad-updated.md:4", "`updated`"),
    ("no-date.md", "---\ntitle: X\n---\n", "no-date.md:1", "no date"),
    ("yaml-unclosed.md", "---\ntitle: [oops\n---\n", "yaml-unclosed.md:2", "quote it: `title: \"[oops\"`"),
    ("yaml-indent.md", "---\ntitle: x\n  bad: indent\n---\n", "yaml-indent.md:3", "invalid YAML"),
    ("yaml-tab.md", "---\ntitle: x\n\tdate: 2024-01-01\n---\n", "yaml-tab.md:3", "invalid YAML"),
    ("toml-syntax.md", "+++\ntitle = \n+++\n", "toml-syntax.md:2", "invalid TOML"),
    ("toml-type.md", "+++\ndate = 2024-01-01\ntitle = [\"a\", \"b\"]\n+++\n", "toml-type.md:3", "`title` must be text"),
    ("list-not-map.md", "---\n- a\n- b\n---\n", "list-not-map.md:2", "`key: value`"),
    ("tags-map.md", "---\ntitle: X\ndate: 2024-01-01\ntags: {a: 1}\n---\n", "tags-map.md:4", "`tags` must be"),
    ("draft-maybe.md", "---\ntitle: X\ndate: 2024-01-01\ndraft: maybe\n---\n", "draft-maybe.md:4", "true or false"),
    ("empty-slug.md", "---\ntitle: X\ndate: 2024-01-01\nslug: '!!!'\n---\n", "empty-slug.md:1", "slug"),
    ("unterminated.md", "---\ntitle: X\n", "unterminated.md:1", "never closed"),
    ("unterminated-toml.md", "+++\ntitle = \"X\"\n", "unterminated-toml.md:1", "`+++`"),
    ("no-front-matter.md", "Just text.\n", "no-front-matter.md:1", "no front matter"),
    ("empty.md", "", "empty.md:1", "no front matter"),
];

#[test]
fn reports_every_bad_post_and_writes_nothing() {
    let s = Scratch::new("bad");
    s.post("ok.md", good("Fine", "2024-01-01"));
    build_site(&s.options()).unwrap();
    let before = fs::read(s.out_file("index.json")).unwrap();

    s.post("new-good.md", good("New", "2024-05-01"));
    for (name, content, _, _) in MALFORMED {
        s.post(name, content);
    }
    s.post("binary.md", [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe])
        .post("nul-bytes.md", "---\ntitle: X\0\n---\n")
        .post("huge.md", format!("{}\n{}", good("Huge", "2024-01-01"), "word ".repeat(4_200_000)));
    let mut expect: Vec<(&str, &str)> = MALFORMED.iter().map(|(_, _, at, says)| (*at, *says)).collect();
    expect.extend([
        ("binary.md:1", "not UTF-8"),
        ("nul-bytes.md", "not UTF-8"),
        ("huge.md", "over the 8 MB limit"),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("loop-b.md", s.0.join("posts/loop-a.md")).unwrap();
        symlink("loop-a.md", s.0.join("posts/loop-b.md")).unwrap();
        // Root reads any file, so a link to nowhere stands in for an unreadable file.
        symlink("/nonexistent/folio/post.md", s.0.join("posts/unreadable.md")).unwrap();
        symlink(".", s.0.join("posts/self-loop")).unwrap();
        expect.extend([("loop-a.md", "cannot read"), ("loop-b.md", "cannot read"), ("unreadable.md", "cannot read")]);
    }

    let Err(BuildError::Posts(errors)) = build_site(&s.options()) else { panic!("bad posts must fail the build") };
    let report: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(expect.len() >= 20, "the corpus must stay at least 20 files");
    assert_eq!(errors.len(), expect.len(), "one error per bad file: {report:#?}");
    for (location, message) in &expect {
        assert!(
            report.iter().any(|r| r.contains(&format!("/{location}")) && r.contains(message)),
            "no `{location}: …{message}…` in {report:#?}"
        );
    }
    assert_eq!(fs::read(s.out_file("index.json")).unwrap(), before, "the previous index must stay as it was");
    let written = walk(&s.0.join("out"));
    assert!(!written.iter().any(|p| p.to_string_lossy().contains("new-good")), "nothing from a failed build is written");

    let mut keep_going = s.options();
    keep_going.keep_going = true;
    let report = build_site(&keep_going).unwrap();
    assert_eq!((report.posts, report.skipped.len()), (2, expect.len()));
    assert_eq!(s.index().posts, 2);
}

#[test]
fn posts_that_share_a_name_get_addresses_of_their_own() {
    let s = Scratch::new("same-names");
    s.post("2024/2024-01-05-weekly-notes.md", good("Week 1", "2024-01-05"))
        .post("2024/2024-01-12-weekly-notes.md", good("Week 2", "2024-01-12"))
        .post("2024/again/2024-01-12-weekly-notes.md", good("Week 2, again", "2024-01-12"))
        .post("other.md", "---\ntitle: Other\ndate: 2023-01-01\nslug: weekly-notes-2024-01-12\n---\nA.\n");
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    let build = || {
        let report = build_site(&options).unwrap();
        let index = s.index();
        let mut slugs: Vec<(String, String)> = s
            .data::<ListChunk>(&index.list_file(&Listing::All, Chunk::Newest))
            .posts
            .into_iter()
            .map(|p| (p.title, p.slug))
            .collect();
        slugs.sort();
        (slugs, report.warnings)
    };
    let (slugs, warnings) = build();
    let expected = [
        ("Other", "weekly-notes-2024-01-12"),
        ("Week 1", "weekly-notes"),
        ("Week 2", "weekly-notes-2024-01-12-2"),
        ("Week 2, again", "weekly-notes-2024-01-12-3"),
    ];
    assert_eq!(slugs, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(warnings.iter().filter(|w| w.contains("slug `weekly-notes` is also")).count(), 2, "{warnings:?}");
    let file: PostFile = s.data(&s.index().post_file("weekly-notes-2024-01-12-2"));
    assert_eq!(file.meta.title, "Week 2");
    // The cache keeps the slug each file gives: when the oldest goes, the
    // next takes its name, as a fresh build would give it.
    fs::remove_file(s.0.join("posts/2024/2024-01-05-weekly-notes.md")).unwrap();
    let (slugs, _) = build();
    assert!(slugs.contains(&("Week 2".to_string(), "weekly-notes".to_string())), "{slugs:?}");
    let file: PostFile = s.data(&s.index().post_file("weekly-notes"));
    assert_eq!((file.meta.title.as_str(), file.meta.slug.as_str()), ("Week 2", "weekly-notes"));
}

#[test]
fn only_a_file_the_last_index_named_is_trusted_unread() {
    let s = Scratch::new("trusted");
    for n in 0..10 {
        s.post(&format!("p{n}.md"), good(&format!("Post {n}"), "2024-01-01"));
    }
    let build = || {
        build_site(&s.options()).unwrap();
        s.index()
    };
    let first = build();
    s.post("p3.md", good("Post 3, revised", "2024-01-01"));
    let revised = build().post_file("p3");
    let whole = fs::read(s.out_file(&revised)).unwrap();
    // Back as it was, then a build of the revision that stopped halfway,
    // leaving its file short under the revision's name.
    s.post("p3.md", good("Post 3", "2024-01-01"));
    assert_eq!(build().versions, first.versions);
    fs::write(s.out_file(&revised), &whole[..whole.len() / 2]).unwrap();
    s.post("p3.md", good("Post 3, revised", "2024-01-01"));
    assert_eq!(build().post_file("p3"), revised);
    assert!(fs::read(s.out_file(&revised)).unwrap() == whole, "a file no index named is checked, and made again");
}

#[test]
fn a_changed_post_gets_a_new_name_and_its_old_file_goes() {
    let s = Scratch::new("versions");
    for n in 0..40 {
        s.post(&format!("p{n}.md"), good(&format!("Post {n}"), "2024-01-01"));
    }
    build_site(&s.options()).unwrap();
    let before = s.index();
    let rebuilt = || {
        build_site(&s.options()).unwrap();
        s.index()
    };
    assert_eq!(rebuilt().versions, before.versions, "an unchanged blog keeps every name");

    s.post("p7.md", good("Post 7, revised", "2024-01-01"));
    let after = rebuilt();
    let (old, new) = (before.post_file("p7"), after.post_file("p7"));
    assert_ne!(old, new);
    assert!(!s.out_file(&old).exists(), "the old file is removed once the new index is in");
    let file: PostFile = s.data(&new);
    assert_eq!(file.meta.title, "Post 7, revised");
    // Only posts sharing a bucket with p7 are renamed.
    let renamed = (0..40).filter(|n| before.post_file(&format!("p{n}")) != after.post_file(&format!("p{n}"))).count();
    assert!(renamed < 10, "{renamed} of 40 posts renamed by one change");
    let files = walk(&s.0.join("out/data/posts"));
    assert_eq!(files.len(), 40, "one file per post: {files:?}");
}

/// A blog of 40 posts, one or two a day, `p0` to `p39`, for the tests of
/// what an edit renames.
fn forty_posts(name: &str) -> Scratch {
    let s = Scratch::new(name);
    for n in 0..40 {
        s.post(&format!("p{n}.md"), good(&format!("Post {n}"), &format!("2024-01-{:02}", n % 28 + 1)));
    }
    s
}

/// Builds the blog, and returns the files below `dir` of its output.
fn built_files(s: &Scratch, dir: &str) -> std::collections::BTreeSet<PathBuf> {
    build_site(&s.options()).unwrap();
    walk(&s.out_file(dir)).into_iter().collect()
}

#[test]
fn an_edit_that_lists_do_not_show_leaves_every_list_chunk_as_it_was() {
    let s = forty_posts("list-edit");
    let lists = || built_files(&s, "lists");
    let before = lists();
    // Below its excerpt, and too short to change its reading time.
    s.post("p7.md", good("Post 7", "2024-01-08") + "\nA line added at the end, with a few more words.\n");
    assert_eq!(lists(), before, "a list chunk names the same file");
    // What lists do show renames the chunks that hold it.
    s.post("p7.md", good("Post 7, retitled", "2024-01-08"));
    let retitled = lists();
    assert!(!retitled.is_subset(&before), "its list chunks are made again");
    assert_eq!(retitled.len(), before.len(), "and their old files go");
}

#[test]
fn a_new_post_leaves_every_older_chunk_of_its_lists_as_it_was() {
    let s = forty_posts("new-post-chunks");
    s.post("p40.md", good("Post 40", "2024-02-01"));
    // Older chunks are numbered (`3.<version>.json`); beside them are each
    // list's newest chunk and the tags file, whose counts a new post changes.
    let older = |files: std::collections::BTreeSet<PathBuf>| -> Vec<PathBuf> {
        files.into_iter().filter(|f| f.file_name().unwrap().to_string_lossy().starts_with(|c: char| c.is_ascii_digit())).collect()
    };
    let (before, before_index) = (older(built_files(&s, "lists")), s.index());
    // The 42nd post, dated as the newest: 41 filled four chunks of ten.
    s.post("p41.md", good("Post 41", "2024-02-02"));
    let after = built_files(&s, "lists");
    let index = s.index();
    let older_after = older(after.clone());
    assert!(older_after.len() >= 4, "the older chunks: {older_after:?}");
    assert_eq!(older_after, before, "each older chunk keeps its name and file");
    let newest: ListChunk = s.data(&index.list_file(&Listing::All, Chunk::Newest));
    let titles: Vec<&str> = newest.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Post 41", "Post 40"]);
    assert_ne!(index.list_file(&Listing::All, Chunk::Newest), before_index.list_file(&Listing::All, Chunk::Newest));
    let count = after.iter().filter(|f| f.file_name().unwrap().to_string_lossy().starts_with("newest.")).count();
    assert_eq!(count, 6, "one newest chunk for each of its six lists, and no old one left: {after:?}");
}

#[test]
fn search_docs_keep_their_names_when_a_post_is_edited_or_added() {
    let s = forty_posts("search-docs");
    let docs = || built_files(&s, "search-index/d");
    let before = docs();
    assert_eq!(before.len(), 40);
    s.post("p3.md", good("Post 3, revised", "2024-01-04"));
    let edited = docs();
    assert_eq!(edited.len(), 40, "the old doc file is removed");
    assert!(before.intersection(&edited).count() >= 35, "one edit renames only its bucket's docs");
    s.post("new.md", good("Newest", "2024-02-01"));
    let added = docs();
    assert_eq!(added.len(), 41);
    assert!(edited.intersection(&added).count() >= 35, "a new post leaves the older posts' docs as they were");
    let manifests = walk(&s.0.join("out/search-index")).into_iter().filter(|p| p.to_string_lossy().contains("manifest."));
    assert_eq!(manifests.count(), 1, "the old manifest is removed");
}

#[test]
fn an_edit_renames_only_the_search_shards_it_touches() {
    let s = Scratch::new("search-shards");
    // Words of its own in each post, so the terms fill many shards, some
    // of them repeated, and words shared by many posts.
    let post = |n: usize, word: &str| {
        let own = (0..40 + n % 97).map(|w| format!("searchword{n}q{}", w * w % (20 + n % 37)));
        let words: Vec<String> = own.chain((0..n % 7).map(|w| format!("shared{w}"))).collect();
        format!("---\ntitle: Post {n}\ndate: 2024-01-01\n---\n{} {word}\n", words.join(" "))
    };
    for n in 0..400 {
        s.post(&format!("p{n}.md"), post(n, "plain"));
    }
    let shards = || -> std::collections::BTreeSet<PathBuf> {
        build_site(&s.options()).unwrap();
        walk(&s.0.join("out/search-index/t")).into_iter().collect()
    };
    let before = shards();
    assert!(before.len() >= 10, "{} shards", before.len());
    // Words added: the blog's average length moves, a little.
    s.post("p50.md", post(50, &format!("plain {}", "zebra ".repeat(30))));
    let after = shards();
    assert_eq!(after.len(), before.len(), "the old versions are removed");
    let renamed = after.difference(&before).count();
    assert!(renamed <= 4, "{renamed} of {} shards renamed by one edit", before.len());
    let index: SiteIndex = s.index();
    let manifest: Manifest = s.data(&index.search);
    assert_eq!(manifest.shards.len(), after.len());
    for n in 0..manifest.shards.len() {
        assert!(s.out_file(&format!("search-index/{}", manifest.shard_path(n))).exists(), "shard {n} is where the manifest says");
    }
}

/// A blog of posts A and B built with a build cache (`cache.bin`).
fn cached_blog(name: &str) -> (Scratch, BuildOptions) {
    let s = Scratch::new(name);
    s.post("a.md", good("A", "2024-01-01")).post("b.md", good("B", "2024-01-02"));
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    (s, options)
}

/// Builds the blog and gives the titles of the index's newest posts: made
/// from each post's metadata on every build (the files made from a post
/// are named by fingerprints the cache keeps too).
fn built_titles(s: &Scratch, options: &BuildOptions) -> Vec<String> {
    build_site(options).unwrap();
    s.index().recent.iter().map(|p| p.title.clone()).collect()
}

#[test]
fn the_cache_reads_only_changed_posts() {
    let (s, options) = cached_blog("cache");
    let (cache, titles) = (s.0.join("cache.bin"), || built_titles(&s, &options));
    assert_eq!(titles(), ["B", "A"]);
    // An unchanged post comes from the cache: prove it with an entry only the cache has.
    fs::write(&cache, replace(&fs::read(&cache).unwrap(), &cached_names("a", "A"), &cached_names("a", "Z"))).unwrap();
    assert_eq!(titles(), ["B", "Z"]);
    // A changed post is read afresh.
    s.post("a.md", good("A, edited", "2024-01-01"));
    assert_eq!(titles(), ["B", "A, edited"]);
    // A damaged cache is no cache: cut short after its first line, or not one at all.
    let whole = fs::read(&cache).unwrap();
    fs::write(&cache, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(titles(), ["B", "A, edited"]);
    fs::write(&cache, "{ not json").unwrap();
    assert_eq!(titles(), ["B", "A, edited"]);
    fs::write(&cache, "").unwrap();
    assert_eq!(titles(), ["B", "A, edited"]);
    assert!(contains(&fs::read(&cache).unwrap(), b"A, edited"), "the cache is written anew");
    // Nothing changed: the cache is left as it is.
    let written = fs::metadata(&cache).unwrap().modified().unwrap();
    assert_eq!(titles(), ["B", "A, edited"]);
    assert_eq!(fs::metadata(&cache).unwrap().modified().unwrap(), written);
    // A removed post leaves the cache too.
    fs::remove_file(s.0.join("posts/b.md")).unwrap();
    assert_eq!(titles(), ["A, edited"]);
    assert!(!contains(&fs::read(&cache).unwrap(), &cached_names("b", "B")), "the cache forgets a removed post");
}

#[test]
fn a_file_untouched_since_the_cache_was_saved_is_taken_from_it() {
    let (s, options) = cached_blog("stamps");
    let (cache, titles) = (s.0.join("cache.bin"), || built_titles(&s, &options));
    assert_eq!(titles(), ["B", "A"]);
    // An entry only the cache has, in a cache saved well after the posts.
    let saved_later = |cache: &Path| {
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(10);
        fs::File::options().write(true).open(cache).unwrap().set_modified(later).unwrap();
    };
    fs::write(&cache, replace(&fs::read(&cache).unwrap(), &cached_names("a", "A"), &cached_names("a", "Z"))).unwrap();
    saved_later(&cache);
    assert_eq!(titles(), ["B", "Z"]);
    assert!(fs::metadata(&cache).unwrap().modified().unwrap() > std::time::SystemTime::now(), "nothing new to save");
    // Touched, its bytes the same: read, found unchanged, and its new stamp saved.
    let a = s.0.join("posts/a.md");
    fs::File::options().write(true).open(&a).unwrap().set_modified(std::time::SystemTime::now()).unwrap();
    assert_eq!(titles(), ["B", "Z"]);
    assert!(fs::metadata(&cache).unwrap().modified().unwrap() <= std::time::SystemTime::now(), "the cache is saved anew");
}

#[test]
fn a_post_with_every_field_set_comes_back_from_the_cache_whole() {
    // The cache keeps each field by its place, not its name: an empty
    // field must be kept as surely as a full one.
    let (s, options) = cached_blog("cache-fields");
    s.post(
        "full.md",
        "---\ntitle: Full\ndate: 2024-03-01\nupdated: 2024-04-01\nauthor: Ada\naliases: [/old/full]\nimage: /pic.png\n---\nSee [A](a.md).\n",
    );
    let post_file = || -> PostFile { s.data(&s.index().versions.name(&post_path("full"))) };
    build_site(&options).unwrap();
    let listed = || -> PostMeta {
        let newest: ListChunk = s.data(&s.index().list_file(&Listing::All, Chunk::Newest));
        newest.posts[0].clone()
    };
    let (fresh, fresh_meta) = (post_file(), listed());
    assert_eq!((fresh.meta.authors.as_slice(), fresh.aliases.len()), (&["Ada".to_string()][..], 1));
    assert!(fresh.meta.updated.is_some() && fresh.image.is_some() && !fresh.links.is_empty());
    let cache = s.0.join("cache.bin");
    fs::write(&cache, replace(&fs::read(&cache).unwrap(), &cached_names("full", "Full"), &cached_names("full", "Fuzz"))).unwrap();
    fs::write(&cache, replace(&fs::read(&cache).unwrap(), &cached_names("a", "A"), &cached_names("a", "Z"))).unwrap();
    assert_eq!(built_titles(&s, &options), ["Fuzz", "B", "Z"], "every post came from the cache");
    // The list's metadata is made from the cache's; the post file's
    // links would give it another name if the cache had lost them.
    assert_eq!(PostMeta { title: "Full".into(), ..listed() }, fresh_meta);
    assert_eq!(post_file(), fresh);
}

/// A post's slug and title as the build cache stores them, one after the
/// other: each after its length, a byte for one this short.
fn cached_names(slug: &str, title: &str) -> Vec<u8> {
    [&[slug.len() as u8], slug.as_bytes(), &[title.len() as u8], title.as_bytes()].concat()
}

fn contains(bytes: &[u8], part: &[u8]) -> bool {
    bytes.windows(part.len()).any(|w| w == part)
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len(), "the cache's runs of posts carry their lengths");
    let at = bytes.windows(from.len()).position(|w| w == from).expect("the text to replace is there");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

#[test]
fn a_rebuild_from_the_cache_makes_what_a_fresh_build_makes() {
    let s = Scratch::new("cache-exact");
    for i in 1..=12 {
        s.post(&format!("p{i}.md"), good(&format!("Post {i}"), &format!("2024-01-{i:02}")));
    }
    s.post("rare.md", "---\ntitle: Rare\ndate: 2024-02-01\n---\nOnly this post says zyxquorble.\n");
    let cached = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    build_site(&cached).unwrap();
    // Words come and go with edits and removals; the cache must forget
    // them as a fresh build never saw them (the spelling lists too).
    s.post("rare.md", "---\ntitle: Rare\ndate: 2024-02-01\n---\nNow it says flumdiddle instead.\n");
    fs::remove_file(s.0.join("posts/p4.md")).unwrap();
    s.post("p13.md", good("Post 13", "2024-01-13"));
    build_site(&cached).unwrap();
    build_site(&BuildOptions { out_dir: s.0.join("fresh"), ..s.options() }).unwrap();
    same_sites(&s.0.join("out"), &s.0.join("fresh"));
    let rebuilt = files_below(&s.0.join("out"));
    assert!(!rebuilt.iter().any(|(_, bytes)| contains(bytes, b"zyxquorble")), "a word no post has is gone");
}

/// Every file below `dir`, by path, with its bytes.
fn files_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir).iter().map(|p| (relative(p, dir), fs::read(p).unwrap())).collect();
    files.sort();
    files
}

/// Checks that the sites `a` and `b` have the same files, byte for byte.
fn same_sites(a: &Path, b: &Path) {
    same_files(&files_below(a), &files_below(b));
}

/// Checks that `a` and `b` (from [`files_below`]) are the same files.
fn same_files(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, a), (_, b)) in a.iter().zip(b) {
        assert!(a == b, "{name} differs from a fresh build's");
    }
}

#[test]
fn a_post_put_back_as_the_cache_has_it_is_searched_as_a_fresh_build_would() {
    let s = Scratch::new("search-undo");
    // Words of its own in each post, so they fill many shards.
    let post = |n: usize, more: &str| {
        let words: Vec<String> = (0..30).map(|w| format!("word{}x", n * 7 + w)).collect();
        format!("---\ntitle: Post {n}\ndate: 2024-01-01\n---\n{} {more}\n", words.join(" "))
    };
    for n in 0..400 {
        s.post(&format!("p{n}.md"), post(n, ""));
    }
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    build_site(&options).unwrap();
    let saved = fs::read(s.0.join("cache.bin")).unwrap();
    // A large blog leaves its cache as it is after one edit; this one
    // saves it, so the cache from before the edit is put back.
    s.post("p50.md", post(50, "zebra quagga"));
    build_site(&options).unwrap();
    fs::write(s.0.join("cache.bin"), &saved).unwrap();
    // The post as the cache has it, and the site with the edit's shards.
    s.post("p50.md", post(50, ""));
    build_site(&options).unwrap();
    build_site(&BuildOptions { out_dir: s.0.join("fresh"), ..s.options() }).unwrap();
    same_sites(&s.0.join("out"), &s.0.join("fresh"));
}

#[test]
fn a_build_into_an_empty_folder_takes_the_files_of_the_last_one() {
    let s = Scratch::new("reuse");
    for i in 1..=12 {
        s.post(&format!("p{i}.md"), good(&format!("Post {i}"), &format!("2024-01-{i:02}")));
    }
    build_site(&s.options()).unwrap();
    let before = walk(&s.0.join("out"));
    let old: Vec<(String, u64)> =
        before.iter().filter(|p| !p.ends_with("index.json")).map(|p| (relative(p, &s.0.join("out")), inode(p))).collect();
    // As trunk does: a fresh staging folder, with the last build beside it.
    s.post("p3.md", good("Post 3, edited", "2024-01-03"));
    let stage = s.0.join("stage");
    build_site(&BuildOptions { out_dir: stage.clone(), reuse: Some(s.0.join("out")), ..s.options() }).unwrap();
    let kept = old.iter().filter(|(path, ino)| stage.join(path).exists() && inode(&stage.join(path)) == *ino).count();
    assert!(kept * 2 > old.len(), "most files are moved, not written again: {kept} of {}", old.len());
    let index: SiteIndex = serde_json::from_slice(&fs::read(stage.join("index.json")).unwrap()).unwrap();
    let file: PostFile = serde_json::from_slice(&fs::read(stage.join(decode(&index.post_file("p3"), false))).unwrap()).unwrap();
    assert_eq!(file.meta.title, "Post 3, edited");
    // Nothing the new index does not name is left behind.
    let names = walk(&stage).len();
    build_site(&BuildOptions { out_dir: s.0.join("fresh"), ..s.options() }).unwrap();
    assert_eq!(names, walk(&s.0.join("fresh")).len());
}

#[test]
fn a_last_build_on_another_disk_is_copied_from_not_taken_for_moved() {
    // Its files cannot be moved, so what was listed there is not what the
    // output holds: every file is written afresh.
    let shm = Path::new("/dev/shm");
    let s = Scratch::new("reuse-other-disk");
    let device = |path: &Path| std::os::unix::fs::MetadataExt::dev(&fs::metadata(path).unwrap());
    assert!(shm.is_dir() && device(shm) != device(&s.0), "this test needs /dev/shm on a disk of its own");
    for i in 1..=5 {
        s.post(&format!("p{i}.md"), good(&format!("Post {i}"), &format!("2024-01-{i:02}")));
    }
    let earlier = shm.join(format!("folio-test-other-disk-{}", std::process::id()));
    build_site(&BuildOptions { out_dir: earlier.clone(), ..s.options() }).unwrap();
    build_site(&BuildOptions { reuse: Some(earlier.clone()), ..s.options() }).unwrap();
    build_site(&BuildOptions { out_dir: s.0.join("fresh"), ..s.options() }).unwrap();
    same_sites(&s.0.join("out"), &s.0.join("fresh"));
    fs::remove_dir_all(&earlier).unwrap();
}

#[test]
fn pages_made_before_are_taken_and_pages_of_removed_posts_go() {
    let s = Scratch::new("pages-reuse").monthly_posts(4);
    let shell = std::cell::Cell::new("<!DOCTYPE html><html lang=\"en\"><head><title>App</title></head><body></body></html>");
    let make = |out: &Path, reuse: Option<&Path>| {
        s.site_with(BuildOptions { out_dir: out.into(), reuse: reuse.map(Into::into), ..s.options() }, shell.get())
    };
    let page = |site: &Path, slug: &str| site.join(format!("post/{slug}/index.html"));
    let (first, second, third, fourth) = (s.0.join("out"), s.0.join("second"), s.0.join("third"), s.0.join("fourth"));
    let report = make(&first, None);
    assert_eq!(report.made, report.pages);
    let before = inode(&page(&first, "p2"));
    // Prove that a page made from unchanged sources is not even made again.
    let marked = fs::read_to_string(page(&first, "p2")).unwrap().replace("Post 2", "Post 2 (kept)");
    fs::write(page(&first, "p2"), marked).unwrap();
    let report = make(&second, Some(&first));
    // The home page is index.html, which trunk (here, the test) writes anew.
    assert_eq!(report.made, 3, "only the home, search and 404 pages are made again: {report:?}");
    assert_eq!(inode(&page(&second, "p2")), before, "an unchanged page is moved, not written again");
    assert!(fs::read_to_string(page(&second, "p2")).unwrap().contains("Post 2 (kept)"));
    // Any change to what every page is made from makes every page again.
    shell.set("<!DOCTYPE html><html lang=\"en\"><head><title>App</title></head><body class=\"new\"></body></html>");
    make(&third, Some(&second));
    assert!(!fs::read_to_string(page(&third, "p2")).unwrap().contains("(kept)"), "a new shell makes every page again");
    fs::remove_file(s.0.join("posts/p1.md")).unwrap();
    make(&fourth, Some(&third));
    let third = fourth;
    assert!(fs::read_to_string(page(&third, "p2")).unwrap().contains("Post 2"));
    assert!(!page(&third, "p1").parent().unwrap().exists(), "a removed post's page and folder go");
    assert!(!third.join("archive/2024/01").exists(), "so do the pages of a month with no posts left");
}

/// The file system's number for the file at `path`: the same after a
/// change in place, another after a file is written beside and renamed.
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
}

#[test]
fn a_new_post_puts_the_pages_it_leaves_unchanged_in_the_new_sidebar() {
    let s = Scratch::new("pages-reframed").monthly_posts(4);
    let make = |out: &Path, reuse: Option<&Path>| s.site(out, reuse);
    let page = |site: &Path, slug: &str| site.join(format!("post/{slug}/index.html"));
    // Every page of `site` is as a first run makes it in `fresh`, but for
    // p2's content, marked as kept.
    let same_but_for_kept = |site: &Path, fresh: &Path| {
        let mut reframed = files_below(site);
        let p2 = reframed.iter_mut().find(|(name, _)| name == "post/p2/index.html").unwrap();
        p2.1 = String::from_utf8(std::mem::take(&mut p2.1)).unwrap().replacen(" (kept)", "", 1).into_bytes();
        same_files(&reframed, &files_below(fresh));
    };
    let [first, second, fresh] = ["out", "second", "fresh"].map(|name| s.0.join(name));
    make(&first, None);
    // Changed in its content, which a page made again would not keep.
    let kept = fs::read_to_string(page(&first, "p2")).unwrap().replacen("<h1>Post 2</h1>", "<h1>Post 2 (kept)</h1>", 1);
    fs::write(page(&first, "p2"), kept).unwrap();
    // Listed as made, but cut short: made again, whole.
    let cut = fs::read_to_string(page(&first, "p1")).unwrap();
    fs::write(page(&first, "p1"), &cut[..cut.len() / 2]).unwrap();
    s.post("p5.md", good("Post 5", "2024-05-01"));
    let p3_before = inode(&page(&first, "p3"));
    let report = make(&second, Some(&first));
    assert_eq!(inode(&page(&second, "p3")), p3_before, "taken into a staging folder, a page is changed in place");
    // p4 links to p5 as its newer post, and the lists and 2024's months
    // all change: of the pages there, only p2's and p3's content is kept.
    assert_eq!(report.reframed, 2, "{report:?}");
    let p2 = fs::read_to_string(page(&second, "p2")).unwrap();
    assert!(p2.contains("<h1>Post 2 (kept)</h1>"), "the page's content is not made again");
    let sidebar = &p2[p2.find("class=\"sidebar\"").unwrap()..];
    assert!(sidebar.contains(">Post 5</a>") && sidebar.contains("(5)"), "its sidebar is the new one: {sidebar}");
    // Else, every page is as a first run makes it.
    make(&fresh, None);
    same_but_for_kept(&second, &fresh);
    assert!(fs::read_to_string(page(&second, "p1")).unwrap().ends_with(" -->\n"), "the page cut short is made whole");
    // Built again where it is, not in a staging folder: the same pages.
    s.post("p6.md", good("Post 6", "2024-06-01"));
    let [again, fresh] = ["again", "fresh-again"].map(|name| s.0.join(name));
    make(&again, Some(&second));
    assert!(make(&again, None).reframed == 0, "nothing changed");
    s.post("p7.md", good("Post 7", "2024-07-01"));
    let p3_before = inode(&page(&again, "p3"));
    assert!(make(&again, Some(&again)).reframed > 0);
    assert_ne!(inode(&page(&again, "p3")), p3_before, "a site reused as itself may be served: a page is replaced whole");
    make(&fresh, None);
    same_but_for_kept(&again, &fresh);
}

#[test]
fn a_category_with_no_posts_left_loses_its_feed_however_the_site_is_rebuilt() {
    let s = Scratch::new("stale-feeds");
    s.post("a.md", good("A", "2024-01-01").replace("[Notes]", "[Café Talk]"));
    s.post("b.md", good("B", "2024-01-02"));
    // An author's own file in the categories' folder is never touched.
    let public = s.0.join("public");
    fs::create_dir_all(public.join("category")).unwrap();
    fs::write(public.join("category/README.txt"), "mine").unwrap();
    let build = |out: &Path, reuse: Option<&Path>| {
        let options = BuildOptions { out_dir: out.into(), reuse: reuse.map(Into::into), public_dir: Some(public.clone()), ..s.options() };
        s.site_with(options, "<!DOCTYPE html><html><head></head><body></body></html>");
    };
    let (first, second) = (s.0.join("out"), s.0.join("second"));
    build(&first, None);
    assert!(first.join("category/café-talk/feed.xml").is_file() && first.join("category/notes/feed.xml").is_file());
    s.post("a.md", good("A", "2024-01-01"));
    // As trunk does, into a fresh folder that takes the last one's pages.
    build(&second, Some(&first));
    assert!(!second.join("category/café-talk").exists(), "the category's pages, feed and folder are gone");
    assert!(second.join("category/notes/feed.xml").is_file() && second.join("category/README.txt").is_file());
    // Built again where it was, as `folio build --out` twice does.
    s.post("a.md", good("A", "2024-01-01").replace("[Notes]", "[Café Talk]"));
    build(&second, None);
    assert!(second.join("category/café-talk/feed.xml").is_file());
    s.post("a.md", good("A", "2024-01-01"));
    build_site(&BuildOptions { out_dir: second.clone(), public_dir: Some(public.clone()), ..s.options() }).unwrap();
    assert!(!second.join("category/café-talk/feed.xml").exists(), "a feed no longer made is removed");
    assert!(second.join("category/notes/feed.xml").is_file() && second.join("category/README.txt").is_file());
}

#[test]
fn tags_are_in_a_file_of_their_own_that_the_index_names() {
    let s = Scratch::new("tags-file");
    s.post("a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Rust, travel]\n---\nText.\n")
        .post("b.md", "---\ntitle: B\ndate: 2024-01-02\ntags: [Rust]\n---\nText.\n");
    build_site(&s.options()).unwrap();
    // Every first view fetches the index: it names no tag, however many.
    let index_json = fs::read_to_string(s.out_file("index.json")).unwrap();
    assert!(!index_json.contains("travel") && !index_json.contains("Rust"), "{index_json}");
    let index = s.index();
    let tags: TagsFile = s.data(&index.tags_file());
    let counts: Vec<(&str, usize)> = tags.tags.iter().map(|t| (t.name.as_str(), t.count)).collect();
    assert_eq!(counts, [("Rust", 2), ("travel", 1)]);
    // A new tag renames the file (it may be cached forever), and the old
    // one goes with the build that no longer names it.
    let first = index.tags_file();
    assert_ne!(first, "lists/tags.json", "the name carries a version");
    s.post("c.md", "---\ntitle: C\ndate: 2024-01-03\ntags: [trains]\n---\nText.\n");
    build_site(&s.options()).unwrap();
    let index = s.index();
    assert_ne!(index.tags_file(), first);
    assert_eq!(s.data::<TagsFile>(&index.tags_file()).tags.len(), 3);
    assert!(!s.out_file(&decode(&first, false)).exists(), "the old tags file is gone");
}

#[test]
fn an_older_years_month_pages_are_made_again_when_its_months_change() {
    let s = Scratch::new("pages-months");
    s.post("new.md", good("Newest", "2025-01-01"))
        .post("a.md", good("A", "2023-02-01"))
        .post("b.md", good("B", "2023-05-01"));
    let make = |out: &Path, reuse: Option<&Path>| {
        s.site(out, reuse);
    };
    let months = |site: &Path| {
        let page = fs::read_to_string(site.join("archive/2023/02/index.html")).unwrap();
        let nav = &page[page.find("archive-months").unwrap()..];
        nav[..nav.find("</nav>").unwrap()].to_string()
    };
    let [first, second] = ["out", "second"].map(|name| s.0.join(name));
    make(&first, None);
    assert!(months(&first).contains(">May</a> <span class=\"count\">(1)"), "{}", months(&first));
    assert!(!fs::read_to_string(first.join("index.html")).unwrap().contains(">May</a>"), "only the newest year's months are on every page");
    // B moves to March: 2023 still has two posts, so the sidebar is as it
    // was, and February's list is unchanged; its row of months is not.
    s.post("b.md", good("B", "2023-03-01"));
    make(&second, Some(&first));
    assert!(months(&second).contains(">March</a>") && !months(&second).contains(">May</a>"), "{}", months(&second));
}

#[test]
fn a_list_of_pages_is_trusted_only_while_it_is_true() {
    let s = Scratch::new("pages-list").monthly_posts(3);
    let make = |out: &Path, reuse: Option<&Path>| s.site(out, reuse);
    let read = |site: &Path, slug: &str| fs::read_to_string(site.join(format!("post/{slug}/index.html"))).unwrap_or_default();
    let [first, second, third, fourth] = ["out", "second", "third", "fourth"].map(|name| s.0.join(name));
    make(&first, None);
    // A rebuild as trunk runs it (the new site already has the category
    // feeds in a page folder) takes the pages the list names unopened.
    fs::write(first.join("post/p3/index.html"), "listed, so not opened").unwrap();
    make(&second, Some(&first));
    assert_eq!(read(&second, "p3"), "listed, so not opened");
    // A page already in the new site (say, from the public folder) is kept
    // over the earlier one, so the list no longer says what is there: every
    // page is opened, and those not made under their key are made again.
    fs::create_dir_all(third.join("post/p2")).unwrap();
    fs::write(third.join("post/p2/index.html"), "not a page of ours").unwrap();
    make(&third, Some(&second));
    assert!(read(&third, "p2").contains("Post 2") && read(&third, "p3").contains("Post 3"));
    // That run took the list out of the site it moved the pages from, so a
    // run from there now (as after one stopped half way) makes every page
    // it does not find.
    assert!(read(&second, "p1").is_empty(), "the pages were moved");
    make(&fourth, Some(&second));
    for i in 1..=3 {
        assert!(read(&fourth, &format!("p{i}")).contains(&format!("Post {i}")), "no page is taken as there on an old list's word");
    }
}

#[test]
fn without_a_list_of_pages_the_page_folders_say_what_is_there() {
    use folio::build::{config, pages, urls::SiteUrls};
    let s = Scratch::new("pages-unlisted").monthly_posts(3);
    let out = s.0.join("out");
    let make = || {
        build_site(&BuildOptions { out_dir: out.clone(), ..s.options() }).unwrap();
        fs::write(out.join("index.html"), "<!DOCTYPE html><html lang=\"en\"><head></head><body></body></html>").unwrap();
        let config = config::load(&s.0.join("folio.toml")).unwrap();
        pages::write_pages(&out, &config, &SiteUrls::new(None, "/"), None).unwrap()
    };
    let page = |slug: &str| out.join(format!("post/{slug}/index.html"));
    make();
    // The list of pages lost: what the folders hold is all there is to go on.
    fs::remove_file(out.join("data/pages.txt")).unwrap();
    let kept = fs::read_to_string(page("p2")).unwrap().replacen("Post 2", "Post 2 (kept)", 1);
    fs::write(page("p2"), kept).unwrap();
    fs::write(page("p3"), "no mark, so made again").unwrap();
    fs::remove_dir_all(page("p1").parent().unwrap()).unwrap();
    fs::create_dir_all(page("gone").parent().unwrap()).unwrap();
    fs::write(page("gone"), "a page no post makes").unwrap();
    let report = make();
    assert!(fs::read_to_string(page("p2")).unwrap().contains("Post 2 (kept)"), "a page with its mark is left as it is");
    assert!(fs::read_to_string(page("p3")).unwrap().contains("Post 3"));
    assert!(fs::read_to_string(page("p1")).unwrap().contains("Post 1"), "a page not there is made");
    assert!(!page("gone").parent().unwrap().exists(), "a page no longer made goes, with its folder");
    assert!(report.made < report.pages, "{report:?}");
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root).unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_bad_config_names_its_line() {
    let s = Scratch::new("config");
    s.post("ok.md", good("Fine", "2024-01-01"));
    fs::write(s.0.join("folio.toml"), "title = \"x\"\nposts_per_page = -1\n").unwrap();
    let err = build_site(&s.options()).unwrap_err().to_string();
    assert!(err.contains("folio.toml:2") && err.contains("from 1 to 100"), "{err}");
}

#[test]
fn a_missing_posts_or_public_folder_is_a_clear_error() {
    let s = Scratch::new("missing");
    let mut options = s.options();
    options.posts_dir = s.0.join("nowhere");
    let err = build_site(&options).unwrap_err().to_string();
    assert!(err.contains("nowhere") && err.contains("cannot read the posts folder") && err.contains("--posts"), "{err}");
    s.post("ok.md", good("Ok", "2024-01-01"));
    let options = BuildOptions { public_dir: Some(s.0.join("no-public")), ..s.options() };
    let err = build_site(&options).unwrap_err().to_string();
    assert!(err.contains("no-public") && err.contains("cannot read the public folder") && err.contains("--public"), "{err}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn posts_keep_their_addresses_under_the_old_engines_permalinks() {
    let s = Scratch::new("old-permalinks");
    fs::write(s.0.join("folio.toml"), "old_permalinks = [\"date\", \"/%year%/%postname%/\"]\n").unwrap();
    s.post("2024-03-05-Hello-World.md", "---\ntitle: Hello\ncategories: [Jekyll, Update]\naliases: [/2024/hello-world/]\n---\nA.\n");
    s.post("2023-01-02-plain.md", "---\ntitle: Plain\n---\nB.\n");
    build_site(&s.options()).unwrap();
    let aliases: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&fs::read(s.out_file("data/aliases.json")).unwrap()).unwrap();
    assert_eq!(aliases["hello-world"], ["2024/hello-world", "jekyll/update/2024/03/05/Hello-World.html"]);
    assert_eq!(aliases["plain"], ["2023/01/02/plain.html", "2023/plain"]);
}

#[test]
fn an_old_address_two_posts_give_leads_to_the_newer() {
    let s = Scratch::new("shared-alias");
    s.post("old.md", "---\ntitle: Old\ndate: 2020-01-01\naliases: [/moved/, /old-only/]\n---\nA.\n");
    s.post("new.md", "---\ntitle: New\ndate: 2021-01-01\nredirect_from: /moved/\n---\nB.\n");
    let report = build_site(&s.options()).unwrap();
    let aliases: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&fs::read(s.out_file("data/aliases.json")).unwrap()).unwrap();
    assert_eq!(aliases["new"], ["moved"]);
    assert_eq!(aliases["old"], ["old-only"]);
    assert!(
        report.warnings.iter().any(|w| w.contains("old.md") && w.contains("`/moved`") && w.contains("new.md")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_post_dated_ahead_waits_for_its_date_unless_future_is_set() {
    let s = Scratch::new("scheduled");
    s.post("now.md", good("Now", "2024-01-01")).post("ahead.md", good("Ahead", "2999-01-01"));
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    for round in ["fresh", "from the cache"] {
        let report = build_site(&options).unwrap();
        assert_eq!((report.posts, report.scheduled), (1, 1), "{round}");
        let warning = report.warnings.iter().find(|w| w.contains("ahead.md")).expect("the scheduled post is named");
        assert!(warning.contains("2999-01-01") && warning.contains("future = true"), "{warning}");
        assert_eq!(s.index().recent.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["now"], "{round}");
    }
    fs::write(s.0.join("folio.toml"), "future = true\n").unwrap();
    let report = build_site(&options).unwrap();
    assert_eq!((report.posts, report.scheduled), (2, 0));
    assert_eq!(s.index().recent[0].slug, "ahead");
}

#[test]
fn a_link_out_of_the_blog_is_never_published() {
    let s = Scratch::new("links");
    let outside = s.0.join("outside");
    fs::create_dir_all(outside.join("folder")).unwrap();
    fs::write(outside.join("id_rsa"), "PRIVATE KEY").unwrap();
    fs::write(outside.join("post.md"), good("Outside", "2024-01-02").replace("First paragraph", "PRIVATE POST")).unwrap();
    fs::create_dir_all(s.0.join("public/images")).unwrap();
    fs::write(s.0.join("public/images/logo.png"), "logo").unwrap();
    s.post("inside.md", good("Inside", "2024-01-01"));
    let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, s.0.join(at)).unwrap();
    link(&outside.join("id_rsa"), "posts/key.txt");
    link(&outside.join("id_rsa"), "public/images/key.png");
    link(&outside.join("folder"), "public/folder");
    link(&s.0.join("nowhere"), "public/broken.png");
    // A link that stays inside its folder is a file like any other.
    link(&s.0.join("posts/inside.md"), "posts/again.md");
    let options = BuildOptions { public_dir: Some(s.0.join("public")), ..s.options() };
    let report = build_site(&options).unwrap();
    assert_eq!(report.posts, 2, "the post and its in-folder link: {:?}", report.warnings);
    for name in ["key.txt", "key.png", "folder", "broken.png"] {
        assert!(report.warnings.iter().any(|w| w.contains(name)), "{name} is named: {:?}", report.warnings);
    }
    // A post linked from outside is an error: it is not lost unnoticed.
    link(&outside.join("post.md"), "posts/linked.md");
    let Err(BuildError::Posts(errors)) = build_site(&options) else { panic!("a linked-in post fails the build") };
    assert_eq!(errors.len(), 1);
    let error = errors[0].to_string();
    assert!(error.contains("linked.md") && error.contains("outside the posts folder") && error.contains("copy"), "{error}");
    let leaked: Vec<PathBuf> = walk(&s.0.join("out")).into_iter().filter(|f| contains(&fs::read(f).unwrap(), b"PRIVATE")).collect();
    assert_eq!(leaked, Vec::<PathBuf>::new());
    assert!(s.out_file("images/logo.png").exists());
}

#[test]
fn links_to_other_posts_files_lead_to_their_pages() {
    use folio::build::{config, pages, urls::SiteUrls};
    use folio::core::index::PostFile;
    let s = Scratch::new("file-links");
    s.post("2024/target.md", "---\ntitle: Target\ndate: 2024-01-01\nslug: the-target\n---\n## Part\n\nHi.\n")
        .post(
            "2024/links.md",
            "---\ntitle: Links\ndate: 2024-01-02\n---\nSee [relative](target.md#part), [zola](@/blog/2024/target.md), \
             [up](../2024/target.md) and [gone](missing.md).\n",
        );
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    let post_file = || -> PostFile { s.data(&s.index().versions.name(&folio::core::index::post_path("links"))) };
    let report = build_site(&options).unwrap();
    let warning = report.warnings.iter().find(|w| w.contains("missing.md")).expect("a link to no post is named");
    assert!(warning.contains("links.md") && warning.contains("fix the path"), "{warning}");
    assert_eq!(report.warnings.iter().filter(|w| w.contains("target.md")).count(), 0, "{:?}", report.warnings);
    let links = post_file().links;
    assert_eq!(links.get("target.md").map(String::as_str), Some("post/the-target"));
    assert_eq!(links.get("@/blog/2024/target.md").map(String::as_str), Some("post/the-target"));
    assert_eq!(links.get("../2024/target.md").map(String::as_str), Some("post/the-target"));
    // The page a reader without JavaScript gets links the post's page.
    fs::write(s.out_file("index.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>App</title></head><body></body></html>").unwrap();
    let config = config::load(&s.0.join("folio.toml")).unwrap();
    pages::write_pages(&s.0.join("out"), &config, &SiteUrls::new(None, "/"), None).unwrap();
    let page = fs::read_to_string(s.out_file("post/links/index.html")).unwrap();
    assert!(page.contains("href=\"/post/the-target#part\"") && page.contains("href=\"/post/the-target\""), "{page}");
    // The linked post's new slug reaches the unchanged linking post.
    s.post("2024/target.md", "---\ntitle: Target\ndate: 2024-01-01\nslug: moved\n---\nHi.\n");
    build_site(&options).unwrap();
    assert_eq!(post_file().links.get("target.md").map(String::as_str), Some("post/moved"));
}

#[test]
fn link_previews_show_the_posts_picture() {
    use folio::build::{config, pages, urls::SiteUrls};
    let s = Scratch::new("previews");
    fs::write(s.0.join("folio.toml"), "base_url = \"https://ex.org\"\n").unwrap();
    s.post("2024/covered.md", "---\ntitle: Covered\ndate: 2024-01-01\ncover:\n  image: cover.jpg\n---\n![first](first.png)\n")
        .post("2024/pictured.md", "---\ntitle: Pictured\ndate: 2024-01-02\n---\nText.\n\n<figure><img src=\"/images/a.png?w=1&amp;h=2\" alt=\"\"></figure>\n")
        .post("2024/plain.md", "---\ntitle: Plain\ndate: 2024-01-03\n---\nNo pictures.\n");
    build_site(&BuildOptions { out_dir: s.0.join("out"), ..s.options() }).unwrap();
    fs::write(s.out_file("index.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>App</title></head><body></body></html>").unwrap();
    let config = config::load(&s.0.join("folio.toml")).unwrap();
    pages::write_pages(&s.0.join("out"), &config, &SiteUrls::new(config.base_url.clone(), "/blog/"), None).unwrap();
    let head = |slug: &str| {
        let page = fs::read_to_string(s.out_file(&format!("post/{slug}/index.html"))).unwrap();
        page[..page.find("</head>").unwrap()].to_string()
    };
    let covered = head("covered");
    assert!(covered.contains("<meta property=\"og:image\" content=\"https://ex.org/blog/posts/2024/cover.jpg\" />"), "{covered}");
    assert!(covered.contains("content=\"summary_large_image\""), "{covered}");
    let pictured = head("pictured");
    assert!(pictured.contains("content=\"https://ex.org/blog/images/a.png?w=1&amp;h=2\""), "the post's first image: {pictured}");
    let plain = head("plain");
    assert!(!plain.contains("og:image") && plain.contains("<meta name=\"twitter:card\" content=\"summary\" />"), "{plain}");
}

#[test]
fn every_markdown_extension_jekyll_reads_is_a_post_and_a_tags_only_blog_lists_no_categories() {
    use folio::build::{config, pages, urls::SiteUrls};
    let s = Scratch::new("extensions");
    let tagged = |title: &str| format!("---\ntitle: {title}\ndate: 2024-01-01\ntags: [rail]\n---\nText.\n");
    for name in ["a.md", "b.markdown", "c.mkd", "d.mkdn", "e.mkdown", "f.mdown", "g.MD"] {
        s.post(name, tagged(name));
    }
    s.post("notes.txt", "not a post");
    let report = build_site(&s.options()).unwrap();
    assert_eq!((report.posts, report.assets), (7, 1), "{report:?}");
    // With no post in a category, no page shows an empty Categories widget.
    fs::write(s.out_file("index.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>App</title></head><body></body></html>").unwrap();
    let config = config::load(&s.0.join("folio.toml")).unwrap();
    pages::write_pages(&s.0.join("out"), &config, &SiteUrls::new(None, "/"), None).unwrap();
    let home = fs::read_to_string(s.out_file("index.html")).unwrap();
    assert!(home.contains("widget archives") && !home.contains("widget categories"), "{home}");
}

#[test]
fn an_html_file_with_front_matter_is_a_post_and_one_without_is_published_as_it_is() {
    let s = Scratch::new("html-posts");
    // As Jekyll's WordPress importer writes them: HTML, with front matter.
    s.post(
        "2012-03-04-from-wordpress.html",
        "---\nlayout: post\ntitle: From WordPress\ndate: 2012-03-04 10:00:00\n---\nFirst paragraph.\n\n<p>Second, with <a href=\"https://example.com\">a link</a>.</p>\n",
    );
    s.post("demo.HTM", "\u{feff}+++\ntitle = \"A Hugo page in HTML\"\ndate = 2012-03-05\n+++\n<p>Hi.</p>\n");
    s.post("embed.html", "<!DOCTYPE html><p>A demo page, linked from a post.</p>\n");
    // In the public folder, every file is published as it is.
    let public = s.0.join("public");
    fs::create_dir_all(&public).unwrap();
    fs::write(public.join("about.html"), "---\ntitle: About\n---\n<p>Me.</p>\n").unwrap();
    let report = build_site(&BuildOptions { public_dir: Some(public), ..s.options() }).unwrap();
    assert_eq!((report.posts, report.assets), (2, 2), "{report:?}");
    assert_eq!(fs::read_to_string(s.out_file("about.html")).unwrap(), "---\ntitle: About\n---\n<p>Me.</p>\n");
    let index = s.index();
    let post: PostFile = s.data(&index.post_file("from-wordpress"));
    assert_eq!(post.meta.title, "From WordPress");
    assert_eq!(post.meta.excerpt, "First paragraph.");
    assert!(post.markdown.contains("<p>Second, with <a href=\"https://example.com\">a link</a>.</p>"), "{}", post.markdown);
    assert_eq!(s.data::<PostFile>(&index.post_file("demo")).meta.title, "A Hugo page in HTML");
    assert_eq!(fs::read_to_string(s.out_file("posts/embed.html")).unwrap(), "<!DOCTYPE html><p>A demo page, linked from a post.</p>\n");
}

#[test]
fn a_post_without_a_title_takes_its_heading_or_else_its_file_name() {
    let s = Scratch::new("untitled");
    s.post("2024-01-01-notes-from-a-train.md", "---\ndate: 2024-01-01\n---\nText.\n");
    s.post("2024-01-02-x.md", "---\ndate: 2024-01-02\n---\n# A heading title\n\nText after it.\n");
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    // The second build takes both posts from the build cache.
    for build in ["fresh", "cached"] {
        build_site(&options).unwrap();
        let index = s.index();
        let heading: PostFile = s.data(&index.post_file("x"));
        assert_eq!(heading.meta.title, "A heading title", "{build}");
        assert_eq!(heading.markdown.trim(), "Text after it.", "{build}: the heading is not shown twice");
        let named: PostFile = s.data(&index.post_file("notes-from-a-train"));
        assert_eq!(named.meta.title, "Notes From A Train", "{build}");
    }
}

#[test]
fn an_mdx_post_builds_without_its_imports() {
    let s = Scratch::new("mdx");
    s.post(
        "2021-08-26-welcome/index.mdx",
        "---\nslug: welcome\ntitle: Welcome\nauthors: [slorber]\ntags: [hello]\n---\nimport Tabs from '@theme/Tabs';\n\n\
         The lead, shown in lists.\n\nIts second paragraph.\n\n{/* truncate */}\n\n<Tabs>The rest.</Tabs>\n",
    );
    let report = build_site(&s.options()).unwrap();
    assert_eq!(report.posts, 1, "{report:?}");
    let post: PostFile = s.data(&s.index().post_file("welcome"));
    // The excerpt is all the text above the marker, not the first paragraph alone.
    assert_eq!(post.meta.excerpt, "The lead, shown in lists. Its second paragraph.");
    assert!(!post.markdown.contains("import") && post.markdown.contains("<Tabs>The rest.</Tabs>"), "{}", post.markdown);
}

#[test]
fn authors_given_by_key_show_the_names_authors_yml_gives() {
    let s = Scratch::new("authors");
    s.post("authors.yml", "ann:\n  name: Ann Example\n  url: https://ann.example\n");
    s.post("2024-01-01-a.md", "---\ntitle: A\nauthors: [ann, Bob]\n---\nText.\n");
    let options = BuildOptions { cache: Some(s.0.join("cache.bin")), ..s.options() };
    let authors = |s: &Scratch| s.data::<PostFile>(&s.index().post_file("a")).meta.authors;
    build_site(&options).unwrap();
    assert_eq!(authors(&s), ["Ann Example", "Bob"]);
    // A new name reaches the post the cache holds.
    s.post("authors.yml", "ann:\n  name: Ann E. Xample\n");
    build_site(&options).unwrap();
    assert_eq!(authors(&s), ["Ann E. Xample", "Bob"]);
}
