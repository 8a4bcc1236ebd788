//! The token pattern language of rule dictionaries (see dictionaries/README.md):
//! compiled patterns, parsed from their text (`parse.rs`), and what the prefilter
//! needs of a sentence for each (`anchors.rs`). Matching them is `engine::pattern`.

mod anchors;
mod parse;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

pub(crate) use anchors::ChoiceMemo;
pub use parse::Lexicons;
pub(crate) use parse::lexicons_named;

use super::prefilter::Slot;
use super::vocabulary::WordSet;
use crate::text::WordId;

/// Longest gap `...` allows when no length is given.
pub(crate) const DEFAULT_GAP: usize = 8;

/// A compiled token pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub(crate) elements: Vec<Element>,
    /// What a match's first token must be (a word or a part of speech), when the first
    /// element says: sentences and positions without one are skipped.
    pub(crate) first: Option<First>,
    /// Words the sentence must hold for the later elements (`必ず ... @effect` needs an
    /// effect word too): a sentence lacking one of them is skipped.
    pub(crate) later: Box<[First]>,
    /// The pattern's slot in the prefilter (numbered by the compile it belongs to): only
    /// sentences holding the anchors it needs are tokenized for it.
    pub(crate) slot: OnceLock<Slot>,
}

#[derive(Debug, Clone)]
pub(crate) enum Element {
    /// One token passing any of the tests (`a|b|~c`).
    Token(Vec<Test>),
    /// Any of several token sequences (`@lexicon`, or alternatives mixing one in).
    Choice(Arc<Choice>),
    Optional(Box<Element>),
    /// Zero width: the next token (if any) passes none of the tests.
    NotNext(Vec<Test>),
    /// Up to this many tokens of the same clause.
    Gap(usize),
}

/// What the token an element matches first must be: one of some words, or of some
/// parts of speech. Every pattern asks this of every sentence, so a few words are a
/// short list (a bitset would be as long as the vocabulary).
#[derive(Debug, Clone)]
pub(crate) enum First {
    Few(Box<[WordId]>),
    Many(WordSet),
    /// Part-of-speech prefixes (`#名詞-数`).
    Parts(Box<[String]>),
}

/// Up to this many first words are kept as a list.
const FEW_WORDS: usize = 16;

impl First {
    pub(crate) fn words(mut ids: Vec<WordId>) -> Self {
        ids.sort_unstable_by_key(|id| id.0);
        ids.dedup();
        if ids.len() <= FEW_WORDS {
            return Self::Few(ids.into());
        }
        let mut set = WordSet::default();
        ids.into_iter().for_each(|id| set.insert(id));
        Self::Many(set)
    }
}

/// Sequences to try in order, indexed by the word their first token must be, so that a
/// lexicon of hundreds of entries costs a lookup or two per position, not hundreds of
/// attempts. Sequences whose first token is not one known word are always tried.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub(crate) sequences: Vec<Vec<Element>>,
    pub(crate) by_word: FxHashMap<WordId, Vec<usize>>,
    pub(crate) by_reading: FxHashMap<WordId, Vec<usize>>,
    pub(crate) always: Vec<usize>,
    /// The words a match's first token must be, when every sequence starts with a word:
    /// worked out once, as hundreds of patterns share a lexicon.
    pub(crate) first: Option<First>,
}

#[derive(Debug, Clone)]
pub(crate) enum Test {
    /// Lemma or surface.
    Word(WordId),
    Surface(WordId),
    Reading(WordId),
    Pos(String),
    Any,
}

impl Element {
    /// What a token must be to be matched first by this element: some words, or some
    /// parts of speech; `None` when it is no such closed set (`*`, words mixed with parts
    /// of speech, or anything that may match nothing).
    pub(crate) fn first(&self) -> Option<First> {
        match self {
            Self::Token(tests) if tests.iter().all(|t| matches!(t, Test::Pos(_))) => {
                let parts = tests.iter().filter_map(|t| match t {
                    Test::Pos(part) => Some(part.clone()),
                    _ => None,
                });
                Some(First::Parts(parts.collect()))
            }
            Self::Token(tests) => tests
                .iter()
                .map(|test| match test {
                    Test::Word(id) | Test::Surface(id) | Test::Reading(id) => Some(*id),
                    Test::Pos(_) | Test::Any => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(First::words),
            Self::Choice(choice) => choice.first.clone(),
            Self::Optional(_) | Self::NotNext(_) | Self::Gap(_) => None,
        }
    }
}

impl Choice {
    pub(crate) fn new(sequences: Vec<Vec<Element>>) -> Self {
        let mut by_word: FxHashMap<WordId, Vec<usize>> = FxHashMap::default();
        let mut by_reading: FxHashMap<WordId, Vec<usize>> = FxHashMap::default();
        let mut always = Vec::new();
        for (i, sequence) in sequences.iter().enumerate() {
            let tests = match sequence.first() {
                Some(Element::Token(tests)) => tests.as_slice(),
                _ => &[],
            };
            let indexable = !tests.is_empty()
                && tests
                    .iter()
                    .all(|t| matches!(t, Test::Word(_) | Test::Surface(_) | Test::Reading(_)));
            if !indexable {
                always.push(i);
                continue;
            }
            for test in tests {
                let (map, id) = match test {
                    Test::Word(id) | Test::Surface(id) => (&mut by_word, id),
                    Test::Reading(id) => (&mut by_reading, id),
                    Test::Pos(_) | Test::Any => continue,
                };
                let entry = map.entry(*id).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
        let first = always.is_empty().then(|| {
            let ids = by_word.keys().chain(by_reading.keys()).copied();
            First::words(ids.collect())
        });
        Self {
            sequences,
            by_word,
            by_reading,
            always,
            first,
        }
    }
}

impl Pattern {
    pub(crate) fn new(elements: Vec<Element>) -> Self {
        let first = elements.first().and_then(Element::first);
        let later = elements
            .iter()
            .skip(1)
            .filter_map(Element::first)
            .filter(|first| !matches!(first, First::Parts(_)))
            .collect();
        Self {
            elements,
            first,
            later,
            slot: OnceLock::new(),
        }
    }

    /// Gives the pattern its slot in the prefilter.
    pub(crate) fn number(&self, slot: Slot) {
        let _ = self.slot.set(slot);
    }

    /// The pattern as separate alternatives when it is a lexicon reference (`@treatment`),
    /// one per entry, nested references flattened; otherwise itself. An entry that lists
    /// names of one thing (`HIFU|ハイフ`) stays one alternative.
    pub fn alternatives(self) -> Vec<Pattern> {
        fn flatten(sequence: Vec<Element>, into: &mut Vec<Pattern>) {
            match <[Element; 1]>::try_from(sequence) {
                Ok([Element::Choice(choice)]) => Arc::unwrap_or_clone(choice)
                    .sequences
                    .into_iter()
                    .for_each(|s| flatten(s, into)),
                Ok([element]) => into.push(Pattern::new(vec![element])),
                Err(elements) => into.push(Pattern::new(elements)),
            }
        }
        let mut found = Vec::new();
        flatten(self.elements, &mut found);
        found
    }
}
