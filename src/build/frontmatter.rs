//! Front matter: find the `---` (YAML) or `+++` (TOML) block at the top of
//! a post, or the `Title: …` lines Pelican and MultiMarkdown read, parse
//! it, and read the fields Folio knows into [`FrontMatter`]. Unknown fields
//! are ignored; known fields of the wrong type are errors that name their
//! line.

use super::error::{line_of_offset, PostErrorKind};
use crate::core::date::PostDate;
use super::urls::path_of;
use crate::core::markdown::sanitize::decode_text;
use serde_json::{Map, Value};

/// The front matter fields Folio uses, as the author gave them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    /// The post is dated by its file instead (Eleventy's `date: Last
    /// Modified` or `date: Created`).
    pub file_date: Option<FileDate>,
    pub updated: Option<PostDate>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// Where the list excerpt ends (Jekyll's `excerpt_separator`), if not
    /// at a `<!-- more -->` line.
    pub excerpt_separator: Option<String>,
    pub draft: bool,
    pub slug: Option<String>,
    /// The post's address as Zola (`path`), Jekyll (`permalink`) or Hugo
    /// (`url`) set it: its last part is the slug when `slug` is not given,
    /// and the address itself is kept as an alias.
    pub path: Option<String>,
    /// Old addresses that should lead to the post (Zola's `aliases`,
    /// Jekyll's `redirect_from`).
    pub aliases: Vec<String>,
    /// The line they are on, for errors.
    pub aliases_line: Option<usize>,
    /// The picture link previews show, as written (see `Reader::image`).
    pub image: Option<String>,
}

/// Which of its file's times dates a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FileDate {
    Modified,
    Created,
}

/// A front matter problem and the 1-based line of the post it is on.
pub type Problem = (Option<usize>, PostErrorKind);

/// A post split into its front matter and body.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter text, without its fences.
    pub raw: &'a str,
    /// Line of the post on which `raw` starts.
    pub raw_line: usize,
    pub body: &'a str,
}

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    /// `Key: value` lines up to the first blank line, without fences, as
    /// Pelican and MultiMarkdown write them: every value is text.
    Metadata,
}

/// Finds the front matter block; a post must start with one.
pub fn split(content: &str) -> Result<Split<'_>, Problem> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let first_line_end = content.find('\n').unwrap_or(content.len());
    let Some((format, fence)) = fence(content) else {
        return metadata(content).ok_or((Some(1), PostErrorKind::NoFrontMatter));
    };
    let raw_start = (first_line_end + 1).min(content.len());
    let mut offset = raw_start;
    for line in content[raw_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        // YAML documents may also close with `...`.
        if trimmed == fence || (format == Format::Yaml && trimmed == "...") {
            let body = &content[offset + line.len()..];
            return Ok(Split { format, raw: &content[raw_start..offset], raw_line: 2, body });
        }
        offset += line.len();
    }
    Err((Some(1), PostErrorKind::UnterminatedFrontMatter { fence }))
}

impl<'a> Split<'a> {
    /// A post with no front matter at all, as notes are written: every
    /// detail comes from its file's name and its heading.
    pub fn bare(content: &'a str) -> Split<'a> {
        let body = content.strip_prefix('\u{feff}').unwrap_or(content);
        Split { format: Format::Yaml, raw: "", raw_line: 1, body }
    }
}

/// Whether `start`, the first bytes of a file, opens a front matter block.
pub fn opens(start: &str) -> bool {
    fence(start.strip_prefix('\u{feff}').unwrap_or(start)).is_some()
}

/// The `Key: value` lines `content` opens with, as Pelican and
/// MultiMarkdown write a post's details: one of them its title, every line
/// up to the first blank one a field (or an indented continuation of one).
/// Anything else is not such a block: a post that opens with `Note: …`
/// still needs front matter.
fn metadata(content: &str) -> Option<Split<'_>> {
    let mut end = 0;
    let mut titled = false;
    for line in content.split_inclusive('\n') {
        if line.trim().is_empty() {
            break;
        }
        match metadata_field(line) {
            Some((key, _)) => titled |= key.eq_ignore_ascii_case("title"),
            None if end > 0 && line.starts_with([' ', '\t']) => {}
            None => return None,
        }
        end += line.len();
    }
    let body = content[end..].split_once('\n').map_or("", |(_, body)| body);
    titled.then(|| Split { format: Format::Metadata, raw: &content[..end], raw_line: 1, body })
}

