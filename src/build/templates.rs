//! The template tags that Jekyll posts (Liquid) and Hugo posts (shortcodes)
//! commonly hold, turned into what they stand for, since Folio runs no
//! templates:
//!
//! - code blocks, `{% highlight ruby %}` … `{% endhighlight %}` and
//!   `{{< highlight go >}}` … `{{< /highlight >}}`, become Markdown code
//!   fences in their language (shown as text, they lost their language and
//!   their line breaks);
//! - `{% raw %}` and `{% endraw %}` go, leaving what they protect;
//! - links built with `{{ site.baseurl }}` or `{{ "/x" | relative_url }}`
//!   become the plain paths they make, and links to another post,
//!   `{% post_url 2024-01-02-name %}`, `{% link _posts/2024-01-02-name.md %}`
//!   or `{{< ref "name.md" >}}`, links to its file, which the builder
//!   resolves to its page (`super::links`), and `{% link assets/a.png %}`
//!   the file's path;
//! - kramdown's attribute lists (`{: .center}`, `{:target="_blank"}`),
//!   which only Jekyll's Markdown reads, go;
//! - Pelican's links, `{filename}/posts/b.md`, `{static}/images/a.png`
//!   (below its content folder, the posts folder here), `{attach}a.png`,
//!   `{tag}Rust` and `{category}Notes`, become the addresses they stand
//!   for;
//! - Hugo's `{{< figure src="…" caption="…" >}}` becomes a figure, and
//!   `{{< youtube ID >}}`, `vimeo`, `gist` and `tweet` links to what they
//!   show; so do the same shortcodes called as Zola calls them
//!   (`{{ youtube(id="ID") }}`);
//! - WordPress's `[code language="x"]` … `[/code]` (and `[sourcecode]`)
//!   blocks become code fences, `[caption …]<img …> Text[/caption]` a
//!   figure, and `[embed]URL[/embed]` and Jetpack's `[youtube URL]` links;
//! - Hexo's and Octopress's tags: `{% codeblock lang:x %}` … `{%
//!   endcodeblock %}` a code fence, `{% blockquote Author, Source %}` … `{%
//!   endblockquote %}` a quote with its attribution, `{% img … %}` and `{%
//!   asset_img … %}` images (a post's assets are in the folder named after
//!   it), `{% asset_link %}` and `{% asset_path %}` links to them, `{%
//!   post_link name %}` a link to that post, `{% youtube %}`, `{% vimeo %}`
//!   and `{% gist %}` links, and `{% iframe url %}` the frame the renderer
//!   shows as a link.
//!
//! Other tags are left as they are (and the builder warns about them).
//! Inline tags inside code (fences or backtick spans) are left alone too, so
//! a post that shows templates keeps them.

use crate::core::escape::escape;
use crate::core::route::{decode, Route};
use crate::core::slug::term_slug;
use super::POSTS_URL_DIR;
use std::borrow::Cow;

/// What every tag above starts with: a body with none is left as it is.
/// Each starts with `{` or `[` (see [`has_marks`]).
const MARKS: [&str; 13] =
    ["{%", "{{", "{:", "{filename}", "{static}", "{attach}", "{tag}", "{category}", "[caption", "[embed]", "[youtube", "[code", "[sourcecode"];

/// Whether `body` has any of the [`MARKS`]. Looked for in one pass, at
/// each `{` and `[`, not mark by mark: most posts have none, and a build
/// reads each post's body up to three times.
fn has_marks(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr2_iter(b'{', b'[', bytes).any(|at| MARKS.iter().any(|mark| bytes[at..].starts_with(mark.as_bytes())))
}

