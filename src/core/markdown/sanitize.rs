//! An allow-list filter for the raw HTML that Markdown lets authors write.
//!
//! pulldown-cmark passes raw HTML through untouched. Instead of trying to spot
//! bad markup, this module re-writes every tag from scratch: only tags and
//! attributes on the lists below survive, every attribute value is decoded
//! and re-escaped, URLs must use a safe scheme, and everything else becomes
//! escaped text. Whatever the input, the output can only contain markup this
//! module chose to write. (ammonia would do the same for ~450 KB of wasm.)

/// Elements an author may use; everything else is dropped (its text kept).
const ALLOWED_TAGS: &[&str] = &[
    "a", "abbr", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr",
];

/// Elements dropped together with everything inside them: their content is
/// code, styling or a foreign document, never text meant for the reader.
/// Other unknown elements (`textarea`, `form`, `noscript`, …) lose only their
/// tags: their text is kept, escaped, so an unclosed one loses nothing.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "applet", "frame", "frameset", "noembed",
    "noframes", "template", "svg", "math", "head",
];

/// Elements that start a new line: where the text of raw HTML is taken
/// out (for search, excerpts and word counts), words on either side of one
/// stay apart.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
];

/// Elements that have no closing tag.
const VOID_TAGS: &[&str] = &["br", "col", "hr", "img", "source", "wbr"];

/// Attributes allowed on every allowed element.
const GLOBAL_ATTRS: &[&str] = &["id", "class", "title", "lang", "dir"];

/// Attributes allowed on one element, beyond the global ones.
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href", "name"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("audio", &["src", "controls", "loop", "muted"]),
    ("video", &["src", "controls", "loop", "muted", "poster", "width", "height"]),
    ("source", &["src", "type", "media"]),
    ("td", &["colspan", "rowspan", "align"]),
    ("th", &["colspan", "rowspan", "align", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("time", &["datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
];

/// Attributes whose value is a URL and must pass [`is_safe_url`].
const URL_ATTRS: &[&str] = &["href", "src", "cite", "poster"];

/// Is this URL safe to put in a link or image? Relative URLs and the
/// `http`, `https` and `mailto` schemes are; `javascript:`, `data:`,
/// `vbscript:` and anything else are not. The check runs on the URL as the
/// browser will see it: with tabs and newlines removed and controls trimmed.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&cleaned) {
        Some(scheme) => matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"),
        None => !cleaned.chars().any(char::is_control),
    }
}

/// The scheme of an absolute URL (`https` in `https://x`), or `None` for a
/// relative one: a `:` counts only before any `/`, `?` or `#`.
pub fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    (url.as_bytes()[end] == b':').then(|| &url[..end])
}

/// Filters raw HTML, keeping state across the pieces of one block, so that a
/// `<script>` opened in one piece drops text until its `</script>`.
#[derive(Default)]
pub struct HtmlFilter {
    /// The element whose content is being dropped, and how deeply it nests.
    dropping: Option<(String, usize)>,
}

impl HtmlFilter {
    /// Whether text reaching the renderer now is inside a dropped element.
    pub fn is_dropping(&self) -> bool {
        self.dropping.is_some()
    }

    /// Ends a block: an unclosed `<script>` does not swallow the next block.
    pub fn reset(&mut self) {
        self.dropping = None;
    }

    /// Returns the safe form of one piece of raw HTML, its URLs as they
    /// are.
    pub fn filter(&mut self, raw: &str) -> String {
        self.filter_resolving(raw, &|url| is_safe_url(url).then(|| url.to_string()))
    }

    /// [`HtmlFilter::filter`], with each URL (`href`, `src`, …) as
    /// `resolve` gives it, or the attribute left out where it gives none:
    /// the renderer puts a post's raw HTML links under the site's base
    /// path and the post's folder, as it does its Markdown links.
    pub fn filter_resolving(&mut self, raw: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = String::with_capacity(raw.len());
        self.scan(raw, |filter, piece| match piece {
            Piece::Text(text) if !filter.is_dropping() => escape_text(&mut out, text),
            Piece::Text(_) => {}
            Piece::Tag(token) => {
                if !filter.is_dropping() {
                    write_embed_link(&mut out, &token, resolve);
                }
                if filter.keep(&token) {
                    match token {
                        Token::Start { name, attrs, .. } => write_start_tag(&mut out, &name, &attrs, resolve),
                        Token::End { name } => {
                            out.push_str("</");
                            out.push_str(&name);
                            out.push('>');
                        }
                        Token::Skip => {}
                    }
                }
            }
        });
        out
    }

