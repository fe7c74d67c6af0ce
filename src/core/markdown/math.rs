//! TeX math (`$…$` and `$$…$$`, as GitHub, Jekyll, Hugo and Zola posts
//! write it) to MathML, which browsers draw themselves: a post's formulas
//! need no KaTeX or MathJax script, and read the same in feeds and in the
//! prerendered page.
//!
//! The common part of LaTeX's math is understood: letters, numbers and
//! operators, scripts, fractions, roots, Greek and symbols, functions,
//! big operators with limits, accents, fonts (`\mathbb{R}`), `\left(`
//! `\right)`, `\text{}`, spacing, and the matrix, cases and align
//! environments. A command it does not know is shown as written, in red
//! (`<merror>`), rather than dropped. Every piece of the source lands in
//! text, escaped, so no formula can make markup of its own.

use crate::core::escape::escape;

/// How deep the parser may go (each group, and each command, script or
/// token inside another's argument, is a level) before the rest of a
/// formula is shown as written: deep enough for any real formula (a
/// fraction in a root in a script is 7), shallow enough that a hostile
/// one cannot exhaust the stack.
const MAX_DEPTH: usize = 96;

/// A formula as MathML: a `<math>` element, `display` as a block of its
/// own, else inline with the text around it.
pub fn to_mathml(tex: &str, display: bool) -> String {
    let body = Tex { src: tex, at: 0, depth: 0, display, font: None }.all();
    let open = if display { "<math display=\"block\">" } else { "<math>" };
    // The source rides along for copying and for screen readers that read TeX.
    format!(
        "{open}<semantics>{body}<annotation encoding=\"application/x-tex\">{}</annotation></semantics></math>",
        escape(tex.trim())
    )
}

/// One piece of TeX as the parser reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    /// `\name`, or `\` and one other character (`\{`, `\,`, `\\`).
    Command(&'a str),
    Open,
    Close,
    Sup,
    Sub,
    Prime,
    Amp,
    Number(&'a str),
    Letter(char),
    Other(char),
}

/// Why a run of items ended.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stop {
    End,
    Close,
    Amp,
    NewRow,
    Right,
    EndEnv,
}

/// A font command's alphabet (see [`styled`]).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Font {
    Upright,
    Bold,
    Italic,
    BoldItalic,
    Script,
    Fraktur,
    DoubleStruck,
    SansSerif,
    Monospace,
}

/// One item of a row: its markup, and whether scripts on it go above and
/// below (a big operator or `\lim` in display math).
struct Atom {
    html: String,
    limits: bool,
}

impl Atom {
    fn new(html: String) -> Atom {
        Atom { html, limits: false }
    }
}

struct Tex<'a> {
    src: &'a str,
    at: usize,
    depth: usize,
    display: bool,
    font: Option<Font>,
}

