//! What a reader typed into the search box, parsed: words, `"quoted
//! phrases"`, `-excluded` words and `category:`, `tag:` and `year:`
//! filters. Parsing never fails: text that is not a filter is searched for.

use super::text::{fold, words};

/// A parsed search query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words that must all match.
    pub terms: Vec<String>,
    /// Whether the last term is still being typed, so it matches as a prefix.
    pub last_is_prefix: bool,
    /// Folded word sequences that must appear in this order.
    pub phrases: Vec<Vec<String>>,
    /// Folded words that must not appear.
    pub excluded: Vec<String>,
    pub filters: Filters,
}

/// Limits on which posts a query can find.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Category slugs or names, folded; a post must have one of them.
    pub categories: Vec<String>,
    /// Tag slugs or names, folded; a post must have one of them.
    pub tags: Vec<String>,
    pub years: Vec<i32>,
}

impl Query {
    /// Whether the query asks for nothing at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.excluded.is_empty() && self.filters == Filters::default()
    }

    /// Whether only filters were given (list the filtered posts).
    pub fn is_filter_only(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.filters != Filters::default()
    }
}

/// Parses the search box's text.
pub fn parse(input: &str) -> Query {
    let mut query = Query::default();
    let mut rest = input;
    let mut last_was_word = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(quoted) = rest.strip_prefix('"') {
            // An unclosed quote runs to the end: the reader is still typing it.
            let (phrase, after) = quoted.split_once('"').unwrap_or((quoted, ""));
            let phrase: Vec<String> = words(phrase).collect();
            match phrase.len() {
                0 => {}
                1 => query.terms.extend(phrase),
                _ => query.phrases.push(phrase),
            }
            rest = after;
            last_was_word = false;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        last_was_word = false;
        if let Some(excluded) = token.strip_prefix('-').filter(|t| !t.is_empty()) {
            query.excluded.extend(words(excluded));
        } else if let Some((key, value)) = token.split_once(':').filter(|(_, v)| !v.is_empty()) {
            let value = fold(value);
            match key.to_ascii_lowercase().as_str() {
                "category" | "cat" => query.filters.categories.push(value),
                "tag" => query.filters.tags.push(value),
                "year" => match value.parse() {
                    Ok(year) => query.filters.years.push(year),
                    Err(_) => query.terms.extend(words(token)),
                },
                _ => query.terms.extend(words(token)),
            }
        } else {
            let before = query.terms.len();
            query.terms.extend(words(token));
            last_was_word = query.terms.len() > before;
        }
    }
    query.last_is_prefix = last_was_word && input.chars().last().is_some_and(char::is_alphanumeric);
    query
}

/// Which filter a query token sets: `category` (also written `cat`),
/// `tag` or `year`.
fn filter_key(token: &str) -> Option<&'static str> {
    let (key, value) = token.split_once(':')?;
    if value.is_empty() {
        return None;
    }
    match key.to_ascii_lowercase().as_str() {
        "category" | "cat" => Some("category"),
        "tag" => Some("tag"),
        "year" => Some("year"),
        _ => None,
    }
}

/// The query text with its `key:` filter (`category`, `tag` or `year`)
/// replaced by `value` (a slug or a year), or removed when `value` is
/// `None`: what the search page's filter menus do to the box.
pub fn with_filter(input: &str, key: &str, value: Option<&str>) -> String {
    let mut tokens: Vec<String> = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        // Quoted phrases are kept whole, even with spaces or colons inside.
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            quoted.find('"').map_or(rest.len(), |i| i + 2)
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let token = &rest[..end];
        if filter_key(token) != Some(key) {
            tokens.push(token.to_string());
        }
        rest = rest[end..].trim_start();
    }
    if let Some(value) = value {
        tokens.push(format!("{key}:{value}"));
    }
    tokens.join(" ")
}

/// The value of the query's `key:` filter, if it sets one.
pub fn filter_value(input: &str, key: &str) -> Option<String> {
    input.split_whitespace().find(|t| filter_key(t) == Some(key)).and_then(|t| t.split_once(':')).map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q = parse(r#"Leptos "static SITE" -wordpress category:Rust tag:wasm year:2024 rou"#);
        assert_eq!(q.terms, terms(&["leptos", "rou"]));
        assert!(q.last_is_prefix);
        assert_eq!(q.phrases, vec![terms(&["static", "site"])]);
        assert_eq!(q.excluded, terms(&["wordpress"]));
        assert_eq!(q.filters, Filters { categories: terms(&["rust"]), tags: terms(&["wasm"]), years: vec![2024] });
    }

    #[test]
    fn odd_input_is_searched_for_not_rejected() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   ", &[]),
            ("-", &["-"][..0]),
            ("year:soon", &["year", "soon"]),
            ("http://x.org", &["http", "x", "org"]),
            ("\"one\"", &["one"]),
            ("\"unclosed phrase", &[]),
            ("café", &["cafe"]),
            ("c++ & rust", &["c", "rust"]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input).terms, terms(expected), "{input:?}");
        }
        assert_eq!(parse("\"unclosed phrase").phrases, vec![terms(&["unclosed", "phrase"])]);
    }

    #[test]
    fn only_a_word_still_being_typed_is_a_prefix() {
        assert!(parse("rou").last_is_prefix);
        assert!(!parse("router ").last_is_prefix);
        assert!(!parse("\"a b\"").last_is_prefix);
        assert!(!parse("tag:x").last_is_prefix);
        assert!(!parse("router -x").last_is_prefix);
    }

    #[test]
    fn filter_menus_rewrite_the_query() {
        assert_eq!(with_filter("bread", "category", Some("baking")), "bread category:baking");
        assert_eq!(with_filter("bread cat:rust year:2024", "category", Some("baking")), "bread year:2024 category:baking");
        assert_eq!(with_filter("\"a b:c\" tag:x", "tag", None), "\"a b:c\"");
        assert_eq!(with_filter("", "year", Some("2025")), "year:2025");
        assert_eq!(filter_value("bread cat:rust", "category").as_deref(), Some("rust"));
        assert_eq!(filter_value("bread", "tag"), None);
    }

    #[test]
    fn emptiness() {
        assert!(parse("  ").is_empty());
        assert!(parse("tag:wasm").is_filter_only());
        assert!(!parse("tag:wasm leptos").is_filter_only());
    }
}
