//! The results a reader steps through with the arrow keys from the search
//! box, and which one is picked. Kept apart from the view so the rules
//! (where a step lands, what survives a new answer) are plain, tested code.

/// One result that can be picked: its post, and the link that opens it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pickable {
    /// The post's slug: a pick follows its post from answer to answer.
    pub slug: String,
    /// Where Enter goes: the post, carrying the words to mark in it.
    pub link: String,
}

/// The results on screen and the picked one, if any. The pick is an index
/// into `shown` that [`Picker`]'s methods keep in range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picker {
    shown: Vec<Pickable>,
    active: Option<usize>,
}

impl Picker {
    /// Takes the results of a new answer. The pick stays on its post if the
    /// new answer still shows it (typing on after picking, or "More
    /// results"), wherever it now ranks; otherwise nothing is picked.
    pub fn show(&mut self, shown: Vec<Pickable>) {
        let slug = self.picked().map(|p| p.slug.clone());
        self.active = slug.and_then(|slug| shown.iter().position(|p| p.slug == slug));
        self.shown = shown;
    }

    /// Moves the pick down (`step` 1) or up (-1). Down from the box picks
    /// the first result, up from the first goes back to the box, and the
    /// last result stays picked when stepping past it.
    pub fn step(&mut self, step: isize) {
        let count = self.shown.len();
        self.active = match (self.active, step) {
            _ if count == 0 => None,
            (None, s) if s > 0 => Some(0),
            (None, _) => None,
            (Some(0), s) if s < 0 => None,
            (Some(i), s) => Some(i.saturating_add_signed(s).min(count - 1)),
        };
    }

    /// The picked result's position among those shown.
    pub fn active(&self) -> Option<usize> {
        self.active
    }

    /// The picked result.
    pub fn picked(&self) -> Option<&Pickable> {
        self.shown.get(self.active?)
    }

    /// Whether any results are shown (the search box then controls them).
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(slugs: &[&str], words: &str) -> Vec<Pickable> {
        slugs
            .iter()
            .map(|s| Pickable {
                slug: s.to_string(),
                link: format!("/post/{s}?hl={words}"),
            })
            .collect()
    }

    #[test]
    fn steps_down_and_up_through_results_and_back_to_the_box() {
        let mut picker = Picker::default();
        picker.show(results(&["a", "b"], "x"));
        assert_eq!(picker.active(), None);
        picker.step(-1);
        assert_eq!(picker.active(), None, "up from the box stays in the box");
        picker.step(1);
        assert_eq!(
            picker.picked().map(|p| p.link.as_str()),
            Some("/post/a?hl=x")
        );
        picker.step(1);
        picker.step(1);
        assert_eq!(picker.active(), Some(1), "the last result stays picked");
        picker.step(-1);
        picker.step(-1);
        assert_eq!(
            picker.active(),
            None,
            "up from the first goes back to the box"
        );
    }

    #[test]
    fn nothing_to_pick_without_results() {
        let mut picker = Picker::default();
        picker.step(1);
        assert_eq!(picker.picked(), None);
        assert!(picker.is_empty());
    }

    #[test]
    fn a_pick_follows_its_post_into_the_next_answer() {
        let mut picker = Picker::default();
        picker.show(results(&["a", "b", "c"], "brow"));
        picker.step(1);
        picker.step(1);
        // Typing on changes every link's marked words and the ranking.
        picker.show(results(&["b", "a"], "browser"));
        assert_eq!(picker.active(), Some(0));
        assert_eq!(
            picker.picked().map(|p| p.link.as_str()),
            Some("/post/b?hl=browser")
        );
    }

    #[test]
    fn a_pick_whose_post_is_gone_is_dropped() {
        let mut picker = Picker::default();
        picker.show(results(&["a", "b"], "x"));
        picker.step(1);
        picker.show(results(&["b"], "xy"));
        assert_eq!(picker.active(), None);
        picker.show(Vec::new());
        assert!(picker.is_empty());
        assert_eq!(picker.picked(), None);
    }
}