/// `body` with the tags above replaced; `assets` is the folder (beside
/// the post, ending in `/`) where Hexo keeps the post's own files.
pub fn expand<'b>(body: &'b str, assets: &str) -> Cow<'b, str> {
    if !has_marks(body) {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<Fence> = None;
    // Inside `{% raw %}` lines, Liquid is text.
    let mut raw = false;
    // Inside a `{% blockquote %}`: its attribution, once it ends.
    let mut quote: Option<String> = None;
    for line in body.split_inclusive('\n') {
        let ending = &line[line.trim_end_matches(['\n', '\r']).len()..];
        let tag = whole_line_tag(line);
        match (fence, tag) {
            (_, Some((name @ ("raw" | "endraw"), _))) => raw = name == "raw",
            (None, Some(("highlight", args))) if !raw => {
                out.push_str("```");
                out.push_str(args.split_whitespace().next().unwrap_or(""));
                out.push_str(if ending.is_empty() { "\n" } else { ending });
                fence = Some(Fence::Template);
            }
            (Some(Fence::Template), Some(("endhighlight" | "/highlight", _))) if !raw => {
                out.push_str("```");
                out.push_str(ending);
                fence = None;
            }
            (None, Some(("blockquote", args))) if !raw && quote.is_none() => quote = Some(attribution(args)),
            (None, Some(("endblockquote", _))) if !raw => {
                if let Some(by) = quote.take().filter(|by| !by.is_empty()) {
                    out.push_str(&format!(">\n> — {by}\n"));
                }
                out.push('\n');
            }
            _ => {
                // A fence's own lines, opening and closing, are code too.
                let in_code = fence.is_some();
                fence = Fence::after(fence, line);
                if quote.is_some() {
                    out.push_str("> ");
                }
                if raw || in_code || fence.is_some() { out.push_str(line) } else { inline_tags(line, assets, &mut out) }
            }
        }
    }
    if out == body { Cow::Borrowed(body) } else { Cow::Owned(out) }
}

/// `body` of an MDX post (`.mdx`, as Astro and Docusaurus blogs have
/// them) as Markdown: its `import` and `export` lines, which only a
/// JavaScript build can run, and its `{/* comments */}` go, but for the
/// excerpt marker `{/* truncate */}`, which becomes `<!-- truncate -->`. Outside code
/// fences only. (Its components' tags are left for the HTML filter, which
/// keeps their text.)
pub fn strip_mdx(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<Fence> = None;
    // Inside an `import { a, b }` that runs over several lines.
    let mut statement = false;
    for line in body.split_inclusive('\n') {
        let in_code = fence.is_some();
        fence = Fence::after(fence, line);
        if in_code || fence.is_some() {
            out.push_str(line);
        } else if statement || line.starts_with("import ") || line.starts_with("export ") {
            // A statement runs on past its line only while a `{` it opened
            // is not closed, and ends at a `;`, a `from '…'` or a `}`.
            let text = line.trim();
            let ends = text.ends_with(';') || text.contains(" from ") || text.starts_with('}');
            statement = if statement { !ends } else { !ends && text.matches('{').count() > text.matches('}').count() };
        } else if is_truncate_comment(line) {
            // Docusaurus's excerpt marker, as the Markdown one it stands for
            // (an HTML comment, which the page does not show).
            out.push_str("<!-- truncate -->\n");
        } else {
            out.push_str(&strip_mdx_comments(line));
        }
    }
    out
}

/// Whether `line` is MDX's form of Docusaurus's excerpt marker,
/// `{/* truncate */}`.
fn is_truncate_comment(line: &str) -> bool {
    let inner = line.trim().strip_prefix("{/*").and_then(|l| l.strip_suffix("*/}"));
    inner.is_some_and(|inner| inner.trim().eq_ignore_ascii_case("truncate"))
}

/// `line` without its MDX comments, `{/* … */}`.
fn strip_mdx_comments(line: &str) -> Cow<'_, str> {
    let mut line = Cow::Borrowed(line);
    while let Some(start) = line.find("{/*") {
        let Some(end) = line[start..].find("*/}") else { break };
        line.to_mut().replace_range(start..start + end + 3, "");
    }
    line
}

/// A fenced code block being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fence {
    Backticks,
    Tildes,
    /// A `highlight` block, closed by its end tag.
    Template,
}

impl Fence {
    /// The fence a line of Markdown leaves open, given the one open before it.
    fn after(fence: Option<Fence>, line: &str) -> Option<Fence> {
        match fence {
            Some(open) if open.closed_by(line) => None,
            None => Fence::opened_by(line),
            open => open,
        }
    }

    fn opened_by(line: &str) -> Option<Fence> {
        let line = line.trim_start();
        if line.starts_with("```") {
            Some(Fence::Backticks)
        } else if line.starts_with("~~~") {
            Some(Fence::Tildes)
        } else {
            None
        }
    }

    fn closed_by(self, line: &str) -> bool {
        let line = line.trim();
        match self {
            Fence::Backticks => line.starts_with("```") && line.trim_start_matches('`').is_empty(),
            Fence::Tildes => line.starts_with("~~~") && line.trim_start_matches('~').is_empty(),
            Fence::Template => false,
        }
    }
}

