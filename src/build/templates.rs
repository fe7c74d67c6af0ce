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
//!   `{% post_url 2024-01-02-name %}` or `{{< ref "name.md" >}}`, links to
//!   its file, which the builder resolves to its page (`super::links`);
//! - kramdown's attribute lists (`{: .center}`, `{:target="_blank"}`),
//!   which only Jekyll's Markdown reads, go;
//! - Hugo's `{{< figure src="…" caption="…" >}}` becomes a figure, and
//!   `{{< youtube ID >}}` a link to the video.
//!
//! Other tags are left as they are (and the builder warns about them).
//! Inline tags inside code (fences or backtick spans) are left alone too, so
//! a post that shows templates keeps them.

use crate::core::escape::escape;
use std::borrow::Cow;

/// `body` with the tags above replaced.
pub fn expand(body: &str) -> Cow<'_, str> {
    if !body.contains("{%") && !body.contains("{{") && !body.contains("{:") {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<Fence> = None;
    // Inside `{% raw %}` lines, Liquid is text.
    let mut raw = false;
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
            _ => {
                // A fence's own lines, opening and closing, are code too.
                let in_code = fence.is_some();
                fence = Fence::after(fence, line);
                if raw || in_code || fence.is_some() { out.push_str(line) } else { inline_tags(line, &mut out) }
            }
        }
    }
    if out == body { Cow::Borrowed(body) } else { Cow::Owned(out) }
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
    tag_parts(DELIMITERS.iter().find_map(|(open, close)| line.strip_prefix(open)?.strip_suffix(close))?)
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
fn inline_tags(line: &str, out: &mut String) {
    let mut rest = line;
    let mut in_code = false;
    while let Some(at) = rest.find(['`', '{']) {
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
        let replaced = if in_code { None } else { replacement(rest) };
        match replaced {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
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
        "youtube" => {
            let id = named("id").or(first)?;
            let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
            format!("[A video on YouTube](https://www.youtube.com/watch?v={id})")
        }
        _ => return None,
    })
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
fn replacement(text: &str) -> Option<(String, usize)> {
    // A kramdown attribute list (not one of its `{::…}` extensions, nor
    // the `{:/…}` that closes one).
    if text.starts_with("{:") && !text.starts_with("{::") && !text.starts_with("{:/") {
        return Some((String::new(), text.find('}')? + 1));
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
            _ => return None,
        }
    } else {
        let inner = unmarked(inner);
        match inner {
            "site.baseurl" | "site.url" => String::new(),
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
        assert!(matches!(expand("{{< gist user 123 >}} and {{% notice %}}\n"), Cow::Borrowed(_)));
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