impl<'a> Tex<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn peek(&mut self) -> Option<Token<'a>> {
        let at = self.at;
        let token = self.next();
        self.at = at;
        token
    }

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_space();
        let rest = self.rest();
        let c = rest.chars().next()?;
        let (token, len) = match c {
            '\\' => {
                let name_len = rest[1..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len() - 1);
                match name_len {
                    0 => {
                        let len = rest[1..].chars().next().map_or(0, char::len_utf8);
                        (Token::Command(&rest[1..1 + len]), 1 + len)
                    }
                    n => (Token::Command(&rest[1..1 + n]), 1 + n),
                }
            }
            '{' => (Token::Open, 1),
            '}' => (Token::Close, 1),
            '^' => (Token::Sup, 1),
            '_' => (Token::Sub, 1),
            '\'' => (Token::Prime, 1),
            '&' => (Token::Amp, 1),
            '0'..='9' | '.' if number_len(rest) > 0 => {
                let len = number_len(rest);
                (Token::Number(&rest[..len]), len)
            }
            c if c.is_alphabetic() => (Token::Letter(c), c.len_utf8()),
            c => (Token::Other(c), c.len_utf8()),
        };
        self.at += len;
        Some(token)
    }

    /// Items up to the end of the formula or of the group, cell, row,
    /// `\left` or environment they are in; the stop is read.
    fn items(&mut self) -> (Vec<String>, Stop) {
        let mut items = Vec::new();
        loop {
            let Some(token) = self.next() else { return (items, Stop::End) };
            let stop = match token {
                Token::Close => Some(Stop::Close),
                Token::Amp => Some(Stop::Amp),
                Token::Command("\\" | "cr") => {
                    self.skip_row_space();
                    Some(Stop::NewRow)
                }
                Token::Command("right") => Some(Stop::Right),
                Token::Command("end") => {
                    self.raw_group();
                    Some(Stop::EndEnv)
                }
                _ => None,
            };
            if let Some(stop) = stop {
                return (items, stop);
            }
            if let Some(atom) = self.atom(token) {
                items.push(self.scripts(atom));
            }
        }
    }

    /// `\\[2pt]`'s spacing, which the drawing leaves to the browser.
    fn skip_row_space(&mut self) {
        if self.rest().trim_start().starts_with('[') {
            self.skip_space();
            self.at += self.rest().find(']').map_or(self.rest().len(), |end| end + 1);
        }
    }

    /// The scripts after an atom, if any: `x^2`, `x_i`, `x'`, `\sum_{i=1}^n`.
    fn scripts(&mut self, base: Atom) -> String {
        let (mut sub, mut sup) = (None, None);
        let mut primes = String::new();
        loop {
            match self.peek() {
                Some(Token::Sub) if sub.is_none() => {
                    self.next();
                    sub = Some(self.argument());
                }
                Some(Token::Sup) if sup.is_none() => {
                    self.next();
                    sup = Some(self.argument());
                }
                Some(Token::Prime) if sup.is_none() => {
                    self.next();
                    primes.push('′');
                }
                _ => break,
            }
        }
        if !primes.is_empty() {
            let primes = format!("<mo>{primes}</mo>");
            sup = Some(sup.map_or(primes.clone(), |sup| format!("<mrow>{primes}{sup}</mrow>")));
        }
        let html = base.html;
        match (sub, sup, base.limits) {
            (None, None, _) => html,
            (Some(sub), None, true) => format!("<munder>{html}{sub}</munder>"),
            (None, Some(sup), true) => format!("<mover>{html}{sup}</mover>"),
            (Some(sub), Some(sup), true) => format!("<munderover>{html}{sub}{sup}</munderover>"),
            (Some(sub), None, false) => format!("<msub>{html}{sub}</msub>"),
            (None, Some(sup), false) => format!("<msup>{html}{sup}</msup>"),
            (Some(sub), Some(sup), false) => format!("<msubsup>{html}{sub}{sup}</msubsup>"),
        }
    }

    /// A command's argument, or a script: a `{group}` or one token; of a
    /// number, one digit, as TeX reads `\frac12` and `x^23`.
    fn argument(&mut self) -> String {
        self.skip_space();
        if let Some(digit) = self.rest().chars().next().filter(char::is_ascii_digit) {
            self.at += 1;
            let digit = self.font.map_or_else(|| digit.to_string(), |font| styled(font, digit));
            return format!("<mn>{digit}</mn>");
        }
        match self.next() {
            Some(Token::Open) => self.group(),
            Some(token) => self.atom(token).map_or_else(|| "<mrow></mrow>".into(), |a| a.html),
            None => "<mrow></mrow>".into(),
        }
    }

    /// The items of a group whose `{` was read, up to its `}`, as one row.
    fn group(&mut self) -> String {
        if self.depth >= MAX_DEPTH {
            return self.unread_rest();
        }
        self.depth += 1;
        let mut items = Vec::new();
        loop {
            let (mut more, stop) = self.items();
            items.append(&mut more);
            if matches!(stop, Stop::Close | Stop::End) {
                break;
            }
        }
        self.depth -= 1;
        row(items)
    }

    /// The rest of the formula, past what may be drawn, shown as written.
    fn unread_rest(&mut self) -> String {
        let rest = self.rest();
        self.at = self.src.len();
        format!("<merror><mtext>{}</mtext></merror>", escape(rest))
    }

    /// The text of a `{group}` as written, for `\text{}` and names.
    fn raw_group(&mut self) -> &'a str {
        self.skip_space();
        let rest = self.rest();
        if !rest.starts_with('{') {
            return "";
        }
        let mut depth = 0;
        for (at, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += at + 1;
                        return &rest[1..at];
                    }
                }
                _ => {}
            }
        }
        self.at = self.src.len();
        &rest[1..]
    }

    /// An argument in an alphabet of its own (`\mathbb{R}`).
    fn styled_argument(&mut self, font: Font) -> String {
        let outer = self.font.replace(font);
        let html = self.argument();
        self.font = outer;
        html
    }

    /// The markup of one token and the arguments it takes; `None` for
    /// what draws nothing (`\label`, `\displaystyle`). Every way the
    /// parser goes deeper passes here (`\frac\frac\frac…` takes no group),
    /// so the depth is counted here.
    fn atom(&mut self, token: Token<'a>) -> Option<Atom> {
        if self.depth >= MAX_DEPTH {
            return Some(Atom::new(self.unread_rest()));
        }
        self.depth += 1;
        let atom = self.atom_at_depth(token);
        self.depth -= 1;
        atom
    }

    fn atom_at_depth(&mut self, token: Token<'a>) -> Option<Atom> {
        let html = match token {
            Token::Open => self.group(),
            Token::Letter(c) => match self.font {
                Some(Font::Upright) => format!("<mi mathvariant=\"normal\">{}</mi>", escape(&c.to_string())),
                Some(font) => format!("<mi>{}</mi>", styled(font, c)),
                None => format!("<mi>{}</mi>", escape(&c.to_string())),
            },
            Token::Number(n) => match self.font {
                Some(font) => format!("<mn>{}</mn>", n.chars().map(|c| styled(font, c)).collect::<String>()),
                None => format!("<mn>{n}</mn>"),
            },
            Token::Other('~') => "<mspace width=\"0.25em\"></mspace>".into(),
            Token::Other(c) => operator(&operator_char(c).to_string()),
            // A script or prime with nothing before it.
            Token::Sup | Token::Sub | Token::Prime => {
                let script = if token == Token::Prime { "<mo>′</mo>".to_string() } else { self.argument() };
                let tag = if token == Token::Sub { "msub" } else { "msup" };
                format!("<{tag}><mrow></mrow>{script}</{tag}>")
            }
            Token::Close | Token::Amp => return None,
            Token::Command(name) => return self.command(name),
        };
        Some(Atom::new(html))
    }

    fn command(&mut self, name: &'a str) -> Option<Atom> {
        if let Some(symbol) = symbol(name) {
            return Some(Atom::new(symbol));
        }
        if let Some(op) = big_operator(name) {
            let limits = self.display && !matches!(name, "int" | "iint" | "iiint" | "oint");
            return Some(self.with_limits_flag(Atom { html: format!("<mo largeop=\"true\">{op}</mo>"), limits }));
        }
        if let Some(limits) = function(name) {
            return Some(self.with_limits_flag(Atom { html: format!("<mi>{name}</mi>"), limits: limits && self.display }));
        }
        if let Some(font) = font(name) {
            return Some(Atom::new(self.styled_argument(font)));
        }
        if let Some(accent) = accent(name) {
            let base = self.argument();
            let html = match name {
                "underline" | "underbrace" => format!("<munder accentunder=\"true\">{base}<mo>{accent}</mo></munder>"),
                _ => format!("<mover accent=\"true\">{base}<mo>{accent}</mo></mover>"),
            };
            return Some(Atom { html, limits: matches!(name, "overbrace" | "underbrace") });
        }
        if let Some(width) = space(name) {
            return Some(Atom::new(format!("<mspace width=\"{width}\"></mspace>")));
        }
        if let Some(size) = delimiter_size(name) {
            let delimiter = self.next().and_then(|t| delimiter(t)).unwrap_or_default();
            return Some(Atom::new(format!("<mo minsize=\"{size}\" maxsize=\"{size}\">{delimiter}</mo>")));
        }
        let html = match name {
            "frac" | "dfrac" | "tfrac" | "cfrac" => {
                let (top, bottom) = (self.argument(), self.argument());
                format!("<mfrac>{top}{bottom}</mfrac>")
            }
            "binom" | "dbinom" | "tbinom" => {
                let (top, bottom) = (self.argument(), self.argument());
                format!("<mrow><mo>(</mo><mfrac linethickness=\"0\">{top}{bottom}</mfrac><mo>)</mo></mrow>")
            }
            "sqrt" => {
                self.skip_space();
                if self.rest().starts_with('[') {
                    let end = self.rest().find(']').unwrap_or(self.rest().len());
                    let index = Tex { src: &self.rest()[1..end], at: 0, depth: self.depth + 1, display: false, font: None }.all();
                    self.at += (end + 1).min(self.rest().len());
                    let base = self.argument();
                    format!("<mroot>{base}{index}</mroot>")
                } else {
                    format!("<msqrt>{}</msqrt>", self.argument())
                }
            }
            "text" | "textrm" | "textnormal" | "mbox" | "hbox" | "textit" | "textbf" | "textsf" | "texttt" => {
                format!("<mtext>{}</mtext>", escape(self.raw_group()))
            }
            "operatorname" => {
                self.skip_star();
                format!("<mi>{}</mi>", escape(self.raw_group().trim()))
            }
            "overset" | "stackrel" => {
                let (over, base) = (self.argument(), self.argument());
                format!("<mover>{base}{over}</mover>")
            }
            "underset" => {
                let (under, base) = (self.argument(), self.argument());
                format!("<munder>{base}{under}</munder>")
            }
            "left" => return Some(Atom::new(self.fenced())),
            "middle" => format!("<mo>{}</mo>", self.next().and_then(delimiter).unwrap_or_default()),
            "begin" => return Some(Atom::new(self.environment())),
            "not" => {
                let next = self.next().and_then(|t| self.atom(t)).map(|a| a.html).unwrap_or_default();
                negated(&next)
            }
            "pmod" => format!("<mrow><mo>(</mo><mo>mod</mo>{}<mo>)</mo></mrow>", self.argument()),
            "bmod" | "mod" => "<mo>mod</mo>".into(),
            "phantom" => format!("<mphantom>{}</mphantom>", self.argument()),
            "bm" | "boldsymbol" => self.styled_argument(Font::BoldItalic),
            "boxed" | "mathop" | "mathbin" | "mathrel" | "mathord" => self.argument(),
            "color" | "textcolor" => {
                self.raw_group();
                if name == "textcolor" {
                    self.argument()
                } else {
                    return None;
                }
            }
            "label" | "tag" => {
                self.skip_star();
                self.raw_group();
                return None;
            }
            "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle" | "limits" | "nolimits" | "nonumber"
            | "notag" | "hline" | "relax" | "centering" => return None,
            _ => format!("<merror><mtext>\\{}</mtext></merror>", escape(name)),
        };
        Some(Atom::new(html))
    }

    /// The `*` of a starred command (`\operatorname*`, `\tag*`).
    fn skip_star(&mut self) {
        if self.rest().starts_with('*') {
            self.at += 1;
        }
    }

    /// `\limits` and `\nolimits` after a big operator choose where its
    /// scripts go.
    fn with_limits_flag(&mut self, atom: Atom) -> Atom {
        match self.peek() {
            Some(Token::Command("limits")) => {
                self.next();
                Atom { limits: true, ..atom }
            }
            Some(Token::Command("nolimits")) => {
                self.next();
                Atom { limits: false, ..atom }
            }
            _ => atom,
        }
    }

    /// `\left( … \right)`, whose `\left` was read.
    fn fenced(&mut self) -> String {
        let open = self.next().and_then(delimiter).unwrap_or_default();
        if self.depth >= MAX_DEPTH {
            return self.unread_rest();
        }
        self.depth += 1;
        let mut items = Vec::new();
        loop {
            let (mut more, stop) = self.items();
            items.append(&mut more);
            if matches!(stop, Stop::Right | Stop::End | Stop::Close) {
                break;
            }
        }
        self.depth -= 1;
        let close = self.next().and_then(delimiter).unwrap_or_default();
        fenced_row(&open, &items.concat(), &close)
    }

    /// `\begin{…} … \end{…}`, whose `\begin` was read: a table of cells
    /// split at `&` and rows at `\\`, fenced as the environment is.
    fn environment(&mut self) -> String {
        let name = self.raw_group().trim();
        if name == "array" || name == "alignat" || name == "alignat*" {
            self.raw_group();
        }
        let (open, close) = match name.trim_end_matches('*') {
            "pmatrix" => ("(", ")"),
            "bmatrix" => ("[", "]"),
            "Bmatrix" | "cases" => ("{", ""),
            "vmatrix" => ("|", "|"),
            "Vmatrix" => ("‖", "‖"),
            "rcases" => ("", "}"),
            _ => ("", ""),
        };
        let (open, close) = if name == "Bmatrix" { ("{", "}") } else { (open, close) };
        let align = match name.trim_end_matches('*') {
            "cases" | "rcases" => " columnalign=\"left left\"",
            "aligned" | "align" | "alignat" | "split" | "eqnarray" => " columnalign=\"right left right left\"",
            _ => "",
        };
        if self.depth >= MAX_DEPTH {
            return self.unread_rest();
        }
        self.depth += 1;
        let mut rows = Vec::new();
        let mut cells = Vec::new();
        loop {
            let (items, stop) = self.items();
            cells.push(format!("<mtd>{}</mtd>", items.concat()));
            if stop == Stop::Amp {
                continue;
            }
            let last = matches!(stop, Stop::EndEnv | Stop::End);
            // A row break just before the end makes no empty row.
            if !(last && cells.len() == 1 && cells[0] == "<mtd></mtd>") {
                rows.push(format!("<mtr>{}</mtr>", cells.concat()));
            }
            cells.clear();
            if last {
                break;
            }
        }
        self.depth -= 1;
        let table = format!("<mtable{align}>{}</mtable>", rows.concat());
        fenced_row(open, &table, close)
    }

    /// The whole of a small formula, as one row (a root's index).
    fn all(mut self) -> String {
        let mut items = Vec::new();
        loop {
            let (mut more, stop) = self.items();
            items.append(&mut more);
            if stop == Stop::End {
                return row(items);
            }
        }
    }
}

