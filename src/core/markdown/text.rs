//! What the builder reads from Markdown besides its HTML, from one parse
//! ([`Parsed`]): plain text, excerpts, word counts, search text, shortcodes
//! and code blocks.

use super::{html_block, options};
use super::sanitize::HtmlFilter;
use crate::core::search::text::{is_cjk, is_han_or_kana};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Average adult reading speed used for "N min read".
const WORDS_PER_MINUTE: usize = 220;

/// Reading speed in Chinese and Japanese, read by the character.
const CHARACTERS_PER_MINUTE: usize = 500;

/// The longest excerpt shown in lists, in the width of Latin characters
/// (see [`is_wide`]).
const EXCERPT_MAX_WIDTH: usize = 320;

/// A post's Markdown parsed once for all that the builder takes from its
/// text: its length, excerpt, search text, shortcodes and code blocks.
/// Parsing is much of the work, and a large blog's build does it for
/// every post.
pub struct Parsed<'a> {
    markdown: &'a str,
    events: Vec<Event<'a>>,
}

/// A fenced or indented code block: the language named after its fence
/// (empty if none), and its code.
pub struct CodeBlock {
    pub language: String,
    pub code: String,
}

impl<'a> Parsed<'a> {
    /// Parses `markdown`.
    pub fn new(markdown: &'a str) -> Parsed<'a> {
        Parsed { markdown, events: Parser::new_ext(markdown, options()).collect() }
    }

    /// All the readable text, blocks separated by newlines: the text of
    /// raw HTML as a reader sees it (tags and scripts left out) and link
    /// text kept, code blocks left out.
    pub fn plain_text(&self) -> String {
        events_text(&self.events)
    }

    /// The text search indexes: the readable text, the code blocks (a
    /// reader may well search for a function name shown only in code) and
    /// images' alt text.
    pub fn search_text(&self) -> String {
        text_of(&self.events, true)
    }

    /// The excerpt shown in post lists: the text before the post's own
    /// `separator` (Jekyll's `excerpt_separator`) or else a `<!-- more -->`
    /// line, else the first paragraph, as plain text of at most a few
    /// sentences.
    pub fn excerpt(&self, separator: Option<&str>) -> String {
        let markdown = self.markdown;
        let lead = match separator.filter(|s| !s.trim().is_empty()) {
            Some(separator) => markdown.find(separator).map(|at| markdown[..at].to_string()),
            None => markdown
                .lines()
                .position(is_more_marker)
                .map(|n| markdown.lines().take(n).collect::<Vec<_>>().join("\n")),
        };
        let text = match lead {
            Some(lead) => Parsed::new(&lead).plain_text().split_whitespace().collect::<Vec<_>>().join(" "),
            None => first_paragraph(&self.events),
        };
        shorten(&text, EXCERPT_MAX_WIDTH)
    }

    /// How many template shortcodes (Liquid or Tera `{% … %}` and
    /// `{{ … }}`, Hugo `{{< … >}}` and `{{% … %}}`) the post has outside
    /// code: Folio shows them as text, and the builder warns about them.
    pub fn shortcodes(&self) -> usize {
        let mut text = String::new();
        let mut in_code = false;
        for event in &self.events {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if !in_code => text.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
                _ => {}
            }
        }
        count_shortcodes(&text)
    }

    /// How long the post's readable text is (code blocks left out).
    pub fn length(&self) -> Length {
        let mut length = Length::default();
        for word in self.plain_text().split_whitespace() {
            // Most words are ASCII, which has no Chinese or Japanese.
            if word.is_ascii() {
                length.words += usize::from(word.bytes().any(|b| b.is_ascii_alphanumeric()));
                continue;
            }
            let characters = word.chars().filter(|&c| is_han_or_kana(c)).count();
            length.characters += characters;
            // What is left of a word once its characters are taken out,
            // such as the Latin in `Rustの本`, is a word of its own.
            length.words += usize::from(word.chars().any(|c| !is_han_or_kana(c) && c.is_alphanumeric()));
        }
        length
    }

