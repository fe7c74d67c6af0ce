//! The site's stylesheet, put into every page rather than linked from it:
//! a browser paints nothing until a page's stylesheets are in, so a
//! linked one costs every first view a second request (on 127.0.0.1,
//! 30 ms of a 120 ms first paint; on a real link, a round trip more).
//! Each page keeps only the rules that can apply to it (see
//! [`super::css_rules`]); the loader adds the whole file, named in the
//! page, before it starts the app, which draws the other pages.

use super::error::BuildError;
use std::path::Path;

/// `html` with each `<link rel="stylesheet">` naming a file of the site
/// (below `base_path`, in `site`) replaced by a `<style>` holding that
/// file, made smaller, and a `<meta name="folio-stylesheet">` naming the
/// file for the loader. Links to other sites, and a file that could end
/// the `<style>` early, are left as they are.
pub fn inline_stylesheets(html: &str, site: &Path, base_path: &str) -> Result<String, BuildError> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        let Some(len) = rest[at..].find('>').map(|end| end + 1) else { break };
        let tag = &rest[at..at + len];
        out.push_str(&rest[..at]);
        let file = attribute(tag, "rel")
            .filter(|rel| rel.eq_ignore_ascii_case("stylesheet"))
            .and_then(|_| attribute(tag, "href"))
            .and_then(|href| href.strip_prefix(base_path))
            .filter(|file| !file.is_empty() && !file.contains("..") && !file.contains(':'))
            .map(|file| site.join(file));
        match file {
            Some(path) => {
                let css = std::fs::read_to_string(&path).map_err(|e| BuildError::Io {
                    message: format!("is the stylesheet index.html links to, and cannot be read ({e}); keep trunk's files beside index.html"),
                    path,
                })?;
                if css.to_ascii_lowercase().contains("</style") {
                    out.push_str(tag);
                } else {
                    out.push_str("<style>");
                    out.push_str(&minify(&css));
                    out.push_str("</style>");
                    out.push_str(&format!("<meta name=\"{STYLESHEET_META}\" content=\"{}\" />", attribute(tag, "href").unwrap_or_default()));
                }
            }
            None => out.push_str(tag),
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The name of the meta tags that name the stylesheets put into a page,
/// which the loader (`Trunk.toml`) links before it starts the app.
const STYLESHEET_META: &str = "folio-stylesheet";

/// The value of attribute `name` in a start tag as trunk writes them
/// (`name="value"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// `css` without comments and with its white space cut to what the
/// grammar needs: none around `{`, `}`, `;` and `,` or after `:`, one
/// space elsewhere. Strings are kept as they are. (A space before `:`
/// stays: `a :hover` is not `a:hover`.)
fn minify(css: &str) -> String {
    /// Characters around which white space means nothing.
    const TIGHT: &[char] = &['{', '}', ';', ','];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            _ => {
                if space && !out.is_empty() && !out.ends_with(TIGHT) && !out.ends_with(':') && !TIGHT.contains(&c) {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                if c == '"' || c == '\'' {
                    while let Some(s) = chars.next() {
                        out.push(s);
                        if s == '\\' {
                            out.extend(chars.next());
                        } else if s == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minifying_drops_comments_and_spaces_the_grammar_does_not_need() {
        let css = "/* theme */\n:root {\n  --fg: #111;  /* text */\n}\n\na :hover, b > c {\n  font: 1em \"A  /* b */ C\", serif;\n  margin: 0 auto ;\n}\n";
        assert_eq!(minify(css), ":root{--fg:#111}a :hover,b > c{font:1em \"A  /* b */ C\",serif;margin:0 auto}");
        assert_eq!(minify("a::after { content: '\\'; }' }"), "a::after{content:'\\'; }'}");
        assert_eq!(minify("@media (width > 40em) { p { x: calc(1px + 2%) } }"), "@media (width > 40em){p{x:calc(1px + 2%)}}");
    }

    #[test]
    fn the_sites_own_stylesheets_go_into_the_page_and_others_stay_links() {
        let site = crate::build::scratch_dir("styles-test");
        std::fs::write(site.join("main-1.css"), "body { color: red; }\n").unwrap();
        std::fs::write(site.join("evil.css"), "a::after { content: '</style><script>'; }").unwrap();
        let html = "<head><link rel=\"icon\" href=\"/blog/x.png\" />\
                    <link rel=\"stylesheet\" href=\"/blog/main-1.css\" integrity=\"sha384-x\"/>\
                    <link rel=\"stylesheet\" href=\"https://fonts.example/a.css\"/>\
                    <link rel=\"stylesheet\" href=\"/blog/evil.css\"/></head>";
        assert_eq!(
            inline_stylesheets(html, &site, "/blog/").unwrap(),
            "<head><link rel=\"icon\" href=\"/blog/x.png\" /><style>body{color:red}</style>\
             <meta name=\"folio-stylesheet\" content=\"/blog/main-1.css\" />\
             <link rel=\"stylesheet\" href=\"https://fonts.example/a.css\"/>\
             <link rel=\"stylesheet\" href=\"/blog/evil.css\"/></head>"
        );
        let missing = inline_stylesheets("<link rel=\"stylesheet\" href=\"/blog/gone.css\">", &site, "/blog/");
        let missing = missing.unwrap_err().to_string();
        assert!(missing.contains("gone.css") && missing.contains("the stylesheet index.html links to"), "{missing}");
        std::fs::remove_dir_all(&site).unwrap();
    }
}