/// The name and arguments of a tag that is a whole line: `{% highlight
/// ruby linenos %}` (or `{%- … -%}`) gives `("highlight", "ruby linenos")`,
/// `{{< /highlight >}}` gives `("/highlight", "")`.
fn whole_line_tag(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let tag = || tag_parts(DELIMITERS.iter().find_map(|(open, close)| line.strip_prefix(open)?.strip_suffix(close))?);
    wordpress_code_tag(line).or_else(|| match tag()? {
        // Hexo's and Octopress's code blocks, as `highlight` blocks.
        ("codeblock", args) => Some(("highlight", args.split_whitespace().find_map(|a| a.strip_prefix("lang:")).unwrap_or(""))),
        ("endcodeblock", _) => Some(("endhighlight", "")),
        tag => Some(tag),
    })
}

/// A Hexo `{% blockquote %}`'s attribution: `Author, Source` and a link.
fn attribution(args: &str) -> String {
    let (text, link): (Vec<&str>, Vec<&str>) = args.split_whitespace().partition(|word| !word.starts_with("http"));
    let text = text.join(" ");
    match link.first() {
        Some(url) if !text.is_empty() => format!("[{text}]({url})"),
        Some(url) => format!("<{url}>"),
        None => text,
    }
}

/// What one of Hexo's (and Octopress's) inline tags stands for; `assets`
/// is the post's own folder (see [`expand`]).
fn hexo_tag(name: &str, args: &str, assets: &str) -> Option<String> {
    let words = arguments(args);
    let word = |n: usize| words.get(n).map(|(_, v)| v.as_str());
    let path = |file: &str| format!("{assets}{}", file.trim_start_matches("./"));
    Some(match name {
        "youtube" | "vimeo" => shortcode((name, args))?,
        "gist" => match word(0)?.split_once('/') {
            Some((user, gist)) => format!("[A gist on GitHub](https://gist.github.com/{}/{})", id(user), id(gist)),
            None => format!("[A gist on GitHub](https://gist.github.com/{})", id(word(0)?)),
        },
        "iframe" => format!("<iframe src=\"{}\"></iframe>", escape(word(0)?)),
        // `{% img [class …] /path [width [height]] ["title" ["alt"]] %}`.
        "img" => {
            let at = words.iter().position(|(_, w)| w.starts_with('/') || w.contains("://") || w.contains('.'))?;
            let text = words[at + 1..].iter().map(|(_, w)| w.as_str()).find(|w| !w.chars().all(|c| c.is_ascii_digit()));
            format!("![{}]({})", text.unwrap_or(""), words[at].1)
        }
        "asset_img" => format!("![{}]({})", word(1).unwrap_or(""), path(word(0)?)),
        "asset_link" => format!("[{}]({})", word(1).unwrap_or(word(0)?), path(word(0)?)),
        "asset_path" => path(word(0)?),
        "post_link" => format!("[{}]({})", word(1).unwrap_or(word(0)?), post_file(word(0)?)),
        _ => return None,
    })
}

