//! Escaping text for HTML and XML: the marks and contents the renderer
//! writes, and the pages and feeds the builder writes.

/// Escapes text for HTML and XML, in content and in quoted attribute
/// values, dropping the control characters XML forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids outright.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Reads back what [`escape`] (or pulldown-cmark's HTML writer) wrote in
/// an attribute: the builder takes an image's address out of a rendered
/// post for its link previews.
pub fn unescape(text: &str) -> String {
    [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#39;", "'"), ("&amp;", "&")]
        .iter()
        .fold(text.to_string(), |text, (escaped, plain)| text.replace(escaped, plain))
}

#[cfg(test)]
mod tests {
    use super::{escape, unescape};

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("<a href=\"x\">Tom & Jerry's</a>\u{0}\u{1b}"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    }

    #[test]
    fn unescapes_what_it_escapes() {
        for text in ["<a href=\"x\">Tom & Jerry's</a>", "a &amp;lt; b", "?a=1&b=2"] {
            assert_eq!(unescape(&escape(text)), text);
        }
    }
}
