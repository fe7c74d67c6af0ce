//! Showing why a post matched: the excerpt cut around the best match, the
//! matched words marked, and the check that a `"phrase"` really occurs.
//!
//! Words are compared by their index key (folded and stemmed), the same
//! form the index holds, so "Running" is marked for a search for "run".

use super::format::SearchDoc;
use super::query::Query;
use super::stem::stem;
use super::text::for_each_word;
use std::ops::Range;

/// A piece of text, marked if it is a matched word.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// How long an excerpt is, in bytes of text (about 30 words).
pub const EXCERPT_BYTES: usize = 220;

/// Context kept before the first match of an excerpt.
const LEAD_BYTES: usize = 60;

/// The index key of a folded word.
fn key(word: &str) -> String {
    stem(word)
}

/// The matched words of one text, found once: to mark all of it, to cut
/// an excerpt around them, or to tell which of the matched keys it holds.
pub struct Matches<'t> {
    text: &'t str,
    /// Each match's range and index key, in order.
    found: Vec<(Range<usize>, String)>,
}

impl<'t> Matches<'t> {
    /// Finds the words of `text` whose keys are in `matched` (sorted).
    pub fn find(text: &'t str, matched: &[String]) -> Matches<'t> {
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        for_each_word(text, |range, word| {
            let key = key(word);
            if matched.binary_search(&key).is_ok() {
                match found.last_mut() {
                    // Overlapping CJK pairs mark one stretch of text.
                    Some((last, _)) if last.end > range.start => last.end = range.end,
                    _ => found.push((range, key)),
                }
            }
        });
        Matches { text, found }
    }

    /// The keys that occur in the text, in order, as often as they occur.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.found.iter().map(|(_, k)| k.as_str())
    }

    /// All of the text in segments, its matched words marked.
    pub fn highlight(&self) -> Vec<Segment> {
        segments(self.text, 0..self.text.len(), &self.found)
    }

    /// About [`EXCERPT_BYTES`] of the text around the stretch with the most
    /// different matched words, marked, with `…` where it was cut. Without
    /// a match, the start of the text.
    pub fn excerpt(&self) -> Vec<Segment> {
        let (text, found) = (self.text, &self.found);
        let mut best = (0, 0usize);
        for (i, (anchor, _)) in found.iter().enumerate().take(500) {
            let mut keys: Vec<&str> = found[i..]
                .iter()
                .take_while(|(r, _)| r.end <= anchor.start + EXCERPT_BYTES - LEAD_BYTES)
                .map(|(_, k)| k.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            if keys.len() > best.1 {
                best = (i, keys.len());
            }
        }
        let anchor = found.get(best.0).map_or(0, |(r, _)| r.start);
        let start = if anchor <= LEAD_BYTES { 0 } else { word_start(text, anchor - LEAD_BYTES) };
        let end = if start + EXCERPT_BYTES >= text.len() { text.len() } else { word_end(text, start + EXCERPT_BYTES) };
        let mut pieces = segments(text, start..end, found);
        flow_lines(&mut pieces, text[..start].trim_end().chars().next_back());
        if start > 0 {
            pieces.insert(0, Segment { text: "…".into(), marked: false });
        }
        if end < text.len() {
            pieces.push(Segment { text: "…".into(), marked: false });
        }
        pieces
    }
}

/// All of `text` in segments, its words whose keys are in `matched`
/// (sorted) marked.
pub fn highlight(text: &str, matched: &[String]) -> Vec<Segment> {
    Matches::find(text, matched).highlight()
}

/// The excerpt of `text` around its words whose keys are in `matched`
/// (sorted): see [`Matches::excerpt`].
pub fn excerpt(text: &str, matched: &[String]) -> Vec<Segment> {
    Matches::find(text, matched).excerpt()
}

/// The start of the first whole word at or after `at`.
fn word_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[at..].find(char::is_whitespace).map_or(at, |i| at + i + 1).min(text.len())
}