    /// The post's code blocks, in order.
    pub fn code_blocks(&self) -> Vec<CodeBlock> {
        let mut blocks = Vec::new();
        let mut current: Option<CodeBlock> = None;
        for event in &self.events {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let language = match kind {
                        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    current = Some(CodeBlock { language, code: String::new() });
                }
                Event::Text(text) => {
                    if let Some(block) = current.as_mut() {
                        block.code.push_str(text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
                _ => {}
            }
        }
        blocks
    }
}

/// The text search indexes in `markdown` ([`Parsed::search_text`]).
pub fn search_text(markdown: &str) -> String {
    Parsed::new(markdown).search_text()
}

/// The text of a run of events, as a reader would read it aloud.
pub(crate) fn events_text(events: &[Event<'_>]) -> String {
    text_of(events, false)
}

/// The text of `events`; code blocks and images' alt text only `for_search`.
fn text_of(events: &[Event<'_>], for_search: bool) -> String {
    let mut out = String::new();
    let mut in_code_block = false;
    let mut in_images = 0usize;
    // Raw HTML is read as the renderer filters it (see `super::sanitize`),
    // so text inside a `<script>` is no more searched than shown.
    let mut html = HtmlFilter::default();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::HtmlBlock) => {
                let (raw, next) = html_block(events, i);
                html.reset();
                out.push_str(&html.text(&raw));
                html.reset();
                out.push('\n');
                i = next;
                continue;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.push_str(&html.text(raw)),
            _ if html.is_dropping() => {}
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push('\n');
            }
            Event::Start(Tag::Image { .. }) => in_images += 1,
            Event::End(TagEnd::Image) => in_images = in_images.saturating_sub(1),
            Event::Text(t) if for_search || (!in_code_block && in_images == 0) => out.push_str(t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => {
                html.reset();
                out.push('\n')
            }
            _ => {}
        }
        i += 1;
    }
    // Empty blocks (an image, a comment, a dropped script) leave no blank lines.
    out.lines().filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Whether a line marks where a post's excerpt ends: `<!-- more -->`
/// (Jekyll, Hugo, Hexo, WordPress), or Docusaurus's `<!-- truncate -->`
/// (which an MDX post's `{/* truncate */}` becomes as it is read).
fn is_more_marker(line: &str) -> bool {
    let inner = line.trim().strip_prefix("<!--").and_then(|l| l.strip_suffix("-->"));
    inner.is_some_and(|inner| ["more", "truncate"].iter().any(|word| inner.trim().eq_ignore_ascii_case(word)))
}

/// The text of the first paragraph with any, Markdown or raw HTML (as in
/// posts exported from WordPress); images count for nothing.
fn first_paragraph(events: &[Event<'_>]) -> String {
    let mut rest = events;
    while let Some(start) = rest.iter().position(|e| matches!(e, Event::Start(Tag::Paragraph | Tag::HtmlBlock))) {
        let end = match rest[start] {
            Event::Start(Tag::Paragraph) => TagEnd::Paragraph,
            _ => TagEnd::HtmlBlock,
        };
        let len = rest[start..].iter().position(|e| *e == Event::End(end)).map_or(rest.len() - start, |n| n + 1);
        let text = events_text(&rest[start..start + len]);
        // A raw HTML block may hold several paragraphs, a line each; a
        // Markdown one is one paragraph, whatever `<br>` it has.
        let paragraph = match end {
            TagEnd::Paragraph => Some(text.as_str()),
            _ => text.lines().find(|line| !line.trim().is_empty()),
        };
        if let Some(paragraph) = paragraph.filter(|p| !p.trim().is_empty()) {
            return paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        rest = &rest[start + len..];
    }
    String::new()
}

/// Cuts text at a word boundary and marks the cut with an ellipsis.
fn shorten(text: &str, max_width: usize) -> String {
    let mut width = 0;
    let Some(end) = text.char_indices().find_map(|(at, c)| {
        width += if is_wide(c) { 2 } else { 1 };
        (width > max_width).then_some(at)
    }) else {
        return text.to_string();
    };
    let cut = &text[..end];
    // Chinese and Japanese may break between any two characters; other
    // text at a space.
    let in_wide_text = cut.ends_with(is_wide) || text[end..].starts_with(is_wide);
    let at_word = if in_wide_text { cut } else { cut.rfind(char::is_whitespace).map_or(cut, |i| &cut[..i]) };
    format!("{}…", at_word.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '、' || c == '。'))
}

/// Characters set twice as wide as Latin ones: Chinese, Japanese and
/// Korean, and their punctuation and full-width forms.
fn is_wide(c: char) -> bool {
    is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF60)
}

/// How many template shortcodes `text`, a post's text outside code, has.
fn count_shortcodes(text: &str) -> usize {
    let mut count = 0;
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        rest = &rest[at..];
        let close = match rest.get(..2) {
            Some("{%") => Some("%}"),
            Some("{{") => Some("}}"),
            _ => None,
        };
        match close.and_then(|c| rest[2..].find(c).filter(|&end| !rest[2..2 + end].contains('\n'))) {
            Some(end) => {
                count += 1;
                rest = &rest[2 + end + 2..];
            }
            None => rest = &rest[1..],
        }
    }
    count
}

/// How long a post's text is: its words, and its characters in the
/// scripts written without spaces between words (Chinese and Japanese),
/// which are counted and read by the character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Length {
    pub words: usize,
    pub characters: usize,
}

impl Length {
    /// Minutes a reader needs, at least one.
    pub fn minutes(&self) -> u32 {
        let minutes = self.words as f64 / WORDS_PER_MINUTE as f64 + self.characters as f64 / CHARACTERS_PER_MINUTE as f64;
        (minutes.ceil() as u32).max(1)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_prefers_the_more_marker() {
        let md = "First *para*.\n\nSecond para.\n\n<!-- more -->\n\nHidden.";
        assert_eq!(Parsed::new(md).excerpt(None), "First para. Second para.");
    }

    #[test]
    fn excerpt_ends_at_the_posts_own_separator() {
        let md = "Lead.\n\nMore lead. <!--break--> Rest.\n\n<!-- more -->\n\nHidden.";
        assert_eq!(Parsed::new(md).excerpt(Some("<!--break-->")), "Lead. More lead.");
        assert_eq!(Parsed::new(md).excerpt(Some("<!--none-->")), "Lead.", "a separator not in the post: the first paragraph");
    }

    #[test]
    fn excerpt_ends_at_docusauruss_truncate_marker() {
        for marker in ["<!-- truncate -->", "<!--truncate-->", "<!--More-->"] {
            assert_eq!(Parsed::new(&format!("Lead.\n\n{marker}\n\nHidden.")).excerpt(None), "Lead.", "{marker}");
        }
    }

    #[test]
    fn excerpt_falls_back_to_the_first_paragraph() {
        let cases = [
            ("# Title\n\nThe [first](http://x) `para`.\nWraps here.\n\nSecond.", "The first para. Wraps here."),
            ("```\ncode first\n```\n\nThen text.", "Then text."),
            ("", ""),
            ("<div>only <b>html</b></div>", "only html"),
            ("![A cover](cover.jpg)\n\nThe text.", "The text."),
            ("One line<br>and the next.\n\nSecond.", "One line and the next."),
            ("<p>&Eacute;t&eacute; &amp; caf&#233; &unknown;</p>", "Été & café &unknown;"),
            ("<!-- wp:paragraph -->\n<p>Day &#8217;one&#8217;\n goes</p><p>Second</p>\n<!-- /wp:paragraph -->", "Day ’one’ goes"),
        ];
        for (md, expected) in cases {
            assert_eq!(Parsed::new(md).excerpt(None), expected, "{md:?}");
        }
    }

    #[test]
    fn raw_html_counts_as_the_reader_sees_it() {
        let md = "<figure><img src=\"a.jpg\"\n  alt=\"Stage\"><figcaption>The main&nbsp;stage</figcaption></figure>\n\n\
                  <p>One<br>two</p><script>var hidden = 1;</script>\n\n\
                  Text with <span>inline</span> HTML<script>not this</script>.\n\n\
                  ![alt words](x.png)";
        let text = Parsed::new(md).plain_text();
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["The", "main", "stage", "One", "two", "Text", "with", "inline", "HTML."]);
        assert_eq!(Parsed::new(md).length().words, 9);
        assert!(search_text(md).contains("alt words"), "alt text is searched");
        assert!(!search_text(md).contains("hidden") && !search_text(md).contains("src"), "{}", search_text(md));
    }

