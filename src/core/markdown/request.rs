//! A post to render, as the app sends it to its web worker (see
//! [`crate::core::job`]): the app's own wasm carries no Markdown parser,
//! so that every first view downloads less.

use super::{render, RenderContext};
use std::collections::BTreeMap;

/// Everything [`render`] needs, owned, so it can cross to the renderer
/// worker as one message (see [`crate::core::job::Job`]) and come back as
/// the post's content HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderRequest {
    pub markdown: String,
    /// See [`RenderContext::site_base`].
    pub site_base: String,
    /// See [`RenderContext::post_dir`].
    pub post_dir: String,
    /// See [`RenderContext::page_path`].
    pub page_path: String,
    /// See [`RenderContext::marks`].
    pub marks: Vec<String>,
    /// See [`RenderContext::code`].
    pub code: Vec<String>,
    /// See [`RenderContext::post_links`].
    pub links: BTreeMap<String, String>,
}

impl RenderRequest {
    /// The post's content as the app shows it: its table of contents and
    /// body (see [`super::Rendered::content_html`]).
    pub fn content_html(&self) -> String {
        let context = RenderContext {
            site_base: &self.site_base,
            post_dir: &self.post_dir,
            page_path: &self.page_path,
            marks: &self.marks,
            code: &self.code,
            post_links: &self.links,
        };
        render(&self.markdown, &context).content_html(&self.page_path)
    }
}

/// A post with a table of contents, a link, raw HTML, an image, marks and
/// highlighted code, for tests of every side of rendering.
#[cfg(test)]
pub(crate) fn sample() -> RenderRequest {
    RenderRequest {
        markdown: "## One\n\n## Two\n\n## Three \"quoted\"\n\nSee [the notes](#one) & <b>bold</b> and ![pic](pic.png), and [another](../a.md#b).\n\n```rust\nfn x() {}\n```\n".into(),
        site_base: "/blog/".into(),
        post_dir: "posts/2024/".into(),
        page_path: "/blog/post/hello".into(),
        marks: vec!["note".into(), "pic".into()],
        code: vec!["<span class=\"k\">fn</span> x() {}\n".into()],
        links: [("../a.md".to_string(), "post/a".to_string()), ("b.md".to_string(), "post/b".to_string())].into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_renders_the_post_as_the_app_shows_it() {
        let html = super::sample().content_html();
        assert!(html.starts_with("<nav class=\"toc\""), "{html}");
        assert!(html.contains("href=\"/blog/post/hello#one\""), "{html}");
        assert!(html.contains("src=\"/blog/posts/2024/pic.png\""), "{html}");
        assert!(html.contains("href=\"/blog/post/a#b\""), "{html}");
        assert!(html.contains("<mark>notes</mark>"), "{html}");
        assert!(html.contains("&amp; <b>bold</b>"), "{html}");
        assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
    }
}
