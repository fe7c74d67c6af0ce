//! The addresses posts had on a blog's old engine, as its permalink
//! pattern made them (`old_permalinks` in `folio.toml`): Jekyll's
//! `/:year/:month/:day/:title.html` (or its `date`, `pretty`, `ordinal` and
//! `none` styles), WordPress's `/%year%/%monthnum%/%postname%/`, Pelican's
//! `{date:%Y}/{slug}.html`. Each post gets a page at its old address that
//! sends readers on (see [`super::pages`]), so links from elsewhere keep
//! working after the move.

use crate::core::date::PostDate;
use crate::core::index::PostMeta;

/// A parsed pattern: text and the post's values, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Permalink(Vec<Part>);

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Year,
    ShortYear,
    Month,
    MonthNumber,
    Day,
    DayNumber,
    DayOfYear,
    /// The file's name without its date (Jekyll's `:title`, case kept).
    FileName,
    Slug,
    /// Every category, as folders (Jekyll's `:categories`).
    Categories,
    /// The first category (WordPress's `%category%`, Pelican's `{category}`).
    Category,
    /// `.html` (Jekyll's `:output_ext`).
    Extension,
}

impl Permalink {
    /// Reads a pattern, or Jekyll's name for one; an error names what
    /// it does not know.
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        let pattern = match pattern.trim() {
            "date" => "/:categories/:year/:month/:day/:title:output_ext",
            "pretty" => "/:categories/:year/:month/:day/:title/",
            "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
            "none" => "/:categories/:title:output_ext",
            other => other,
        };
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(at) = rest.find([':', '%', '{']) {
            let (name, after) = match rest[at..].split_at(1) {
                (":", tail) => tail.split_at(tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(tail.len())),
                ("%", tail) => match tail.find('%') {
                    Some(end) => (&tail[..end], &tail[end + 1..]),
                    None => return Err(format!("{pattern:?} opens a %placeholder% it does not close")),
                },
                (_, tail) => match tail.find('}') {
                    Some(end) => (&tail[..end], &tail[end + 1..]),
                    None => return Err(format!("{pattern:?} opens a {{placeholder}} it does not close")),
                },
            };
            parts.push(Part::Text(rest[..at].to_string()));
            parts.push(placeholder(name).ok_or_else(|| {
                format!(
                    "{pattern:?} has `{}`, which Folio cannot fill in; use :year, :month, :day, :i_month, :i_day, \
                     :short_year, :y_day, :title, :slug, :categories, :category and :output_ext (or their WordPress \
                     and Pelican forms)",
                    &rest[at..rest.len() - after.len()]
                )
            })?);
            rest = after;
        }
        parts.push(Part::Text(rest.to_string()));
        parts.retain(|part| *part != Part::Text(String::new()));
        Ok(Permalink(parts))
    }

    /// The old address of the post with `meta`, whose file's name without
    /// its date is `file_name`, below the site root and without slashes
    /// at its ends (as aliases are kept).
    pub fn address(&self, meta: &PostMeta, file_name: &str) -> String {
        let date = meta.date;
        let first_category = meta.categories.first().map(|c| c.slug.clone()).unwrap_or_default();
        let text: String = self
            .0
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Year => format!("{:04}", date.year()),
                Part::ShortYear => format!("{:02}", date.year() % 100),
                Part::Month => format!("{:02}", date.month()),
                Part::MonthNumber => date.month().to_string(),
                Part::Day => format!("{:02}", date.day()),
                Part::DayNumber => date.day().to_string(),
                Part::DayOfYear => format!("{:03}", day_of_year(date)),
                Part::FileName => file_name.to_string(),
                Part::Slug => meta.slug.clone(),
                Part::Categories => meta.categories.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>().join("/"),
                Part::Category => first_category.clone(),
                Part::Extension => ".html".into(),
            })
            .collect();
        // A post with no categories leaves no empty folder behind.
        text.split('/').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("/")
    }
}

/// A placeholder by its name in Jekyll's (`year`), WordPress's (`year`,
/// `monthnum`, `postname`) or Pelican's (`date:%Y`, `slug`) patterns.
fn placeholder(name: &str) -> Option<Part> {
    Some(match name {
        "year" | "date:%Y" => Part::Year,
        "short_year" | "date:%y" => Part::ShortYear,
        "month" | "monthnum" | "date:%m" => Part::Month,
        "i_month" => Part::MonthNumber,
        "day" | "date:%d" => Part::Day,
        "i_day" => Part::DayNumber,
        "y_day" | "date:%j" => Part::DayOfYear,
        "title" => Part::FileName,
        "slug" | "postname" => Part::Slug,
        "categories" => Part::Categories,
        "category" => Part::Category,
        "output_ext" => Part::Extension,
        _ => return None,
    })
}

fn day_of_year(date: PostDate) -> i64 {
    let start = PostDate::from_ymd(date.year(), 1, 1).map_or(0, |d| d.timestamp());
    let day = PostDate::from_ymd(date.year(), date.month(), date.day()).map_or(0, |d| d.timestamp());
    (day - start) / 86_400 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(categories: &[&str]) -> PostMeta {
        let categories: Vec<_> = categories.iter().map(|c| serde_json::json!({"slug": c, "name": c})).collect();
        serde_json::from_value(serde_json::json!({
            "slug": "hello-world", "title": "Hello, World", "date": "2024-03-05T10:00:00", "excerpt": "",
            "reading_minutes": 1, "dir": "posts/", "categories": categories,
        }))
        .unwrap()
    }

    #[test]
    fn old_addresses_from_each_engines_patterns() {
        let cases = [
            ("date", &["jekyll", "update"][..], "jekyll/update/2024/03/05/Hello-World.html"),
            ("date", &[][..], "2024/03/05/Hello-World.html"),
            ("pretty", &[][..], "2024/03/05/Hello-World"),
            ("ordinal", &[][..], "2024/065/Hello-World.html"),
            ("/:year/:i_month/:i_day/:slug/", &[][..], "2024/3/5/hello-world"),
            ("/%year%/%monthnum%/%day%/%postname%/", &[][..], "2024/03/05/hello-world"),
            ("/%category%/%postname%.html", &["news"][..], "news/hello-world.html"),
            ("{date:%Y}/{date:%m}/{slug}.html", &[][..], "2024/03/hello-world.html"),
            ("{slug}.html", &[][..], "hello-world.html"),
        ];
        for (pattern, categories, address) in cases {
            let permalink = Permalink::parse(pattern).unwrap();
            assert_eq!(permalink.address(&meta(categories), "Hello-World"), address, "{pattern}");
        }
    }

    #[test]
    fn a_pattern_it_cannot_fill_in_is_refused_by_name() {
        for (pattern, named) in [("/:year/:hour/:title/", "`:hour`"), ("/%post_id%/", "`%post_id%`"), ("/{lang}/{slug}", "`{lang}`")] {
            let error = Permalink::parse(pattern).unwrap_err();
            assert!(error.contains(named), "{pattern}: {error}");
        }
        assert!(Permalink::parse("/%year%/%postname").unwrap_err().contains("does not close"));
    }
}
