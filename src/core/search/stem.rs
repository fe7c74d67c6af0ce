//! English stemming (Porter's 1980 algorithm, as revised in his reference
//! implementation), so "running", "runs" and "run" meet at one index term.
//!
//! Only plain ASCII words are stemmed: after [`super::text::fold`] that is
//! every English word, and other scripts are left as they are.

/// The stem of a folded word.
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = Word(word.as_bytes().to_vec());
    w.step1ab();
    w.step1c();
    w.step2();
    w.step3();
    w.step4();
    w.step5();
    String::from_utf8(w.0).expect("ASCII in, ASCII out")
}

struct Word(Vec<u8>);

impl Word {
    /// Whether the letter at `i` is a consonant (`y` after a consonant is a vowel).
    fn is_consonant(&self, i: usize) -> bool {
        match self.0[i] {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.is_consonant(i - 1),
            _ => true,
        }
    }

    /// The number of vowel–consonant sequences in the first `len` letters.
    fn measure(&self, len: usize) -> usize {
        let mut m = 0;
        let mut i = 0;
        while i < len && self.is_consonant(i) {
            i += 1;
        }
        loop {
            while i < len && !self.is_consonant(i) {
                i += 1;
            }
            if i >= len {
                return m;
            }
            while i < len && self.is_consonant(i) {
                i += 1;
            }
            m += 1;
        }
    }

    fn has_vowel(&self, len: usize) -> bool {
        (0..len).any(|i| !self.is_consonant(i))
    }

    /// Whether the first `len` letters end in a double consonant.
    fn double_consonant(&self, len: usize) -> bool {
        len >= 2 && self.0[len - 1] == self.0[len - 2] && self.is_consonant(len - 1)
    }

    /// Whether the first `len` letters end consonant–vowel–consonant, the
    /// last not w, x or y (`hop`, not `hoy`).
    fn cvc(&self, len: usize) -> bool {
        len >= 3
            && self.is_consonant(len - 3)
            && !self.is_consonant(len - 2)
            && self.is_consonant(len - 1)
            && !matches!(self.0[len - 1], b'w' | b'x' | b'y')
    }

    fn ends(&self, suffix: &str) -> bool {
        self.0.ends_with(suffix.as_bytes())
    }

    /// Length of the word without `suffix`, if it ends in it.
    fn stem_len(&self, suffix: &str) -> Option<usize> {
        self.ends(suffix).then(|| self.0.len() - suffix.len())
    }

    fn replace(&mut self, stem_len: usize, with: &str) {
        self.0.truncate(stem_len);
        self.0.extend_from_slice(with.as_bytes());
    }

    /// Replaces the first matching suffix of `rules` when the stem's measure
    /// is above `min_measure`.
    fn apply(&mut self, rules: &[(&str, &str)], min_measure: usize) {
        for (suffix, with) in rules {
            if let Some(len) = self.stem_len(suffix) {
                if self.measure(len) > min_measure {
                    self.replace(len, with);
                }
                return;
            }
        }
    }

    fn step1ab(&mut self) {
        if self.ends("sses") || self.ends("ies") {
            let len = self.0.len();
            self.0.truncate(len - 2);
        } else if self.ends("s") && !self.ends("ss") {
            self.0.pop();
        }
        if let Some(len) = self.stem_len("eed") {
            if self.measure(len) > 0 {
                self.0.pop();
            }
            return;
        }
        let Some(len) = self.stem_len("ed").or_else(|| self.stem_len("ing")).filter(|&len| self.has_vowel(len)) else {
            return;
        };
        self.0.truncate(len);
        if self.ends("at") || self.ends("bl") || self.ends("iz") {
            self.0.push(b'e');
        } else if self.double_consonant(len) && !matches!(self.0[len - 1], b'l' | b's' | b'z') {
            self.0.pop();
        } else if self.measure(len) == 1 && self.cvc(len) {
            self.0.push(b'e');
        }
    }

    fn step1c(&mut self) {
        let len = self.0.len();
        if self.ends("y") && self.has_vowel(len - 1) {
            self.0[len - 1] = b'i';
        }
    }

    fn step2(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
            ("logi", "log"),
        ];
        self.apply(RULES, 0);
    }

    fn step3(&mut self) {
        const RULES: &[(&str, &str)] =
            &[("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")];
        self.apply(RULES, 0);
    }

    fn step4(&mut self) {
        const SUFFIXES: &[&str] = &[
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
            "iti", "ous", "ive", "ize",
        ];
        // Longest match first, as the reference implementation's switch does.
        let Some(suffix) = SUFFIXES.iter().filter(|s| self.ends(s)).max_by_key(|s| s.len()) else {
            return;
        };
        let len = self.0.len() - suffix.len();
        if *suffix == "ion" && !(len > 0 && matches!(self.0[len - 1], b's' | b't')) {
            return;
        }
        if self.measure(len) > 1 {
            self.0.truncate(len);
        }
    }

    fn step5(&mut self) {
        if let Some(len) = self.stem_len("e") {
            let m = self.measure(len);
            if m > 1 || (m == 1 && !self.cvc(len)) {
                self.0.truncate(len);
            }
        }
        let len = self.0.len();
        if self.measure(len) > 1 && self.double_consonant(len) && self.ends("l") {
            self.0.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn known_stems() {
        // Pairs from Porter's published sample vocabulary and output.
        let cases = [
            ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("cats", "cat"), ("feed", "feed"),
            ("agreed", "agre"), ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"),
            ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
            ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
            ("filing", "file"), ("happy", "happi"), ("sky", "sky"), ("relational", "relat"),
            ("conditional", "condit"), ("rational", "ration"), ("valenci", "valenc"), ("digitizer", "digit"),
            ("vietnamization", "vietnam"), ("predication", "predic"), ("operator", "oper"),
            ("feudalism", "feudal"), ("decisiveness", "decis"), ("hopefulness", "hope"),
            ("callousness", "callous"), ("formaliti", "formal"), ("sensitiviti", "sensit"),
            ("triplicate", "triplic"), ("formative", "form"), ("formalize", "formal"), ("electrical", "electr"),
            ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"),
            ("airliner", "airlin"), ("adjustable", "adjust"), ("defensible", "defens"), ("irritant", "irrit"),
            ("replacement", "replac"), ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"),
            ("communism", "commun"), ("activate", "activ"), ("effective", "effect"), ("bowdlerize", "bowdler"),
            ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"), ("roll", "roll"),
            ("running", "run"), ("runs", "run"), ("run", "run"), ("router", "router"), ("routing", "rout"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn leaves_short_and_non_ascii_words() {
        for word in ["a", "is", "日本語", "naïve", "2024", "x86"] {
            assert_eq!(stem(word), word);
        }
    }
}
