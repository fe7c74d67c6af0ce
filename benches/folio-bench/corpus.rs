//! Blogs of any size from varied, made-up text: a few hundred real English
//! words for the common vocabulary, invented words for the long tail, drawn
//! with Zipf's law as real prose is, in posts shaped like real ones
//! (headings, lists, code, links), with some posts in Japanese.
//!
//! The same seed always gives the same blog, so figures can be compared.

use folio::core::markdown::{render_html, RenderContext};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// Common words of a programmer's blog, most frequent first.
const COMMON: &str = "the of and to a in is that it for on with as was this at be by from or an are not have but \
you they we can which one all were there their will would more when if about what so has into been only other time \
some them these could than then its also two like first may over after new most way work use used well just where \
code build test tests rust server static site sites page pages post posts blog search index file files data app \
browser release version bug bugs fix fixed team people talk talks conference week day days year morning evening \
train coffee bread baking sourdough dough oven flour water yeast starter kitchen recipe notes reading writing book \
books editor terminal shell compiler linter formatter deploy deployment host cache caching network request response \
memory speed fast slow small large simple hard easy router routing render rendering markdown component components \
signal signals state error errors message messages retry query queries shard shards benchmark benchmarks figure \
figures measure measured library libraries crate crates package packages module modules function functions type types \
trait traits async await future futures thread threads lock locks queue queues stream streams parse parser parsing \
format formats json binary text unicode language languages english japanese travel city station ticket hotel \
walk walking running runner garden rain winter summer spring autumn night light dark theme colour font fonts layout \
design designer review reviews maintainer maintainers open source community meetup workshop keynote slides question \
answer questions answers learn learned lesson lessons mistake mistakes habit habits tool tools tooling workflow";

/// Syllables the invented words are made of.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "vor", "sel", "qui", "dan", "bre", "hol", "pix", "tra", "mon", "zel", "fu", "gri",
    "nas", "ple", "ost", "cur", "ved", "lin", "sha", "mor", "pek", "ru", "dis", "ton", "ae",
];

/// Japanese words for the posts written in Japanese.
const JAPANESE: &[&str] = &[
    "東京", "京都", "大阪", "旅行", "料理", "写真", "技術", "開発", "会議", "電車", "駅", "朝", "夜", "本", "検索",
    "静的", "サイト", "ブログ", "記事", "パン", "コーヒー", "桜", "雨", "山", "海", "友達", "仕事", "言語", "日本語",
];

const CATEGORIES: &[&str] = &[
    "Rust", "Tooling", "Conferences", "Baking", "Travel", "Notes", "Open Source", "Web", "Books", "Hardware", "Life",
    "Release Notes",
];

/// Options for one blog.
pub struct Corpus {
    pub posts: usize,
    pub seed: u64,
}

/// SplitMix64: small, fast and good enough to make text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The vocabulary, with cumulative Zipf weights for drawing words.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(rng: &mut Rng, invented: usize) -> Vocabulary {
        let mut words: Vec<String> = COMMON.split_whitespace().map(String::from).collect();
        while words.len() < invented {
            let syllables = rng.between(2, 4);
            words.push((0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect());
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.07);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let top = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * top;
        &self.words[self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1)]
    }
}

/// Writes the blog's posts as Markdown into `posts`, and, when `html` is
/// given, each post as a plain HTML page there too (for Pagefind).
pub fn write(corpus: &Corpus, posts: &Path, html: Option<&Path>) -> io::Result<()> {
    let mut rng = Rng(corpus.seed);
    let vocabulary = Vocabulary::new(&mut rng, 12_000 + corpus.posts * 3);
    let tags: Vec<String> = (0..80).map(|_| vocabulary.word(&mut rng).to_string()).collect();
    fs::create_dir_all(posts)?;
    for n in 0..corpus.posts {
        let japanese = rng.chance(2);
        let title = if japanese { japanese_sentence(&mut rng, 3) } else { sentence(&vocabulary, &mut rng, 3, 8, false) };
        let slug = format!("post-{n:06}");
        let day = n * 3650 / corpus.posts.max(1);
        let date = format!("{}-{:02}-{:02}", 2016 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
        let category = CATEGORIES[rng.below(CATEGORIES.len())];
        let mut post_tags: Vec<&str> = (0..rng.between(1, 4)).map(|_| tags[rng.below(tags.len())].as_str()).collect();
        post_tags.sort_unstable();
        post_tags.dedup();
        let body = if japanese { japanese_body(&mut rng) } else { body(&vocabulary, &mut rng) };
        let mut file = String::new();
        let _ = writeln!(file, "---\ntitle: \"{}\"\ndate: {date}\ncategories: [\"{category}\"]", title.replace('"', ""));
        let _ = writeln!(file, "tags: [{}]\n---\n", post_tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", "));
        file.push_str(&body);
        fs::write(posts.join(format!("{date}-{slug}.md")), &file)?;
        if let Some(html) = html {
            let none = std::collections::BTreeMap::new();
            let links = RenderContext { site_base: "/", post_dir: "posts/", page_path: "/", marks: &[], code: &[], post_links: &none };
            let page = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
                 <body><main data-pagefind-body><h1>{title}</h1>{}</main></body></html>",
                render_html(&body, &links)
            );
            let dir = html.join("post").join(&slug);
            fs::create_dir_all(&dir)?;
            fs::write(dir.join("index.html"), page)?;
        }
    }
    Ok(())
}

fn sentence(vocabulary: &Vocabulary, rng: &mut Rng, min: usize, max: usize, period: bool) -> String {
    let mut words: Vec<String> = (0..rng.between(min, max)).map(|_| vocabulary.word(rng).to_string()).collect();
    if let Some(first) = words.first_mut() {
        *first = first[..1].to_uppercase() + &first[1..];
    }
    let mut s = words.join(" ");
    if period {
        s.push('.');
    }
    s
}

fn body(vocabulary: &Vocabulary, rng: &mut Rng) -> String {
    let mut out = String::new();
    for block in 0..rng.between(4, 16) {
        match rng.below(10) {
            0 if block > 0 => {
                let _ = writeln!(out, "## {}\n", sentence(vocabulary, rng, 2, 5, false));
            }
            1 => {
                for _ in 0..rng.between(2, 5) {
                    let _ = writeln!(out, "- {}", sentence(vocabulary, rng, 3, 9, false));
                }
                out.push('\n');
            }
            2 => {
                let name = vocabulary.word(rng).to_string();
                let _ = writeln!(out, "```rust\nfn {name}() -> u32 {{\n    {}\n}}\n```\n", rng.below(1000));
            }
            _ => {
                let sentences: Vec<String> = (0..rng.between(2, 7)).map(|_| sentence(vocabulary, rng, 6, 20, true)).collect();
                let mut paragraph = sentences.join(" ");
                if rng.chance(20) {
                    let _ = write!(paragraph, " See [{}](https://example.com/{}).", vocabulary.word(rng), rng.below(999));
                }
                let _ = writeln!(out, "{paragraph}\n");
            }
        }
    }
    out
}

fn japanese_sentence(rng: &mut Rng, words: usize) -> String {
    (0..words + rng.below(3)).map(|_| JAPANESE[rng.below(JAPANESE.len())]).collect::<Vec<_>>().join("の")
}

fn japanese_body(rng: &mut Rng) -> String {
    (0..rng.between(3, 8)).map(|_| format!("{}。\n\n", japanese_sentence(rng, 6))).collect()
}
