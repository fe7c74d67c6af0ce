//! Markdown to safe HTML, and Markdown to plain text.
//!
//! The builder and the browser app (through its renderer worker, see
//! [`RenderRequest`]) both call [`render`], so a post looks the same
//! wherever it is rendered. Raw HTML goes through
//! [`sanitize::HtmlFilter`], link and image URLs through
//! [`sanitize::is_safe_url`], and heading attributes are reduced to id and
//! class, so no post can run script in a reader's browser.

mod math;
pub mod sanitize;
mod request;
mod text;

pub use request::RenderRequest;
#[cfg(test)]
pub(crate) use request::sample as request_sample;
pub use text::{search_text, CodeBlock, Length, Parsed};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use crate::core::escape::escape;
use sanitize::{is_safe_url, scheme, HtmlFilter};
use std::collections::{BTreeMap, HashMap};

/// What rendering a post needs besides its Markdown: where it lives, so
/// its relative links and in-page anchors resolve (the app is served under
/// a `<base href>`, so a bare `#note` or `pic.png` would resolve against the
/// site root rather than the post), the words to mark, and its code blocks
/// as highlighted at build time.
#[derive(Clone, Debug)]
pub struct RenderContext<'a> {
    /// The site's path prefix, ending in `/` (`/` or `/blog/`), or its
    /// absolute URL for feeds.
    pub site_base: &'a str,
    /// The folder of the post's source below the site root (`posts/2024/`),
    /// for images kept beside the post.
    pub post_dir: &'a str,
    /// The full path of the page showing the post, for `#anchor` links.
    pub page_path: &'a str,
    /// Search keys of the words to wrap in `<mark>` (sorted; see
    /// [`crate::core::search::excerpt`]), for a reader arriving from a search.
    pub marks: &'a [String],
    /// The post's code blocks in order, as highlighted HTML (empty for a
    /// block left plain); see [`crate::core::index::PostFile::code`].
    pub code: &'a [String],
    /// Where links to other posts' Markdown files lead, below `site_base`;
    /// see [`crate::core::index::PostFile::links`].
    pub post_links: &'a BTreeMap<String, String>,
}

impl RenderContext<'_> {
    /// Makes a link or image URL safe and correct under the site's base path;
    /// `None` when the URL's scheme could run script.
    pub fn resolve(&self, url: &str) -> Option<String> {
        if !is_safe_url(url) {
            return None;
        }
        let (file, fragment) = url.split_once('#').map_or((url, None), |(file, fragment)| (file, Some(fragment)));
        let resolved = if let Some(fragment) = url.strip_prefix('#') {
            format!("{}#{fragment}", self.page_path)
        } else if let Some(page) = self.post_links.get(file) {
            let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            format!("{}{page}{fragment}", self.site_base)
        } else if url.starts_with("//") || scheme(url).is_some() || url.is_empty() {
            url.to_string()
        } else if let Some(rooted) = url.strip_prefix('/') {
            format!("{}{rooted}", self.site_base)
        } else {
            format!("{}{}{url}", self.site_base, self.post_dir)
        };
        Some(resolved)
    }
}

/// The Markdown extensions every post gets: GitHub's (tables, footnotes,
/// strikethrough, task lists, its `> [!NOTE]` alerts, and `$…$` and
/// `$$…$$` math, whose rules leave prices such as "$5 and $10" as text),
/// heading ids, typographic quotes and dashes, the definition lists
/// that kramdown (Jekyll) and Goldmark (Hugo) read, and Obsidian's
/// `[[wikilinks]]` (resolved to posts by the builder's `links` module).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_MATH
        | Options::ENABLE_WIKILINKS
}

/// A post's body as safe HTML, and its headings for a table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// A section heading of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6, as in `<h1>`–`<h6>`.
    pub level: u8,
    /// Its `id`, unique in the post.
    pub id: String,
    pub text: String,
}

/// A post needs a table of contents from this many sections on.
const TOC_MIN_HEADINGS: usize = 3;

