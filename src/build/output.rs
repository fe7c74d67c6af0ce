//! Writing the built site so that a reader or a crash never sees half a
//! file: a file is replaced by writing beside it and renaming into place.
//! A file whose bytes are already right is left alone, so a rebuild
//! rewrites only what changed; a file named by its contents is not even
//! read. The one exception is [`replace_end`], for pages in a staging
//! folder that no reader sees yet, which tell by their end if they are
//! whole.

use super::error::BuildError;
use crate::core::hash::Fingerprint;
use crate::core::index::FileVersions;
use crate::core::fast::FastSet;
use std::ffi::OsString;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating folders as needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    write_replacing(path, bytes)
}

/// Writes `bytes` where no file was when the output was listed (a page
/// not made before), creating folders as needed. Nothing is read to
/// compare, and the file is written directly rather than beside and
/// renamed: on a first build of a large blog that saves two calls to the
/// file system per page, and a crash that leaves one short also leaves no
/// mark at its end, so it is made again. As the file is most likely the
/// only one in its folder, which is not there either, the folder is made
/// first rather than the file tried first. A file there after all is
/// replaced atomically.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if let Some(parent) = path.parent() {
        // Made, or there already; any other failure is the write's to report.
        if std::fs::create_dir(parent).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            create_parent(path)?;
        }
    }
    match File::options().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(bytes).map_err(|e| {
            let _ = std::fs::remove_file(path);
            BuildError::io(path, e)
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => write_replacing(path, bytes),
        Err(e) => Err(BuildError::io(path, e)),
    }
}

/// Replaces the file at `path` with `bytes` atomically, unread: a page
/// there whose mark differs from the one it is made under now.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Replaces the end `old` of the file at `path` with `new`, in place: only
/// the end is read and written. `Ok(false)`, with nothing written, if the
/// file does not end with `old`, or has other names (hard links: a backup
/// made with `cp -al` or `rsync --link-dest`), which would change with it.
/// Not atomic, so only for a file in a folder that is not yet served (the
/// staging folder trunk gives a build) and that says by its end whether it
/// is whole: a crash half way leaves it without its end, and the next
/// build makes it again. Off Unix, where links are not counted, nothing
/// is replaced.
#[cfg(unix)]
pub fn replace_end(path: &Path, old: &[u8], new: &[u8]) -> Result<bool, BuildError> {
    use std::os::unix::fs::{FileExt, MetadataExt};
    let replaced = || -> std::io::Result<bool> {
        let file = File::options().read(true).write(true).open(path)?;
        let metadata = file.metadata()?;
        let Some(at) = metadata.len().checked_sub(old.len() as u64).filter(|_| metadata.nlink() == 1) else {
            return Ok(false);
        };
        let mut end = vec![0; old.len()];
        file.read_exact_at(&mut end, at)?;
        if end != old {
            return Ok(false);
        }
        file.write_all_at(new, at)?;
        // A longer end made the file as long as it should be.
        if new.len() < old.len() {
            file.set_len(at + new.len() as u64)?;
        }
        Ok(true)
    };
    replaced().map_err(|e| BuildError::io(path, e))
}

#[cfg(not(unix))]
pub fn replace_end(_: &Path, _: &[u8], _: &[u8]) -> Result<bool, BuildError> {
    Ok(false)
}

/// Writes a file atomically as `write` makes it, without holding it all in
/// memory (the build cache of a large blog), creating folders as needed.
pub fn write_atomic_with<E: Into<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), BuildError> {
    // Named for this process, so two builds into one folder never write
    // into each other's temporary file.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.folio-tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = with_parent(&tmp, || File::create(&tmp)).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(Into::into)?;
        out.into_inner().map(drop).map_err(std::io::IntoInnerError::into_error)
    });
    written.and_then(|()| std::fs::rename(&tmp, path)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        BuildError::io(path, e)
    })
}

/// Creates a file at `path` with `create`, making its folders first if
/// they are not there: tried before they are looked for, since a build
/// writes hundreds of thousands of files into a few folders.
fn with_parent(path: &Path, create: impl Fn() -> std::io::Result<File>) -> std::io::Result<File> {
    match create() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            path.parent().map_or(Ok(()), std::fs::create_dir_all)?;
            create()
        }
        created => created,
    }
}

fn create_parent(path: &Path) -> Result<(), BuildError> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e)),
        None => Ok(()),
    }
}

