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

#[cfg(test)]
mod tests {
    use super::escape;
    use crate::core::markdown::sanitize::decode_text;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("<a href=\"x\">Tom & Jerry's</a>\u{0}\u{1b}"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    }

    #[test]
    fn what_it_escapes_decodes_back() {
        for text in ["<a href=\"x\">Tom & Jerry's</a>", "a &amp;lt; b", "?a=1&b=2"] {
            assert_eq!(decode_text(&escape(text)), text);
        }
    }
}
