//! A stylesheet as rules, and the rules that can apply to one page: each
//! page carries only those (as PurgeCSS and Critters cut a stylesheet),
//! and the loader adds the whole sheet before the app draws anything else.
//! Half of the site's stylesheet is for pages other than the one a reader
//! is on (search results, errors, tables, code, alerts, lists), and it
//! was half of every page's bytes: a large blog's pages are gigabytes.
//!
//! A rule is dropped only when one of the classes, ids or elements each of
//! its selectors names is not in the page. Anything it cannot judge is
//! kept: what is inside `:not(…)`, `:is(…)` and other brackets, attribute
//! selectors, escaped or namespaced names, and at-rules other than
//! `@media`, `@supports`, `@layer` and `@container` (whose rules are
//! judged one by one).

use crate::core::fast::FastMap;
use crate::core::hash::fnv1a;

/// A stylesheet, parsed once, whose rules are given out page by page with
/// [`Stylesheet::for_page`].
pub struct Stylesheet {
    rules: Vec<Rule>,
    /// Every class, id and element a selector names, by the bit
    /// [`Present`] has for it.
    names: Names,
}

/// The names selectors need, by [`Kind`], each numbered with its bit.
#[derive(Default)]
struct Names {
    by_kind: [FastMap<String, usize>; 3],
    count: usize,
}

impl Names {
    fn number(&mut self, kind: Kind, name: String) -> usize {
        let next = self.count;
        let bit = *self.by_kind[kind as usize].entry(name).or_insert(next);
        self.count += usize::from(bit == next);
        bit
    }

    fn bit_of(&self, kind: Kind, name: &str) -> Option<usize> {
        self.by_kind[kind as usize].get(name).copied()
    }
}

/// What a name in a selector is.
#[derive(Clone, Copy)]
enum Kind {
    Class,
    Id,
    Element,
}

enum Rule {
    /// Selectors and their declarations (`{…}`, as written).
    Style { selectors: Vec<Selector>, block: String },
    /// `@media …`, `@supports …` and the like, around rules of their own.
    Group { prelude: String, rules: Vec<Rule> },
    /// An at-rule or text kept whole, whatever the page holds.
    Kept(String),
}

struct Selector {
    text: String,
    /// The bits of the names it needs in the page.
    needs: Vec<usize>,
}

/// Elements a browser makes that a page's markup need not name.
const IMPLIED: [&str; 5] = ["html", "head", "body", "tbody", "colgroup"];

impl Stylesheet {
    /// `css` parsed into rules. Never fails: what it cannot read is kept
    /// as it is.
    pub fn parse(css: &str) -> Stylesheet {
        let mut names = Names::default();
        let rules = rules(css, &mut names);
        Stylesheet { rules, names }
    }