impl Rendered {
    /// The post's content as both the app and the prerendered page show it:
    /// its table of contents (if long enough), then the body.
    pub fn content_html(&self, page_path: &str) -> String {
        format!("{}<div class=\"post-body\">{}</div>", self.toc_html(page_path), self.html)
    }

    /// A table of contents of the post's second- and third-level headings,
    /// linking to them on `page_path`; empty for a post with few sections.
    pub fn toc_html(&self, page_path: &str) -> String {
        let entries: Vec<&Heading> = self.headings.iter().filter(|h| matches!(h.level, 2 | 3)).collect();
        if entries.len() < TOC_MIN_HEADINGS {
            return String::new();
        }
        let mut html = String::from("<nav class=\"toc\" aria-labelledby=\"toc-heading\"><h2 id=\"toc-heading\">Contents</h2><ol>");
        for h in entries {
            html.push_str(&format!(
                "<li class=\"toc-{}\"><a href=\"{}#{}\">{}</a></li>",
                h.level,
                escape(page_path),
                escape(&h.id),
                escape(&h.text)
            ));
        }
        html.push_str("</ol></nav>");
        html
    }
}

/// Renders a post's Markdown to HTML that is safe to insert into the page.
pub fn render_html(markdown: &str, links: &RenderContext<'_>) -> String {
    render(markdown, links).html
}

/// Renders a post's Markdown to safe HTML and lists its headings.
pub fn render(markdown: &str, links: &RenderContext<'_>) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let mut renderer = Renderer {
        links,
        code_blocks: 0,
        images: 0,
        filter: HtmlFilter::default(),
        ids: HashMap::new(),
        footnotes: HashMap::new(),
        headings: Vec::new(),
    };
    let mut out_events = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        i = renderer.step(&events, i, &mut out_events);
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    Rendered { html: lazy_images(html), headings: renderer.headings }
}

