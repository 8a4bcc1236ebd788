//! The sentence prefilter. Every pattern knows strings a sentence must contain for the
//! pattern to match there (its anchors: 治 for the lemma 治る, the surface of a word);
//! one Aho-Corasick pass over a sentence tells which anchors it holds, and a sentence
//! that no pattern may match is never tokenized.
//!
//! Anchors must be sound, never merely likely: a pattern element whose matches cannot
//! be reduced to strings (a reading, a part of speech, `*`) gives no anchor, and a
//! pattern without any is tried on every sentence.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use super::vocabulary::Vocabulary;
use crate::text::{WordId, stem};

/// An anchor string's number.
pub(super) type AnchorId = u32;

/// A pattern's number in the prefilter.
pub(super) type Slot = u32;

/// The anchors of a rule set, the automaton that finds them, and which patterns each
/// anchor lets through.
#[derive(Debug, Clone)]
pub struct Anchors {
    automaton: Option<AhoCorasick>,
    count: usize,
    /// What each pattern needs: one anchor of every group.
    needs: Vec<Vec<Box<[AnchorId]>>>,
    /// For each anchor, the patterns whose rarest group holds it.
    index: Vec<Vec<Slot>>,
    /// Patterns with no anchor, tried on every sentence.
    always: Vec<Slot>,
}

/// The patterns that may match in one sentence, judged from its text.
#[derive(Debug, Clone)]
pub enum Hits {
    /// The prefilter is off: every pattern is tried.
    All,
    Candidates(Bits),
}

/// A fixed-size bitset.
#[derive(Debug, Clone)]
pub struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    fn contains(&self, i: u32) -> bool {
        self.0[i as usize / 64] & (1 << (i % 64)) != 0
    }
}

impl Anchors {
    /// Which patterns may match in `text`.
    pub fn scan(&self, text: &str) -> Hits {
        // Without an automaton (too many anchors to build one) nothing may be skipped.
        let Some(automaton) = &self.automaton else {
            return Hits::All;
        };
        let mut found = Bits::new(self.count);
        let mut hit = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let id = m.pattern().as_u32();
            if !found.contains(id) {
                found.insert(id);
                hit.push(id);
            }
        }
        let mut candidates = Bits::new(self.needs.len());
        for &slot in &self.always {
            candidates.insert(slot);
        }
        for slot in hit.into_iter().flat_map(|id| &self.index[id as usize]) {
            let need = &self.needs[*slot as usize];
            if !candidates.contains(*slot) && need.iter().all(|g| g.iter().any(|&a| found.contains(a))) {
                candidates.insert(*slot);
            }
        }
        Hits::Candidates(candidates)
    }
}

impl Hits {
    /// Whether the pattern in `slot` (`None`: one the prefilter does not know) may match.
    pub fn allow(&self, slot: Option<Slot>) -> bool {
        match (self, slot) {
            (Self::Candidates(candidates), Some(slot)) => candidates.contains(slot),
            _ => true,
        }
    }
}

/// Collects anchors while each pattern of a rule set works out its need.
pub struct AnchorBuilder<'v> {
    vocabulary: &'v Vocabulary,
    ids: FxHashMap<String, AnchorId>,
    strings: Vec<String>,
    /// Groups already worked out for shared lexicon choices, by address.
    pub(super) memo: FxHashMap<usize, Option<Box<[AnchorId]>>>,
    needs: Vec<Vec<Box<[AnchorId]>>>,
}

impl<'v> AnchorBuilder<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Self {
        Self {
            vocabulary,
            ids: FxHashMap::default(),
            strings: Vec::new(),
            memo: FxHashMap::default(),
            needs: Vec::new(),
        }
    }

    /// Registers a pattern that needs one anchor of every group (no groups: it may match
    /// anywhere) and returns its slot.
    pub(super) fn register(&mut self, need: Vec<Box<[AnchorId]>>) -> Slot {
        self.needs.push(need);
        (self.needs.len() - 1) as Slot
    }

    /// The anchor of a token whose surface is `word`, or (with `lemma`) whose lemma or
    /// surface is; `None` when no string is certain to occur.
    pub(super) fn word(&mut self, word: WordId, lemma: bool) -> Option<AnchorId> {
        let word = self.vocabulary.word(word)?;
        let anchor = if lemma { stem(word) } else { word };
        // The tokenizer sees ASCII punctuation as its full-width form and ・ as 、, so a
        // lemma holding those may stand for other characters in the text.
        let rewritten = |c: char| c == '、' || ('！'..='～').contains(&c) && !c.is_alphanumeric();
        if anchor.is_empty() || (lemma && anchor.chars().any(rewritten)) {
            return None;
        }
        let next = self.strings.len() as AnchorId;
        Some(*self.ids.entry(anchor.to_string()).or_insert_with(|| {
            self.strings.push(anchor.to_string());
            next
        }))
    }

    /// A guess at how often a sentence holds one of a group's anchors: a lone
    /// hiragana (が, な) is in most sentences, a katakana word or a kanji compound in
    /// few. Choosing the rarest group of a sequence makes the prefilter skip more; any
    /// group is sound.
    pub(super) fn frequency(&self, group: &[AnchorId]) -> f64 {
        let per_char = |c: char| match c {
            'ぁ'..='ゖ' => 0.5,
            'ァ'..='ヺ' | 'ー' => 0.15,
            '0'..='9' => 0.3,
            c if c.is_ascii() => 0.2,
            _ => 0.1,
        };
        let sum: f64 = group
            .iter()
            .map(|&id| self.strings[id as usize].chars().map(per_char).product::<f64>())
            .sum();
        sum.min(1.0)
    }

    pub fn build(self) -> Anchors {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.strings)
            .ok();
        let mut index = vec![Vec::new(); self.strings.len()];
        let mut always = Vec::new();
        for (slot, need) in self.needs.iter().enumerate() {
            let rarest = need
                .iter()
                .min_by(|a, b| self.frequency(a).total_cmp(&self.frequency(b)));
            match rarest {
                Some(group) => group.iter().for_each(|&a| index[a as usize].push(slot as Slot)),
                None => always.push(slot as Slot),
            }
        }
        Anchors {
            automaton,
            count: self.strings.len(),
            needs: self.needs,
            index,
            always,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    /// How many of the built-in patterns may match in `text`.
    fn candidates(text: &str) -> usize {
        let rules = RuleSet::builtin().unwrap();
        let anchors = rules.anchors();
        let hits = anchors.scan(text);
        (0..anchors.needs.len() as u32).filter(|&s| hits.allow(Some(s))).count()
    }

    #[test]
    fn plain_sentences_need_no_tokenizing() {
        assert_eq!(candidates("駅から徒歩5分です。"), 0);
    }

    #[test]
    fn a_claim_lets_its_patterns_through() {
        assert!(candidates("このクリームでシミが必ず消えます。") > 0);
        // 治ら is a form of 治る: the stem 治 is the anchor.
        assert!(candidates("絶対に治らないと言われた症状") > 0);
    }
}
