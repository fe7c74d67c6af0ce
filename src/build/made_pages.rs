//! The list of pages a `folio pages` run left in a site's page folders,
//! each with the key it was made under. A large blog has a folder per
//! page (`post/x/index.html`), and a rebuild that had to look would open
//! every page to read its key and list every folder to find the pages no
//! longer made: at 100,000 posts, 160,000 of each. With the list, it
//! opens none and lists none.
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
const HEADER: &str = "folio pages 1";

/// The pages in a site's page folders, by path below the site root, and
/// the key each was made under (none for a page written on every run).
pub struct MadePages(FastMap<String, Option<u64>>);

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

    /// A list as [`MadePages::write`] writes it: the header, then a line
    /// per page, its key in hex (or `-`), a tab and its path.
    fn parse(text: &str) -> Option<MadePages> {
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        let pages = lines.map(|line| {
            let (key, page) = line.split_once('\t')?;
            let key = if key == "-" { None } else { Some(u64::from_str_radix(key, 16).ok()?) };
            Some((page.to_owned(), key))
        });
        pages.collect::<Option<_>>().map(MadePages)
    }

    /// The key the page at `page` (below the site root) was made under, if
    /// it is in the list and was made under one.
    pub fn key(&self, page: &str) -> Option<u64> {
        self.0.get(page).copied().flatten()
    }

    /// The pages, as full paths below `site`.
    pub fn files(&self, site: &Path) -> output::Files {
        self.0.keys().map(|page| site.join(page).into_os_string()).collect()
    }

    /// Writes the list of `pages` (paths below the site root, and keys),
    /// once every one of them is whole.
    pub fn write<'a>(site: &Path, pages: impl Iterator<Item = (&'a str, Option<u64>)>) -> Result<(), BuildError> {
        let mut pages: Vec<_> = pages.collect();
        pages.sort_unstable();
        let mut text = String::from(HEADER);
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
        MadePages::write(&site, [("post/a/index.html", Some(0xab)), ("search/index.html", None)].into_iter()).unwrap();
        let made = MadePages::take(&site).expect("the list is read");
        assert_eq!(made.key("post/a/index.html"), Some(0xab));
        assert_eq!(made.key("search/index.html"), None);
        assert_eq!(made.key("post/b/index.html"), None);
        assert_eq!(made.files(&site).len(), 2);
        assert!(MadePages::take(&site).is_none(), "taking the list removes it");
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn a_damaged_list_is_not_read() {
        for text in ["", "folio pages 0\n-\tpost/a/index.html", "folio pages 1\nzz\tpost/a/index.html", "folio pages 1\npost/a/index.html"] {
            assert!(MadePages::parse(text).is_none(), "{text:?}");
        }
        assert!(MadePages::parse("folio pages 1").is_some_and(|made| made.0.is_empty()));
    }
}
