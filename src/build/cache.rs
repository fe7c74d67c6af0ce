//! The build cache: what reading each post gave (its metadata, aliases
//! and the fingerprints of the files made from it, not its code), keyed
//! by its path and a hash of its bytes, and the search index's word counts
//! with what each search shard was made from. A rebuild still reads every
//! post, but parses, renders, counts and highlights only the posts that
//! changed, and scores only the shards whose words changed. Kept apart from
//! the output, which trunk makes afresh on every build.
//!
//! The cache belongs to one build of `folio`: any other binary (a new
//! release, a local change) starts from an empty cache, so a change in how
//! posts are read can never be hidden by an old entry. It is private to
//! that binary, so it is stored in a compact binary form rather than
//! JSON, which took a large blog's rebuild twice as long to read.

use super::error::BuildError;
use super::output;
use super::search::{Counter, MadeShards};
use super::ReadPost;
use crate::core::index::every_field;
use bincode::Options;
use crate::core::fast::FastMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Posts read by an earlier build, by path below the posts folder, and
/// their words as that build counted them.
#[derive(Default)]
pub struct Cache {
    /// What the cache is valid for: this `folio` binary (see
    /// [`super::builder_id`]) and the sources every post is read with.
    builder: String,
    /// Kept in the runs they were saved and read in: merging a large
    /// blog's into one map moved every post and took a tenth of a rebuild.
    /// By path as bytes: a `Path` is hashed part by part.
    posts: Vec<FastMap<OsString, ReadPost>>,
    /// The cached posts' words, each post counted under its
    /// [`ReadPost::counted_as`].
    counter: Counter,
    /// The search shards made from those counts, which a build may keep
    /// (see [`super::search::Earlier`]).
    shards: MadeShards,
    /// When the file was written, which says which posts' stamps can be
    /// trusted (see [`super::post::Stamp`]).
    saved: Option<std::time::SystemTime>,
}

impl Cache {
    /// The cache at `file`, or an empty one if there is none, it is
    /// damaged, or it was written under another `id`: by another `folio`
    /// (see [`super::builder_id`]) or with other sources every post is read
    /// with (the authors' names).
    pub fn load(file: &Path, id: String) -> Cache {
        let builder = id;
        let read = || -> Option<Cache> {
            let opened = File::open(file).ok()?;
            let metadata = opened.metadata().ok()?;
            // SAFETY: folio never writes into a saved cache, but saves a
            // new one beside it and renames it into place, so the mapping
            // does not change under the build, though the word counts'
            // lists are read from it for as long as the build keeps them
            // (see `super::postings`), while it saves the next cache. Bytes
            // changed by another program could only make it decode as
            // damaged: every length is checked against what is there.
            let mapped = std::sync::Arc::new(unsafe { memmap2::Mmap::map(&opened) }.ok()?);
            // Another folio's cache is passed over unread.
            let (first, rest) = mapped.split_at_checked(memchr::memchr(b'\n', &mapped)?)?;
            if first != builder.as_bytes() {
                return None;
            }
            let [counter, post_runs, shards] = segments(&rest[1..])?.try_into().ok()?;
            // The word counts and the posts are read at once.
            let (counter, posts) = std::thread::scope(|scope| {
                let posts = scope.spawn(|| read_posts(post_runs));
                let counter = Counter::load(&mapped, within(&mapped, counter));
                Some((counter?, posts.join().ok().flatten()?))
            })?;
            let shards = binary().with_limit(shards.len() as u64).deserialize(shards).ok()?;
            Some(Cache { builder: builder.clone(), posts, counter, shards, saved: metadata.modified().ok() })
        };
        read().unwrap_or_else(|| Cache { builder, ..Cache::default() })
    }

    /// Takes out what the cache holds for the post at `relative`, for
    /// [`crate::build::post::load`] to use if the file is unchanged. Moved
    /// rather than copied: a large blog's cache is a large part of the
    /// build's memory.
    pub fn take(&mut self, relative: &Path) -> Option<ReadPost> {
        self.posts.iter_mut().find_map(|run| run.remove(relative.as_os_str()))
    }

    /// Takes out the cached posts' word counts, to count the changed posts
    /// into (under ids from [`Counter::next_id`] on).
    pub fn take_counter(&mut self) -> Counter {
        std::mem::take(&mut self.counter)
    }

    /// Takes out the search shards made from the cached word counts.
    pub fn take_shards(&mut self) -> MadeShards {
        std::mem::take(&mut self.shards)
    }