/// A `Key: value` line's key and value: a key is a word or a few, as
/// metadata names are (`Title`, `Date`, `Save_as`, `Cover image`).
fn metadata_field(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ');
    let plain = key.len() <= 30 && key.starts_with(char::is_alphabetic) && key.chars().all(word) && !key.ends_with(' ');
    plain.then(|| (key, value.trim()))
}

/// The format and fence of the front matter block `content` opens with.
fn fence(content: &str) -> Option<(Format, &'static str)> {
    match content.split('\n').next().unwrap_or_default().trim_end() {
        "---" => Some((Format::Yaml, "---")),
        "+++" => Some((Format::Toml, "+++")),
        _ => None,
    }
}

/// Parses the block and reads Folio's fields from it.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, Problem> {
    let map = match split.format {
        Format::Yaml => parse_yaml(split)?,
        Format::Toml => parse_toml(split)?,
        Format::Metadata => parse_metadata(split),
    };
    Reader { map: &map, split }.front_matter()
}

fn parse_yaml(split: &Split<'_>) -> Result<Map<String, Value>, Problem> {
    if split.raw.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: serde_norway::Value = serde_norway::from_str(split.raw).map_err(|e| {
        let noticed = e.location().map(|l| split.raw_line + l.line() - 1);
        let message = e.to_string();
        // The location is already given as the line of the post.
        let mut message = message.split(" at line ").next().unwrap_or(&message).to_string();
        // YAML reports a mistake where it noticed it, often a line or more
        // after the line to fix (an unclosed `[`, say): that is the first
        // line it cannot read on its own.
        let line = noticed.map(|noticed| match unreadable_line(split.raw, noticed - split.raw_line) {
            Some((at, text)) => {
                let at = split.raw_line + at;
                if at != noticed {
                    message.push_str(&format!(" (noticed on line {noticed})"));
                }
                if let Some(quoted) = quoted_value(text) {
                    message.push_str(&format!(
                        "; YAML reads a value starting with [ {{ * & ! % @ ` or a quote, or with \": \" in it, \
                         as more than text: to keep it as text, quote it: `{quoted}`"
                    ));
                }
                at
            }
            None => noticed,
        });
        (line, PostErrorKind::FrontMatterSyntax { format: "YAML", message })
    })?;
    match yaml_to_json(value) {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err((Some(split.raw_line), PostErrorKind::NotAMapping)),
    }
}

/// Month names as people write them in dates, in English.
const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Days of the week, as e-mail style dates begin.
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A date written by hand rather than by a tool, in the form
/// [`PostDate::parse`] reads: `2019/05/12`, `2019-5-2`, `May 12, 2019`,
/// `12 May 2019` (months may be cut to three letters), and the e-mail
/// style RSS and some exporters write, `Sun, 12 May 2019 14:30:00 +0000`.
/// A time and zone after the date are passed on for `PostDate::parse` to
/// check. Other text is left to it too, and its error says how to write a
/// date.
fn hand_written_date(text: &str) -> Option<String> {
    let named = |names: &[&str], word: &str| {
        let word = word.trim_end_matches('.').to_lowercase();
        names.iter().position(|m| word.len() >= 3 && m.starts_with(&word))
    };
    let month = |word: &str| named(&MONTHS, word).map(|i| i + 1);
    let number = |word: &str| word.parse::<u32>().ok();
    let numeric = |ymd: &str| {
        let parts: Vec<&str> = ymd.split(['-', '/']).collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => Some((number(y)?, number(m)? as usize, number(d)?)),
            _ => None,
        }
    };
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let words = match words.split_first() {
        Some((first, rest)) if named(&WEEKDAYS, first).is_some() => rest,
        _ => &words[..],
    };
    let ((year, month, day), rest) = match words {
        [m, d, y, rest @ ..] if month(m).is_some() => ((number(y)?, month(m)?, number(d)?), rest),
        [d, m, y, rest @ ..] if month(m).is_some() => ((number(y)?, month(m)?, number(d)?), rest),
        [ymd, rest @ ..] => (numeric(ymd)?, rest),
        [] => return None,
    };
    let mut date = format!("{year:04}-{month:02}-{day:02}");
    for word in rest {
        date.push(' ');
        date.push_str(word);
    }
    Some(date)
}

