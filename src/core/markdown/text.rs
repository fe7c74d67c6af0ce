//! Plain text from Markdown: excerpts, word counts and search text.

use super::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Average adult reading speed used for "N min read".
const WORDS_PER_MINUTE: usize = 220;

/// The longest excerpt shown in lists, in characters.
const EXCERPT_MAX_CHARS: usize = 320;

/// All the readable text of a post, blocks separated by newlines; raw HTML
/// and code blocks are left out, link text kept.
pub fn plain_text(markdown: &str) -> String {
    events_text(&Parser::new_ext(markdown, options()).collect::<Vec<_>>())
}

/// The text search indexes: the readable text and the code blocks, since
/// a reader may well search for a function name shown only in code.
pub fn search_text(markdown: &str) -> String {
    text_of(&Parser::new_ext(markdown, options()).collect::<Vec<_>>(), true)
}

/// The text of a run of events, as a reader would read it aloud.
pub(crate) fn events_text(events: &[Event<'_>]) -> String {
    text_of(events, false)
}

fn text_of(events: &[Event<'_>], with_code: bool) -> String {
    let mut out = String::new();
    let mut in_code_block = false;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push('\n');
            }
            Event::Text(t) if with_code || !in_code_block => out.push_str(t),
            Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The excerpt shown in post lists: the text before a `<!-- more -->` line,
/// else the first paragraph, as plain text of at most a few sentences.
pub fn excerpt(markdown: &str) -> String {
    let lead = markdown
        .lines()
        .position(|l| l.trim().eq_ignore_ascii_case("<!-- more -->") || l.trim() == "<!--more-->")
        .map(|n| markdown.lines().take(n).collect::<Vec<_>>().join("\n"));
    let text = match lead {
        Some(lead) => plain_text(&lead).split_whitespace().collect::<Vec<_>>().join(" "),
        None => first_paragraph(markdown),
    };
    shorten(&text, EXCERPT_MAX_CHARS)
}

fn first_paragraph(markdown: &str) -> String {
    let mut inside = false;
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            e if inside => events.push(e),
            _ => {}
        }
    }
    events_text(&events).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts text at a word boundary and marks the cut with an ellipsis.
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(char::is_whitespace).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches(|c: char| c.is_ascii_punctuation()))
}

/// How many template shortcodes (Liquid or Tera `{% … %}` and `{{ … }}`,
/// Hugo `{{< … >}}` and `{{% … %}}`) a post has outside code: Folio shows
/// them as text, and the builder warns about them.
pub fn shortcodes(markdown: &str) -> usize {
    let mut text = String::new();
    let mut in_code = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if !in_code => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    let mut count = 0;
    let mut rest = text.as_str();
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

/// Words in the post's readable text (code blocks excluded).
pub fn word_count(markdown: &str) -> usize {
    plain_text(markdown).split_whitespace().count()
}

/// Minutes a reader needs for `words` words, at least one.
pub fn reading_minutes(words: usize) -> u32 {
    (words.div_ceil(WORDS_PER_MINUTE)).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_prefers_the_more_marker() {
        let md = "First *para*.\n\nSecond para.\n\n<!-- more -->\n\nHidden.";
        assert_eq!(excerpt(md), "First para. Second para.");
    }

    #[test]
    fn excerpt_falls_back_to_the_first_paragraph() {
        let cases = [
            ("# Title\n\nThe [first](http://x) `para`.\nWraps here.\n\nSecond.", "The first para. Wraps here."),
            ("```\ncode first\n```\n\nThen text.", "Then text."),
            ("", ""),
            ("<div>only html</div>", ""),
        ];
        for (md, expected) in cases {
            assert_eq!(excerpt(md), expected, "{md:?}");
        }
    }

    #[test]
    fn long_excerpts_are_cut_at_a_word() {
        let md = "word ".repeat(200);
        let e = excerpt(&md);
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT_MAX_CHARS + 1, "{e}");
    }

    #[test]
    fn counts_shortcodes_outside_code() {
        let md = "{% include note.html %}\n\n{{< figure src=\"a.png\" >}} and {{ page.title }}\n\n`{{ x }}`\n\n```\n{% raw %}\n```\n\nA { brace } and {{ unclosed\n";
        assert_eq!(shortcodes(md), 3);
        assert_eq!(shortcodes("plain text"), 0);
    }

    #[test]
    fn counts_words_and_minutes() {
        assert_eq!(word_count("Two words.\n\n```\nnot counted here\n```"), 2);
        assert_eq!(search_text("Two words.\n\n```\nfn main()\n```\nAfter."), "Two words.\nfn main()\n\nAfter.");
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(220), 1);
        assert_eq!(reading_minutes(221), 2);
    }
}
