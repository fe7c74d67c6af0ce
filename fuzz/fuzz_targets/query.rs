//! Any text typed into the search box: parsing must not panic, and every
//! word it yields must already be folded and non-empty.
#![no_main]

use folio::core::search::{query, text::fold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let q = query::parse(text);
    for word in q.terms.iter().chain(&q.excluded).chain(q.phrases.iter().flatten()) {
        assert!(!word.is_empty() && fold(word) == *word, "unfolded word {word:?}");
    }
});
