//! Existing blogs drop in: small Jekyll, Zola, Hugo and Pelican content
//! folders, and a WordPress blog as Jekyll's importer writes it
//! (`tests/fixtures/`), build as they are, and every build publishes feeds
//! that a real feed parser reads back, a sitemap and robots.txt.

use folio::build::{build_site, BuildOptions, BuildReport};
use folio::core::index::{PostFile, SiteIndex};
use std::fs;
use std::path::{Path, PathBuf};

/// Builds a fixture folder into a fresh output folder, with `config`.
/// Each call has its own folder: tests run side by side, and several
/// build the same fixture.
fn build(fixture: &str, posts: &str, config: &str) -> (PathBuf, BuildReport) {
    static BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
    let run = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let work = std::env::temp_dir().join(format!("folio-publishing-{fixture}-{}-{run}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap();
    fs::write(work.join("folio.toml"), config).unwrap();
    let options = BuildOptions {
        cache: None,
        reuse: None,
        posts_dir: root.join(posts),
        public_dir: None,
        config: work.join("folio.toml"),
        out_dir: work.join("out"),
        keep_going: false,
        base_path: "/blog/".into(),
    };
    let report = build_site(&options).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    (work.join("out"), report)
}

fn index(out: &Path) -> SiteIndex {
    serde_json::from_slice(&fs::read(out.join("index.json")).unwrap()).unwrap()
}

fn post(out: &Path, slug: &str) -> PostFile {
    let path = out.join(folio::core::route::decode(&index(out).post_file(slug), false));
    serde_json::from_slice(&fs::read(&path).unwrap_or_else(|_| panic!("no post {slug}"))).unwrap()
}

fn shortcode_warnings(report: &BuildReport) -> Vec<&String> {
    report.warnings.iter().filter(|w| w.contains("shortcode")).collect()
}

const CONFIG: &str = "title = \"Drop-in\"\nauthor = \"Robin\"\nbase_url = \"https://example.org\"\n";

#[test]
fn a_jekyll_posts_folder_builds_as_it_is() {
    let (out, report) = build("jekyll", "_posts", CONFIG);
    let index = index(&out);
    let slugs: Vec<&str> = index.recent.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["second-post", "hello-world"], "permalink's last part is the slug");
    let hello = post(&out, "hello-world");
    assert_eq!(hello.meta.date.to_string(), "2023-04-01", "the date comes from the file name");
    let categories: Vec<&str> = hello.meta.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(categories, ["travel", "notes"], "a space-separated category string is a list");
    assert_eq!(hello.aliases, ["old-hello", "2023/hello-world"], "its permalink is kept as an old address");
    assert!(!hello.code.is_empty() && hello.code[0].contains("hl-"), "ruby is highlighted: {:?}", hello.code);
    // Links built with Liquid are the paths they make; post_url names a
    // post's file, which leads to its page.
    assert!(hello.markdown.contains("](/assets/route.svg)\n"), "kramdown's {{: .align-center}} goes: {}", hello.markdown);
    assert_eq!(hello.links.get("@/2023-05-02-second-post").map(String::as_str), Some("post/second-post"));
    let second = post(&out, "second-post");
    assert_eq!(second.meta.date.to_string(), "2023-05-02T10:30:00+02:00");
    assert_eq!(second.meta.excerpt, "The part before the fold.");
    // A Liquid highlight block is a code block in its language, lines kept.
    assert!(second.code.len() == 1 && second.code[0].contains("hl-") && second.code[0].contains('\n'), "{:?}", second.code);
    assert!(!second.markdown.contains("{% highlight"), "{}", second.markdown);
    // Feeds carry the same highlighted code, made again from the post.
    let atom = fs::read_to_string(out.join("feed.xml")).unwrap();
    assert_eq!(atom.matches("hl-source").count(), 2, "both posts' code is highlighted in the feed: {atom}");
    assert_eq!(shortcode_warnings(&report).len(), 2, "{:?}", report.warnings);
}

#[test]
fn a_zola_content_folder_builds_as_it_is() {
    let (out, report) = build("zola", "content", CONFIG);
    assert_eq!(report.sections, 1, "_index.md is a section, not a post");
    let trip = post(&out, "first-trip");
    let categories: Vec<&str> = trip.meta.categories.iter().map(|c| c.name.as_str()).collect();
    let tags: Vec<&str> = trip.meta.tags.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!((categories, tags), (vec!["Travel"], vec!["rail", "night-train"]));
    assert_eq!(trip.aliases, ["old/first-trip", "trips/first-trip"], "its path is kept as an old address");
    // The image beside the post is published, and the post's relative link finds it.
    assert_eq!(trip.meta.dir, "posts/blog/first-trip/");
    assert!(out.join("posts/blog/first-trip/map.svg").is_file());
    let second = post(&out, "second");
    assert_eq!(second.meta.excerpt, "A description Zola shows in lists.");
    assert_eq!(second.meta.updated.map(|d| d.to_string()).as_deref(), Some("2024-03-02"));
    // Zola's shortcode call is read as the video link it stands for.
    assert!(trip.markdown.contains("[A video on YouTube](https://www.youtube.com/watch?v=abc123)"), "{}", trip.markdown);
    assert!(shortcode_warnings(&report).is_empty(), "{:?}", report.warnings);
}

#[test]
fn a_hugo_content_folder_builds_as_it_is() {
    let (out, report) = build("hugo", "content", CONFIG);
    assert_eq!((report.posts, report.drafts, report.sections), (2, 1, 1));
    let first = post(&out, "first");
    assert_eq!(first.meta.date.to_string(), "2022-11-05T09:00:00-05:00");
    let yaml = post(&out, "yaml-post");
    assert_eq!(yaml.meta.excerpt, "Hugo's description field.");
    assert_eq!(yaml.meta.updated.map(|d| d.to_string()).as_deref(), Some("2022-12-03"));
    // ref names the file; the link leads to its post's own slug.
    assert_eq!(yaml.links.get("@/posts/my-first.md").map(String::as_str), Some("post/first"));
    // The figure is made a figure; `note`, which Folio cannot know, is warned about.
    assert!(first.markdown.contains(r#"<figure><img src="/images/a.png" alt="A"><figcaption>A</figcaption></figure>"#), "{}", first.markdown);
    let warning = shortcode_warnings(&report);
    assert!(warning.len() == 1 && warning[0].contains("2 Liquid/Tera/Hugo shortcode"), "{warning:?}");
}

#[test]
fn feeds_read_back_with_a_real_parser() {
    let (out, _) = build("zola", "content", CONFIG);
    let atom = feed_rs::parser::parse(&fs::read(out.join("feed.xml")).unwrap()[..]).expect("Atom parses");
    assert_eq!(atom.title.unwrap().content, "Drop-in");
    assert_eq!(atom.entries.len(), 2);
    let newest = &atom.entries[0];
    assert_eq!(newest.title.as_ref().unwrap().content, "Second, in TOML");
    assert_eq!(newest.links[0].href, "https://example.org/blog/post/second");
    assert!(newest.content.as_ref().unwrap().body.as_ref().unwrap().contains("<p>Body text.</p>"));
    let trip = &atom.entries[1];
    let body = trip.content.as_ref().unwrap().body.clone().unwrap();
    assert!(body.contains("src=\"https://example.org/blog/posts/blog/first-trip/map.svg\""), "absolute image links: {body}");

    let rss = feed_rs::parser::parse(&fs::read(out.join("rss.xml")).unwrap()[..]).expect("RSS parses");
    assert_eq!(rss.entries.len(), 2);
    assert_eq!(rss.entries[1].links[0].href, "https://example.org/blog/post/first-trip");

    let travel = feed_rs::parser::parse(&fs::read(out.join("category/travel/feed.xml")).unwrap()[..]).unwrap();
    assert_eq!(travel.entries.len(), 1);
    assert_eq!(travel.title.unwrap().content, "Drop-in: Travel");

    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/blog/post/first-trip</loc>"), "{sitemap}");
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/blog/sitemap.xml"), "{robots}");
}

#[test]
fn excerpt_feeds_and_no_base_url() {
    let config = "title = \"Drop-in\"\n[feed]\nfull_content = false\nentries = 1\n";
    let (out, report) = build("hugo", "content", config);
    assert!(report.warnings.iter().any(|w| w.contains("no base_url")), "{:?}", report.warnings);
    assert!(!out.join("sitemap.xml").exists());
    let atom = feed_rs::parser::parse(&fs::read(out.join("feed.xml")).unwrap()[..]).expect("Atom parses");
    assert_eq!(atom.entries.len(), 1);
    assert!(atom.entries[0].content.is_none() && atom.entries[0].summary.is_some());
    assert_eq!(atom.entries[0].links[0].href, "/blog/post/yaml-post");
}

#[test]
fn an_old_address_gets_a_page_that_sends_readers_on() {
    use folio::build::{config, pages, urls::SiteUrls};
    let (out, _) = build("zola", "content", CONFIG);
    fs::write(out.join("index.html"), "<!DOCTYPE html><html><head><title>App</title></head><body></body></html>").unwrap();
    let config = config::load(&out.join("../folio.toml")).unwrap();
    let urls = SiteUrls::new(Some("https://example.org".into()), "/blog/");
    pages::write_pages(&out, &config, &urls, None).unwrap();
    let moved = fs::read_to_string(out.join("old/first-trip/index.html")).expect("a page at the alias");
    assert!(moved.contains("url=/blog/post/first-trip"), "{moved}");
    // Only posts with aliases have pages elsewhere: the other posts' old
    // addresses are not made up.
    assert!(!out.join("old/second").exists());
}

#[test]
fn a_pelican_content_folder_builds_as_it_is() {
    let (out, report) = build("pelican", "content", CONFIG);
    assert_eq!((report.posts, report.drafts), (2, 1), "{report:?}");
    let first = post(&out, "first-steps");
    assert_eq!(first.meta.title, "First steps with Pelican");
    assert_eq!(first.meta.date.rfc3339(), "2024-03-01T10:20:00Z");
    let terms = |terms: &[folio::core::index::Term]| terms.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    assert_eq!(terms(&first.meta.categories), ["Python"]);
    assert_eq!(terms(&first.meta.tags), ["pelican", "static sites"]);
    assert_eq!(first.meta.excerpt, "How this blog began.");
    // {filename} links lead to the linked post's page; {static} files are
    // published from the content folder.
    assert_eq!(first.links.get("@/2024-03-08-images.md").map(String::as_str), Some("post/images"));
    assert!(first.markdown.contains("](/posts/images/diagram.svg)"), "{}", first.markdown);
    assert!(out.join("posts/images/diagram.svg").exists());
    assert!(post(&out, "images").markdown.contains("[Pelican](/tag/pelican)"));
}

#[test]
fn a_wordpress_blog_as_jekylls_importer_writes_it_builds() {
    let (out, report) = build("wordpress", "_posts", CONFIG);
    assert_eq!((report.posts, report.drafts), (1, 1), "a private post is not published: {report:?}");
    let hello = post(&out, "hello-world");
    assert_eq!(hello.meta.title, "Hello world!");
    assert_eq!(hello.meta.authors, ["Ann Example"]);
    assert_eq!(hello.aliases, ["2011/05/20/hello-world"]);
    assert!(hello.markdown.contains("<figure><a href=\"http://example.com/wp-content/uploads/2011/05/beach.jpg\"><img "), "{}", hello.markdown);
    assert!(hello.markdown.contains("<figcaption>The beach at noon</figcaption></figure>"), "{}", hello.markdown);
    assert!(hello.markdown.contains("```python\nprint(\"hello\")\n```"), "{}", hello.markdown);
    assert!(!hello.code.is_empty() && hello.code[0].contains("hl-"), "python is highlighted: {:?}", hello.code);
    assert!(hello.markdown.contains("<https://www.youtube.com/watch?v=dQw4w9WgXcQ>"), "{}", hello.markdown);
    assert!(hello.meta.excerpt.starts_with("Welcome to WordPress. This is your first post – edit"), "{}", hello.meta.excerpt);
}