/// WordPress's code blocks, `[code language="ruby"]` … `[/code]` (or
/// `[sourcecode lang="ruby"]`, or no language), read as a `highlight`
/// block's tags: `("highlight", "ruby")` and `("endhighlight", "")`.
fn wordpress_code_tag(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    match name {
        "code" | "sourcecode" => {
            let language = ["language=", "lang="].iter().find_map(|key| {
                let value = &args[args.find(key)? + key.len()..];
                let value = value.trim_start_matches(['"', '\'']);
                Some(&value[..value.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_'))).unwrap_or(value.len())])
            });
            Some(("highlight", language.unwrap_or("")))
        }
        "/code" | "/sourcecode" => Some(("endhighlight", "")),
        _ => None,
    }
}

/// Template tags: Liquid's, and Hugo's two kinds of shortcode.
const DELIMITERS: [(&str, &str); 3] = [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}")];

/// What is between a tag's delimiters, without Liquid's `-` white-space
/// markers (`{%- … -%}`) and spaces.
fn unmarked(inner: &str) -> &str {
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    inner.strip_suffix('-').unwrap_or(inner).trim()
}

/// A tag's name and arguments from what is between `{%` and `%}`.
fn tag_parts(inner: &str) -> Option<(&str, &str)> {
    let inner = unmarked(inner);
    Some(inner.split_once(char::is_whitespace).map_or((inner, ""), |(name, args)| (name, args.trim())))
}

/// Copies `line` to `out`, replacing the inline Liquid it knows outside
/// backtick code spans.
fn inline_tags(line: &str, assets: &str, out: &mut String) {
    let mut rest = line;
    let mut in_code = false;
    while let Some(at) = rest.find(['`', '{', '[']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('`') {
            in_code = !in_code;
            out.push('`');
            rest = &rest[1..];
            continue;
        }
        if let Some((inside, len)) = raw_span(rest).filter(|_| !in_code) {
            out.push_str(inside);
            rest = &rest[len..];
            continue;
        }
        let replaced = match in_code {
            true => None,
            false if rest.starts_with('[') => wordpress(rest),
            false => replacement(rest, assets),
        };
        match replaced {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                let open = rest.chars().next().map_or(1, char::len_utf8);
                out.push_str(&rest[..open]);
                rest = &rest[open..];
            }
        }
    }
    out.push_str(rest);
}

/// What one of Hugo's shortcodes stands for, given its name and arguments.
fn shortcode((name, args): (&str, &str)) -> Option<String> {
    let args = arguments(args);
    let named = |key: &str| args.iter().find(|(k, _)| *k == Some(key)).map(|(_, v)| v.as_str());
    let first = args.first().filter(|(k, _)| k.is_none()).map(|(_, v)| v.as_str());
    Some(match name {
        "ref" | "relref" => {
            let target = first?;
            match target.split_once('#') {
                Some(("", anchor)) => format!("#{anchor}"),
                _ => post_file(target),
            }
        }
        "figure" => {
            let src = escape(named("src")?);
            let alt = escape(named("alt").or(named("title")).unwrap_or(""));
            let caption = named("caption").or(named("title")).map(|c| format!("<figcaption>{}</figcaption>", escape(c)));
            format!("<figure><img src=\"{src}\" alt=\"{alt}\">{}</figure>", caption.unwrap_or_default())
        }
        "youtube" => format!("[A video on YouTube](https://www.youtube.com/watch?v={})", id(named("id").or(first)?)),
        "vimeo" => format!("[A video on Vimeo](https://vimeo.com/{})", id(named("id").or(first)?)),
        "gist" => {
            let (user, gist) = (named("user").or(first)?, named("id").or(args.get(1).map(|(_, v)| v.as_str()))?);
            format!("[A gist on GitHub](https://gist.github.com/{}/{})", id(user), id(gist))
        }
        "tweet" | "x" => {
            let user = named("user").map_or_else(|| "i".to_string(), id);
            format!("[A post on X](https://x.com/{user}/status/{})", id(named("id").or(first)?))
        }
        _ => return None,
    })
}

/// An id or user name from a shortcode, kept to the characters such names
/// have, so it can go into a link's address as it is.
fn id(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect()
}

/// The start of a link in Pelican's form (`{filename}/posts/b.md`,
/// `{static}/images/a.png`, `{attach}a.png`, `{tag}Rust`,
/// `{category}Notes`) as the address it stands for, and the length of
/// what it replaces: a post's file (resolved to its page once every post
/// is known, see [`super::links`]), a path, or a tag's or category's page.
fn pelican_link(text: &str) -> Option<(String, usize)> {
    let (kind, rest) = ["{filename}", "{static}", "{attach}", "{tag}", "{category}"]
        .iter()
        .find_map(|kind| Some((*kind, text.strip_prefix(kind)?)))?;
    let end = rest.find([')', '"', '\'', ' ', '>']).unwrap_or(rest.len());
    let target = &rest[..end];
    let address = match kind {
        "{filename}" if target.starts_with('/') => post_file(target),
        // Pelican's static files are in its content folder, which is the
        // posts folder here, published under its name.
        "{static}" if target.starts_with('/') => format!("/{POSTS_URL_DIR}{}", &target[1..]),
        "{tag}" => Route::Tag { slug: term_slug(&decode(target, false)), page: 1 }.path(),
        "{category}" => Route::Category { slug: term_slug(&decode(target, false)), page: 1 }.path(),
        _ => target.to_string(),
    };
    Some((address, kind.len() + end))
}

/// What the WordPress shortcode at the start of `text` stands for (as
/// posts imported from WordPress hold them), and its length:
/// `[caption …]<img …> The caption[/caption]` becomes a figure,
/// `[embed]URL[/embed]` a link, and Jetpack's `[youtube URL]` a link to
/// the video.
fn wordpress(text: &str) -> Option<(String, usize)> {
    let web = |url: &str| (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(['<', '>', ' ', '"']);
    if let Some(rest) = text.strip_prefix("[caption") {
        let (open, close) = (rest.find(']')?, rest.find("[/caption]")?);
        let args = arguments(rest.get(..open)?);
        let inner = rest.get(open + 1..close)?.trim();
        // The picture (an <img>, or a link around one), then the caption.
        const MEDIA: [&str; 5] = ["<img", "<a ", "<a>", "</a>", "<source"];
        let mut media_end = 0;
        while let Some(tag) = Some(inner[media_end..].trim_start()).filter(|tag| MEDIA.iter().any(|m| tag.starts_with(m))) {
            media_end = inner.len() - tag.len() + tag.find('>')? + 1;
        }
        if media_end == 0 {
            return None;
        }
        let named = args.iter().find(|(k, _)| *k == Some("caption")).map(|(_, v)| escape(v));
        let caption = named.unwrap_or_else(|| inner[media_end..].trim().to_string());
        let caption = if caption.is_empty() { String::new() } else { format!("<figcaption>{caption}</figcaption>") };
        return Some((format!("<figure>{}{caption}</figure>", &inner[..media_end]), "[caption".len() + close + "[/caption]".len()));
    }
    if let Some(rest) = text.strip_prefix("[embed]") {
        let end = rest.find("[/embed]")?;
        let url = rest[..end].trim();
        return web(url).then(|| (format!("<{url}>"), "[embed]".len() + end + "[/embed]".len()));
    }
    let rest = text.strip_prefix("[youtube")?;
    let end = rest.find(']')?;
    let url = rest[..end].trim_start_matches([' ', '=']).trim();
    web(url).then(|| (format!("[A video on YouTube]({url})"), "[youtube".len() + end + 1))
}

/// A Zola shortcode call, `youtube(id="x", class="y")`, as the name and
/// arguments of a Hugo one (`youtube`, `id="x" class="y"`): the commas
/// between arguments, outside quotes, become spaces.
fn zola_call(call: &str) -> Option<(&str, String)> {
    let (name, args) = call.strip_suffix(')')?.split_once('(')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let mut quote = None;
    let args = args
        .chars()
        .map(|c| match (c, quote) {
            ('"' | '\'', None) => {
                quote = Some(c);
                c
            }
            (c, Some(q)) if c == q => {
                quote = None;
                c
            }
            (',', None) => ' ',
            (c, _) => c,
        })
        .collect();
    Some((name, args))
}

/// A link to another post by its file, as Hugo's `ref` and Jekyll's
/// `post_url` name it (with or without its extension, from the content
/// folder or by its name alone), in the form the builder resolves to the
/// post's page once every post is known (see [`super::links`]).
fn post_file(path: &str) -> String {
    format!("@/{}", path.trim().trim_start_matches('/'))
}

/// A shortcode's arguments, in order: `key="value"` pairs and positional
/// values, quoted or not.
fn arguments(mut rest: &str) -> Vec<(Option<&str>, String)> {
    let mut args = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return args;
        }
        let key = rest.find(['=', ' ', '"', '\'']).filter(|&i| rest[i..].starts_with('=')).map(|i| {
            let key = &rest[..i];
            rest = &rest[i + 1..];
            key
        });
        let (value, len) = match rest.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => match rest[1..].find(q) {
                Some(end) => (&rest[1..end + 1], end + 2),
                None => (&rest[1..], rest.len()),
            },
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], end)
            }
        };
        args.push((key, value.to_string()));
        rest = &rest[len..];
    }
}

