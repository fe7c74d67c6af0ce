//! URL slugs for posts, categories and tags.
//!
//! A slug keeps letters and digits of any script (so `café` and `日本語` stay
//! readable in the address bar), lowercases them, and joins words with `-`.

/// Turns a title, file stem or term into a URL path segment.
///
/// Returns an empty string when nothing usable is left (e.g. `"!!!"`); callers
/// decide whether that is an error.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A category's or tag's slug: [`slugify`], with `+` and `#` after a
/// letter or digit spelt out, so that `C`, `C++` and `C#` (or `F#`,
/// `Notepad++`) each keep a page of their own, as a programmer's blog
/// needs. A leading `#` (a hashtag) is dropped as other punctuation is.
/// A name of symbols alone (`🦀`, `★`), which has no letters to slug,
/// keeps its symbols, so that it still gets a page.
pub fn term_slug(name: &str) -> String {
    let slug = spelt_slug(name);
    if !slug.is_empty() {
        return slug;
    }
    let symbols: Vec<String> = name.split_whitespace().map(|word| word.chars().filter(|c| is_symbol(*c)).collect()).collect();
    symbols.into_iter().filter(|word: &String| !word.is_empty()).collect::<Vec<_>>().join("-")
}

/// A character of a symbol or emoji, past the Latin-1 punctuation and the
/// invisible format characters (joiners, direction marks), which no
/// address should carry.
fn is_symbol(c: char) -> bool {
    let format = matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF);
    c as u32 >= 0x2000 && !format && !c.is_whitespace() && !c.is_control()
}

fn spelt_slug(name: &str) -> String {
    let mut spelt = String::with_capacity(name.len() + 8);
    // Whether the last character was a letter or digit, or a spelt-out `+`.
    let mut after_word = false;
    for c in name.chars() {
        match c {
            '+' if after_word => spelt.push_str(" plus "),
            '#' if after_word => spelt.push_str(" sharp "),
            _ => spelt.push(c),
        }
        after_word = c.is_alphanumeric() || (c == '+' && after_word);
    }
    slugify(&spelt)
}

/// Splits a Jekyll-style `YYYY-MM-DD-rest` file stem into its date and the rest.
pub fn split_date_prefix(stem: &str) -> Option<(&str, &str)> {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == b'-'
        && bytes[8..10].iter().all(u8::is_ascii_digit);
    if !is_date {
        return None;
    }
    let rest = stem[10..].trim_start_matches(['-', '_']);
    Some((&stem[..10], rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_titles_and_terms() {
        let cases = [
            ("Hello, World!", "hello-world"),
            ("  Rust & WebAssembly  ", "rust-webassembly"),
            ("FOSDEM 2015: a report", "fosdem-2015-a-report"),
            ("Café crème", "café-crème"),
            ("日本語 テキスト", "日本語-テキスト"),
            ("snake_case_name", "snake_case_name"),
            ("already-a-slug", "already-a-slug"),
            ("C++", "c"),
            ("!!!", ""),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input:?}");
        }
    }

    #[test]
    fn term_slugs_keep_plus_and_sharp_apart() {
        let cases = [
            ("C", "c"),
            ("C++", "c-plus-plus"),
            ("C#", "c-sharp"),
            ("F#", "f-sharp"),
            ("Notepad++", "notepad-plus-plus"),
            ("#rust", "rust"),
            ("+1", "1"),
            (".NET", "net"),
            ("Rust & WebAssembly", "rust-webassembly"),
            ("c-plus-plus", "c-plus-plus"),
            // Symbols alone keep their page; with a word, the word is the slug.
            ("🦀", "🦀"),
            ("★ ☆", "★-☆"),
            ("👩\u{200D}💻", "👩💻"),
            ("🦀 rust", "rust"),
            ("!!!", ""),
            ("\u{200B}", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(term_slug(input), expected, "{input:?}");
        }
    }

    #[test]
    fn splits_jekyll_date_prefixes() {
        assert_eq!(split_date_prefix("2024-03-05-hello-world"), Some(("2024-03-05", "hello-world")));
        assert_eq!(split_date_prefix("2024-03-05_notes"), Some(("2024-03-05", "notes")));
        assert_eq!(split_date_prefix("2024-03-05"), Some(("2024-03-05", "")));
        assert_eq!(split_date_prefix("hello-world"), None);
        assert_eq!(split_date_prefix("2024-3-5-x"), None);
    }
}
