//! The words rule patterns name, numbered, so that matching compares integers: each
//! token is looked up once, each pattern test is then one comparison.

use rustc_hash::FxHashMap;

use crate::text::{Token, WordId, WordIds};

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, WordId>,
}

impl Vocabulary {
    /// The id of `word`, adding it if it is new.
    pub fn intern(&mut self, word: &str) -> WordId {
        let next = WordId(self.ids.len() as u32);
        *self.ids.entry(word.to_string()).or_insert(next)
    }

    /// The id of `word`, or [`WordId::UNKNOWN`] when no pattern names it.
    pub fn get(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(WordId::UNKNOWN)
    }

    /// Gives each token the ids of its lemma, surface and reading.
    pub fn label(&self, tokens: &mut [Token]) {
        for token in tokens {
            token.ids = WordIds {
                lemma: self.get(&token.lemma),
                surface: self.get(&token.surface),
                reading: self.get(&token.reading),
            };
        }
    }
}