/// The first top-level `key: value` line of a YAML block, up to line
/// `last` (counted from 0), that YAML cannot read on its own, with its
/// place: a value that is not the text it looks like.
fn unreadable_line(raw: &str, last: usize) -> Option<(usize, &str)> {
    raw.lines().enumerate().take(last + 1).find(|(_, line)| {
        let top_level = !line.starts_with([' ', '\t', '-', '#']);
        let has_value = line.split_once(':').is_some_and(|(_, value)| !value.trim().is_empty());
        top_level && has_value && serde_norway::from_str::<serde_norway::Value>(line).is_err()
    })
}

/// A `key: value` YAML line with its value put in quotes as it is: the
/// usual fix for a title such as `Rust: a tour` or `[Draft] Notes`. None
/// for a line that is not one, or whose value starts a block of lines.
fn quoted_value(line: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    let (key, value) = (key.trim_end(), value.trim());
    let is_key = !key.trim_start().is_empty() && key.trim_start().chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if !is_key || value.is_empty() || value.starts_with(['|', '>']) {
        return None;
    }
    Some(format!("{key}: \"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
}

/// The fields of a [`Format::Metadata`] block, by their names in lower
/// case (`Title` is `title`; Pelican's `Modified` is `updated`), each
/// one's continuation lines joined to it. Names (tags, authors, the
/// category) are lists split at commas, as Pelican splits them: a tag may
/// have spaces in it.
fn parse_metadata(split: &Split<'_>) -> Map<String, Value> {
    const LISTS: [&str; 5] = ["tags", "authors", "author", "category", "categories"];
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in split.raw.lines() {
        match (metadata_field(line), fields.last_mut()) {
            (Some((key, value)), _) => {
                let key = key.to_lowercase().replace(' ', "_");
                fields.push((if key == "modified" { "updated".into() } else { key }, value.to_string()));
            }
            (None, Some((_, value))) => {
                value.push(' ');
                value.push_str(line.trim());
            }
            (None, None) => {}
        }
    }
    fields
        .into_iter()
        .map(|(key, value)| {
            let value = match LISTS.contains(&key.as_str()) {
                true => Value::Array(value.split(',').map(|name| Value::String(name.trim().to_string())).collect()),
                false => Value::String(value),
            };
            (key, value)
        })
        .collect()
}

fn parse_toml(split: &Split<'_>) -> Result<Map<String, Value>, Problem> {
    let table: toml::Table = split.raw.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map(|s| split.raw_line + line_of_offset(split.raw, s.start) - 1);
        let message = e.message().to_string();
        (line, PostErrorKind::FrontMatterSyntax { format: "TOML", message })
    })?;
    match toml_to_json(toml::Value::Table(table)) {
        Value::Object(map) => Ok(map),
        _ => unreachable!("a TOML table converts to an object"),
    }
}

/// YAML allows any value as a key and tags on values; Folio only needs
/// string keys and plain values.
fn yaml_to_json(value: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .filter_map(|(k, v)| scalar_text(&yaml_to_json(k)).map(|k| (k, yaml_to_json(v))))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    use toml::Value as T;
    match value {
        T::String(s) => Value::String(s),
        T::Integer(i) => Value::from(i),
        T::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        T::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// The path or URL an image field gives, directly or in a map.
fn image_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(map) => ["image", "src", "url", "path"].iter().find_map(|key| map.get(*key).and_then(image_of)),
        _ => None,
    }
}