/// `inner` between the delimiters `open` and `close` (either may be none,
/// as `\left.` is), as one row.
fn fenced_row(open: &str, inner: &str, close: &str) -> String {
    let fence = |d: &str| if d.is_empty() { String::new() } else { format!("<mo fence=\"true\">{d}</mo>") };
    format!("<mrow>{}{inner}{}</mrow>", fence(open), fence(close))
}

/// One row of items: a single item as it is, several in an `<mrow>`.
fn row(items: Vec<String>) -> String {
    match items.len() {
        1 => items.into_iter().next().unwrap_or_default(),
        _ => format!("<mrow>{}</mrow>", items.concat()),
    }
}

fn operator(text: &str) -> String {
    format!("<mo>{}</mo>", escape(text))
}

/// How long a number starting `text` is: digits, with one decimal point
/// between digits.
fn number_len(text: &str) -> usize {
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let whole = digits(text);
    match text[whole..].strip_prefix('.') {
        Some(rest) if whole > 0 && digits(rest) > 0 => whole + 1 + digits(rest),
        _ => whole,
    }
}

/// TeX's typing of a few ASCII characters: its minus sign and asterisk.
fn operator_char(c: char) -> char {
    match c {
        '-' => '−',
        '*' => '∗',
        c => c,
    }
}

