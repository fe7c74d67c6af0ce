//! Words as search sees them: split on anything that is not a letter or a
//! digit, lowercased, with diacritics folded (`Café` → `cafe`), so a reader
//! finds a post whatever accents they type. An apostrophe inside a word
//! joins it (`don't` → `dont`, `Rust's` → `rusts`, which stems to `rust`).
//!
//! Chinese, Japanese and Korean are written without spaces, so a run of
//! those characters becomes overlapping two-character pieces (`東京都` →
//! `東京`, `京都`): a query's pieces must all appear, which finds the words
//! without a dictionary, if less precisely than for spaced scripts.

/// Splits text into folded search words.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let mut out = Vec::new();
    for_each_word(text, |_, word| out.push(word.to_string()));
    out.into_iter()
}

/// Calls `found` with each search word of `text` and the byte range it
/// came from, so matches can be marked in the original text. The words
/// are made in buffers used again for the next word: indexing a large blog
/// calls this for every word of every post.
pub fn for_each_word(text: &str, mut found: impl FnMut(std::ops::Range<usize>, &str)) {
    // The word so far: where it starts and where its last letter ends; its
    // letters are in `letters`.
    let mut word: Option<(usize, usize)> = None;
    let (mut letters, mut folded) = (String::new(), String::new());
    let mut cjk: Vec<(usize, char)> = Vec::new();
    let mut end_word = |word: &mut Option<(usize, usize)>, letters: &mut String, found: &mut dyn FnMut(std::ops::Range<usize>, &str)| {
        if let Some((start, end)) = word.take() {
            fold_into(letters, &mut folded);
            found(start..end, &folded);
            letters.clear();
        }
    };
    for (at, c) in text.char_indices() {
        if is_cjk(c) {
            end_word(&mut word, &mut letters, &mut found);
            cjk.push((at, c));
            continue;
        }
        if !cjk.is_empty() {
            end_cjk(&mut cjk, at, &mut found);
        }
        if c.is_alphanumeric() {
            let (_, end) = word.get_or_insert((at, at));
            letters.push(c);
            *end = at + c.len_utf8();
        } else if !(is_apostrophe(c) && word.is_some()) {
            // An apostrophe inside a word joins it; anything else ends it.
            end_word(&mut word, &mut letters, &mut found);
        }
    }
    end_word(&mut word, &mut letters, &mut found);
    end_cjk(&mut cjk, text.len(), &mut found);
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Emits a run of CJK characters as overlapping pairs (a lone character as
/// itself) and empties it; `end` is where the run stops.
fn end_cjk(run: &mut Vec<(usize, char)>, end: usize, found: &mut dyn FnMut(std::ops::Range<usize>, &str)) {
    let mut pair = [0u8; 8];
    match run.len() {
        0 => {}
        1 => found(run[0].0..end, run[0].1.encode_utf8(&mut pair)),
        n => {
            for i in 0..n - 1 {
                let stop = run.get(i + 2).map_or(end, |(at, _)| *at);
                let first = run[i].1.encode_utf8(&mut pair).len();
                let second = run[i + 1].1.encode_utf8(&mut pair[first..]).len();
                found(run[i].0..stop, std::str::from_utf8(&pair[..first + second]).expect("two chars are UTF-8"));
            }
        }
    }
    run.clear();
}

/// Whether a character is Chinese, Japanese or Korean (Han, Hiragana,
/// Katakana, Hangul): searched by pairs of characters, as their words
/// cannot be told apart by spaces alone.
pub fn is_cjk(c: char) -> bool {
    // Asked of every character a build indexes: most are below them all.
    c >= '\u{1100}' && (is_han_or_kana(c) || matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F))
}

/// Han and kana: Chinese and Japanese, which put no spaces between words,
/// so are read (and counted) by the character. Korean puts spaces between
/// its words.
pub fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Lowercases a word and strips diacritics from Latin letters.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into `out`, replacing what it held.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        match base_letter(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
}

/// The plain form of an accented Latin letter (already lowercased).
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        let cases = [("Café", "cafe"), ("NAÏVE", "naive"), ("Straße", "strasse"), ("Œuvre", "oeuvre"), ("Łódź", "lodz"), ("日本語", "日本語")];
        for (word, folded) in cases {
            assert_eq!(fold(word), folded, "{word}");
        }
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        let got: Vec<String> = words("Rust's async/await — in 2024, café-crème! don’t 'quoted'").collect();
        assert_eq!(got, ["rusts", "async", "await", "in", "2024", "cafe", "creme", "dont", "quoted"]);
    }

    #[test]
    fn words_know_where_they_came_from() {
        let text = "Don't panic, 東京へ!";
        let mut got = Vec::new();
        for_each_word(text, |range, word| got.push((&text[range], word.to_string())));
        let expected = [("Don't", "dont"), ("panic", "panic"), ("東京", "東京"), ("京へ", "京へ")];
        assert_eq!(got, expected.map(|(a, b)| (a, b.to_string())));
    }

    #[test]
    fn cjk_runs_become_overlapping_pairs() {
        let got: Vec<String> = words("東京都に行く Rustで書く 語").collect();
        assert_eq!(got, ["東京", "京都", "都に", "に行", "行く", "rust", "で書", "書く", "語"]);
        let got: Vec<String> = words("한국어 문법").collect();
        assert_eq!(got, ["한국", "국어", "문법"]);
    }
}
