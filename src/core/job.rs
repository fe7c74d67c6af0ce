//! The jobs the app gives its web worker (`src/bin/folio-worker.rs`):
//! posts to render from Markdown and searches to answer. The app's own
//! wasm, which every first view downloads before the page works, then
//! carries neither a Markdown parser nor a search engine.
//!
//! A job crosses as a list of strings, its number first, then its kind and
//! its request's own parts (JSON would cost the worker a parser for
//! requests it can read without one). The worker answers each job with its
//! number and one string: a post's content HTML, or a search's
//! [`Answer`](crate::core::search::answer::Answer) (or why it failed) as
//! JSON. Searches wait on the network, so answers may come out of order.

use crate::core::markdown::RenderRequest;
use crate::core::search::answer::SearchRequest;

/// The `<meta name>` on every page whose `content` names the worker's
/// files, as the builder named them for their content: `NAME.js` and
/// `NAME_bg.wasm`.
pub const WORKER_META: &str = "folio-worker";

/// One job for the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    Render(RenderRequest),
    Search(SearchRequest),
}

impl Job {
    /// The job as it crosses to the worker, numbered `number`.
    pub fn into_message(self, number: u32) -> Vec<String> {
        let (kind, parts) = match self {
            Job::Render(request) => ("render", request.into_parts()),
            Job::Search(request) => ("search", request.into_parts()),
        };
        [number.to_string(), kind.to_string()].into_iter().chain(parts).collect()
    }

    /// The job, and its number, that [`Job::into_message`] made `message`
    /// from; `None` for a list it cannot have made.
    pub fn from_message(message: Vec<String>) -> Option<(u32, Job)> {
        let mut parts = message.into_iter();
        let number = parts.next()?.parse().ok()?;
        let kind = parts.next()?;
        let job = match kind.as_str() {
            "render" => Job::Render(RenderRequest::from_parts(parts.collect())?),
            "search" => Job::Search(SearchRequest::from_parts(parts.collect())?),
            _ => return None,
        };
        Some((number, job))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs() -> Vec<Job> {
        vec![
            Job::Render(RenderRequest {
                markdown: "# Hi\n\nsearch for [this](x.png)".into(),
                site_base: "/".into(),
                post_dir: "posts/".into(),
                page_path: "/post/hi".into(),
                marks: vec!["search".into()],
                code: vec![],
            }),
            Job::Search(SearchRequest { root: "/s/1/".into(), docs_root: "/s/".into(), query: "render 8".into(), limit: 10 }),
        ]
    }

    #[test]
    fn jobs_are_the_same_after_crossing() {
        for (number, job) in jobs().into_iter().enumerate() {
            assert_eq!(Job::from_message(job.clone().into_message(number as u32 + 7)), Some((number as u32 + 7, job)));
        }
    }

    #[test]
    fn messages_it_cannot_have_made_are_refused() {
        let search = jobs().pop().unwrap().into_message(3);
        for bad in [vec![], vec!["3".into()], vec!["x".into(), "search".into()], search[..4].to_vec()] {
            assert_eq!(Job::from_message(bad), None);
        }
        let mut unknown = search.clone();
        unknown[1] = "mine bitcoin".into();
        assert_eq!(Job::from_message(unknown), None);
        let mut unnumbered = search;
        unnumbered[0] = "-1".into();
        assert_eq!(Job::from_message(unnumbered), None);
    }
}
