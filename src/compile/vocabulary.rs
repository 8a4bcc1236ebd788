//! The words rule patterns name, numbered, so that matching compares integers: each
//! token is looked up once, each pattern test is then one comparison, and whether a
//! sentence holds any of the words a pattern starts with is a few bitwise ANDs.

use rustc_hash::FxHashMap;

use crate::text::{Token, WordId, WordIds};

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, WordId>,
    /// The words by id.
    words: Vec<String>,
}

impl Vocabulary {
    /// The id of `word`, adding it if it is new.
    pub fn intern(&mut self, word: &str) -> WordId {
        // Most words are named again and again: look before allocating a key.
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId(self.ids.len() as u32);
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        id
    }

    /// The word numbered `id`.
    pub fn word(&self, id: WordId) -> Option<&str> {
        self.words.get(id.0 as usize).map(String::as_str)
    }

    /// The id of `word`, or [`WordId::UNKNOWN`] when no pattern names it.
    pub fn get(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(WordId::UNKNOWN)
    }

    /// Gives each token of `text` the ids of its lemma, surface and reading.
    pub fn label(&self, text: &str, tokens: &mut [Token]) {
        for token in tokens {
            token.ids = WordIds {
                lemma: self.get(token.lemma()),
                surface: self.get(token.surface(text)),
                reading: self.get(token.reading()),
            };
        }
    }
}

/// A set of word ids as a bitset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet {
    bits: Vec<u64>,
}

/// The words of one sentence the rules know, sorted: a sentence holds a few dozen, so a
/// list is a fraction of a bitset as long as the vocabulary, for each of a page's
/// thousands of tokenized sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList(Box<[WordId]>);

impl WordList {
    /// The lemma, surface and reading ids of `tokens`.
    pub fn of(tokens: &[Token]) -> Self {
        let ids = tokens.iter().flat_map(|t| [t.ids.lemma, t.ids.surface, t.ids.reading]);
        let mut ids: Vec<WordId> = ids.filter(|&id| id != WordId::UNKNOWN).collect();
        ids.sort_unstable_by_key(|id| id.0);
        ids.dedup();
        Self(ids.into())
    }

    pub fn contains(&self, id: WordId) -> bool {
        self.0.binary_search_by_key(&id.0, |w| w.0).is_ok()
    }
}

impl WordSet {
    pub fn insert(&mut self, id: WordId) {
        if id == WordId::UNKNOWN {
            return;
        }
        let (word, bit) = (id.0 as usize / 64, id.0 % 64);
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= 1 << bit;
    }

    pub fn contains(&self, id: WordId) -> bool {
        self.bits
            .get(id.0 as usize / 64)
            .is_some_and(|w| w & (1 << (id.0 % 64)) != 0)
    }

    /// Whether a word of `list` is in the set.
    pub fn meets(&self, list: &WordList) -> bool {
        list.0.iter().any(|&id| self.contains(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets() {
        let mut a = WordSet::default();
        a.insert(WordId(3));
        a.insert(WordId(200));
        a.insert(WordId::UNKNOWN);
        assert!(a.contains(WordId(200)) && !a.contains(WordId(4)) && !a.contains(WordId::UNKNOWN));
        let list = |ids: &[u32]| WordList(ids.iter().map(|&id| WordId(id)).collect());
        assert!(!a.meets(&list(&[4, 5])));
        assert!(a.meets(&list(&[4, 200])));
        assert!(list(&[4, 200]).contains(WordId(200)) && !list(&[4, 200]).contains(WordId(3)));
    }
}
