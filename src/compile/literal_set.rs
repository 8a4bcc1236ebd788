//! A handful to a hundred literals, found without building an automaton. A regex's gate
//! is asked about a few sentences of a page, and building an Aho-Corasick automaton costs
//! about 1.5 µs per literal, more than those searches: a page paid milliseconds for
//! gates. Indexing the literals by their first character costs next to nothing, and a
//! sentence is short.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::prefilter::Bits;

#[derive(Debug, Clone)]
pub struct LiteralSet {
    strings: Vec<String>,
    /// Indices into `strings` by first character, in the order the strings were given.
    by_first: FxHashMap<char, Vec<usize>>,
    /// Holds `c % MAY_START_BITS` for each first character `c`: most characters of a
    /// sentence start no literal, and this tells so for less than a map lookup.
    may_start: Bits,
}

const MAY_START_BITS: u32 = 4096;

impl LiteralSet {
    /// The set of `strings`, none of which may be empty; earlier ones are preferred.
    pub fn new(strings: Vec<String>) -> Self {
        let mut by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        let mut may_start = Bits::new(MAY_START_BITS as usize);
        for (i, s) in strings.iter().enumerate() {
            let first = s.chars().next().expect("literals are not empty");
            by_first.entry(first).or_default().push(i);
            may_start.insert(first as u32 % MAY_START_BITS);
        }
        Self {
            strings,
            by_first,
            may_start,
        }
    }

    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_at(text, 0).is_some()
    }

    /// Matches as a regex alternation of the strings finds them: leftmost first, and of
    /// the strings that match there, the earliest given; then on after the match.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = self.find_at(text, from)?;
            from = found.end;
            Some(found)
        })
    }

    fn find_at(&self, text: &str, from: usize) -> Option<Range<usize>> {
        text[from..].char_indices().find_map(|(offset, c)| {
            if !self.may_start.contains(c as u32 % MAY_START_BITS) {
                return None;
            }
            let at = from + offset;
            let candidates = self.by_first.get(&c)?;
            candidates
                .iter()
                .map(|&i| &self.strings[i])
                .find(|s| text[at..].starts_with(s.as_str()))
                .map(|s| at..at + s.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(strings: &[&str]) -> LiteralSet {
        LiteralSet::new(strings.iter().map(|s| s.to_string()).collect())
    }

    fn found(set: &LiteralSet, text: &str) -> Vec<String> {
        set.find_iter(text).map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn the_leftmost_match_wins_and_then_the_earliest_string() {
        let literals = set(&["診療", "自費", "自費診療"]);
        // 自費 is given before 自費診療, as in the regex 自費|自費診療.
        assert_eq!(found(&literals, "自費診療と保険診療"), ["自費", "診療", "診療"]);
        let longest_first = set(&["自費診療", "自費", "診療"]);
        assert_eq!(found(&longest_first, "自費診療と保険診療"), ["自費診療", "診療"]);
    }

    #[test]
    fn matches_do_not_overlap_and_text_without_them_has_none() {
        let literals = set(&["ああ"]);
        assert_eq!(found(&literals, "あああああ"), ["ああ", "ああ"]);
        assert!(!literals.is_match("いいい"));
        assert!(!literals.is_match(""));
        assert!(literals.is_match("いあああ"));
    }
}