/// The end of the last whole word at or before `at`.
fn word_end(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    match text[..at].rfind(char::is_whitespace) {
        Some(i) if i > 0 => i,
        _ => at,
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `window` of `text` cut into plain and marked segments.
fn segments(text: &str, window: Range<usize>, found: &[(Range<usize>, String)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = window.start;
    for (range, _) in found.iter().filter(|(r, _)| r.start >= window.start && r.end <= window.end) {
        if range.start > at {
            out.push(Segment { text: text[at..range.start].to_string(), marked: false });
        }
        out.push(Segment { text: text[range.clone()].to_string(), marked: true });
        at = range.end;
    }
    if at < window.end {
        out.push(Segment { text: text[at..window.end].to_string(), marked: false });
    }
    out
}

/// Shows the line breaks between blocks in an excerpt's unmarked pieces:
/// a dash after a line that ends in a word, as a heading does, so it does
/// not run into the paragraph after it ("Getting there — The night
/// train…"); else a space (after a sentence, or a line of code).
/// `before` is the last character ahead of the pieces.
fn flow_lines(pieces: &mut [Segment], mut before: Option<char>) {
    for piece in pieces {
        if !piece.marked && piece.text.contains('\n') {
            let mut text = String::with_capacity(piece.text.len() + 8);
            for c in piece.text.chars() {
                match c {
                    '\n' if before.is_some_and(char::is_alphanumeric) => text.push_str(" — "),
                    '\n' => text.push(' '),
                    c => text.push(c),
                }
                if !c.is_whitespace() {
                    before = Some(c);
                }
            }
            piece.text = text;
        } else if let Some(last) = piece.text.trim_end().chars().next_back() {
            before = Some(last);
        }
    }
}

/// Whether a post has every `"phrase"` of `query`, in its title or text:
/// the index knows only that the words occur, not where.
pub fn has_phrases(doc: &SearchDoc, query: &Query) -> bool {
    query.phrases.iter().all(|phrase| has_phrase(&doc.title, phrase) || has_phrase(&doc.text, phrase))
}

/// Whether the folded words of `phrase` occur one after another in `text`.
pub fn has_phrase(text: &str, phrase: &[String]) -> bool {
    let wanted: Vec<String> = phrase.iter().map(|w| key(w)).collect();
    if wanted.is_empty() {
        return true;
    }
    let mut keys = Vec::new();
    for_each_word(text, |_, word| keys.push(key(word)));
    keys.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[Segment]) -> String {
        segments.iter().map(|s| if s.marked { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    /// The index keys of `list`, sorted, as a search reports them.
    fn keys(list: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = list.iter().map(|s| key(s)).collect();
        keys.sort();
        keys
    }

    #[test]
    fn marks_every_form_of_a_matched_word() {
        let text = "Running late, I ran; she runs. Café RUN!";
        assert_eq!(show(&highlight(text, &keys(&["run", "cafe"]))), "[Running] late, I ran; she [runs]. [Café] [RUN]!");
        assert_eq!(show(&highlight("東京都へ", &keys(&["東京", "京都"]))), "[東京都]へ");
    }

    #[test]
    fn excerpt_centres_on_the_densest_match() {
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let text = format!("Router once here. {filler} then the router and leptos together. {filler}");
        let cut = show(&excerpt(&text, &keys(&["leptos", "router"])));
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("[router] and [leptos] together"), "{cut}");
        assert!(cut.len() < EXCERPT_BYTES + 40, "{cut}");
        let none = show(&excerpt(&text, &keys(&["zebra"])));
        assert!(none.starts_with("Router once here.") && none.ends_with('…'), "{none}");
        assert_eq!(show(&excerpt("Short text.", &keys(&["text"]))), "Short [text].");
    }

    #[test]
    fn a_heading_does_not_run_into_its_paragraph() {
        let text = "Getting there\nThe night train left late.\nWe slept.";
        assert_eq!(show(&excerpt(text, &keys(&["train"]))), "Getting there — The night [train] left late. We slept.");
        assert_eq!(show(&excerpt("Title\nBody", &keys(&["title"]))), "[Title] — Body");
        assert_eq!(show(&excerpt("if x {\n  run();\n}", &keys(&["run"]))), "if x {   [run](); }", "code lines are joined by spaces");
        assert_eq!(show(&highlight("code\nlines", &keys(&["code"]))), "[code]\nlines", "marks in a post keep its lines");
    }

    #[test]
    fn tells_which_matched_keys_a_text_holds() {
        let matched = keys(&["bread", "brick", "run"]);
        let found = Matches::find("Runs, running, and bread.", &matched);
        assert_eq!(found.keys().collect::<Vec<_>>(), [key("run"), key("run"), key("bread")]);
    }

    #[test]
    fn phrases_need_their_words_in_order() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(has_phrase("Static sites, built fast.", &words("static site")));
        assert!(!has_phrase("Sites that are static.", &words("static site")));
        assert!(has_phrase("東京都", &words("東京 京都")));
    }
}