    #[test]
    fn long_excerpts_are_cut_at_a_word() {
        let md = "word ".repeat(200);
        let e = Parsed::new(&md).excerpt(None);
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT_MAX_WIDTH + 1, "{e}");
        // Japanese has no spaces, and each character is twice as wide.
        let e = Parsed::new(&"東京都に行きました。".repeat(100)).excerpt(None);
        assert!(e.starts_with("東京都に") && e.ends_with('…') && e.chars().count() <= EXCERPT_MAX_WIDTH / 2 + 1, "{e}");
        assert!(!e.ends_with("。…"), "{e}");
    }

    #[test]
    fn counts_shortcodes_outside_code() {
        let md = "{% include note.html %}\n\n{{< figure src=\"a.png\" >}} and {{ page.title }}\n\n`{{ x }}`\n\n```\n{% raw %}\n```\n\nA { brace } and {{ unclosed\n";
        assert_eq!(Parsed::new(md).shortcodes(), 3);
        assert_eq!(Parsed::new("plain text").shortcodes(), 0);
    }

    #[test]
    fn counts_words_and_minutes() {
        assert_eq!(Parsed::new("Two words.\n\n```\nnot counted here\n```").length().words, 2);
        assert_eq!(Parsed::new("One - two ... (3) \u{2014} café!").length().words, 4, "a word is what has a letter or digit");
        assert_eq!(Parsed::new("Rust\n: A language.\n\nGo\n: Another.\n").plain_text().split_whitespace().collect::<Vec<_>>(), ["Rust", "A", "language.", "Go", "Another."]);
        assert_eq!(search_text("Two words.\n\n```\nfn main()\n```\nAfter."), "Two words.\nfn main()\nAfter.");
        let minutes = |words, characters| Length { words, characters }.minutes();
        assert_eq!((minutes(0, 0), minutes(220, 0), minutes(221, 0)), (1, 1, 2));
        assert_eq!((minutes(0, 1000), minutes(0, 1001), minutes(110, 250)), (2, 3, 1));
        // Japanese is read by the character; Korean and the Latin beside
        // Japanese by the word.
        assert_eq!(Parsed::new("東京都に行きました。Rustの本も。").length(), Length { words: 1, characters: 12 });
        assert_eq!(Parsed::new("서울에 갔습니다").length(), Length { words: 2, characters: 0 });
    }
}