/// Text of a string, number or boolean (`title: 2024` is a fine title).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

struct Reader<'m, 's> {
    map: &'m Map<String, Value>,
    split: &'s Split<'s>,
}

impl Reader<'_, '_> {
    fn front_matter(&self) -> Result<FrontMatter, Problem> {
        let taxonomies = self.map.get("taxonomies").and_then(Value::as_object);
        let from_taxonomy = |name: &str| taxonomies.and_then(|t| t.get(name));
        let mut authors = self.names("author", self.map.get("author"), false)?;
        authors.extend(self.names("authors", self.map.get("authors"), false)?);
        let mut categories = self.names("categories", self.map.get("categories"), true)?;
        categories.extend(self.names("category", self.map.get("category"), false)?);
        categories.extend(self.names("categories", from_taxonomy("categories"), false)?);
        let mut tags = self.names("tags", self.map.get("tags"), true)?;
        tags.extend(self.names("tags", from_taxonomy("tags"), false)?);
        let published = self.flag("published")?;
        let file_date = self.file_date()?;
        Ok(FrontMatter {
            title: self.text("title")?.map(|t| decode_text(&t)).filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_string()),
            // Astro's blog writes `pubDate` and `updatedDate`; Hugo may
            // have `publishDate` alone.
            date: match file_date {
                Some(_) => None,
                None => self.first_date(&["date", "pubDate", "publishDate"])?,
            },
            file_date,
            updated: self.first_date(&["updated", "lastmod", "updatedDate"])?,
            authors: dedupe(authors),
            categories: dedupe(categories),
            tags: dedupe(tags),
            summary: match (self.text("summary")?, self.text("excerpt")?) {
                (Some(s), _) | (None, Some(s)) => Some(s),
                (None, None) => self.text("description")?,
            }
            .map(|s| decode_text(&s)),
            excerpt_separator: self.text("excerpt_separator")?,
            // WordPress's `status` (as its importers keep it) and Pelican's.
            draft: self.flag("draft")?.unwrap_or(false)
                || published == Some(false)
                || self.text("status")?.is_some_and(|s| ["draft", "pending", "private"].contains(&s.trim().to_lowercase().as_str())),
            slug: self.text("slug")?,
            path: match (self.text("path")?, self.text("permalink")?) {
                (Some(p), _) | (None, Some(p)) => Some(p),
                (None, None) => self.text("url")?,
            },
            aliases: dedupe(
                self.names("aliases", self.map.get("aliases"), false)?
                    .into_iter()
                    .chain(self.names("redirect_from", self.map.get("redirect_from"), false)?)
                    // Jekyll's Blogger importer keeps the post's old address.
                    .chain(self.text("blogger_orig_url")?.as_deref().and_then(path_of).map(str::to_string))
                    .collect(),
            ),
            aliases_line: self.line_of("aliases").or_else(|| self.line_of("redirect_from")),
            image: self.image(),
        })
    }

    /// The picture link previews show: `image`, or a theme's `cover`,
    /// `featured_image` and the like (also under Zola's `[extra]`), as a
    /// path or URL, or as a map holding one (`cover: {image: …}`, the SEO
    /// plugin's `image: {path: …}`). Themes give these fields many shapes,
    /// so one that holds no text is passed over rather than refused.
    fn image(&self) -> Option<String> {
        const KEYS: [&str; 7] = ["image", "cover", "featured_image", "featuredImage", "heroImage", "thumbnail", "og_image"];
        let extra = self.map.get("extra").and_then(Value::as_object);
        KEYS.iter().flat_map(|key| [self.map.get(*key), extra.and_then(|e| e.get(*key))]).flatten().find_map(image_of)
    }

    /// The line of the post where `key` is set, for error messages.
    fn line_of(&self, key: &str) -> Option<usize> {
        self.split.raw.lines().position(|line| {
            // Pelican's `Title:` is `title`.
            let line = line.trim_start();
            line.get(..key.len()).is_some_and(|name| name.eq_ignore_ascii_case(key))
                && line[key.len()..].trim_start().starts_with([':', '='])
        })
        .map(|i| self.split.raw_line + i)
    }

    fn wrong_type(&self, field: &str, expected: &'static str) -> Problem {
        (self.line_of(field), PostErrorKind::WrongType { field: field.into(), expected })
    }

    /// Eleventy's words for a date taken from the file: `Last Modified`
    /// and `Created`, or with `git` before them (the commit's date, which
    /// a build without the history reads as the file's own).
    fn file_date(&self) -> Result<Option<FileDate>, Problem> {
        let text = self.text("date")?.unwrap_or_default().to_lowercase();
        let words = text.trim().trim_start_matches("git ").trim();
        Ok(match words {
            "last modified" => Some(FileDate::Modified),
            "created" => Some(FileDate::Created),
            _ => None,
        })
    }

    /// The date under the first of `keys` the front matter has.
    fn first_date(&self, keys: &[&str]) -> Result<Option<PostDate>, Problem> {
        for key in keys {
            if let Some(date) = self.date(key)? {
                return Ok(Some(date));
            }
        }
        Ok(None)
    }

    fn text(&self, key: &str) -> Result<Option<String>, Problem> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_text(v).map(Some).ok_or_else(|| self.wrong_type(key, "text")),
        }
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, Problem> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some(_) => Err(self.wrong_type(key, "true or false")),
        }
    }

    fn date(&self, key: &str) -> Result<Option<PostDate>, Problem> {
        let Some(text) = self.text(key)? else { return Ok(None) };
        let hand_written = || hand_written_date(&text).and_then(|date| PostDate::parse(&date).ok());
        PostDate::parse(&text).or_else(|e| hand_written().ok_or(e)).map(Some).map_err(|e| {
            (self.line_of(key), PostErrorKind::BadDate { field: key.into(), value: text.clone(), reason: e.to_string() })
        })
    }

    /// A list of names, or one name; with `split_words`, a single string is
    /// split on commas, or on spaces as Jekyll does when there is no comma.
    fn names(&self, key: &str, value: Option<&Value>, split_words: bool) -> Result<Vec<String>, Problem> {
        let names = match value {
            None | Some(Value::Null) => Vec::new(),
            // A list in the list is Hexo's path of categories
            // (`- [Tech, Rust]`): the post is in each of them.
            Some(Value::Array(items)) => items
                .iter()
                .flat_map(|item| match item {
                    Value::Array(path) => path.iter().collect(),
                    item => vec![item],
                })
                .map(|item| name_of(item).map(|n| decode_text(&n)).ok_or_else(|| self.wrong_type(key, "a list of names")))
                .collect::<Result<_, _>>()?,
            // Decoded before it is split: `News &amp; Events` is one name.
            Some(Value::String(s)) if split_words => {
                let s = decode_text(s);
                if s.contains(',') { s.split(',').map(str::to_string).collect() } else { s.split_whitespace().map(str::to_string).collect() }
            }
            Some(v) => vec![name_of(v).map(|n| decode_text(&n)).ok_or_else(|| self.wrong_type(key, "a name or a list of names"))?],
        };
        Ok(names.into_iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect())
    }
}

