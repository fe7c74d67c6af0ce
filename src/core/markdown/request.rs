//! A post to render, as the app sends it to its web worker (see
//! [`crate::core::job`]): the app's own wasm carries no Markdown parser,
//! so that every first view downloads less.

use super::{render, RenderContext};

/// Everything [`render`] needs, owned, so it can cross to the worker as
/// one message (see [`RenderRequest::into_parts`]) and come back as the
/// post's content HTML.
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
}

impl RenderRequest {
    /// The request as the worker gets it (see [`crate::core::job::Job`]):
    /// the Markdown, the three paths, the number of marks, the marks, then
    /// the code blocks.
    pub fn into_parts(self) -> Vec<String> {
        let RenderRequest { markdown, site_base, post_dir, page_path, marks, code } = self;
        let mut parts = vec![markdown, site_base, post_dir, page_path, marks.len().to_string()];
        parts.extend(marks);
        parts.extend(code);
        parts
    }

    /// The request [`RenderRequest::into_parts`] made `parts` from; `None`
    /// for a list it cannot have made.
    pub fn from_parts(parts: Vec<String>) -> Option<RenderRequest> {
        let mut parts = parts.into_iter();
        let (markdown, site_base, post_dir, page_path) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let count = parts.next()?.parse().ok()?;
        let marks: Vec<String> = parts.by_ref().take(count).collect();
        if marks.len() != count {
            return None;
        }
        Some(RenderRequest { markdown, site_base, post_dir, page_path, marks, code: parts.collect() })
    }

    /// The post's content as the app shows it: its table of contents and
    /// body (see [`super::Rendered::content_html`]).
    pub fn content_html(&self) -> String {
        let context = RenderContext {
            site_base: &self.site_base,
            post_dir: &self.post_dir,
            page_path: &self.page_path,
            marks: &self.marks,
            code: &self.code,
        };
        render(&self.markdown, &context).content_html(&self.page_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RenderRequest {
        RenderRequest {
            markdown: "## One\n\n## Two\n\n## Three \"quoted\"\n\nSee [the notes](#one) & <b>bold</b> and ![pic](pic.png).\n\n```rust\nfn x() {}\n```\n".into(),
            site_base: "/blog/".into(),
            post_dir: "posts/2024/".into(),
            page_path: "/blog/post/hello".into(),
            marks: vec!["note".into(), "pic".into()],
            code: vec!["<span class=\"k\">fn</span> x() {}\n".into()],
        }
    }

    #[test]
    fn a_request_renders_the_same_after_crossing_as_parts() {
        let crossed = RenderRequest::from_parts(request().into_parts()).unwrap();
        assert_eq!(crossed, request());
        let html = crossed.content_html();
        assert!(html.starts_with("<nav class=\"toc\""), "{html}");
        assert!(html.contains("href=\"/blog/post/hello#one\""), "{html}");
        assert!(html.contains("src=\"/blog/posts/2024/pic.png\""), "{html}");
        assert!(html.contains("<mark>notes</mark>"), "{html}");
        assert!(html.contains("&amp; <b>bold</b>"), "{html}");
        assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
    }

    #[test]
    fn parts_it_cannot_have_made_are_refused() {
        let parts = request().into_parts();
        assert_eq!(RenderRequest::from_parts(parts[..3].to_vec()), None);
        let mut bad_count = parts.clone();
        bad_count[4] = "many".into();
        assert_eq!(RenderRequest::from_parts(bad_count.clone()), None);
        bad_count[4] = "9".into();
        assert_eq!(RenderRequest::from_parts(bad_count), None);
        let no_code = RenderRequest { code: Vec::new(), ..request() };
        assert_eq!(RenderRequest::from_parts(no_code.clone().into_parts()), Some(no_code));
    }
}