/// Every image after the first loads only as the reader nears it, and is
/// decoded off the main thread: a post of thirty photos costs a reader who
/// stops at the top one photo. The first, often the post's lead picture,
/// loads at once. An image whose author chose `loading` keeps it.
fn lazy_images(html: String) -> String {
    const LAZY: &str = "loading=\"lazy\" decoding=\"async\" ";
    let tags: Vec<usize> = image_tags(&html).skip(1).collect();
    if tags.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    for at in tags {
        let tag = &html[at..html[at..].find('>').map_or(html.len(), |end| at + end)];
        if !tag.contains(" loading=") {
            out.push_str(&html[copied..at + "<img ".len()]);
            out.push_str(LAZY);
            copied = at + "<img ".len();
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Where each `<img ` tag starts in `html`. Found from each `<` with
/// memchr, not with `str::match_indices` (which took 3% of `folio pages`,
/// most posts having no second image to find), nor with memchr's substring
/// search, which would add 2 KB to the post renderer's wasm: pulldown-cmark
/// already brings in the byte search.
pub fn image_tags(html: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).filter(|&at| bytes[at..].starts_with(b"<img "))
}

struct Renderer<'l, 'a> {
    links: &'l RenderContext<'a>,
    /// Code blocks seen so far.
    code_blocks: usize,
    /// How many images the current event is inside: their text is alt text,
    /// where no markup may go.
    images: usize,
    filter: HtmlFilter,
    headings: Vec<Heading>,
    /// Heading ids given out so far, to keep them unique.
    ids: HashMap<String, usize>,
    /// Footnote labels in order of first reference, numbered from 1.
    footnotes: HashMap<String, usize>,
}

impl<'a> Renderer<'_, '_> {
    /// Handles the event at `i`, pushing its safe form; returns the next index.
    fn step(&mut self, events: &[Event<'a>], i: usize, out: &mut Vec<Event<'a>>) -> usize {
        match &events[i] {
            Event::Start(Tag::HtmlBlock) => {
                let (raw, next) = html_block(events, i);
                self.filter.reset();
                out.push(Event::Html(self.filter_html(&raw).into()));
                self.filter.reset();
                return next;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                out.push(Event::InlineHtml(self.filter_html(raw).into()));
            }
            Event::End(end) if is_block_end(end) => {
                self.filter.reset();
                out.push(events[i].clone());
            }
            _ if self.filter.is_dropping() => {}
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                return self.heading(events, i, *level, id.clone(), classes.clone(), out);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => match self.resolve(dest_url) {
                Some(dest_url) => out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url,
                    title: title.clone(),
                    id: id.clone(),
                })),
                // Its text is kept, as an `<a>` with no address (as raw
                // HTML's unsafe links become): `href=""` would be a link
                // to the page itself, which reloads it.
                None => out.push(Event::InlineHtml("<a>".into())),
            },
            Event::Start(Tag::CodeBlock(kind)) => {
                let n = self.code_blocks;
                self.code_blocks += 1;
                if let Some(highlighted) = self.links.code.get(n).filter(|h| !h.is_empty()) {
                    return self.highlighted_code(events, i, kind, highlighted, out);
                }
                out.push(events[i].clone());
            }
            Event::Text(text) if !self.links.marks.is_empty() && self.images == 0 => {
                out.push(Event::InlineHtml(mark_matches(text, self.links.marks).into()));
            }
            Event::End(TagEnd::Image) => {
                self.images = self.images.saturating_sub(1);
                out.push(events[i].clone());
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.images += 1;
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: self.resolve(dest_url).unwrap_or(CowStr::Borrowed("")),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(label);
                let id = footnote_id(label);
                out.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\" id=\"ref-{id}\"><a href=\"{}#{id}\">{n}</a></sup>",
                        escape(self.links.page_path)
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.footnote_number(label);
                let id = footnote_id(label);
                out.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
            Event::InlineMath(tex) => out.push(Event::InlineHtml(math::to_mathml(tex, false).into())),
            // kramdown (Jekyll) writes `$$…$$` inside a sentence too, for
            // inline math: a block only when it is a paragraph of its own.
            Event::DisplayMath(tex) => {
                let alone = matches!(events.get(i.wrapping_sub(1)), Some(Event::Start(Tag::Paragraph)))
                    && matches!(events.get(i + 1), Some(Event::End(TagEnd::Paragraph)));
                out.push(Event::InlineHtml(math::to_mathml(tex, alone).into()));
            }
            other => out.push(other.clone()),
        }
        i + 1
    }

    /// Gives a heading a unique id (the author's `{#id}` or one made from its
    /// text) and drops any other custom attribute, which could be `onclick`.
    fn heading(
        &mut self,
        events: &[Event<'a>],
        i: usize,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        out: &mut Vec<Event<'a>>,
    ) -> usize {
        let end = events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(events.len(), |p| i + p);
        let wanted = match id {
            Some(id) => crate::core::slug::slugify(&id),
            None => crate::core::slug::slugify(&text::events_text(&events[i + 1..end])),
        };
        let id = self.unique_id(if wanted.is_empty() { "section".into() } else { wanted });
        let text = text::events_text(&events[i + 1..end]).split_whitespace().collect::<Vec<_>>().join(" ");
        self.headings.push(Heading { level: level as u8, id: id.clone(), text });
        out.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs: Vec::new() }));
        let mut j = i + 1;
        while j < end {
            j = self.step(events, j, out);
        }
        if end < events.len() {
            out.push(events[end].clone());
        }
        end + 1
    }

    /// A code block as highlighted at build time, in place of its plain
    /// text; the highlighted HTML goes through the same allow-list as any.
    fn highlighted_code(
        &mut self,
        events: &[Event<'a>],
        i: usize,
        kind: &pulldown_cmark::CodeBlockKind<'a>,
        highlighted: &str,
        out: &mut Vec<Event<'a>>,
    ) -> usize {
        let end = events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::CodeBlock))).map_or(events.len(), |p| i + p);
        let language = match kind {
            pulldown_cmark::CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
            pulldown_cmark::CodeBlockKind::Indented => "",
        };
        let class = if language.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(language)) };
        self.filter.reset();
        let body = self.filter.filter(highlighted);
        self.filter.reset();
        out.push(Event::Html(format!("<pre class=\"highlight\"><code{class}>{body}</code></pre>\n").into()));
        end + 1
    }

    fn unique_id(&mut self, wanted: String) -> String {
        let n = self.ids.entry(wanted.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            wanted
        } else {
            format!("{wanted}-{}", *n - 1)
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    /// See [`RenderContext::resolve`].
    fn resolve(&self, url: &str) -> Option<CowStr<'a>> {
        self.links.resolve(url).map(Into::into)
    }

    /// The safe form of a piece of the post's raw HTML, its URLs resolved
    /// as Markdown ones are.
    fn filter_html(&mut self, raw: &str) -> String {
        let links = self.links;
        self.filter.filter_resolving(raw, &|url| links.resolve(url))
    }
}