/// A delimiter after `\left`, `\right`, `\big` or `\middle`; `.` is none.
fn delimiter(token: Token<'_>) -> Option<String> {
    let text = match token {
        Token::Other('.') => "",
        Token::Other(c) => return Some(escape(&c.to_string())),
        Token::Command("{" | "lbrace") => "{",
        Token::Command("}" | "rbrace") => "}",
        Token::Command("|" | "Vert") => "‖",
        Token::Command("vert") => "|",
        Token::Command("langle") => "⟨",
        Token::Command("rangle") => "⟩",
        Token::Command("lfloor") => "⌊",
        Token::Command("rfloor") => "⌋",
        Token::Command("lceil") => "⌈",
        Token::Command("rceil") => "⌉",
        Token::Command("backslash") => "\\",
        _ => return None,
    };
    Some(text.to_string())
}

/// A symbol drawn as one identifier or operator, as markup.
fn symbol(name: &str) -> Option<String> {
    let greek = |c: &str| Some(format!("<mi>{c}</mi>"));
    let upright = |c: &str| Some(format!("<mi mathvariant=\"normal\">{c}</mi>"));
    let op = |c: &str| Some(format!("<mo>{c}</mo>"));
    match name {
        "alpha" => greek("α"),
        "beta" => greek("β"),
        "gamma" => greek("γ"),
        "delta" => greek("δ"),
        "epsilon" => greek("ϵ"),
        "varepsilon" => greek("ε"),
        "zeta" => greek("ζ"),
        "eta" => greek("η"),
        "theta" => greek("θ"),
        "vartheta" => greek("ϑ"),
        "iota" => greek("ι"),
        "kappa" => greek("κ"),
        "lambda" => greek("λ"),
        "mu" => greek("μ"),
        "nu" => greek("ν"),
        "xi" => greek("ξ"),
        "omicron" => greek("ο"),
        "pi" => greek("π"),
        "varpi" => greek("ϖ"),
        "rho" => greek("ρ"),
        "varrho" => greek("ϱ"),
        "sigma" => greek("σ"),
        "varsigma" => greek("ς"),
        "tau" => greek("τ"),
        "upsilon" => greek("υ"),
        "phi" => greek("ϕ"),
        "varphi" => greek("φ"),
        "chi" => greek("χ"),
        "psi" => greek("ψ"),
        "omega" => greek("ω"),
        "Gamma" => upright("Γ"),
        "Delta" => upright("Δ"),
        "Theta" => upright("Θ"),
        "Lambda" => upright("Λ"),
        "Xi" => upright("Ξ"),
        "Pi" => upright("Π"),
        "Sigma" => upright("Σ"),
        "Upsilon" => upright("Υ"),
        "Phi" => upright("Φ"),
        "Psi" => upright("Ψ"),
        "Omega" => upright("Ω"),
        "infty" => upright("∞"),
        "ell" => greek("ℓ"),
        "hbar" | "hslash" => greek("ℏ"),
        "imath" => greek("ı"),
        "jmath" => greek("ȷ"),
        "aleph" => upright("ℵ"),
        "Re" => upright("ℜ"),
        "Im" => upright("ℑ"),
        "wp" => upright("℘"),
        "partial" => upright("∂"),
        "nabla" => upright("∇"),
        "emptyset" | "varnothing" => upright("∅"),
        "top" => upright("⊤"),
        "angle" => upright("∠"),
        "triangle" => upright("△"),
        "prime" => op("′"),
        "forall" => op("∀"),
        "exists" => op("∃"),
        "nexists" => op("∄"),
        "neg" | "lnot" => op("¬"),
        "le" | "leq" => op("≤"),
        "ge" | "geq" => op("≥"),
        "leqslant" => op("⩽"),
        "geqslant" => op("⩾"),
        "ne" | "neq" => op("≠"),
        "approx" => op("≈"),
        "sim" => op("∼"),
        "simeq" => op("≃"),
        "cong" => op("≅"),
        "equiv" => op("≡"),
        "propto" => op("∝"),
        "ll" => op("≪"),
        "gg" => op("≫"),
        "prec" => op("≺"),
        "succ" => op("≻"),
        "preceq" => op("⪯"),
        "succeq" => op("⪰"),
        "doteq" => op("≐"),
        "coloneqq" => op("≔"),
        "triangleq" => op("≜"),
        "subset" => op("⊂"),
        "supset" => op("⊃"),
        "subseteq" => op("⊆"),
        "supseteq" => op("⊇"),
        "subsetneq" => op("⊊"),
        "supsetneq" => op("⊋"),
        "in" | "isin" => op("∈"),
        "notin" => op("∉"),
        "ni" | "owns" => op("∋"),
        "cup" => op("∪"),
        "cap" => op("∩"),
        "sqcup" => op("⊔"),
        "sqcap" => op("⊓"),
        "setminus" => op("∖"),
        "backslash" => op("\\"),
        "times" => op("×"),
        "div" => op("÷"),
        "cdot" => op("⋅"),
        "cdots" => op("⋯"),
        "ldots" | "dots" | "dotsc" | "dotsb" => op("…"),
        "vdots" => op("⋮"),
        "ddots" => op("⋱"),
        "pm" => op("±"),
        "mp" => op("∓"),
        "ast" => op("∗"),
        "star" => op("⋆"),
        "circ" => op("∘"),
        "bullet" => op("∙"),
        "oplus" => op("⊕"),
        "ominus" => op("⊖"),
        "otimes" => op("⊗"),
        "odot" => op("⊙"),
        "wedge" | "land" => op("∧"),
        "vee" | "lor" => op("∨"),
        "wr" => op("≀"),
        "dagger" => op("†"),
        "ddagger" => op("‡"),
        "to" | "rightarrow" => op("→"),
        "leftarrow" | "gets" => op("←"),
        "leftrightarrow" => op("↔"),
        "Rightarrow" => op("⇒"),
        "Leftarrow" => op("⇐"),
        "Leftrightarrow" => op("⇔"),
        "iff" | "Longleftrightarrow" => op("⟺"),
        "implies" | "Longrightarrow" => op("⟹"),
        "impliedby" | "Longleftarrow" => op("⟸"),
        "longrightarrow" => op("⟶"),
        "longleftarrow" => op("⟵"),
        "longleftrightarrow" => op("⟷"),
        "mapsto" => op("↦"),
        "longmapsto" => op("⟼"),
        "hookrightarrow" => op("↪"),
        "hookleftarrow" => op("↩"),
        "uparrow" => op("↑"),
        "downarrow" => op("↓"),
        "updownarrow" => op("↕"),
        "Uparrow" => op("⇑"),
        "Downarrow" => op("⇓"),
        "nearrow" => op("↗"),
        "searrow" => op("↘"),
        "leadsto" | "rightsquigarrow" => op("⇝"),
        "rightleftharpoons" => op("⇌"),
        "perp" | "bot" => op("⊥"),
        "mid" => op("∣"),
        "nmid" => op("∤"),
        "parallel" => op("∥"),
        "vert" => op("|"),
        "|" | "Vert" => op("‖"),
        "langle" => op("⟨"),
        "rangle" => op("⟩"),
        "lfloor" => op("⌊"),
        "rfloor" => op("⌋"),
        "lceil" => op("⌈"),
        "rceil" => op("⌉"),
        "{" | "lbrace" => op("{"),
        "}" | "rbrace" => op("}"),
        "colon" => op(":"),
        "vdash" => op("⊢"),
        "dashv" => op("⊣"),
        "models" => op("⊨"),
        "therefore" => op("∴"),
        "because" => op("∵"),
        "lhd" | "triangleleft" => op("⊲"),
        "rhd" | "triangleright" => op("⊳"),
        "unlhd" | "trianglelefteq" => op("⊴"),
        "unrhd" | "trianglerighteq" => op("⊵"),
        "%" => op("%"),
        "$" => op("$"),
        "#" => op("#"),
        "&" => op("&amp;"),
        "_" => op("_"),
        _ => None,
    }
}

