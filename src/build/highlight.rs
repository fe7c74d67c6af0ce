//! Code blocks highlighted at build time (with syntect, as Zola and Hugo
//! do), so the browser gets coloured code without carrying a highlighter:
//! the spans carry `hl-` classes that `style/main.css` colours for light
//! and dark themes.

use crate::core::markdown::{CodeBlock, Parsed};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The loaded grammars; load once per build.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines() }
    }
}

impl Highlighter {
    /// The post's code blocks in order, each as highlighted HTML, or empty
    /// when its language is not named or not known; no blocks at all when
    /// none was highlighted.
    pub fn code_blocks(&self, markdown: &str) -> Vec<String> {
        self.highlight_all(&Parsed::new(markdown).code_blocks())
    }

    /// [`Highlighter::code_blocks`] for a post already parsed.
    pub fn highlight_all(&self, blocks: &[CodeBlock]) -> Vec<String> {
        let blocks: Vec<String> =
            blocks.iter().map(|block| self.highlight(&block.language, &block.code).unwrap_or_default()).collect();
        match blocks.iter().all(String::is_empty) {
            true => Vec::new(),
            false => blocks,
        }
    }

    /// The `kept` code of a post (see [`CodeBudget`]), or else the code
    /// blocks of its `markdown` highlighted now.
    pub fn kept_or_highlighted<'a>(&self, kept: Option<&'a [String]>, markdown: &str) -> Cow<'a, [String]> {
        kept.map_or_else(|| Cow::Owned(self.code_blocks(markdown)), Cow::Borrowed)
    }

    fn highlight(&self, language: &str, code: &str) -> Option<String> {
        if language.is_empty() {
            return None;
        }
        let syntax = self.syntaxes.find_syntax_by_token(language)?;
        let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, ClassStyle::SpacedPrefixed { prefix: "hl-" });
        for line in LinesWithEndings::from(code) {
            html.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(html.finalize())
    }
}

/// How much highlighted code a build keeps between reading posts and
/// writing their files, so that a cold build highlights each post once
/// (syntect's cost is mostly per line, whatever the line holds). Beyond
/// it, a post's code is highlighted again when its file is written, and a
/// blog of much code stays within its memory.
pub struct CodeBudget(AtomicUsize);

/// What [`CodeBudget::default`] allows: about what a 100,000-post blog
/// with a short code block in each post keeps (125 MB), which adds about
/// 0.15 GB to its build's peak memory.
const CODE_BUDGET_BYTES: usize = 128 << 20;

impl Default for CodeBudget {
    fn default() -> Self {
        CodeBudget::new(CODE_BUDGET_BYTES)
    }
}

impl CodeBudget {
    /// A budget of `bytes` of code (each block's HTML and its `String`).
    pub fn new(bytes: usize) -> CodeBudget {
        CodeBudget(AtomicUsize::new(bytes))
    }

    /// `code`, if the budget has room left for it, taking no more memory
    /// than its bytes need.
    pub fn keep(&self, mut code: Vec<String>) -> Option<Vec<String>> {
        let size = code.iter().map(|block| block.len() + std::mem::size_of::<String>()).sum::<usize>();
        self.0.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(size)).ok()?;
        code.shrink_to_fit();
        code.iter_mut().for_each(String::shrink_to_fit);
        Some(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_only() {
        let h = Highlighter::default();
        let blocks = h.code_blocks("```rust\nfn main() {}\n```\n\n```nosuchlang\nx\n```\n\n    indented\n");
        assert_eq!(blocks.len(), 3);
        assert!(blocks[0].contains("hl-keyword") || blocks[0].contains("hl-storage"), "{}", blocks[0]);
        assert!(blocks[0].contains("main"));
        assert_eq!((blocks[1].as_str(), blocks[2].as_str()), ("", ""));
        assert!(h.code_blocks("```\nplain\n```\n").is_empty());
        let escaped = h.code_blocks("```html\n<script>alert(1)</script>\n```\n");
        assert!(!escaped[0].contains("<script>") && escaped[0].contains("&lt;"), "{}", escaped[0]);
    }

    #[test]
    fn the_code_budget_keeps_code_while_it_has_room() {
        let block = |len: usize| vec!["x".repeat(len)];
        let budget = CodeBudget::new(100 + 2 * std::mem::size_of::<String>());
        assert_eq!(budget.keep(block(60)), Some(block(60)));
        assert_eq!(budget.keep(block(50)), None, "over what is left");
        assert_eq!(budget.keep(block(40)), Some(block(40)), "exactly what is left");
        assert_eq!(budget.keep(Vec::new()), Some(Vec::new()), "no code costs nothing");
        assert_eq!(budget.keep(block(0)), None);
    }
}