/// The raw HTML block that starts at `events[start]`, whole, and the index
/// after its end. pulldown-cmark hands a block over line by line; read
/// whole, a tag spread over lines is seen as one tag.
fn html_block(events: &[Event<'_>], start: usize) -> (String, usize) {
    let mut raw = String::new();
    let mut next = start + 1;
    while let Some(Event::Html(piece)) = events.get(next) {
        raw.push_str(piece);
        next += 1;
    }
    (raw, next + usize::from(matches!(events.get(next), Some(Event::End(TagEnd::HtmlBlock)))))
}

fn footnote_id(label: &str) -> String {
    format!("fn-{}", crate::core::slug::slugify(label))
}

/// Text as HTML, with its matched words in `<mark>`.
fn mark_matches(text: &str, highlight: &[String]) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for segment in crate::core::search::excerpt::highlight(text, highlight) {
        if segment.marked {
            html.push_str("<mark>");
            html.push_str(&escape(&segment.text));
            html.push_str("</mark>");
        } else {
            html.push_str(&escape(&segment.text));
        }
    }
    html
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINKS: RenderContext<'static> = RenderContext {
        site_base: "/blog/",
        post_dir: "posts/2024/",
        page_path: "/blog/post/hello",
        marks: &[],
        code: &[],
        post_links: &BTreeMap::new(),
    };

    fn render(md: &str) -> String {
        render_html(md, &LINKS)
    }

    #[test]
    fn highlighted_code_replaces_plain_code_through_the_filter() {
        let code = ["".to_string(), "<span class=\"hl-kw\">fn</span> <script>x</script>main".to_string()];
        let context = RenderContext { code: &code, ..LINKS };
        let html = render_html("```\nplain\n```\n\n```rust\nfn main\n```\n", &context);
        assert_eq!(
            html,
            "<pre><code>plain\n</code></pre>\n<pre class=\"highlight\"><code class=\"language-rust\"><span class=\"hl-kw\">fn</span> main</code></pre>\n"
        );
    }

    #[test]
    fn marks_searched_words_outside_alt_text() {
        let marks = ["run".to_string()];
        let marked = RenderContext { marks: &marks, ..LINKS };
        let html = render_html("Running <b>&</b> ![running](x.png) `run` fast.", &marked);
        assert_eq!(
            html,
            "<p><mark>Running</mark> <b>&amp;</b> <img src=\"/blog/posts/2024/x.png\" alt=\"running\" /> <code>run</code> fast.</p>\n"
        );
        let escaped = render_html("a < b & run", &marked);
        assert_eq!(escaped, "<p>a &lt; b &amp; <mark>run</mark></p>\n");
    }

    #[test]
    fn images_after_the_first_load_lazily() {
        let html = render("![a](a.png)\n\n![b](b.png)\n\n<img src=\"c.png\" loading=\"eager\">\n\n`<img d>`\n");
        let tags: Vec<&str> = html.split("<img ").skip(1).map(|t| &t[..t.find('>').unwrap()]).collect();
        assert_eq!(tags.len(), 3, "{html}");
        assert!(!tags[0].contains("loading"), "the first loads at once: {html}");
        assert!(tags[1].starts_with("loading=\"lazy\" decoding=\"async\" src="), "{html}");
        assert!(tags[2].contains("loading=\"eager\"") && !tags[2].contains("lazy"), "the author's choice stays: {html}");
        assert_eq!(render("No pictures."), "<p>No pictures.</p>\n");
    }

    #[test]
    fn image_tags_are_found_only_where_a_tag_starts() {
        let html = "<<img a><imgx><p>&lt;img c</p><img d><img ";
        let found: Vec<&str> = image_tags(html).map(|at| &html[at..]).collect();
        assert_eq!(found, ["<img a><imgx><p>&lt;img c</p><img d><img ", "<img d><img ", "<img "]);
        assert_eq!(image_tags("").count(), 0);
        assert_eq!(image_tags("<img").count(), 0, "cut short");
    }

    #[test]
    fn math_is_mathml_and_prices_stay_text() {
        let html = render("It costs $5 and $10, or $5/month.\n\nLet $x_1 * y_2$ be, with $$a^2$$ inline.\n\n$$\n\\sum_{i=1}^n i\n$$\n");
        assert!(html.contains("costs $5 and $10, or $5/month."), "{html}");
        assert!(html.contains("<math><semantics><mrow><msub><mi>x</mi><mn>1</mn></msub><mo>∗</mo>"), "no emphasis from the stars: {html}");
        assert!(html.contains("with <math><semantics><msup>"), "kramdown's inline $$: {html}");
        assert!(html.contains("<p><math display=\"block\"><semantics><mrow><munderover>"), "{html}");
        assert_eq!(text::Parsed::new("Let $x^2$ be.").plain_text(), "Let x^2 be.");
    }

    #[test]
    fn renders_alerts_and_definition_lists() {
        let html = render("> [!WARNING]\n> Mind the gap.\n\nRust\n: A language.\n");
        assert!(html.contains("<blockquote class=\"markdown-alert-warning\">"), "{html}");
        assert!(html.contains("<dl>") && html.contains("<dt>Rust</dt>") && html.contains("<dd>A language.</dd>"), "{html}");
    }

    #[test]
    fn renders_the_extensions_posts_use() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo\n");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render("# Intro\n\n## Intro\n\n## Set up *fast* {#custom}\n\n## !!!\n");
        assert!(html.contains("<h1 id=\"intro\">Intro</h1>"), "{html}");
        assert!(html.contains("<h2 id=\"intro-1\">Intro</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"custom\">Set up <em>fast</em></h2>"), "{html}");
        assert!(html.contains("<h2 id=\"section\">"), "{html}");
    }

    #[test]
    fn long_posts_get_a_table_of_contents() {
        let rendered = super::render("# Title\n\n## One & two\n\n### Deeper\n\n## Intro\n\n#### Too deep\n", &LINKS);
        let levels: Vec<(u8, &str)> = rendered.headings.iter().map(|h| (h.level, h.id.as_str())).collect();
        assert_eq!(levels, [(1, "title"), (2, "one-two"), (3, "deeper"), (2, "intro"), (4, "too-deep")]);
        assert_eq!(
            rendered.toc_html("/blog/post/x"),
            "<nav class=\"toc\" aria-labelledby=\"toc-heading\"><h2 id=\"toc-heading\">Contents</h2><ol>\
             <li class=\"toc-2\"><a href=\"/blog/post/x#one-two\">One &amp; two</a></li>\
             <li class=\"toc-3\"><a href=\"/blog/post/x#deeper\">Deeper</a></li>\
             <li class=\"toc-2\"><a href=\"/blog/post/x#intro\">Intro</a></li></ol></nav>"
        );
        assert_eq!(super::render("## Only\n\n## Two\n", &LINKS).toc_html("/p"), "");
    }

    #[test]
    fn heading_attributes_cannot_add_handlers() {
        let html = render("# Title {#t onclick=alert(1) .big}\n");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("id=\"t\"") && html.contains("big"), "{html}");
    }

    #[test]
    fn footnotes_link_within_the_post() {
        let html = render("Claim.[^src]\n\n[^src]: The source.\n");
        assert!(html.contains("href=\"/blog/post/hello#fn-src\">1</a>"), "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-src\">"), "{html}");
    }

    #[test]
    fn links_resolve_under_the_base_path() {
        let cases = [
            ("[a](https://example.org)", "href=\"https://example.org\""),
            ("[a](/about)", "href=\"/blog/about\""),
            ("[a](#part)", "href=\"/blog/post/hello#part\""),
            ("![a](diagram.png)", "src=\"/blog/posts/2024/diagram.png\""),
            ("![a](/images/x.png)", "src=\"/blog/images/x.png\""),
            ("[a](mailto:me@example.org)", "href=\"mailto:me@example.org\""),
            // Raw HTML's URLs, as a WordPress export has them, alike.
            ("<figure><img src=\"/wp-content/x.jpg\"></figure>", "<img src=\"/blog/wp-content/x.jpg\">"),
            ("See <a href=\"photo.jpg\">the photo</a>.", "<a href=\"/blog/posts/2024/photo.jpg\">"),
            ("<p><a href=\"#part\">up</a></p>", "<a href=\"/blog/post/hello#part\">"),
            ("<video src=\"https://cdn.example/v.mp4\" poster=\"v.jpg\"></video>", "src=\"https://cdn.example/v.mp4\" poster=\"/blog/posts/2024/v.jpg\""),
        ];
        for (md, expected) in cases {
            let html = render(md);
            assert!(html.contains(expected), "{md} gave {html}");
        }
    }

    #[test]
    fn script_urls_and_raw_html_are_neutralised() {
        let cases = [
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](javascript&colon;alert(1))",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<script>alert(1)</script>",
            "<img\nsrc=x\nonerror=alert(1)>",
            "Inline <img src=x onerror=alert(1)> html",
            "text <script>alert(1)</script> more",
            "<div>\n<svg onload=alert(1)>\n</div>",
            "[x]: javascript:alert(1)\n\n[link][x]",
        ];
        for md in cases {
            let html = render(md).to_ascii_lowercase();
            assert!(!html.contains("javascript:"), "{md} gave {html}");
            assert!(!html.contains("onerror") || html.contains("&lt;"), "{md} gave {html}");
            assert!(!html.contains("<script") && !html.contains("<svg") && !html.contains("data:"), "{md} gave {html}");
            assert!(!html.contains("alert(1)</script>"), "{md} gave {html}");
        }
    }

    #[test]
    fn a_link_to_an_unsafe_url_keeps_its_text_but_leads_nowhere() {
        for md in ["[the text](javascript:alert(1))", "[the text][x]\n\n[x]: vbscript:run", "<javascript:alert(1)>"] {
            let html = render(md);
            assert!(!html.contains("href"), "{md} gave {html}");
            let text = if md.starts_with('<') { "javascript:alert(1)" } else { "the text" };
            assert!(html.contains(&format!("<a>{text}</a>")), "{md} gave {html}");
        }
        assert!(render("[ok](https://ok.example)").contains("<a href=\"https://ok.example\">ok</a>"));
    }

    #[test]
    fn an_unclosed_form_control_keeps_the_rest_of_the_post() {
        let html = render("<textarea>\n\nThe rest of the post.\n");
        assert!(html.contains("The rest of the post."), "{html}");
        assert!(!html.contains("<textarea"), "{html}");
    }

    #[test]
    fn an_unclosed_script_does_not_swallow_the_post() {
        let html = render("Para <script> one.\n\nSecond paragraph.\n");
        assert!(html.contains("Second paragraph."), "{html}");
    }
}
