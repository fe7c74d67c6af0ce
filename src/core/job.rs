//! The app's web workers and the jobs it gives them: posts to render from
//! Markdown (`src/bin/folio-render.rs`) and searches to answer
//! (`src/bin/folio-search.rs`). The app's own wasm, which every first view
//! downloads before the page works, then carries neither a Markdown parser
//! nor a search engine; and a reader who never searches never downloads
//! the search engine at all.
//!
//! A job crosses as a list of strings, its number first, then its
//! request's own parts (JSON would cost the renderer a parser for requests
//! it can read without one). The worker answers each job with its number
//! and one string: a post's content HTML, or a search's
//! [`Answer`](crate::core::search::answer::Answer) (or why it failed) as
//! JSON. Searches wait on the network, so answers may come out of order.

use crate::core::markdown::RenderRequest;
use crate::core::search::answer::SearchRequest;

/// One of the app's workers. trunk builds each from the binary of its
/// [`name`](Worker::name) and the builder names its files for their
/// content, in a `<meta>` of that name on every page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Worker {
    /// Renders posts: every reader who opens one needs it.
    Render,
    /// Answers searches: only readers who search need it.
    Search,
}

impl Worker {
    pub const ALL: [Worker; 2] = [Worker::Render, Worker::Search];

    /// Its binary's name, which trunk names its files after, and the
    /// `<meta name>` whose `content` names its files (`NAME.js` and
    /// `NAME_bg.wasm`) on every page.
    pub fn name(self) -> &'static str {
        match self {
            Worker::Render => "folio-render",
            Worker::Search => "folio-search",
        }
    }
}

/// A request that one worker answers, as it crosses to that worker.
pub trait Job: Sized {
    /// The worker that answers it.
    const WORKER: Worker;

    /// The request as a list of strings.
    fn into_parts(self) -> Vec<String>;

    /// The request [`Job::into_parts`] made `parts` from; `None` for a
    /// list it cannot have made.
    fn from_parts(parts: Vec<String>) -> Option<Self>;

    /// The job as it crosses to its worker, numbered `number`.
    fn into_message(self, number: u32) -> Vec<String> {
        std::iter::once(number.to_string()).chain(self.into_parts()).collect()
    }

    /// The job, and its number, that [`Job::into_message`] made `message`
    /// from; `None` for a list it cannot have made.
    fn from_message(message: Vec<String>) -> Option<(u32, Self)> {
        let mut parts = message.into_iter();
        let number = parts.next()?.parse().ok()?;
        Some((number, Self::from_parts(parts.collect())?))
    }
}

/// The Markdown, the three paths, the number of marks, the marks, the
/// number of file links, each link and its page, then the code blocks.
impl Job for RenderRequest {
    const WORKER: Worker = Worker::Render;

    fn into_parts(self) -> Vec<String> {
        let RenderRequest { markdown, site_base, post_dir, page_path, marks, code, links } = self;
        let mut parts = vec![markdown, site_base, post_dir, page_path, marks.len().to_string()];
        parts.extend(marks);
        parts.push(links.len().to_string());
        parts.extend(links.into_iter().flat_map(|(file, page)| [file, page]));
        parts.extend(code);
        parts
    }

    fn from_parts(parts: Vec<String>) -> Option<RenderRequest> {
        let mut parts = parts.into_iter();
        let (markdown, site_base, post_dir, page_path) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let count = parts.next()?.parse().ok()?;
        let marks: Vec<String> = parts.by_ref().take(count).collect();
        if marks.len() != count {
            return None;
        }
        let count: usize = parts.next()?.parse().ok()?;
        let mut links = std::collections::BTreeMap::new();
        for _ in 0..count {
            links.insert(parts.next()?, parts.next()?);
        }
        Some(RenderRequest { markdown, site_base, post_dir, page_path, marks, links, code: parts.collect() })
    }
}

/// The index's folder, the per-post files' folder, the query, the limit.
impl Job for SearchRequest {
    const WORKER: Worker = Worker::Search;

    fn into_parts(self) -> Vec<String> {
        vec![self.manifest, self.root, self.query, self.limit.to_string()]
    }

    fn from_parts(parts: Vec<String>) -> Option<SearchRequest> {
        let [manifest, root, query, limit]: [String; 4] = parts.try_into().ok()?;
        Some(SearchRequest { manifest, root, query, limit: limit.parse().ok()? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render() -> RenderRequest {
        crate::core::markdown::request_sample()
    }

    fn search() -> SearchRequest {
        SearchRequest {
            manifest: "https://x.example/blog/search-index/manifest.0123456789ab.json".into(),
            root: "https://x.example/blog/search-index/".into(),
            query: "\"sour dough\" -rye tag:bread 8".into(),
            limit: 20,
        }
    }

    #[test]
    fn jobs_are_the_same_after_crossing() {
        assert_eq!(RenderRequest::from_message(render().into_message(7)), Some((7, render())));
        assert_eq!(SearchRequest::from_message(search().into_message(8)), Some((8, search())));
        let no_code = RenderRequest { code: Vec::new(), ..render() };
        assert_eq!(RenderRequest::from_message(no_code.clone().into_message(0)), Some((0, no_code)));
    }

    #[test]
    fn messages_they_cannot_have_made_are_refused() {
        let render = render().into_message(3);
        let mut bad_count = render.clone();
        bad_count[5] = "many".into();
        let mut too_many = render.clone();
        too_many[5] = "9".into();
        let mut unnumbered = render.clone();
        unnumbered[0] = "-1".into();
        for bad in [vec![], vec!["3".into()], render[..4].to_vec(), bad_count, too_many, unnumbered] {
            assert_eq!(RenderRequest::from_message(bad), None);
        }
        let search = search().into_message(4);
        let mut bad_limit = search.clone();
        bad_limit[4] = "ten".into();
        for bad in [search[..4].to_vec(), [search.clone(), vec!["more".into()]].concat(), bad_limit] {
            assert_eq!(SearchRequest::from_message(bad), None);
        }
    }

    #[test]
    fn each_job_goes_to_its_own_worker() {
        assert_eq!(RenderRequest::WORKER, Worker::Render);
        assert_eq!(SearchRequest::WORKER, Worker::Search);
        let names: Vec<&str> = Worker::ALL.iter().map(|w| w.name()).collect();
        assert_eq!(names, ["folio-render", "folio-search"]);
    }
}
