//! Writing a JSON string quickly: a post's Markdown and its search text
//! are most of the bytes a build writes, and serde_json escapes them a
//! byte at a time (a tenth of a 100,000-post build's time). The files
//! whose big strings go through [`push_string`] are otherwise written by
//! serde_json, and the bytes are the same as it would write.

/// The bytes serde_json escapes: the control characters, `"` and `\`.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether any of the eight bytes of `word` may need escaping: exact for a
/// word with none, and at worst a false alarm (the bytes are then checked
/// one by one).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    below(word, 0x20) | below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1) != 0
}

/// Appends `text` to `out` as a JSON string, quotes and all, escaped as
/// serde_json escapes it, eight bytes at a time where none needs it.
pub fn push_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `clean` is where the bytes not yet copied start.
    let (mut clean, mut at) = (0, 0);
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            if !may_need_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                at += 8;
                continue;
            }
        }
        for &byte in &bytes[at..bytes.len().min(at + 8)] {
            if needs_escape(byte) {
                out.extend_from_slice(&bytes[clean..at]);
                push_escape(out, byte);
                clean = at + 1;
            }
            at += 1;
        }
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// Appends the escape of one byte that [`needs_escape`], as serde_json
/// writes it.
fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> String {
        let mut out = Vec::new();
        push_string(&mut out, text);
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let texts = [
            "",
            "plain",
            "exactly8",
            "a longer line of plain text, well past eight bytes",
            "\"quoted\" and back\\slashed",
            "lines\nand\ttabs\r\n\u{8}\u{c}",
            "\u{0}\u{1}\u{1f} controls \u{7f} and delete",
            "ünïcödé, 東京, emoji 🦀 and \"quotes\" among them",
            "<span class=\"kw\">fn</span> <span class=\"name\">main</span>",
            "ends with an escape\n",
            "\"",
        ];
        for text in texts {
            assert_eq!(ours(text), serde_json::to_string(text).expect("strings serialize"), "{text:?}");
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it_wherever_it_falls() {
        // Each ASCII character at every place in an eight-byte word, and
        // across the boundary between two.
        for c in (0u8..0x80).map(char::from) {
            for before in 0..17 {
                let text = format!("{}{c}{}", "x".repeat(before), "y".repeat(16 - before));
                assert_eq!(ours(&text), serde_json::to_string(&text).expect("strings serialize"), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in r#"(.|[\\"\x00-\x1f]){0,40}"#) {
            proptest::prop_assert_eq!(ours(&text), serde_json::to_string(&text).expect("strings serialize"));
        }
    }
}