/// The text an inline `{% raw %}` … `{% endraw %}` at the start of `text`
/// protects, and the length of the whole; an unclosed one runs to the end.
fn raw_span(text: &str) -> Option<(&str, usize)> {
    let open_end = text.strip_prefix("{%")?.find("%}")? + 2;
    if tag_parts(&text[2..open_end])?.0 != "raw" {
        return None;
    }
    let body = &text[open_end + 2..];
    let mut from = 0;
    while let Some(at) = body[from..].find("{%").map(|i| from + i) {
        let Some(end) = body[at + 2..].find("%}").map(|i| at + 2 + i) else { break };
        if tag_parts(&body[at + 2..end]).is_some_and(|(name, _)| name == "endraw") {
            return Some((&body[..at], open_end + 2 + end + 2));
        }
        from = end;
    }
    Some((body, text.len()))
}

/// What the Liquid at the start of `text` stands for, and its length, if
/// it is one this module knows.
fn replacement(text: &str, assets: &str) -> Option<(String, usize)> {
    // A kramdown attribute list (not one of its `{::…}` extensions, nor
    // the `{:/…}` that closes one).
    if text.starts_with("{:") && !text.starts_with("{::") && !text.starts_with("{:/") {
        return Some((String::new(), text.find('}')? + 1));
    }
    if let Some(found) = pelican_link(text) {
        return Some(found);
    }
    let (open, close) = DELIMITERS.iter().chain(&[("{{", "}}")]).copied().find(|(open, _)| text.starts_with(open))?;
    let end = text[open.len()..].find(close)? + open.len();
    let inner = &text[open.len()..end];
    let len = end + close.len();
    let text = if open.starts_with("{{") && open != "{{" {
        shortcode(tag_parts(inner)?)?
    } else if open == "{%" {
        match tag_parts(inner)? {
            ("endraw", _) => String::new(),
            ("post_url", name) => post_file(name),
            // `{% link _posts/2024-01-02-a.md %}`: a post by its file, or
            // a static file by its path from the site's root.
            ("link", path) => match path.trim().strip_prefix("_posts/") {
                Some(post) => post_file(post),
                None if !super::is_markdown(std::path::Path::new(path.trim())) => format!("/{}", path.trim().trim_start_matches('/')),
                None => return None,
            },
            (name, args) => hexo_tag(name, args, assets)?,
        }
    } else {
        let inner = unmarked(inner);
        match inner {
            "site.baseurl" | "site.url" => String::new(),
            _ if inner.ends_with(')') && !inner.contains('|') => {
                let (name, args) = zola_call(inner)?;
                shortcode((name, &args))?
            }
            _ => {
                let (value, filter) = inner.split_once('|')?;
                let filter = filter.split_whitespace().collect::<Vec<_>>().join(" ");
                if !matches!(filter.as_str(), "relative_url" | "absolute_url" | "prepend: site.baseurl") {
                    return None;
                }
                let value = value.trim();
                let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
                value.strip_prefix(quote)?.strip_suffix(quote)?.to_string()
            }
        }
    };
    Some((text, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tags of a post with no folder of its own.
    fn expand(body: &str) -> Cow<'_, str> {
        super::expand(body, "")
    }

    #[test]
    fn a_body_is_left_as_it_is_only_if_no_tag_can_start_in_it() {
        for plain in ["", "A [link](https://example.org) and {braces} [x] { [", "ends with {", "ends with ["] {
            assert!(!has_marks(plain), "{plain}");
            assert!(matches!(expand(plain), Cow::Borrowed(_)));
        }
        for mark in MARKS {
            assert!(mark.starts_with(['{', '[']), "has_marks looks only at {{ and [: {mark}");
            for body in [format!("{mark} x"), format!("a [b] {{c}} {mark}"), format!("[{mark}")] {
                assert!(has_marks(&body), "{body}");
            }
        }
    }

    #[test]
    fn hexo_and_octopress_tags_become_markdown() {
        let body = "{% codeblock Example lang:rust %}\nfn x() {}\n{% endcodeblock %}\n\n\
                    {% blockquote Ada Lovelace, Notes https://example.org/notes %}\nThe engine weaves.\n{% endblockquote %}\n\n\
                    {% asset_img cat.jpg \"A cat\" %} {% asset_link data.csv %} {% post_link other-post \"the other post\" %}\n\
                    {% img left /images/a.png 300 200 \"A title\" %} {% youtube abc123 %} {% gist ada/42 %} {% iframe https://maps.example/x %}\n";
        assert_eq!(
            super::expand(body, "my-post/"),
            "```rust\nfn x() {}\n```\n\n> The engine weaves.\n>\n> — [Ada Lovelace, Notes](https://example.org/notes)\n\n\n\
             ![A cat](my-post/cat.jpg) [data.csv](my-post/data.csv) [the other post](@/other-post)\n\
             ![A title](/images/a.png) [A video on YouTube](https://www.youtube.com/watch?v=abc123) \
             [A gist on GitHub](https://gist.github.com/ada/42) <iframe src=\"https://maps.example/x\"></iframe>\n"
        );
    }

    #[test]
    fn highlight_blocks_become_fences_in_their_language() {
        let body = "Before.\n\n{% highlight ruby linenos %}\ndef hi\n  puts 1\nend\n{% endhighlight %}\n\n{%- highlight js -%}\nx()\n{%- endhighlight -%}\nAfter.";
        assert_eq!(expand(body), "Before.\n\n```ruby\ndef hi\n  puts 1\nend\n```\n\n```js\nx()\n```\nAfter.");
        assert_eq!(expand("{% highlight c %}\r\nint x;\r\n{% endhighlight %}\r\n"), "```c\r\nint x;\r\n```\r\n");
    }

    #[test]
    fn links_built_with_liquid_become_paths() {
        let body = "![a]({{ site.baseurl }}/assets/a.png) [b]({{ \"/about/\" | relative_url }}) \
                    [c]({% post_url 2010-07-21-hello-world %}) [d]({{site.url}}{{site.baseurl}}/x) \
                    [e]({{ '/y' | prepend: site.baseurl }}) [f]({{- \"/z\" | relative_url -}})";
        assert_eq!(expand(body), "![a](/assets/a.png) [b](/about/) [c](@/2010-07-21-hello-world) [d](/x) [e](/y) [f](/z)");
    }

    #[test]
    fn jekylls_link_tag_leads_to_the_post_or_the_file() {
        assert_eq!(
            expand("[a]({% link _posts/2024-01-02-a.md %}) ![b]({% link assets/b.png %}) [c]({% link about.md %})"),
            "[a](@/2024-01-02-a.md) ![b](/assets/b.png) [c]({% link about.md %})"
        );
    }

    #[test]
    fn mdx_imports_exports_and_comments_go() {
        let body = "import Tabs from '@theme/Tabs';\nimport {\n  Chart,\n  Note,\n} from \"../components\";\nexport const meta = { a: 1 };\n\n\
                    Text {/* hidden */} here.\n\n{/* truncate */}\n\n<Note>Kept text.</Note>\n\n```js\nimport x from 'y';\n```\n";
        assert_eq!(strip_mdx(body), "\nText  here.\n\n<!-- truncate -->\n\n<Note>Kept text.</Note>\n\n```js\nimport x from 'y';\n```\n");
    }

    #[test]
    fn kramdown_attribute_lists_go() {
        let body = "![a](a.png){: .align-center}\n[b](https://x.org){:target=\"_blank\"} text\n\nA note.\n{: .notice--info}\n\n\
                    `{: kept}` and {::comment}kept{:/comment}\n```\n{: kept}\n```\n";
        assert_eq!(
            expand(body),
            "![a](a.png)\n[b](https://x.org) text\n\nA note.\n\n\n`{: kept}` and {::comment}kept{:/comment}\n```\n{: kept}\n```\n"
        );
    }

    #[test]
    fn hugo_shortcodes_become_code_links_and_figures() {
        let body = "{{< highlight go \"linenos=table\" >}}\nfmt.Println(1)\n{{< /highlight >}}\n\
                    See [it]({{< ref \"posts/2020-01-02-first.md#intro\" >}}), [that]({{< relref \"trip/index.md\" >}}) and [here]({{< ref \"#top\" >}}).\n\
                    {{< figure src=\"/img/a.png\" caption=\"The main stage\" >}}\n\
                    {{< youtube w7Ft2ymGmfc >}}\n";
        assert_eq!(
            expand(body),
            "```go\nfmt.Println(1)\n```\nSee [it](@/posts/2020-01-02-first.md#intro), [that](@/trip/index.md) and [here](#top).\n\
             <figure><img src=\"/img/a.png\" alt=\"\"><figcaption>The main stage</figcaption></figure>\n\
             [A video on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)\n"
        );
        assert_eq!(expand("{{< figure src=\"x.png\" alt=\"<b>\" >}}"), "<figure><img src=\"x.png\" alt=\"&lt;b&gt;\"></figure>");
        assert_eq!(
            expand("{{< gist spf13 7896402 >}} {{< vimeo id=\"55073825\" >}} {{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}} {{< tweet 1453 >}}"),
            "[A gist on GitHub](https://gist.github.com/spf13/7896402) [A video on Vimeo](https://vimeo.com/55073825) \
             [A post on X](https://x.com/SanDiegoZoo/status/1453110110599868418) [A post on X](https://x.com/i/status/1453)"
        );
        assert_eq!(expand("{{< vimeo \"1)(javascript:x\" >}}"), "[A video on Vimeo](https://vimeo.com/1javascriptx)");
        assert!(matches!(expand("{{< instagram x >}} and {{% notice %}}\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn zola_shortcodes_become_links_and_figures() {
        let body = "{{ youtube(id=\"dQw4w9WgXcQ\", autoplay=true) }} {{ vimeo(id='1') }} {{ gist(user=\"ann\", id=\"f0\") }}\n\
                    {{ figure(src=\"a.png\", caption=\"One, two\") }} {{ unknown(x=1) }} {{ page.title }}\n";
        assert_eq!(
            expand(body),
            "[A video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ) [A video on Vimeo](https://vimeo.com/1) \
             [A gist on GitHub](https://gist.github.com/ann/f0)\n\
             <figure><img src=\"a.png\" alt=\"\"><figcaption>One, two</figcaption></figure> {{ unknown(x=1) }} {{ page.title }}\n"
        );
    }

    #[test]
    fn pelican_links_become_addresses() {
        let body = "[a]({filename}/posts/b.md) [b]({filename}../c.md#x) ![c]({static}/images/d.png) \
                    ![e]({attach}e.png \"title\") [f]({tag}C++) [g]({category}Open%20Source) `{static}/kept`\n";
        assert_eq!(
            expand(body),
            "[a](@/posts/b.md) [b](../c.md#x) ![c](/posts/images/d.png) ![e](e.png \"title\") [f](/tag/c-plus-plus) [g](/category/open-source) `{static}/kept`\n"
        );
    }

    #[test]
    fn wordpress_code_blocks_become_fences_in_their_language() {
        let body = "Before.\n[code language=\"python\"]\nif a < b:\n    print(\"[x]\")\n[/code]\n[sourcecode lang='c++']\nint x;\n[/sourcecode]\n[code]\nplain\n[/code]\n";
        assert_eq!(expand(body), "Before.\n```python\nif a < b:\n    print(\"[x]\")\n```\n```c++\nint x;\n```\n```\nplain\n```\n");
    }

    #[test]
    fn wordpress_shortcodes_become_figures_and_links() {
        let body = "[caption id=\"attachment_7\" align=\"aligncenter\" width=\"640\"]<a href=\"/big.jpg\"><img src=\"/photo.jpg\" alt=\"A photo\" /></a> The harbour at <em>dawn</em>[/caption]\n\
                    [caption id=\"\" caption=\"Old & named\"]<img src=\"/b.jpg\" />[/caption]\n\
                    [embed]https://www.youtube.com/watch?v=abc[/embed] and [youtube=https://youtu.be/xyz] and [youtube https://youtu.be/q]\n\
                    [link](x) [caption] [embed]javascript:alert(1)[/embed] `[caption]<img>[/caption]`\n";
        assert_eq!(
            expand(body),
            "<figure><a href=\"/big.jpg\"><img src=\"/photo.jpg\" alt=\"A photo\" /></a><figcaption>The harbour at <em>dawn</em></figcaption></figure>\n\
             <figure><img src=\"/b.jpg\" /><figcaption>Old &amp; named</figcaption></figure>\n\
             <https://www.youtube.com/watch?v=abc> and [A video on YouTube](https://youtu.be/xyz) and [A video on YouTube](https://youtu.be/q)\n\
             [link](x) [caption] [embed]javascript:alert(1)[/embed] `[caption]<img>[/caption]`\n"
        );
    }

    #[test]
    fn raw_goes_and_keeps_what_it_protects() {
        let body = "```liquid\n{% raw %}\n{{ page.title }}\n{% endraw %}\n```\nInline {% raw %}{{ site.baseurl }}{% endraw %}.\n\
                    {% raw %}\n{{ site.baseurl }} {% highlight x %}\n{% endraw %}\n{{ site.baseurl }}/z";
        assert_eq!(expand(body), "```liquid\n{{ page.title }}\n```\nInline {{ site.baseurl }}.\n{{ site.baseurl }} {% highlight x %}\n/z");
    }

    #[test]
    fn liquid_shown_as_code_and_other_tags_are_left_alone() {
        for body in [
            "```\n{% highlight ruby %}\n{{ site.baseurl }}\n{% endhighlight %}\n```\n",
            "Write `{{ site.baseurl }}` or `{% post_url x %}`.\n",
            "{% include note.html %} and {{ page.title }} and { braces }\n",
        ] {
            assert!(matches!(expand(body), Cow::Borrowed(_)), "{body}");
        }
    }
}
