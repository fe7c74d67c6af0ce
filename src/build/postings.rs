//! The search counter's postings lists, as the build cache saves them and
//! a rebuild reads them: in one run of fixed-size records, left where the
//! mapped cache file holds them until a list changes. A large blog has
//! tens of millions of postings (a quarter of a gigabyte at 100,000
//! posts), which an edit's rebuild would otherwise copy out of the cache,
//! page by page, to change a few hundred of its lists.

use std::io::{Seek, Write};
use std::ops::Range;
use std::sync::Arc;

/// A word's counts in one post, per field (up to 255: BM25 has long
/// stopped counting more by then). Laid out as the cache stores it, so a
/// saved list is read in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Counted {
    pub doc: u32,
    pub fields: [u8; 4],
}

// SAFETY: two fields with no padding between or after them (4 + 4 bytes,
// aligned to 4), and any bytes are a valid value of each.
unsafe impl bytemuck::Zeroable for Counted {}
unsafe impl bytemuck::Pod for Counted {}

/// One word's postings, sorted by post.
#[derive(Debug)]
pub enum List {
    /// Where it is in the saved lists ([`Saved`]), untouched.
    Saved(Range<usize>),
    /// Counted, or changed, by this build.
    Made(Vec<Counted>),
}

impl Default for List {
    fn default() -> List {
        List::Made(Vec::new())
    }
}

impl List {
    /// Its postings, `saved` being the saved lists it may point into.
    pub fn of<'a>(&'a self, saved: &'a [Counted]) -> &'a [Counted] {
        match self {
            List::Saved(at) => &saved[at.clone()],
            List::Made(list) => list,
        }
    }

    /// Its postings to change: a saved list is copied out first.
    pub fn to_mut(&mut self, saved: &[Counted]) -> &mut Vec<Counted> {
        if let List::Saved(at) = self {
            *self = List::Made(saved[at.clone()].to_vec());
        }
        match self {
            List::Made(list) => list,
            List::Saved(_) => unreachable!("made just above"),
        }
    }

    /// How many posts it has, read from its range for a saved list, so
    /// that cutting the index into shards touches none of the file.
    pub fn len(&self) -> usize {
        match self {
            List::Saved(at) => at.len(),
            List::Made(list) => list.len(),
        }
    }

    /// Whether its word is in no post (its posts dropped since).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Lists saved by an earlier build: the cache file, mapped (shared with
/// the cache's other readers), and where in it their postings are.
pub struct Saved {
    map: Arc<memmap2::Mmap>,
    at: Range<usize>,
}

impl Saved {
    /// The saved postings at `at` in `map`: `None` unless they are whole
    /// records, aligned as [`Counted`] is (see [`write`]).
    pub fn new(map: Arc<memmap2::Mmap>, at: Range<usize>) -> Option<Saved> {
        bytemuck::try_cast_slice::<u8, Counted>(map.get(at.clone())?).ok()?;
        Some(Saved { map, at })
    }

    /// Every saved list's postings, one after another.
    pub fn postings(&self) -> &[Counted] {
        bytemuck::cast_slice(&self.map[self.at.clone()])
    }
}

/// The lists, in order, that `lens` (each list's length) cut the saved
/// postings (`total` of them) into; `None` if they add up to another
/// number.
pub fn cut(lens: &[usize], total: usize) -> Option<Vec<List>> {
    let mut start = 0usize;
    let lists = lens
        .iter()
        .map(|&len| {
            let at = start..start.saturating_add(len);
            start = at.end;
            List::Saved(at)
        })
        .collect();
    (start == total).then_some(lists)
}

/// Writes the postings of `lists` to `out` for [`Saved`] to read in place:
/// zero bytes up to the next multiple of eight in the file (their number
/// in the first byte), then each list's postings in turn, as they are in
/// memory (the cache is read only by the binary that wrote it). [`cut`]
/// is given the lists' lengths.
pub fn write<W: Write + Seek>(out: &mut W, lists: &[List], saved: &[Counted]) -> std::io::Result<()> {
    let at = out.stream_position()? + 1;
    let pad = at.next_multiple_of(8) - at;
    out.write_all(&[pad as u8])?;
    out.write_all(&[0; 8][..pad as usize])?;
    for list in lists {
        out.write_all(bytemuck::cast_slice(list.of(saved)))?;
    }
    Ok(())
}

/// Where, within what [`write`] wrote (`written`), the postings are.
pub fn written_at(written: &[u8]) -> Option<Range<usize>> {
    let pad = usize::from(*written.first()?);
    (pad < 8 && written.len() > pad).then_some(1 + pad..written.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_lists_are_read_in_place_wherever_they_start() {
        let root = crate::build::scratch_dir("postings");
        let made = [
            vec![Counted { doc: 7, fields: [1, 0, 0, 2] }, Counted { doc: 300_000, fields: [0, 0, 0, 255] }],
            vec![],
            vec![Counted { doc: 9, fields: [0, 3, 0, 0] }],
        ];
        let lists: Vec<List> = made.iter().cloned().map(List::Made).collect();
        let lens: Vec<usize> = lists.iter().map(List::len).collect();
        for before in 0..9 {
            let file = root.join(format!("at-{before}"));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
            out.write_all(&vec![b'x'; before]).unwrap();
            write(&mut out, &lists, &[]).unwrap();
            drop(out);
            // SAFETY: the test's own file, not changed while mapped.
            let map = Arc::new(unsafe { memmap2::Mmap::map(&std::fs::File::open(&file).unwrap()) }.unwrap());
            let within = written_at(&map[before..]).unwrap();
            let at = before + within.start..before + within.end;
            assert!(Saved::new(map.clone(), at.start + 1..at.end).is_none(), "misaligned: not read");
            let saved = Saved::new(map, at).expect("aligned, whole records");
            let mut read = cut(&lens, saved.postings().len()).unwrap();
            assert!(read.iter().all(|list| matches!(list, List::Saved(_))), "left in place");
            let read_back: Vec<&[Counted]> = read.iter().map(|list| list.of(saved.postings())).collect();
            assert_eq!(read_back, made.iter().map(Vec::as_slice).collect::<Vec<_>>(), "written {before} bytes in");
            read[0].to_mut(saved.postings()).push(Counted { doc: 400_000, fields: [1; 4] });
            assert_eq!(read[0].len(), 3, "changed once copied out");
            assert_eq!(read[2].of(saved.postings()), &made[2][..], "the others as they were");
            assert!(cut(&[2, 0, 2], saved.postings().len()).is_none(), "lengths that do not add up: damaged");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