    /// Which of the names the stylesheet's selectors need are in `html`:
    /// the classes and ids of its tags and the tags themselves (and the
    /// elements every page has). Call it with each part of a page.
    pub fn add_present(&self, present: &mut Present, html: &str) {
        if present.bits.is_empty() {
            present.bits = vec![0; self.names.count.div_ceil(64)];
            for element in IMPLIED {
                self.mark(present, Kind::Element, element);
            }
        }
        let bytes = html.as_bytes();
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
            at += found + 1;
            let name_len = bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
            if name_len == 0 || !bytes[at].is_ascii_alphabetic() {
                continue;
            }
            let name = &html[at..at + name_len];
            if name.bytes().any(|b| b.is_ascii_uppercase()) {
                self.mark(present, Kind::Element, &name.to_ascii_lowercase());
            } else {
                self.mark(present, Kind::Element, name);
            }
            at += name_len;
            at = self.attributes(present, html, at);
        }
    }

    /// Marks the classes and id of the tag whose attributes start at `at`
    /// in `html`; returns where the tag ends.
    fn attributes(&self, present: &mut Present, html: &str, mut at: usize) -> usize {
        let bytes = html.as_bytes();
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'>' {
                return at;
            }
            let name_start = at;
            while at < bytes.len() && !matches!(bytes[at], b'=' | b'>' | b'/') && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let name = &html[name_start..at];
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            let (value, end) = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let len = memchr::memchr(quote, &bytes[at + 1..]).unwrap_or(bytes.len() - at - 1);
                    (&html[at + 1..at + 1 + len], (at + 2 + len).min(bytes.len()))
                }
                _ => {
                    let len = bytes[at..].iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'>').count();
                    (&html[at..at + len], at + len)
                }
            };
            at = end;
            if name.eq_ignore_ascii_case("class") {
                value.split_ascii_whitespace().for_each(|class| self.mark(present, Kind::Class, class));
            } else if name.eq_ignore_ascii_case("id") {
                self.mark(present, Kind::Id, value);
            }
        }
    }

    fn mark(&self, present: &mut Present, kind: Kind, name: &str) {
        if let Some(bit) = self.names.bit_of(kind, name) {
            present.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// The stylesheet's rules that can apply to a page with the names
    /// `present` (from [`Stylesheet::add_present`]), as CSS.
    pub fn for_page(&self, present: &Present) -> String {
        let mut out = String::new();
        write_rules(&mut out, &self.rules, present);
        out
    }
}

/// Which names of a [`Stylesheet`]'s selectors a page has.
#[derive(Clone, Default)]
pub struct Present {
    bits: Vec<u64>,
}

impl Present {
    /// `hash` (FNV-1a) continued over which names are present: two pages
    /// whose sets hash alike get the same rules.
    pub fn hashed(&self, hash: u64) -> u64 {
        self.bits.iter().fold(hash, |hash, word| fnv1a(hash, &word.to_le_bytes()))
    }

    fn has(&self, bit: usize) -> bool {
        self.bits.get(bit / 64).is_some_and(|word| word & (1 << (bit % 64)) != 0)
    }
}

fn write_rules(out: &mut String, rules: &[Rule], present: &Present) {
    for rule in rules {
        match rule {
            Rule::Style { selectors, block } => {
                let mut first = true;
                for selector in selectors.iter().filter(|s| s.needs.iter().all(|&bit| present.has(bit))) {
                    if !first {
                        out.push(',');
                    }
                    out.push_str(&selector.text);
                    first = false;
                }
                if !first {
                    out.push_str(block);
                }
            }
            Rule::Group { prelude, rules } => {
                let start = out.len();
                out.push_str(prelude);
                out.push('{');
                let inner = out.len();
                write_rules(out, rules, present);
                if out.len() == inner {
                    out.truncate(start);
                } else {
                    out.push('}');
                }
            }
            Rule::Kept(text) => out.push_str(text),
        }
    }
}

/// At-rules whose block holds rules, each judged on its own.
const GROUPS: [&str; 4] = ["@media", "@supports", "@layer", "@container"];

/// The rules of `css`, their selectors' names numbered into `names`.
fn rules(css: &str, names: &mut Names) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut rest = css.trim_start();
    while !rest.is_empty() {
        let Some((at, found)) = find_outside(rest, 0, b"{;}") else {
            rules.push(Rule::Kept(rest.to_string()));
            break;
        };
        if found != b'{' {
            // A statement (`@import …;`), or a stray `;` or `}`.
            rules.push(Rule::Kept(rest[..=at].to_string()));
            rest = rest[at + 1..].trim_start();
            continue;
        }
        let Some(end) = block_end(rest, at) else {
            rules.push(Rule::Kept(rest.to_string()));
            break;
        };
        let prelude = rest[..at].trim_end();
        let word = prelude.split(|c: char| c.is_whitespace() || c == '(').next().unwrap_or_default();
        if GROUPS.iter().any(|group| word.eq_ignore_ascii_case(group)) {
            rules.push(Rule::Group { prelude: prelude.to_string(), rules: self::rules(&rest[at + 1..end], names) });
        } else if prelude.starts_with('@') {
            rules.push(Rule::Kept(rest[..=end].to_string()));
        } else {
            let selectors = split_selectors(prelude).map(|text| Selector { needs: needs(text, names), text: text.to_string() }).collect();
            rules.push(Rule::Style { selectors, block: rest[at..=end].to_string() });
        }
        rest = rest[end + 1..].trim_start();
    }
    rules
}

/// The first of `wanted` in `css` from `from` on that is outside strings,
/// brackets and parentheses, and where it is.
fn find_outside(css: &str, from: usize, wanted: &[u8]) -> Option<(usize, u8)> {
    let bytes = css.as_bytes();
    let (mut depth, mut at) = (0usize, from);
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            quote @ (b'"' | b'\'') => {
                at += 1;
                while at < bytes.len() && bytes[at] != quote {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b if depth == 0 && wanted.contains(&b) => return Some((at, b)),
            _ => {}
        }
        at += 1;
    }
    None
}

/// Where the block opened by the `{` at `open` in `css` closes.
fn block_end(css: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = open;
    loop {
        let (found, brace) = find_outside(css, at, b"{}")?;
        if brace == b'{' {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return Some(found);
            }
        }
        at = found + 1;
    }
}