/// A name: plain text, or an object with a `name` (as Jekyll's SEO plugin
/// writes an author: `author: {name: Ann, twitter: ann}`) or a
/// `display_name` (as Jekyll's WordPress importer does: `author: {login:
/// admin, display_name: Ann}`).
fn name_of(value: &Value) -> Option<String> {
    scalar_text(value).or_else(|| ["name", "display_name", "login"].iter().find_map(|key| value.get(*key).and_then(scalar_text)))
}

fn dedupe(mut names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(content: &str) -> Result<FrontMatter, Problem> {
        parse(&split(content)?)
    }

    #[test]
    fn pelican_and_multimarkdown_field_lines_are_front_matter() {
        let content = "Title: My super title\nDate: 2010-12-03 10:20\nModified: 2010-12-05\nCategory: Python Tips\n\
                       Tags: pelican, web dev\nSlug: my-super-post\nAuthors: Alexis Métaireau, Conan Doyle\n\
                       Summary: Short version for index\n  and feeds\n\nThe content.\n\nMore: of it.\n";
        let parts = split(content).unwrap();
        assert_eq!((parts.format, parts.body), (Format::Metadata, "The content.\n\nMore: of it.\n"));
        let fm = parse(&parts).unwrap();
        assert_eq!(fm.title.as_deref(), Some("My super title"));
        assert_eq!(fm.date.map(|d| d.rfc3339()), PostDate::parse("2010-12-03T10:20:00").ok().map(|d| d.rfc3339()));
        assert!(fm.updated.is_some());
        assert_eq!(fm.categories, ["Python Tips"]);
        assert_eq!(fm.tags, ["pelican", "web dev"]);
        assert_eq!(fm.authors, ["Alexis Métaireau", "Conan Doyle"]);
        assert_eq!(fm.slug.as_deref(), Some("my-super-post"));
        assert_eq!(fm.summary.as_deref(), Some("Short version for index and feeds"));
        assert!(front("Title: x\nStatus: draft\n\nBody").unwrap().draft);
        assert!(!front("Title: x\nStatus: published\n\nBody").unwrap().draft);
        assert_eq!(front("Title: x\nDate: someday\n\nBody").unwrap_err().0, Some(2));
        // Prose that opens with a label, or fields with no title, are not.
        for content in ["Note: this post has no front matter.\nIt goes on.\n", "Date: 2020-01-01\n\nBody\n", "Title: x\nnot a field\n\nBody"] {
            assert!(matches!(split(content), Err((Some(1), PostErrorKind::NoFrontMatter))), "{content}");
        }
    }

    #[test]
    fn astros_and_hugos_other_date_names_are_read() {
        let fm = front("---\ntitle: x\npubDate: 'Jul 08 2022'\nupdatedDate: 2022-07-09\nheroImage: /hero.jpg\n---\n").unwrap();
        assert_eq!(fm.date.map(|d| d.to_string()).as_deref(), Some("2022-07-08"));
        assert_eq!(fm.updated.map(|d| d.to_string()).as_deref(), Some("2022-07-09"));
        assert_eq!(fm.image.as_deref(), Some("/hero.jpg"));
        let hugo = front("---\ntitle: x\npublishDate: 2021-01-02\n---\n").unwrap();
        assert_eq!(hugo.date.map(|d| d.to_string()).as_deref(), Some("2021-01-02"));
        // `date` wins where both are given.
        let both = front("---\ntitle: x\ndate: 2020-01-01\npubDate: 2022-07-08\n---\n").unwrap();
        assert_eq!(both.date.map(|d| d.to_string()).as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn a_blogger_posts_old_address_is_an_alias() {
        let fm = front("---\ntitle: x\nblogger_orig_url: http://ann.blogspot.com/2010/01/first.html\n---\n").unwrap();
        assert_eq!(fm.aliases, ["/2010/01/first.html"]);
        assert!(front("---\ntitle: x\nblogger_orig_url: http://ann.blogspot.com/\n---\n").unwrap().aliases.is_empty());
    }

    #[test]
    fn hexos_category_paths_put_the_post_in_each_category() {
        let fm = front("---\ntitle: x\ncategories:\n- [Tech, Rust]\n- Life\n---\n").unwrap();
        assert_eq!(fm.categories, ["Tech", "Rust", "Life"]);
        assert!(front("---\ntitle: x\ncategories:\n- [Tech, {a: b}]\n---\n").is_err());
    }

    #[test]
    fn a_wordpress_status_other_than_publish_is_a_draft() {
        for (status, draft) in [("publish", false), ("draft", true), ("pending", true), ("private", true), ("future", false)] {
            assert_eq!(front(&format!("---\ntitle: x\nstatus: {status}\n---\n")).unwrap().draft, draft, "{status}");
        }
    }

    #[test]
    fn reads_yaml_and_toml_alike() {
        let yaml = "---\ntitle: Hello\ndate: 2024-03-05 10:00\nauthor: Ada\ncategories: [Rust, Web]\ntags:\n  - wasm\ndraft: false\nlayout: post\n---\nBody\n";
        let toml = "+++\ntitle = \"Hello\"\ndate = 2024-03-05T10:00:00\nauthors = [\"Ada\"]\n[taxonomies]\ncategories = [\"Rust\", \"Web\"]\ntags = [\"wasm\"]\n+++\nBody\n";
        for content in [yaml, toml] {
            let fm = front(content).unwrap();
            assert_eq!(fm.title.as_deref(), Some("Hello"));
            assert_eq!(fm.date.unwrap().to_string(), "2024-03-05T10:00:00");
            assert_eq!(fm.authors, ["Ada"]);
            assert_eq!(fm.categories, ["Rust", "Web"]);
            assert_eq!(fm.tags, ["wasm"]);
            assert!(!fm.draft);
            assert_eq!(split(content).unwrap().body, "Body\n");
        }
    }

    #[test]
    fn an_author_may_be_an_object_with_a_name() {
        for yaml in ["author:\n  name: Ann\n  twitter: ann", "authors:\n  - name: Ann\n  - Bo"] {
            let fm = front(&format!("---\ntitle: x\n{yaml}\n---\n")).unwrap();
            assert_eq!(fm.authors[0], "Ann", "{yaml}");
        }
    }

    #[test]
    fn jekyll_forms() {
        let fm = front("---\ntitle: 2024\ncategories: open-source conferences\ntags: rust, web dev\npublished: false\ndescription: Short\n---\n").unwrap();
        assert_eq!(fm.title.as_deref(), Some("2024"));
        assert_eq!(fm.categories, ["open-source", "conferences"]);
        assert_eq!(fm.tags, ["rust", "web dev"]);
        assert!(fm.draft);
        assert_eq!(fm.summary.as_deref(), Some("Short"));
        let fm = front("---\ntitle: x\nexcerpt: Given.\nexcerpt_separator: <!--break-->\n---\n").unwrap();
        assert_eq!((fm.summary.as_deref(), fm.excerpt_separator.as_deref()), (Some("Given."), Some("<!--break-->")));
    }

    #[test]
    fn handles_crlf_and_bom() {
        let fm = front("\u{feff}---\r\ntitle: Windows\r\n---\r\nBody").unwrap();
        assert_eq!(fm.title.as_deref(), Some("Windows"));
    }

    #[test]
    fn errors_name_the_line_and_the_fix() {
        let cases: &[(&str, Option<usize>, &str)] = &[
            ("no front matter", Some(1), "no front matter"),
            ("", Some(1), "no front matter"),
            ("---\ntitle: x\nbody without end", Some(1), "never closed"),
            ("---\ntitle: [unclosed\n---\n", Some(2), r#"(noticed on line 3); YAML reads"#),
            ("---\ntitle: [unclosed\ndate: 2021-02-03\n---\n", Some(2), r#"to keep it as text, quote it: `title: "[unclosed"`"#),
            ("---\ntitle: [Draft] Notes\n---\n", Some(2), r#"`title: "[Draft] Notes"`"#),
            ("---\ntitle: x\ntags: {a, b\ndraft: true\n---\n", Some(3), r#"`tags: "{a, b"`"#),
            ("---\ntitle: \"Open quote\ndate: 2021-02-03\n---\n", Some(2), r#"`title: "\"Open quote"`"#),
            ("---\ntitle: *bold* words\n---\n", Some(2), r#"`title: "*bold* words"`"#),
            ("---\ntitle: x\n  bad: indent\n---\n", Some(3), "invalid YAML"),
            ("---\ntitle: Rust: a \"tour\"\n---\n", Some(2), r#"quote it: `title: "Rust: a \"tour\""`"#),
            ("---\ntitle: @handle\n---\n", Some(2), r#"`title: "@handle"`"#),
            ("+++\ntitle = \n+++\n", Some(2), "invalid TOML"),
            ("---\n- a\n- b\n---\n", Some(2), "must be `key: value`"),
            ("---\ntitle: x\ndate: 2023-02-30\n---\n", Some(3), "does not exist"),
            ("---\ntitle: x\ndate: soon\n---\n", Some(3), "YYYY-MM-DD"),
            ("---\ntitle:\n  nested: map\n---\n", Some(2), "`title` must be text"),
            ("---\ntitle: x\ntags: {a: 1}\n---\n", Some(3), "`tags` must be a name or a list"),
            ("---\ntitle: x\ndraft: maybe\n---\n", Some(3), "true or false"),
        ];
        for (content, line, message) in cases {
            let (got_line, kind) = front(content).expect_err(content);
            assert_eq!(got_line, *line, "{content:?}: {kind}");
            assert!(kind.to_string().contains(message), "{content:?}: {kind}");
        }
    }

    #[test]
    fn dates_written_by_hand_are_read() {
        for text in ["2019/05/12", "2019-5-12", "May 12, 2019", "12 May 2019", "12 may 2019", "Sept. 12 2019"] {
            let date = front(&format!("---\ntitle: x\ndate: {text}\n---\n")).unwrap().date.unwrap();
            assert_eq!((date.month(), date.day()), (if text.starts_with("Sept") { 9 } else { 5 }, 12), "{text}");
        }
        let cases = [
            ("Sun, 12 May 2019 14:30:00 +0200", "2019-05-12T14:30:00+02:00"),
            ("Sunday, May 12, 2019", "2019-05-12"),
            ("12 May 2019 14:30 GMT", "2019-05-12T14:30:00Z"),
            ("2019/05/12 14:30", "2019-05-12T14:30:00"),
        ];
        for (text, expected) in cases {
            let date = front(&format!("---\ntitle: x\ndate: \"{text}\"\n---\n")).unwrap().date.unwrap();
            assert_eq!(date.to_string(), expected, "{text}");
        }
        for text in ["12.05.2019", "Mai 12, 2019", "2019-02-30", "May 2019", "Sun, 12 May 2019 25:00", "12 May 2019 noon"] {
            assert!(front(&format!("---\ntitle: x\ndate: {text}\n---\n")).is_err(), "{text}");
        }
    }

    #[test]
    fn character_references_from_html_exports_are_read() {
        let front = front(
            "---\ntitle: \"Rock &#038; Roll &amp; the Band&#8217;s\"\nsummary: \"Tips &amp; tricks\"\n\
             categories: [\"News &amp; Events\"]\nauthor: \"Zo&#235;\"\ntags: \"AT&T, R&amp;D\"\n---\n",
        )
        .unwrap();
        assert_eq!(front.title.as_deref(), Some("Rock & Roll & the Band’s"));
        assert_eq!(front.summary.as_deref(), Some("Tips & tricks"));
        assert_eq!(front.categories, ["News & Events"]);
        assert_eq!(front.tags, ["AT&T", "R&D"], "a bare & stays as written");
        assert_eq!(front.authors, ["Zoë"]);
    }

    #[test]
    fn a_preview_image_is_read_from_what_themes_write() {
        let cases = [
            ("image: /img/a.png", Some("/img/a.png")),
            ("cover:\n  image: cover.jpg\n  alt: A cover", Some("cover.jpg")),
            ("image:\n  path: /assets/b.png\n  height: 100", Some("/assets/b.png")),
            ("featured_image: https://cdn.example/c.jpg", Some("https://cdn.example/c.jpg")),
            ("extra:\n  image: d.png", Some("d.png")),
            ("image: ''\nthumbnail: e.png", Some("e.png")),
            ("image: [1, 2]", None),
            ("cover: true", None),
        ];
        for (fields, expected) in cases {
            let front = front(&format!("---\ntitle: x\n{fields}\n---\n")).unwrap();
            assert_eq!(front.image.as_deref(), expected, "{fields}");
        }
    }

    #[test]
    fn empty_front_matter_has_no_title() {
        assert_eq!(front("---\n---\nBody").unwrap().title, None);
        assert_eq!(front("---\ntitle: '   '\n---\n").unwrap().title, None);
    }
}
