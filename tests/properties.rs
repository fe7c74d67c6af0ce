//! Properties that must hold for any input at all: the parsers never panic,
//! and rendered Markdown never contains markup that could run script.

use folio::build::frontmatter;
use folio::core::markdown::{render_html, RenderContext};
use folio::core::search::{query, text::fold};
use proptest::prelude::*;

const LINKS: RenderContext<'static> = RenderContext {
    site_base: "/",
    post_dir: "posts/",
    page_path: "/post/p",
    marks: &[],
    code: &[],
    post_links: &std::collections::BTreeMap::new(),
};

/// Strings made of the pieces attacks are built from, so cases reach deep
/// into the HTML filter instead of staying plain text.
fn hostile_markdown() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "<", ">", "</", "/>", "script", "img", "svg", "a", "iframe", "details", " src=x", " href=",
        " onerror=alert(1)", " ONLOAD=alert(1)", "javascript:", "JaVa\tScRiPt:", "&#106;", "&colon;", "&#x3A;",
        "\"", "'", "`", "=", "[", "](", ")", "![", "\n", "\n\n", "    ", "```", "<!--", "-->", "{#x onclick=y}",
        "# ", "[^1]", "[^1]: ", "| a |", "|:-:|", "data:", " style=x", " alt=\" onerror=x\"", "&",
    ];
    let piece = prop_oneof![prop::sample::select(PIECES).prop_map(String::from), "[a-z ]{0,4}"];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// Elements the renderer may ever write: the allow-list, pulldown-cmark's own, and MathML.
const ALLOWED: &[&str] = &[
    "a", "abbr", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre",
    "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var",
    "video", "wbr",
    // Formulas, as the renderer's own MathML (src/core/markdown/math.rs).
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext", "mspace", "msub", "msup", "msubsup",
    "munder", "mover", "munderover", "mfrac", "msqrt", "mroot", "mtable", "mtr", "mtd", "merror", "mphantom",
];

/// Attributes a browser follows or loads as a URL.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "srcset", "poster", "cite", "action", "formaction", "background", "longdesc", "usemap", "data"];

/// Checks every tag in rendered HTML. Text is always escaped, so each `<`
/// in the output opens a tag the renderer wrote.
fn assert_safe(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or_else(|| panic!("unclosed tag in {html:?}"))];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag.find([' ', '/']).unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        assert!(ALLOWED.contains(&name.as_str()), "element <{name}> in {html:?}");
        for (attr, value) in attributes(&tag[name_end..]) {
            let attr = attr.to_ascii_lowercase();
            let aligned = ["text-align: left", "text-align: center", "text-align: right"].contains(&value);
            assert!(!attr.starts_with("on") && (attr != "style" || aligned), "attribute {attr} in {html:?}");
            if !URL_ATTRIBUTES.contains(&attr.as_str()) {
                continue; // `alt="javascript: the good parts"` is only text
            }
            let value: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            let value = value.to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.starts_with(scheme), "{attr}={value} in {html:?}");
            }
        }
    }
}

/// Reads ` name="value"` pairs as the renderer writes them (`"` inside a
/// value is always escaped as `&quot;`).
fn attributes(mut rest: &str) -> Vec<(&str, &str)> {
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '/']);
        if rest.is_empty() {
            return attrs;
        }
        let name_end = rest.find(['=', ' ', '/']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let value = match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let close = quoted.find('"').expect("attribute values are quoted");
                rest = &quoted[close + 1..];
                &quoted[..close]
            }
            None => "",
        };
        attrs.push((name, value));
    }
}

#[test]
fn the_checker_catches_what_it_should() {
    assert_safe("<p>text &lt;script&gt;</p><img alt=\" onerror=x\" src=\"a.png\"><th style=\"text-align: center\">");
    assert_safe("<img src=\"a.png\" alt=\"JaVa\tScRiPt: the good parts\">");
    for bad in ["<script>", "<img src=\"x\" onerror=\"y\">", "<a href=\" JavaScript:x\">", "<p style=\"color:red\">", "<svg>"] {
        assert!(std::panic::catch_unwind(|| assert_safe(bad)).is_err(), "{bad} should fail the check");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn rendered_markdown_is_always_safe(markdown in hostile_markdown()) {
        assert_safe(&render_html(&markdown, &LINKS));
        // Marking searched words must not open a way in either.
        let marks = ["alert", "img", "javascript", "onerror", "script", "x"].map(String::from);
        assert_safe(&render_html(&markdown, &RenderContext { marks: &marks, ..LINKS }));
    }

    #[test]
    fn rendering_any_text_never_panics(markdown in any::<String>()) {
        assert_safe(&render_html(&markdown, &LINKS));
    }

    #[test]
    fn any_search_text_parses_to_folded_words(text in any::<String>()) {
        let q = query::parse(&text);
        for word in q.terms.iter().chain(&q.excluded).chain(q.phrases.iter().flatten()) {
            prop_assert!(!word.is_empty() && fold(word) == *word, "{word:?} from {text:?}");
        }
        prop_assert!(!q.last_is_prefix || !q.terms.is_empty());
    }

    #[test]
    fn query_shaped_text_never_panics(
        text in "([a-zA-Zéü0-9]{0,6}|\"|-|:|category:|tag:|year:|cat:| |\t){0,16}"
    ) {
        let q = query::parse(&text);
        prop_assert!(q.filters.years.iter().all(|y| text.contains(&y.to_string())));
    }

    #[test]
    fn front_matter_parsing_never_panics(body in any::<String>(), fence in prop_oneof![Just("---"), Just("+++")]) {
        for content in [body.clone(), format!("{fence}\n{body}\n{fence}\nText"), format!("{fence}\n{body}")] {
            if let Ok(split) = frontmatter::split(&content) {
                let _ = frontmatter::parse(&split);
            }
        }
    }

    #[test]
    fn yaml_shaped_front_matter_never_panics(
        lines in prop::collection::vec("(title|date|tags|categories|draft|slug|author)(: |:|=)[\\[\\]{}a-z0-9:\"', -]{0,12}", 0..8)
    ) {
        for fence in ["---", "+++"] {
            let content = format!("{fence}\n{}\n{fence}\nBody", lines.join("\n"));
            let split = frontmatter::split(&content).unwrap();
            let _ = frontmatter::parse(&split);
        }
    }
}