/// Writes a file whose name is made from its contents (a post file, a list
/// page or a search file, which the new index will name) and which is
/// `len` bytes long. One already there with that length is the same file
/// and is left alone, unread, so a rebuild costs a look at each name, and
/// `bytes` is asked for the contents only when they are to be written. A
/// new file is written directly, which saves a rename per file on a first
/// build of a large blog (a crash can leave it short, and the length check
/// catches that); it is created before it is looked for, which saves a
/// look per file there too.
pub fn write_content_named(
    path: &Path,
    len: u64,
    bytes: impl FnOnce() -> Result<Vec<u8>, BuildError>,
) -> Result<(), BuildError> {
    let created = with_parent(path, || File::options().write(true).create_new(true).open(path));
    let mut file = match created {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return match path.symlink_metadata() {
                Ok(meta) if meta.is_file() && meta.len() == len => Ok(()),
                _ => write_atomic(path, &bytes()?),
            };
        }
        Err(e) => return Err(BuildError::io(path, e)),
    };
    let written = bytes().and_then(|bytes| file.write_all(&bytes).map_err(|e| BuildError::io(path, e)));
    if written.is_err() {
        // Not left empty under a name that says what it holds.
        let _ = std::fs::remove_file(path);
    }
    written
}

/// [`write_content_named`] for a file whose bytes an earlier build may
/// have written under another name (given by `earlier`, asked for only if
/// the file is not there): a post file renamed only because another file
/// in its version bucket changed. If the earlier file's fingerprint is
/// `print`, its bytes are copied, and `bytes`, which must read the post
/// again, is not asked for. Copied, not moved: until the new index is in,
/// the old one may still name it.
pub fn write_renamed(
    path: &Path,
    print: Fingerprint,
    earlier: impl FnOnce() -> Option<PathBuf>,
    bytes: impl FnOnce() -> Result<Vec<u8>, BuildError>,
) -> Result<(), BuildError> {
    write_content_named(path, print.len, || match earlier().and_then(|old| std::fs::read(old).ok()) {
        Some(old) if Fingerprint::of(&old) == print => Ok(old),
        _ => bytes(),
    })
}

/// Moves the folders `dirs` (relative paths ending in `/`) of an earlier
/// build's output `earlier` into `out`, so the files in them that this
/// build makes again need not be written again. Where `out` already has
/// a folder (the builder's category feeds, say), the two are merged, and
/// a file already in `out` is kept. Only folders of files this build
/// checks or makes again belong here, as it removes the rest. Whatever
/// cannot be moved (another disk) is simply written afresh.
///
/// Returns what stayed in `earlier`: the files `out` already had, and
/// whatever could not be moved.
pub fn reuse(earlier: &Path, out: &Path, dirs: &[&str]) -> Vec<PathBuf> {
    let mut left = Vec::new();
    if same_folder(earlier, out) {
        return left;
    }
    for dir in dirs {
        let (from, to) = (earlier.join(dir), out.join(dir));
        if from.symlink_metadata().is_err() {
            continue;
        }
        if is_real_dir(&from) && create_parent(&to).is_ok() {
            move_merging(&from, &to, &mut left);
        } else {
            left.push(from);
        }
    }
    left
}

/// Whether `a` and `b` name the same folder, however each is spelled
/// (`dist` and `./dist`); by their spelling if either cannot be found.
pub fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether `path` is a folder itself, not a link to one: a link could
/// lead the build to write outside the output.
fn is_real_dir(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_dir())
}

fn move_merging(from: &Path, to: &Path, left: &mut Vec<PathBuf>) {
    if to.symlink_metadata().is_err() {
        if std::fs::rename(from, to).is_err() {
            left.push(from.into());
        }
    } else if is_real_dir(to) && is_real_dir(from) {
        let Ok(entries) = std::fs::read_dir(from) else { return left.push(from.into()) };
        for entry in entries.filter_map(Result::ok) {
            move_merging(&entry.path(), &to.join(entry.file_name()), left);
        }
    } else {
        left.push(from.into());
    }
}

/// Copies one asset file atomically.
pub fn copy_atomic(from: &Path, to: &Path) -> Result<(), BuildError> {
    let bytes = std::fs::read(from).map_err(|e| BuildError::io(from, e))?;
    write_atomic(to, &bytes)
}

/// The files of ours below some folders of the output, listed once. A
/// rebuild of a large blog would otherwise look at each of the hundreds of
/// thousands of files it makes, on disk, to see whether it is there, and
/// walk every folder to find the files it no longer makes.
pub struct Present {
    /// The folders listed (full paths), below which empty folders go.
    roots: Vec<PathBuf>,
    files: Files,
}

/// Paths of files in the output, as a set quick to make and look in: a
/// large blog's output has hundreds of thousands (and a `Path` would be
/// hashed part by part).
pub type Files = FastSet<OsString>;

