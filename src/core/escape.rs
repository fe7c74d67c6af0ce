//! Escaping text for HTML and XML: the marks and contents the renderer
//! writes, and the pages and feeds the builder writes.

/// Escapes text for HTML and XML, in content and in quoted attribute
/// values, dropping the control characters XML forbids.
///
/// Runs of characters that need nothing are copied whole: the pages of a
/// large blog escape hundreds of megabytes of titles and excerpts, where
/// pushing a character at a time took a tenth of `folio pages`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !SPECIAL[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let (replacement, len): (&str, usize) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF); other characters
            // that start with EF stay.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            0xEF => {
                i += 1;
                continue;
            }
            // Controls other than tab and line ends.
            _ => ("", 1),
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    out
}

/// The bytes [`escape`] must look at: markup, the controls XML 1.0
/// forbids outright, and the first byte of U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        special[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    let mut markup = b"&<>\"'\xEF".as_slice();
    while let [first, rest @ ..] = markup {
        special[*first as usize] = true;
        markup = rest;
    }
    special
};

#[cfg(test)]
mod tests {
    use super::escape;
    use crate::core::markdown::sanitize::decode_text;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("<a href=\"x\">Tom & Jerry's</a>\u{0}\u{1b}"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    }

    #[test]
    fn drops_the_noncharacters_xml_forbids_and_keeps_their_neighbours() {
        // U+FFFE and U+FFFF go; U+FFFD and U+EFBF (which share leading
        // bytes with them) stay, as does everything around them.
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}d\u{EFBF}e\u{FFEF}"), "abc\u{FFFD}d\u{EFBF}e\u{FFEF}");
        assert_eq!(escape("\u{FFFF}"), "");
        assert_eq!(escape("tab\tline\nend\r"), "tab\tline\nend\r");
        assert_eq!(escape(""), "");
        assert_eq!(escape("café <日本語> & ✓"), "café &lt;日本語&gt; &amp; ✓");
    }

    /// The character-at-a-time escape it replaced, as the reference.
    fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
                '\u{FFFE}' | '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_as_a_character_at_a_time_would(text in "(\\PC|[&<>\"'\u{0}-\u{1f}\u{FFFD}-\u{FFFF}\u{EFBF}])*") {
            proptest::prop_assert_eq!(escape(&text), escape_by_char(&text));
        }
    }

    #[test]
    fn what_it_escapes_decodes_back() {
        for text in ["<a href=\"x\">Tom & Jerry's</a>", "a &amp;lt; b", "?a=1&b=2"] {
            assert_eq!(decode_text(&escape(text)), text);
        }
    }
}