/// A selector list's selectors, split at the commas outside brackets.
fn split_selectors(list: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(list);
    std::iter::from_fn(move || {
        let text = rest?;
        match find_outside(text, 0, b",") {
            Some((at, _)) => {
                rest = Some(&text[at + 1..]);
                Some(text[..at].trim())
            }
            None => {
                rest = None;
                Some(text.trim())
            }
        }
    })
    .filter(|s| !s.is_empty())
}

/// The names `selector` needs in a page, as bits of `names`; none (so it
/// is always kept) if it has names this cannot read.
fn needs(selector: &str, names: &mut Names) -> Vec<usize> {
    if selector.contains(['\\', '|']) {
        return Vec::new();
    }
    let bytes = selector.as_bytes();
    let mut needs = Vec::new();
    let (mut at, mut depth) = (0, 0usize);
    while at < bytes.len() {
        let b = bytes[at];
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'"' | b'\'' => {
                let len = memchr::memchr(b, &bytes[at + 1..]).unwrap_or(bytes.len() - at - 1);
                at += len + 1;
            }
            _ if depth > 0 => {}
            b'.' | b'#' | b':' => {
                let len = ident_len(&bytes[at + 1..]);
                let name = &selector[at + 1..at + 1 + len];
                let kind = match b {
                    b'.' => Some(Kind::Class),
                    b'#' => Some(Kind::Id),
                    _ => None,
                };
                if let (Some(kind), false) = (kind, name.is_empty()) {
                    needs.push(names.number(kind, name.to_string()));
                }
                at += len;
            }
            _ if b.is_ascii_alphabetic() || b == b'_' || b == b'-' => {
                let len = ident_len(&bytes[at..]);
                needs.push(names.number(Kind::Element, selector[at..at + len].to_ascii_lowercase()));
                at += len - 1;
            }
            _ => {}
        }
        at += 1;
    }
    needs
}

/// How long the CSS name at the start of `bytes` is (letters, digits,
/// `-`, `_` and anything not ASCII).
fn ident_len(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn for_page(css: &str, html: &str) -> String {
        let sheet = Stylesheet::parse(css);
        let mut present = Present::default();
        sheet.add_present(&mut present, html);
        sheet.for_page(&present)
    }

    #[test]
    fn a_rule_naming_a_class_id_or_element_the_page_lacks_is_dropped() {
        let css = ".card h2{a:1}.pager{b:2}#prerender~.app{c:3}main{d:4}table td{e:5}";
        let html = "<main class=\"x card\"><h2 id=prerender>T</h2></main>";
        assert_eq!(for_page(css, html), ".card h2{a:1}main{d:4}");
        // One selector of a list is enough, and only it is kept.
        assert_eq!(for_page(".pager,.card,td{a:1}", html), ".card{a:1}");
    }

    #[test]
    fn what_it_cannot_judge_is_kept() {
        let css = ":root{--a:1}:root[data-theme=\"dark\"] .card{b:2}:not(pre)>code{c:3}.x\\:y{d:4}\
                   a:hover{e:5}.post:has(.pager){f:6}@keyframes k{from{o:0}to{o:1}}@import url(x.css);\
                   html body tbody{g:7}svg|a{h:8}";
        let html = "<p class=\"card post\"><code>x</code><a href=#>y</a></p>";
        assert_eq!(for_page(css, html), css);
    }

    #[test]
    fn groups_keep_what_applies_and_go_when_nothing_does() {
        let css = "@media (max-width:52rem){.sidebar{a:1}.pager{b:2}}@media print{.pager{c:3}}@supports (x:y){p{d:4}}";
        assert_eq!(for_page(css, "<aside class='sidebar'><P>x</P></aside>"), "@media (max-width:52rem){.sidebar{a:1}}@supports (x:y){p{d:4}}");
    }

    #[test]
    fn strings_and_brackets_do_not_end_a_rule_or_split_a_list() {
        let css = ".a::after{content:\"}{,\"}.b:is(.c,.d),.e[title=\"a,b\"]{x:1}.f{y:2}";
        assert_eq!(for_page(css, "<i class=\"a b\">"), ".a::after{content:\"}{,\"}.b:is(.c,.d){x:1}");
        assert_eq!(for_page(css, "<i class=\"e f\">"), ".e[title=\"a,b\"]{x:1}.f{y:2}");
    }

    #[test]
    fn names_in_text_attributes_and_broken_css_are_handled_safely() {
        // A name in a page's text or another attribute is not its class.
        assert_eq!(for_page(".a{x:1}", "<p title=\"class=a\">class=\"a\"</p>"), "");
        // Unclosed: kept as it is rather than lost.
        assert_eq!(for_page(".a{x:1}.b{y:2", "<p>"), ".b{y:2");
    }
}