    /// When the cache was saved, if it was read.
    pub fn saved(&self) -> Option<std::time::SystemTime> {
        self.saved
    }

    /// How many posts the cache still holds that were not taken: files
    /// since removed, which a saved cache would leave out.
    pub fn leftovers(&self) -> usize {
        self.posts.iter().map(FastMap::len).sum()
    }

    /// Writes the cache of `posts` (read from below `root`), whose words
    /// `counter` holds, for this `folio` to `file`: its id on the first
    /// line, then the length of the word counts (eight bytes) and the word
    /// counts (see [`Counter::save`]), then the length of the posts and the posts in
    /// binary (with [`every_field`]: the form reads fields by their place),
    /// in [`POST_RUNS`] runs, each after its length, to be read at once,
    /// and last the length of the search shards made from the counts and
    /// the shards, in binary. Those are asked for last, so the search index
    /// can be made while the rest is written: the file is not saved if
    /// there are none.
    pub fn save(
        &self,
        file: &Path,
        posts: &[ReadPost],
        counter: &Counter,
        root: &Path,
        shards: impl FnOnce() -> Option<MadeShards>,
    ) -> Result<(), BuildError> {
        let run = posts.len().div_ceil(POST_RUNS).max(1);
        output::write_atomic_with(file, |out| {
            out.write_all(self.builder.as_bytes())?;
            out.write_all(b"\n")?;
            with_length(out, &|out| counter.save(out))?;
            with_length(out, &|out| {
                for posts in posts.chunks(run) {
                    let posts: FastMap<&OsStr, &ReadPost> = posts
                        .iter()
                        .map(|p| (p.post.path.strip_prefix(root).unwrap_or(&p.post.path).as_os_str(), p))
                        .collect();
                    with_length(out, &|out| {
                        every_field(|| binary().serialize_into(out, &posts).map_err(std::io::Error::other))
                    })?;
                }
                Ok(())
            })?;
            let shards = shards().ok_or_else(|| std::io::Error::other("the search index was not made"))?;
            with_length(out, &|out| binary().serialize_into(out, &shards).map_err(std::io::Error::other))
        })
    }
}

/// How many runs the cache's posts are saved in: each is read on its own
/// thread, beside the word counts.
const POST_RUNS: usize = 4;

/// Writes what `write` writes to `out` after its length (see [`read_len`]),
/// which goes first once it is known.
fn with_length(out: &mut BufWriter<File>, write: &dyn Fn(&mut BufWriter<File>) -> std::io::Result<()>) -> std::io::Result<()> {
    let at = out.stream_position()?;
    out.write_all(&[0; 8])?;
    write(out)?;
    let end = out.stream_position()?;
    out.seek(SeekFrom::Start(at))?;
    out.write_all(&(end - at - 8).to_le_bytes())?;
    out.seek(SeekFrom::Start(end)).map(drop)
}

/// Reads a length as [`Cache::save`] writes it: eight bytes, little-endian.
fn read_len(reader: &mut impl Read) -> Option<u64> {
    let mut length = [0; 8];
    reader.read_exact(&mut length).ok()?;
    Some(u64::from_le_bytes(length))
}

/// The cache's runs of posts, each after its length, each read on a
/// thread of its own.
fn read_posts(post_runs: &[u8]) -> Option<Vec<FastMap<OsString, ReadPost>>> {
    std::thread::scope(|scope| {
        let runs: Vec<_> = segments(post_runs)?
            .into_iter()
            .map(|run| scope.spawn(move || binary().with_limit(run.len() as u64).deserialize::<FastMap<OsString, ReadPost>>(run).ok()))
            .collect();
        runs.into_iter().map(|run| run.join().ok().flatten()).collect()
    })
}

/// Where `part`, a slice of `whole`, is in it.
fn within(whole: &[u8], part: &[u8]) -> std::ops::Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// The parts of `bytes`, each after its length; `None` if a length runs
/// past the end.
fn segments(mut bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut runs = Vec::new();
    while !bytes.is_empty() {
        let len = usize::try_from(read_len(&mut bytes)?).ok()?;
        let (run, rest) = bytes.split_at_checked(len)?;
        runs.push(run);
        bytes = rest;
    }
    Some(runs)
}

/// How the cache stores what it holds in binary (the posts, the shards,
/// and the word counts' words and lengths): bincode, with variable-length
/// integers.
pub(super) fn binary() -> impl bincode::Options {
    bincode::DefaultOptions::new()
}