/// A big operator's character (`\sum`), whose scripts go above and
/// below it in display math.
fn big_operator(name: &str) -> Option<&'static str> {
    Some(match name {
        "sum" => "∑",
        "prod" => "∏",
        "coprod" => "∐",
        "int" => "∫",
        "iint" => "∬",
        "iiint" => "∭",
        "oint" => "∮",
        "bigcup" => "⋃",
        "bigcap" => "⋂",
        "bigoplus" => "⨁",
        "bigotimes" => "⨂",
        "bigodot" => "⨀",
        "bigvee" => "⋁",
        "bigwedge" => "⋀",
        "bigsqcup" => "⨆",
        "biguplus" => "⨄",
        _ => return None,
    })
}

/// Whether `name` is a function set upright (`\sin`), and if so whether
/// its subscript goes below it in display math (`\lim_{x \to 0}`).
fn function(name: &str) -> Option<bool> {
    match name {
        "lim" | "liminf" | "limsup" | "max" | "min" | "sup" | "inf" | "det" | "gcd" | "Pr" | "argmax" | "argmin" => {
            Some(true)
        }
        "sin" | "cos" | "tan" | "cot" | "sec" | "csc" | "sinh" | "cosh" | "tanh" | "coth" | "arcsin" | "arccos"
        | "arctan" | "log" | "ln" | "lg" | "exp" | "arg" | "deg" | "dim" | "ker" | "hom" => Some(false),
        _ => None,
    }
}

