//! Any bytes as a post file: splitting and parsing front matter must return
//! a value or an error, never panic.
#![no_main]

use folio::build::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(split) = frontmatter::split(text) {
        let _ = frontmatter::parse(&split);
    }
});
