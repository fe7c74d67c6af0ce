//! Jekyll's Liquid code blocks (`{% highlight ruby %}` … `{% endhighlight %}`)
//! as the Markdown code fences they stand for. Older Jekyll blogs are full
//! of them, and shown as text they lose both their language and, worse,
//! their line breaks. Other Liquid tags are left as they are (and warned
//! about by the builder).

use std::borrow::Cow;

/// `body` with each Liquid `highlight` block, on lines of its own and
/// outside fenced code, turned into a fenced code block in its language.
pub fn code_blocks(body: &str) -> Cow<'_, str> {
    if !body.contains("highlight") {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    let mut changed = false;
    for line in body.split_inclusive('\n') {
        let ending = &line[line.trim_end_matches(['\n', '\r']).len()..];
        let (tag, args) = tag_of(line).unwrap_or(("", ""));
        match fence {
            None if tag == "highlight" => {
                let language = args.split_whitespace().next().unwrap_or("");
                out.push_str("```");
                out.push_str(language);
                out.push_str(if ending.is_empty() { "\n" } else { ending });
                fence = Some("liquid");
                changed = true;
                continue;
            }
            Some("liquid") if tag == "endhighlight" => {
                out.push_str("```");
                out.push_str(ending);
                fence = None;
                continue;
            }
            None => {
                let trimmed = line.trim_start();
                if trimmed.starts_with("```") {
                    fence = Some("```");
                } else if trimmed.starts_with("~~~") {
                    fence = Some("~~~");
                }
            }
            Some(marker) if marker != "liquid" && line.trim_start().starts_with(marker) => fence = None,
            Some(_) => {}
        }
        out.push_str(line);
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(body) }
}

/// The name and arguments of a Liquid tag that is a whole line:
/// `{% highlight ruby linenos %}` (or `{%- … -%}`) gives `("highlight",
/// "ruby linenos")`.
fn tag_of(line: &str) -> Option<(&str, &str)> {
    let inner = line.trim().strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner).strip_suffix('-').unwrap_or(inner).trim();
    Some(inner.split_once(char::is_whitespace).map_or((inner, ""), |(name, args)| (name, args.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_blocks_become_fences_in_their_language() {
        let body = "Before.\n\n{% highlight ruby linenos %}\ndef hi\n  puts 1\nend\n{% endhighlight %}\n\n{%- highlight js -%}\nx()\n{%- endhighlight -%}\nAfter.";
        assert_eq!(code_blocks(body), "Before.\n\n```ruby\ndef hi\n  puts 1\nend\n```\n\n```js\nx()\n```\nAfter.");
    }

    #[test]
    fn other_text_is_left_alone() {
        let inside_a_fence = "```liquid\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n";
        assert!(matches!(code_blocks(inside_a_fence), Cow::Borrowed(_)));
        let inline = "Write {% highlight ruby %} to start a block.\n{% include note.html %}\n";
        assert!(matches!(code_blocks(inline), Cow::Borrowed(_)));
        assert_eq!(code_blocks("{% highlight c %}\r\nint x;\r\n{% endhighlight %}\r\n"), "```c\r\nint x;\r\n```\r\n");
    }
}