fn font(name: &str) -> Option<Font> {
    Some(match name {
        "mathrm" | "rm" | "mathup" => Font::Upright,
        "mathbf" | "bf" | "mathbfup" => Font::Bold,
        "mathit" | "it" => Font::Italic,
        "mathbb" | "Bbb" => Font::DoubleStruck,
        "mathcal" | "mathscr" => Font::Script,
        "mathfrak" => Font::Fraktur,
        "mathsf" => Font::SansSerif,
        "mathtt" => Font::Monospace,
        _ => return None,
    })
}

/// The mark an accent command puts over (or under) its argument.
fn accent(name: &str) -> Option<&'static str> {
    Some(match name {
        "hat" | "widehat" => "^",
        "check" => "ˇ",
        "tilde" | "widetilde" => "~",
        "bar" | "overline" => "‾",
        "underline" => "_",
        "vec" | "overrightarrow" => "→",
        "overleftarrow" => "←",
        "dot" => "˙",
        "ddot" => "¨",
        "acute" => "´",
        "grave" => "`",
        "breve" => "˘",
        "overbrace" => "⏞",
        "underbrace" => "⏟",
        _ => return None,
    })
}

fn space(name: &str) -> Option<&'static str> {
    Some(match name {
        "," | "thinspace" => "0.1667em",
        ":" | ">" | "medspace" => "0.2222em",
        ";" | "thickspace" => "0.2778em",
        " " => "0.25em",
        "quad" => "1em",
        "qquad" => "2em",
        "!" | "negthinspace" => "-0.1667em",
        _ => return None,
    })
}