impl Present {
    /// The files below the folders `dirs` of `out` that `ours` picks out.
    /// Folders are told from files by the listing itself, unopened, and a
    /// link is not followed.
    pub fn list(out: &Path, dirs: &[&str], ours: fn(&Path) -> bool) -> Present {
        Present::list_moved(out, out, dirs, ours)
    }

    /// The files below the folders `dirs` of `listed` that `ours` picks
    /// out, named as they will be once those folders are moved into `out`
    /// ([`reuse`]): a large blog's output is listed while its index is
    /// made, before the move.
    pub fn list_moved(listed: &Path, out: &Path, dirs: &[&str], ours: fn(&Path) -> bool) -> Present {
        // Gathered first, then put in a set made large enough for them:
        // growing the set as they came hashed a large blog's hundreds of
        // thousands of paths again at every doubling.
        let mut files = Vec::new();
        let mut stack: Vec<(PathBuf, PathBuf)> = dirs.iter().map(|dir| (listed.join(dir), out.join(dir))).collect();
        while let Some((dir, named)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.filter_map(Result::ok) {
                let path = named.join(entry.file_name());
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => stack.push((entry.path(), path)),
                    _ if ours(&path) => files.push(path.into_os_string()),
                    _ => {}
                }
            }
        }
        let mut set = Files::with_capacity_and_hasher(files.len(), Default::default());
        set.extend(files);
        Present::known(out, dirs, set)
    }

    /// The files `files`, known to be all there are below the folders
    /// `dirs` of `out` (a list `folio pages` left), without listing them.
    pub fn known(out: &Path, dirs: &[&str], files: Files) -> Present {
        Present { roots: dirs.iter().map(|dir| out.join(dir)).collect(), files }
    }

    /// Whether the file at `path` was there when listed.
    pub fn has(&self, path: &Path) -> bool {
        self.files.contains(path.as_os_str())
    }

    /// Whether the file at `path` (`unversioned` before its name was
    /// versioned) can be taken as it is, unlooked at: it was there when
    /// listed, and the `earlier` index gave it this same name as `versions`
    /// do. That index was written once every file it names was whole; any
    /// other file there (one a stopped build left, say) may be short.
    pub fn whole(&self, path: &Path, unversioned: &str, versions: &FileVersions, earlier: Option<&FileVersions>) -> bool {
        earlier.is_some_and(|earlier| earlier.same_version(versions, unversioned)) && self.has(path)
    }

    /// Removes the files listed that are not in `written`: files of earlier
    /// builds that this one no longer makes. A folder left empty goes too,
    /// up to and including the folder listed.
    pub fn remove_unwritten(&self, written: &Files) {
        // On every core: after an old post is removed (or dated back),
        // every chunk of its lists newer than it goes (tens of thousands at
        // 100,000 posts).
        let gone: Vec<&Path> = self.files.iter().filter(|file| !written.contains(*file)).map(Path::new).collect();
        let removed = super::parallel_map(&gone, |file| std::fs::remove_file(file).ok().and(file.parent()));
        let mut emptied: Vec<&Path> = removed.into_iter().flatten().collect();
        emptied.sort_unstable();
        emptied.dedup();
        // Deepest first, so a folder is tried once its own folders are gone.
        for dir in emptied.into_iter().rev() {
            for dir in dir.ancestors().take_while(|dir| self.roots.iter().any(|root| dir.starts_with(root))) {
                // Fails, as it should, unless the folder is now empty.
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
    }
}

/// Whether a file is JSON: what the data folders hold.
pub fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_file_with_that_end_and_no_other_name_has_its_end_replaced() {
        let root = crate::build::scratch_dir("replace-end");
        let page = root.join("page.html");
        std::fs::write(&page, "content, then the old end").unwrap();
        assert!(replace_end(&page, b"the old end", b"a new and longer end").unwrap());
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "content, then a new and longer end");
        assert!(replace_end(&page, b"a new and longer end", b"end").unwrap());
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "content, then end", "a shorter end cuts the file");
        for old in [&b"not its end"[..], b"longer than the whole file is, by far"] {
            assert!(!replace_end(&page, old, b"x").unwrap());
            assert_eq!(std::fs::read_to_string(&page).unwrap(), "content, then end", "left as it was");
        }
        // A backup linked to the same file would change with it.
        std::fs::hard_link(&page, root.join("backup.html")).unwrap();
        assert!(!replace_end(&page, b"end", b"x").unwrap());
        assert_eq!(std::fs::read_to_string(root.join("backup.html")).unwrap(), "content, then end");
        assert!(replace_end(&root.join("gone.html"), b"end", b"x").is_err(), "a missing file is the caller's to know");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_renamed_file_is_copied_from_its_earlier_name_only_if_it_is_the_same() {
        let root = crate::build::scratch_dir("renamed");
        let (old, new, other) = (root.join("p.1.json"), root.join("p.2.json"), root.join("p.3.json"));
        write_atomic(&old, b"same bytes").unwrap();
        let print = Fingerprint::of(b"same bytes");
        write_renamed(&new, print, || Some(old.clone()), || panic!("the post is not read again")).unwrap();
        assert_eq!(std::fs::read(&new).unwrap(), b"same bytes");
        assert!(old.exists(), "copied, not moved: the old index may still name it");
        // Same length, other bytes: made afresh.
        write_renamed(&other, Fingerprint::of(b"SAME BYTES"), || Some(old.clone()), || Ok(b"SAME BYTES".to_vec())).unwrap();
        // Already there: neither the earlier name nor the bytes are asked for.
        write_renamed(&new, print, || panic!("no earlier name needed"), || panic!("nor the bytes")).unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"SAME BYTES");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_content_named_file_is_made_with_its_folders_and_never_left_empty() {
        let root = crate::build::scratch_dir("content-named");
        let file = root.join("data/post/a.1.json");
        write_content_named(&file, 5, || Ok(b"first".to_vec())).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"first", "made with the folders it needs");
        write_content_named(&file, 5, || panic!("the same length: the same file, unread")).unwrap();
        write_content_named(&file, 6, || Ok(b"second".to_vec())).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"second", "a short file, as a crash leaves, is replaced");
        let failed = root.join("data/post/b.1.json");
        let error = || Err(BuildError::Io { path: failed.clone(), message: "changed".into() });
        assert!(write_content_named(&failed, 5, error).is_err());
        assert!(!failed.exists(), "no empty file is left under a name that says what it holds");
        std::os::unix::fs::symlink(&file, root.join("data/post/c.1.json")).unwrap();
        write_content_named(&root.join("data/post/c.1.json"), 6, || Ok(b"own c!".to_vec())).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"second", "a link is replaced, not written through");
        assert_eq!(std::fs::read(root.join("data/post/c.1.json")).unwrap(), b"own c!");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn unwritten_files_go_and_so_do_the_folders_they_leave_empty() {
        let root = crate::build::scratch_dir("unwritten");
        let files = ["post/kept/index.html", "post/gone/index.html", "post/deep/er/index.html", "post/theirs/notes.txt"];
        for file in files {
            write_atomic(&root.join(file), b"x").unwrap();
        }
        let written: Files = [root.join(files[0]).into_os_string()].into_iter().collect();
        let present = Present::list(&root, &["post/"], |path| path.ends_with("index.html"));
        let listed = |file: &str| present.files.contains(root.join(file).as_os_str());
        assert!(listed(files[1]) && !listed(files[3]), "only files of ours are listed");
        present.remove_unwritten(&written);
        let there = files.map(|file| root.join(file).exists());
        assert_eq!(there, [true, false, false, true]);
        assert!(!root.join("post/gone").exists() && !root.join("post/deep").exists(), "emptied folders go");
        // Nothing of ours left: the folder listed goes too, not its parent.
        Present::list(&root, &["post/"], |_| true).remove_unwritten(&Files::default());
        assert!(!root.join("post").exists() && root.exists());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn reuse_merges_folders_keeps_new_files_and_never_moves_a_link() {
        let root = crate::build::scratch_dir("reuse");
        let (earlier, out, outside) = (root.join("dist"), root.join("stage"), root.join("outside"));
        for (path, text) in [
            (earlier.join("post/a/index.html"), "old a"),
            (earlier.join("post/b/index.html"), "old b"),
            (out.join("post/b/index.html"), "new b"),
            (outside.join("x.json"), "not ours"),
        ] {
            write_atomic(&path, text.as_bytes()).unwrap();
        }
        std::os::unix::fs::symlink(&outside, earlier.join("data")).unwrap();
        let listed = Present::list_moved(&earlier, &out, &["post/"], |_| true);
        let left = reuse(&earlier, &out, &["post/", "data/"]);
        assert!(listed.files.contains(out.join("post/a/index.html").as_os_str()), "listed as named once moved");
        assert_eq!(left, [earlier.join("post/b/index.html"), earlier.join("data")], "what was not moved is told");
        let read = |path: PathBuf| std::fs::read_to_string(path).unwrap();
        assert_eq!(read(out.join("post/a/index.html")), "old a", "a folder not there yet is moved");
        assert_eq!(read(out.join("post/b/index.html")), "new b", "a file already there is kept");
        assert!(out.join("data").symlink_metadata().is_err(), "a link is left where it was");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
