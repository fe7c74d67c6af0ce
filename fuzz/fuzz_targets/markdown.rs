//! Any text as a post body: rendering must not panic, and the excerpt and
//! word count (which the builder computes for every post) must not either.
#![no_main]

use folio::core::markdown::{excerpt, render_html, word_count, RenderContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let marks = ["script".to_string()];
    let context = RenderContext { site_base: "/blog/", post_dir: "posts/x/", page_path: "/blog/post/x", marks: &marks, code: &[] };
    let html = render_html(text, &context);
    assert!(!html.to_ascii_lowercase().contains("<script"), "script element in output");
    let _ = excerpt(text);
    let _ = word_count(text);
});