    /// The text a reader sees of one piece of raw HTML, for search,
    /// excerpts and word counts: what [`HtmlFilter::filter`] keeps, without
    /// tags, entities decoded, white space made single spaces, and a line
    /// break at each block element, so its words do not run together.
    pub fn text(&mut self, raw: &str) -> String {
        let mut out = String::new();
        self.scan(raw, |filter, piece| match piece {
            Piece::Text(text) if !filter.is_dropping() => {
                for c in decode_text(text).chars() {
                    match c {
                        c if !c.is_whitespace() => out.push(c),
                        _ if out.ends_with(char::is_whitespace) || out.is_empty() => {}
                        _ => out.push(' '),
                    }
                }
            }
            Piece::Text(_) => {}
            Piece::Tag(token) => {
                let breaks = matches!(&token, Token::Start { name, .. } | Token::End { name } if BLOCK_TAGS.contains(&name.as_str()));
                filter.keep(&token);
                if breaks && !filter.is_dropping() {
                    let trimmed = out.trim_end_matches(' ').len();
                    out.truncate(trimmed);
                    out.push('\n');
                }
            }
        });
        out
    }

    /// Cuts one piece of raw HTML into text and tags, handing each to
    /// `each` in order; a `<` that starts no tag is text.
    fn scan(&mut self, raw: &str, mut each: impl FnMut(&mut Self, Piece<'_>)) {
        let mut rest = raw;
        while let Some(lt) = rest.find('<') {
            each(self, Piece::Text(&rest[..lt]));
            rest = &rest[lt..];
            match Token::read(rest) {
                Some((token, len)) => {
                    each(self, Piece::Tag(token));
                    rest = &rest[len..];
                }
                None => {
                    each(self, Piece::Text("<"));
                    rest = &rest[1..];
                }
            }
        }
        each(self, Piece::Text(rest));
    }

    /// Follows `token` into or out of a dropped element; returns whether
    /// the tag itself is kept (an allowed element, outside dropped ones).
    fn keep(&mut self, token: &Token) -> bool {
        match token {
            Token::Skip => false,
            Token::Start { name, self_closing, .. } => {
                if let Some((dropped, depth)) = &mut self.dropping {
                    if dropped == name && !self_closing {
                        *depth += 1;
                    }
                    false
                } else if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
                    if !self_closing && !VOID_TAGS.contains(&name.as_str()) {
                        self.dropping = Some((name.clone(), 1));
                    }
                    false
                } else {
                    ALLOWED_TAGS.contains(&name.as_str())
                }
            }
            Token::End { name } => {
                if let Some((dropped, depth)) = &mut self.dropping {
                    if dropped == name {
                        *depth -= 1;
                        if *depth == 0 {
                            self.dropping = None;
                        }
                    }
                    false
                } else {
                    ALLOWED_TAGS.contains(&name.as_str()) && !VOID_TAGS.contains(&name.as_str())
                }
            }
        }
    }
}

/// One piece of raw HTML, as [`HtmlFilter::scan`] cuts it.
enum Piece<'a> {
    Text(&'a str),
    Tag(Token),
}

fn write_start_tag(out: &mut String, name: &str, attrs: &[(String, Option<String>)], resolve: &dyn Fn(&str) -> Option<String>) {
    let tag_attrs = TAG_ATTRS.iter().find(|(t, _)| *t == name).map_or(&[][..], |(_, a)| *a);
    out.push('<');
    out.push_str(name);
    let mut seen: Vec<&str> = Vec::new();
    for (attr, value) in attrs {
        let attr = attr.as_str();
        if seen.contains(&attr) || !(GLOBAL_ATTRS.contains(&attr) || tag_attrs.contains(&attr)) {
            continue;
        }
        seen.push(attr);
        let mut value = value.as_deref().map(decode_entities);
        if URL_ATTRS.contains(&attr) {
            match value.flatten().and_then(|url| resolve(&url)) {
                Some(url) => value = Some(Some(url)),
                None => continue,
            }
        }
        out.push(' ');
        out.push_str(attr);
        if let Some(value) = value {
            // A value with an entity we cannot decode is left out, not guessed.
            let Some(value) = value else { continue };
            out.push_str("=\"");
            escape_attr(out, &value);
            out.push('"');
        }
    }
    out.push('>');
}

