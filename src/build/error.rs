//! What can go wrong in a build, printed for the author who must fix it.

use std::fmt;
use std::path::PathBuf;

/// A problem with one post file. Every variant's message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostError {
    pub path: PathBuf,
    /// 1-based line the problem is on, when it is on one.
    pub line: Option<usize>,
    pub kind: PostErrorKind,
}

/// Why a post was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostErrorKind {
    Read(String),
    /// A link to a file outside the posts folder (see `check_link`).
    LinkOutside { target: PathBuf },
    TooLarge { bytes: u64 },
    NotUtf8,
    NoFrontMatter,
    UnterminatedFrontMatter { fence: &'static str },
    FrontMatterSyntax { format: &'static str, message: String },
    NotAMapping,
    WrongType { field: String, expected: &'static str },
    BadDate { field: String, value: String, reason: String },
    MissingDate,
    EmptySlug,
    /// An alias at an address the blog uses for its own pages or files.
    AliasTaken { alias: String },
}

impl fmt::Display for PostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl fmt::Display for PostErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PostErrorKind::*;
        match self {
            Read(e) => write!(f, "cannot read the file ({e}); check that it exists and is readable"),
            LinkOutside { target } => write!(
                f,
                "a link to {}, outside the posts folder, which is not read, so that no file from elsewhere \
                 on this machine is published; copy the post into the folder instead",
                target.display()
            ),
            TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB, over the {} MB limit for one post; split it or move large data out of the post",
                *bytes as f64 / 1_048_576.0,
                super::post::MAX_POST_BYTES / 1_048_576
            ),
            NotUtf8 => write!(f, "the file is not UTF-8 text; save it as UTF-8 (is it a binary file with a .md name?)"),
            NoFrontMatter => write!(
                f,
                "no front matter; start the file with a `---` line, then `title: ...` and `date: YYYY-MM-DD`, then a closing `---` line (or use `+++` and TOML), or name the file `YYYY-MM-DD-slug.md` to date it without any"
            ),
            UnterminatedFrontMatter { fence } => {
                write!(f, "the front matter opened here is never closed; add a line with just `{fence}` after it")
            }
            FrontMatterSyntax { format, message } => write!(f, "invalid {format} in front matter: {message}"),
            NotAMapping => write!(f, "front matter must be `key: value` lines; found a single value or a list"),
            WrongType { field, expected } => write!(f, "`{field}` must be {expected}"),
            BadDate { field, value, reason } => write!(f, "`{field}` value `{value}` {reason}"),
            MissingDate => write!(
                f,
                "no date; add `date: YYYY-MM-DD` to the front matter or name the file `YYYY-MM-DD-slug.md`"
            ),
            EmptySlug => write!(
                f,
                "cannot make a URL slug from this post's name; add `slug: some-words` to the front matter"
            ),
            AliasTaken { alias } => write!(
                f,
                "alias `{alias}` is an address the blog uses itself (its pages, feeds or data); remove it from `aliases`/`redirect_from`"
            ),
        }
    }
}

/// Why a whole build failed. Nothing is written when it does.
#[derive(Debug)]
pub enum BuildError {
    /// One or more posts are bad; all of them are listed.
    Posts(Vec<PostError>),
    /// The site configuration is bad.
    Config { path: PathBuf, line: Option<usize>, message: String },
    /// Reading the posts folder or writing the output failed.
    Io { path: PathBuf, message: String },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Posts(errors) => {
                let n = errors.len();
                writeln!(f, "{n} problem{} in posts; nothing was written:", if n == 1 { "" } else { "s" })?;
                for e in errors {
                    writeln!(f, "  {e}")?;
                }
                Ok(())
            }
            BuildError::Config { path, line, message } => {
                write!(f, "{}", path.display())?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                write!(f, ": {message}")
            }
            BuildError::Io { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    /// A file or folder that could not be read or written.
    pub fn io(path: &std::path::Path, error: std::io::Error) -> BuildError {
        BuildError::Io { path: path.to_path_buf(), message: error.to_string() }
    }
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}
