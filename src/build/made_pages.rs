//! The list of pages a `folio pages` run left in a site's page folders,
//! each with the key it was made under. A large blog has a folder per
//! page (`post/x/index.html`), and a rebuild that had to look would open
//! every page to read its key and list every folder to find the pages no
//! longer made: at 100,000 posts, 160,000 of each. With the list, it
//! opens none and lists none.
//!
//! The list also keeps the end of the frame the pages were made in (the
//! sidebar and footer, see `pages::Pages::frame`), which a new post
//! changes on every page: a page whose own content is unchanged is then
//! given the new frame in place of the old, not made again.
//!
//! The list is trusted only as long as it is true: a run takes it out of
//! the site before it moves or changes a page, and writes it back once
//! every page is whole. A run stopped half way, or a site whose pages were
//! merged with others, leaves no list, and the next run looks.

use super::error::BuildError;
use crate::core::fast::FastMap;
use super::output;
use std::fmt::Write as _;
use std::path::Path;

/// Where a site keeps its list of pages, below its root.
pub const MADE_PAGES_FILE: &str = "data/pages.txt";

/// The first line of the list: a list written another way is not read.
const HEADER: &str = "folio pages 2";

/// The pages in a site's page folders, by path below the site root, and
/// the key each one's own content was made under (none for a page written
/// on every run), and the end of the frame they were all made in.
pub struct MadePages {
    pages: FastMap<String, Option<u64>>,
    frame_end: String,
}

impl MadePages {
    /// Takes the list out of `site`: a run about to move or change its
    /// pages would leave it untrue. `None` if there is none, or it cannot
    /// be read.
    pub fn take(site: &Path) -> Option<MadePages> {
        let path = site.join(MADE_PAGES_FILE);
        let text = std::fs::read_to_string(&path).ok()?;
        std::fs::remove_file(&path).ok()?;
        MadePages::parse(&text)
    }

    /// A list as [`MadePages::write`] writes it: the header, the frame's
    /// end as a JSON string, then a line per page, its key in hex (or
    /// `-`), a tab and its path.
    fn parse(text: &str) -> Option<MadePages> {
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        let frame_end = serde_json::from_str(lines.next()?).ok()?;
        let pages = lines.map(|line| {
            let (key, page) = line.split_once('\t')?;
            let key = if key == "-" { None } else { Some(u64::from_str_radix(key, 16).ok()?) };
            Some((page.to_owned(), key))
        });
        Some(MadePages { pages: pages.collect::<Option<_>>()?, frame_end })
    }

    /// The key the content of the page at `page` (below the site root) was
    /// made under, if it is in the list and was made under one.
    pub fn key(&self, page: &str) -> Option<u64> {
        self.pages.get(page).copied().flatten()
    }

    /// The end of the frame the pages were made in.
    pub fn frame_end(&self) -> &str {
        &self.frame_end
    }

    /// The pages, as full paths below `site`.
    pub fn files(&self, site: &Path) -> output::Files {
        self.pages.keys().map(|page| site.join(page).into_os_string()).collect()
    }

    /// Writes the list of `pages` (paths below the site root, and keys),
    /// made in a frame ending with `frame_end`, once every one of them is
    /// whole.
    pub fn write<'a>(site: &Path, frame_end: &str, pages: impl Iterator<Item = (&'a str, Option<u64>)>) -> Result<(), BuildError> {
        let mut pages: Vec<_> = pages.collect();
        pages.sort_unstable();
        let mut text = String::from(HEADER);
        text.push('\n');
        text.push_str(&serde_json::to_string(frame_end).expect("a string serializes"));
        for (page, key) in pages {
            let _ = match key {
                Some(key) => write!(text, "\n{key:016x}\t{page}"),
                None => write!(text, "\n-\t{page}"),
            };
        }
        output::write_atomic(&site.join(MADE_PAGES_FILE), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_back_as_written_and_once_only() {
        let site = crate::build::scratch_dir("made-pages");
        let frame_end = "</main><aside>\n\"Recent\"</aside>";
        MadePages::write(&site, frame_end, [("post/a/index.html", Some(0xab)), ("search/index.html", None)].into_iter()).unwrap();
        let made = MadePages::take(&site).expect("the list is read");
        assert_eq!(made.frame_end(), frame_end);
        assert_eq!(made.key("post/a/index.html"), Some(0xab));
        assert_eq!(made.key("search/index.html"), None);
        assert_eq!(made.key("post/b/index.html"), None);
        assert_eq!(made.files(&site).len(), 2);
        assert!(MadePages::take(&site).is_none(), "taking the list removes it");
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn a_damaged_list_is_not_read() {
        let damaged = [
            "",
            "folio pages 1\n-\tpost/a/index.html",
            "folio pages 2\n\"\"\nzz\tpost/a/index.html",
            "folio pages 2\n\"\"\npost/a/index.html",
            "folio pages 2\n-\tpost/a/index.html",
            "folio pages 2",
        ];
        for text in damaged {
            assert!(MadePages::parse(text).is_none(), "{text:?}");
        }
        assert!(MadePages::parse("folio pages 2\n\"\"").is_some_and(|made| made.pages.is_empty()));
    }
}