/// In place of an `<iframe>` (a video, a map, a slide deck) or a gist's
/// `<script>`, which a post cannot embed (no script runs in a post, and
/// the pages' policy loads no frames), a link to what it shows, named by
/// its `title` or else its address, so that a reader can still go and see.
fn write_embed_link(out: &mut String, token: &Token, resolve: &dyn Fn(&str) -> Option<String>) {
    let Token::Start { name, attrs, .. } = token else { return };
    let attr = |wanted: &str| attrs.iter().find(|(a, _)| a == wanted).and_then(|(_, v)| v.as_deref()).and_then(decode_entities);
    let Some(src) = attr("src").map(|src| src.trim().to_string()) else { return };
    // Embed codes often leave out the scheme (`//player.vimeo.com/…`).
    let src = if src.starts_with("//") { format!("https:{src}") } else { src };
    let target = match name.as_str() {
        "iframe" => src,
        // A gist's page is its script's address without `.js`.
        "script" if src.starts_with("https://gist.github.com/") => {
            let (path, query) = src.split_once('?').map_or((src.as_str(), None), |(p, q)| (p, Some(q)));
            let Some(page) = path.strip_suffix(".js") else { return };
            query.map_or_else(|| page.to_string(), |query| format!("{page}?{query}"))
        }
        _ => return,
    };
    if !scheme(&target).is_none_or(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")) {
        return;
    }
    let Some(href) = resolve(&target) else { return };
    let shown = target.split_once("://").map_or(target.as_str(), |(_, rest)| rest);
    let title = attr("title").filter(|t| !t.trim().is_empty());
    out.push_str("<a class=\"embed\" href=\"");
    escape_attr(out, &href);
    out.push_str("\">");
    escape_text(out, title.as_deref().unwrap_or(shown));
    out.push_str("</a>");
}

/// One tag-like piece of raw HTML.
enum Token {
    Start { name: String, attrs: Vec<(String, Option<String>)>, self_closing: bool },
    End { name: String },
    /// A comment, doctype, processing instruction or CDATA section.
    Skip,
}

impl Token {
    /// Reads the token at the start of `s` (which begins with `<`), returning
    /// it and its length, or `None` when the `<` does not start a tag.
    fn read(s: &str) -> Option<(Token, usize)> {
        let b = s.as_bytes();
        if let Some(comment) = s.strip_prefix("<!--") {
            let len = comment.find("-->").map_or(s.len(), |i| i + 7);
            return Some((Token::Skip, len));
        }
        if matches!(b.get(1), Some(b'!' | b'?')) {
            let len = s.find('>').map_or(s.len(), |i| i + 1);
            return Some((Token::Skip, len));
        }
        let (is_end, name_start) = if b.get(1) == Some(&b'/') { (true, 2) } else { (false, 1) };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_len = s[name_start..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(s.len() - name_start);
        let name = s[name_start..name_start + name_len].to_ascii_lowercase();
        let mut i = name_start + name_len;
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            if i >= b.len() {
                // An unterminated tag is not markup: the caller escapes it.
                return None;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let attr_len = s[i..]
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
                .unwrap_or(s.len() - i)
                .max(1);
            let attr = s[i..i + attr_len].to_ascii_lowercase();
            i += attr_len;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = None;
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (v, len) = match b.get(i) {
                    Some(q @ (b'"' | b'\'')) => {
                        let close = s[i + 1..].find(*q as char)?;
                        (&s[i + 1..i + 1 + close], close + 2)
                    }
                    _ => {
                        let len = s[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(s.len() - i);
                        (&s[i..i + len], len)
                    }
                };
                value = Some(v.to_string());
                i += len;
            }
            attrs.push((attr, value));
        }
        let token = if is_end { Token::End { name } } else { Token::Start { name, attrs, self_closing } };
        Some((token, i))
    }
}

/// Escapes text, keeping well-formed entity references (`&amp;`, `&#169;`)
/// as the author wrote them: inside text they cannot form markup.
fn escape_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        match c {
            b'&' if entity_len(rest).is_some() => out.push('&'),
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            _ => out.push_str("&quot;"),
        }
    }
    out.push_str(rest);
}