fn delimiter_size(name: &str) -> Option<&'static str> {
    Some(match name {
        "big" | "bigl" | "bigr" | "bigm" => "1.2em",
        "Big" | "Bigl" | "Bigr" | "Bigm" => "1.8em",
        "bigg" | "biggl" | "biggr" | "biggm" => "2.4em",
        "Bigg" | "Biggl" | "Biggr" | "Biggm" => "3em",
        _ => return None,
    })
}

/// `\not` before a symbol: its crossed-out form where there is one, else
/// the symbol with a slash laid over it.
fn negated(html: &str) -> String {
    let crossed = [("=", "≠"), ("∈", "∉"), ("≡", "≢"), ("⊂", "⊄"), ("⊆", "⊈"), ("∼", "≁"), ("≤", "≰"), ("≥", "≱")];
    for (plain, crossed) in crossed {
        if html == format!("<mo>{plain}</mo>") {
            return format!("<mo>{crossed}</mo>");
        }
    }
    match html.strip_prefix("<mo>").and_then(|h| h.strip_suffix("</mo>")) {
        Some(symbol) => format!("<mo>{symbol}\u{338}</mo>"),
        None => format!("<mrow><mo>¬</mo>{html}</mrow>"),
    }
}

/// A letter or digit in one of the alphabets of Unicode's Mathematical
/// Alphanumeric Symbols, which is how MathML draws `\mathbb{R}`; what an
/// alphabet lacks stays as it is.
fn styled(font: Font, c: char) -> String {
    // The letters the block leaves out, as Unicode had them already.
    let held_over = match (font, c) {
        (Font::Italic, 'h') => Some('ℎ'),
        (Font::Script, 'B') => Some('ℬ'),
        (Font::Script, 'E') => Some('ℰ'),
        (Font::Script, 'F') => Some('ℱ'),
        (Font::Script, 'H') => Some('ℋ'),
        (Font::Script, 'I') => Some('ℐ'),
        (Font::Script, 'L') => Some('ℒ'),
        (Font::Script, 'M') => Some('ℳ'),
        (Font::Script, 'R') => Some('ℛ'),
        (Font::Script, 'e') => Some('ℯ'),
        (Font::Script, 'g') => Some('ℊ'),
        (Font::Script, 'o') => Some('ℴ'),
        (Font::Fraktur, 'C') => Some('ℭ'),
        (Font::Fraktur, 'H') => Some('ℌ'),
        (Font::Fraktur, 'I') => Some('ℑ'),
        (Font::Fraktur, 'R') => Some('ℜ'),
        (Font::Fraktur, 'Z') => Some('ℨ'),
        (Font::DoubleStruck, 'C') => Some('ℂ'),
        (Font::DoubleStruck, 'H') => Some('ℍ'),
        (Font::DoubleStruck, 'N') => Some('ℕ'),
        (Font::DoubleStruck, 'P') => Some('ℙ'),
        (Font::DoubleStruck, 'Q') => Some('ℚ'),
        (Font::DoubleStruck, 'R') => Some('ℝ'),
        (Font::DoubleStruck, 'Z') => Some('ℤ'),
        _ => None,
    };
    // Where each alphabet's capitals, small letters and digits start.
    let (capitals, small, digits) = match font {
        Font::Upright => (None, None, None),
        Font::Bold => (Some(0x1D400), Some(0x1D41A), Some(0x1D7CE)),
        Font::Italic => (Some(0x1D434), Some(0x1D44E), None),
        Font::BoldItalic => (Some(0x1D468), Some(0x1D482), Some(0x1D7CE)),
        Font::Script => (Some(0x1D49C), Some(0x1D4B6), None),
        Font::Fraktur => (Some(0x1D504), Some(0x1D51E), None),
        Font::DoubleStruck => (Some(0x1D538), Some(0x1D552), Some(0x1D7D8)),
        Font::SansSerif => (Some(0x1D5A0), Some(0x1D5BA), Some(0x1D7E2)),
        Font::Monospace => (Some(0x1D670), Some(0x1D68A), Some(0x1D7F6)),
    };
    let start = match c {
        'A'..='Z' => capitals.map(|s| s + (c as u32 - 'A' as u32)),
        'a'..='z' => small.map(|s| s + (c as u32 - 'a' as u32)),
        '0'..='9' => digits.map(|s| s + (c as u32 - '0' as u32)),
        _ => None,
    };
    let styled = held_over.or_else(|| start.and_then(char::from_u32)).unwrap_or(c);
    escape(&styled.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The formula's MathML without its `<math>` wrapper and TeX annotation.
    fn inner(tex: &str) -> String {
        let html = to_mathml(tex, false);
        let start = "<math><semantics>".len();
        let end = html.find("<annotation").unwrap();
        html[start..end].to_string()
    }

    #[test]
    fn letters_numbers_and_operators() {
        assert_eq!(inner("x+1"), "<mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow>");
        assert_eq!(inner("a - 3.14"), "<mrow><mi>a</mi><mo>−</mo><mn>3.14</mn></mrow>");
        assert_eq!(inner("a < b"), "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>");
        assert_eq!(inner("\\alpha \\le \\Omega"), "<mrow><mi>α</mi><mo>≤</mo><mi mathvariant=\"normal\">Ω</mi></mrow>");
    }

    #[test]
    fn scripts_fractions_and_roots() {
        assert_eq!(inner("x^2"), "<msup><mi>x</mi><mn>2</mn></msup>");
        assert_eq!(inner("x_i^{n+1}"), "<msubsup><mi>x</mi><mi>i</mi><mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow></msubsup>");
        assert_eq!(inner("f'"), "<msup><mi>f</mi><mo>′</mo></msup>");
        assert_eq!(inner("\\frac{a}{b}"), "<mfrac><mi>a</mi><mi>b</mi></mfrac>");
        assert_eq!(inner("\\frac12"), "<mfrac><mn>1</mn><mn>2</mn></mfrac>");
        assert_eq!(inner("x^23"), "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>");
        assert_eq!(inner("f'^2"), "<msup><mi>f</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>");
        assert_eq!(inner("\\sqrt{2}"), "<msqrt><mn>2</mn></msqrt>");
        assert_eq!(inner("\\sqrt[3]{x}"), "<mroot><mi>x</mi><mn>3</mn></mroot>");
    }

    #[test]
    fn big_operators_take_limits_in_display_math_only() {
        let display = to_mathml("\\sum_{i=1}^n i", true);
        assert!(display.starts_with("<math display=\"block\">"), "{display}");
        assert!(display.contains("<munderover><mo largeop=\"true\">∑</mo>"), "{display}");
        assert!(inner("\\sum_{i=1}^n i").contains("<msubsup><mo largeop=\"true\">∑</mo>"));
        assert!(to_mathml("\\int_0^1 f", true).contains("<msubsup>"), "integrals keep their limits beside");
        assert!(to_mathml("\\lim_{x \\to 0} f", true).contains("<munder><mi>lim</mi>"));
        assert_eq!(inner("\\sin x"), "<mrow><mi>sin</mi><mi>x</mi></mrow>");
    }

    #[test]
    fn fonts_fences_text_and_environments() {
        assert_eq!(inner("\\mathbb{R}"), "<mi>ℝ</mi>");
        assert_eq!(inner("\\mathbf{v}"), "<mi>𝐯</mi>");
        assert_eq!(inner("\\mathcal{L}"), "<mi>ℒ</mi>");
        assert_eq!(inner("\\mathrm{d}"), "<mi mathvariant=\"normal\">d</mi>");
        assert_eq!(
            inner("\\left( x \\right]"),
            "<mrow><mo fence=\"true\">(</mo><mi>x</mi><mo fence=\"true\">]</mo></mrow>"
        );
        assert_eq!(inner("\\text{if } x"), "<mrow><mtext>if </mtext><mi>x</mi></mrow>");
        assert_eq!(
            inner("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}"),
            "<mrow><mo fence=\"true\">(</mo><mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>\
             <mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable><mo fence=\"true\">)</mo></mrow>"
        );
        let cases = inner("f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\\\ \\end{cases}");
        assert_eq!(cases.matches("<mtr>").count(), 2, "a closing \\\\ makes no empty row: {cases}");
        assert!(cases.contains("columnalign=\"left left\""), "{cases}");
    }

    #[test]
    fn what_it_cannot_draw_is_shown_as_written_and_never_as_markup() {
        assert_eq!(inner("\\foo x"), "<mrow><merror><mtext>\\foo</mtext></merror><mi>x</mi></mrow>");
        let hostile = to_mathml("\\text{</math><script>alert(1)</script>} <img src=x onerror=alert(1)>", false);
        assert!(!hostile.contains("<script") && !hostile.contains("<img"), "{hostile}");
        assert!(!to_mathml("\\operatorname{<b>}", false).contains("<b>"));
        for deep in [
            format!("{}x{}", "{".repeat(10_000), "}".repeat(10_000)),
            "\\frac".repeat(100_000),
            "\\sqrt[".repeat(10_000),
            "\\sqrt".repeat(100_000),
            "^".repeat(100_000),
            "\\not".repeat(100_000),
            "\\left(".repeat(10_000),
            "\\begin{matrix}".repeat(10_000),
            "\\mathbb".repeat(100_000),
        ] {
            assert!(to_mathml(&deep, true).contains("<merror>"), "nesting past the limit is shown as written: {}", &deep[..20]);
        }
        let unclosed = to_mathml("\\frac{a}{b \\left( \\begin{matrix} x &", false);
        assert!(unclosed.ends_with("</math>"), "{unclosed}");
        for tex in ["", "}", "^", "_", "\\", "\\left", "\\sqrt[", "\\begin{", "'''", "x^^", "\\not"] {
            assert!(to_mathml(tex, false).ends_with("</math>"), "{tex:?}");
        }
    }
}