fn escape_attr(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Length of an entity body after `&` (`amp;`, `#x41;`), if one starts here.
fn entity_len(s: &str) -> Option<usize> {
    let end = s.find(';')?;
    let body = &s[..end];
    let ok = match body.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.len() <= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !num.is_empty() && num.len() <= 7 && num.bytes().all(|b| b.is_ascii_digit()),
        },
        None => !body.is_empty() && body.len() <= 32 && body.bytes().all(|b| b.is_ascii_alphanumeric()),
    };
    ok.then_some(end + 1)
}

/// Decodes character references the way a browser would before using an
/// attribute value. Returns `None` for a named reference this table does not
/// know, so the caller can drop the value rather than guess.
fn decode_entities(value: &str) -> Option<String> {
    decode(value, false)
}

/// Decodes the character references of text, keeping a named one this
/// table does not know as written. Also for front matter: a post imported
/// from WordPress has titles such as `Rock &#038; Roll`, which its old
/// site showed decoded.
pub fn decode_text(text: &str) -> String {
    decode(text, true).unwrap_or_else(|| text.to_string())
}

/// Decodes character references; an unknown named one is kept as written
/// if `keep_unknown`, else the whole value is refused.
fn decode(value: &str, keep_unknown: bool) -> Option<String> {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", '\u{a0}'),
        ("colon", ':'), ("tab", '\t'), ("newline", '\n'), ("sol", '/'), ("lpar", '('),
        ("rpar", ')'), ("semi", ';'), ("comma", ','), ("period", '.'), ("excl", '!'),
        ("quest", '?'), ("num", '#'), ("equals", '='), ("percnt", '%'), ("plus", '+'),
        ("copy", '©'), ("reg", '®'), ("hellip", '…'), ("mdash", '—'), ("ndash", '–'),
        ("lsquo", '‘'), ("rsquo", '’'), ("ldquo", '“'), ("rdquo", '”'), ("laquo", '«'),
        ("raquo", '»'), ("bull", '•'), ("middot", '·'), ("deg", '°'), ("times", '×'),
        ("trade", '™'), ("euro", '€'), ("pound", '£'), ("eacute", 'é'), ("egrave", 'è'),
        ("agrave", 'à'), ("ccedil", 'ç'), ("auml", 'ä'), ("ouml", 'ö'), ("uuml", 'ü'),
        ("szlig", 'ß'),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        // Browsers accept numeric references without the closing `;`.
        let body_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let body = &rest[..body_len];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            Some(code.and_then(char::from_u32).unwrap_or('\u{fffd}'))
        } else if body.is_empty() {
            out.push('&');
            continue;
        } else {
            let lower = body.to_ascii_lowercase();
            match NAMED.iter().find(|(n, _)| *n == lower) {
                // `&Eacute;` is É: the table lists the small letters, all
                // Latin-1 ones, whose capitals are 0x20 below them.
                Some((_, c @ 'à'..='þ')) if body.starts_with(|c: char| c.is_ascii_uppercase()) => {
                    char::from_u32(*c as u32 - 0x20)
                }
                Some((_, c)) => Some(*c),
                None if keep_unknown => {
                    out.push('&');
                    continue;
                }
                None => return None,
            }
        };
        out.extend(decoded);
        rest = &rest[body_len..];
        rest = rest.strip_prefix(';').unwrap_or(rest);
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> String {
        HtmlFilter::default().filter(raw)
    }

    #[test]
    fn keeps_the_markup_authors_use() {
        let cases = [
            ("<details open><summary>More</summary>Body</details>", "<details open><summary>More</summary>Body</details>"),
            ("<sup>2</sup> <kbd>Ctrl</kbd>", "<sup>2</sup> <kbd>Ctrl</kbd>"),
            ("<img src=\"/a.png\" alt='A &amp; B'>", "<img src=\"/a.png\" alt=\"A &amp; B\">"),
            ("<a href=\"https://example.org/?a=1&amp;b=2\">x</a>", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>"),
            ("<table><tr><td colspan=2>x</td></tr></table>", "<table><tr><td colspan=\"2\">x</td></tr></table>"),
            ("<br/><hr />", "<br><hr>"),
            ("Fish &amp; chips &copy; 2024", "Fish &amp; chips &copy; 2024"),
            ("AT&T 3 < 4 > 2", "AT&amp;T 3 &lt; 4 &gt; 2"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "{input}");
        }
    }

    #[test]
    fn an_embed_becomes_a_link_to_what_it_shows() {
        let f = |raw: &str| HtmlFilter::default().filter(raw);
        assert_eq!(
            f("<iframe width=\"560\" src=\"https://www.youtube.com/embed/abc?si=x&amp;t=1\" title=\"Talk &amp; demo\" allowfullscreen></iframe>"),
            "<a class=\"embed\" href=\"https://www.youtube.com/embed/abc?si=x&amp;t=1\">Talk &amp; demo</a>"
        );
        assert_eq!(
            f("<p><iframe src=\"//player.vimeo.com/video/1\"><p>fallback</p></iframe></p>"),
            "<p><a class=\"embed\" href=\"https://player.vimeo.com/video/1\">player.vimeo.com/video/1</a></p>"
        );
        assert_eq!(
            f("<script src=\"https://gist.github.com/ann/f00.js?file=a.rs\"></script>"),
            "<a class=\"embed\" href=\"https://gist.github.com/ann/f00?file=a.rs\">gist.github.com/ann/f00?file=a.rs</a>"
        );
        assert_eq!(f("<iframe src=\"demo/page.html\"></iframe>"), "<a class=\"embed\" href=\"demo/page.html\">demo/page.html</a>");
        // Other scripts, and frames of anything but a web page, leave nothing.
        for raw in [
            "<script src=\"https://platform.twitter.com/widgets.js\"></script>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<script><iframe src=\"https://inside.example\"></iframe></script>",
        ] {
            assert_eq!(f(raw), "", "{raw}");
        }
        assert_eq!(f("<iframe src=\"https://x.example/\" title=\"<img src=x onerror=alert(1)>\"></iframe>"),
            "<a class=\"embed\" href=\"https://x.example/\">&lt;img src=x onerror=alert(1)&gt;</a>");
    }

    #[test]
    fn drops_script_vectors() {
        let cases = [
            ("<script>alert(1)</script>after", "after"),
            ("<ScRiPt >alert(1)</sCrIpT>", ""),
            ("<script/src=//evil.js></script>", ""),
            ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
            ("<img/src=x/onerror=alert(1)>", "<img src=\"x/onerror=alert(1)\">"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#x6A&#x61&#x76&#x61script:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\" \x01javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&unknownentity;javascript:x\">x</a>", "<a>x</a>"),
            ("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<img>"),
            ("<svg onload=alert(1)><script>x</script></svg>ok", "ok"),
            ("<math><mtext><script>x</script></mtext></math>", ""),
            ("<iframe src=\"https://evil\"></iframe>", "<a class=\"embed\" href=\"https://evil\">evil</a>"),
            ("<style>body{display:none}</style>", ""),
            ("<p style=\"position:fixed\" onclick=\"x()\">t</p>", "<p>t</p>"),
            ("<<script>alert(1)//<</script>", "&lt;"),
            ("<img src=x onerror=alert(1)", "&lt;img src=x onerror=alert(1)"),
            ("<div title=\"a\" title=\"onmouseover=x\">", "<div title=\"a\">"),
            ("<!-- <script>alert(1)</script> -->", ""),
            ("<![CDATA[<script>x</script>]]>", "x]]&gt;"),
            ("<form action=\"/x\"><input name=q></form>", ""),
            ("<textarea autofocus onfocus=alert(1)>kept text", "kept text"),
            ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\">"),
            ("<object data=\"x.swf\"></object><embed src=x>", ""),
            ("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
            ("<div id=\"x\" class='a\" onclick=\"y'>", "<div id=\"x\" class=\"a&quot; onclick=&quot;y\">"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "{input}");
        }
    }

    #[test]
    fn nested_dropped_elements_end_at_their_own_close() {
        let mut f = HtmlFilter::default();
        assert_eq!(f.filter("<svg><svg></svg>still dropped</svg>shown"), "shown");
        assert_eq!(f.filter("<script>"), "");
        assert!(f.is_dropping());
        f.reset();
        assert!(!f.is_dropping());
    }

    #[test]
    fn url_schemes() {
        for ok in ["https://x.org", "http://x", "mailto:a@b", "/rel", "rel/x.png", "#top", "?q=1", "//cdn.x/y"] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in ["javascript:x", " javascript:x", "data:text/html,x", "vbscript:x", "file:///etc", "java\tscript:x"] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
