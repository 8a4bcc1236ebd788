//! The sentence prefilter. Every pattern knows strings a sentence must contain for the
//! pattern to match there (its anchors: a word's surface, the forms IPADIC writes a
//! lemma in — 治ら 治り 治っ … for 治る —, the surfaces of a reading the built-in rules
//! test, adjacent words joined); one Aho-Corasick pass over a sentence tells which
//! anchors it holds, and a sentence that no pattern may match is never tokenized. Rule
//! regexes and literal lists take part too (the literals every match of a regex starts
//! or ends with), so that they are not run on every sentence either.
//!
//! Anchors must be sound, never merely likely: a pattern element whose matches cannot
//! be reduced to strings (a part of speech, `*`, a reading the tables do not list)
//! gives no anchor, and a pattern without any is tried on every sentence.

use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use super::vocabulary::Vocabulary;
use crate::text::{WordId, forms, is_dropped, spellings};

/// How many of a pattern's groups of anchors the prefilter checks, rarest first.
const KEPT_GROUPS: usize = 4;

/// An anchor string's number.
pub(crate) type AnchorId = u32;

/// A pattern's number in the prefilter.
pub(crate) type Slot = u32;

/// The anchors of a rule set, the automaton that finds them, and which patterns each
/// anchor lets through.
#[derive(Debug, Clone)]
pub struct Anchors {
    automaton: Option<AhoCorasick>,
    /// For each anchor, the groups that hold it. Groups are numbered once however
    /// many patterns share them (a lexicon's forms), so that a scan asks about each
    /// group once instead of looking through its anchors for every pattern.
    groups_of: Vec<Vec<GroupId>>,
    group_count: usize,
    /// What each pattern needs: one anchor of every group.
    needs: Vec<Box<[GroupId]>>,
    /// For each group, the patterns whose rarest group it is.
    index: Vec<Vec<Slot>>,
    /// Patterns with no anchor, tried on every sentence.
    always: Vec<Slot>,
}

/// A group's number in the prefilter.
type GroupId = u32;

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
    pub(crate) fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    pub(crate) fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    pub(crate) fn contains(&self, i: u32) -> bool {
        self.0[i as usize / 64] & (1 << (i % 64)) != 0
    }

    /// The members in `range`, in order, found a word at a time: a rule's hundreds of
    /// patterns are asked about in every sentence, and few are candidates.
    fn members_in(&self, range: Range<u32>) -> impl Iterator<Item = u32> + '_ {
        let (start, end) = (range.start as usize, range.end as usize);
        (start / 64..end.div_ceil(64)).flat_map(move |w| {
            let first = w * 64;
            let mut word = self.0[w];
            if start > first {
                word &= u64::MAX << (start - first);
            }
            if end < first + 64 {
                word &= (1 << (end - first)) - 1;
            }
            std::iter::from_fn(move || {
                let bit = (word != 0).then(|| word.trailing_zeros())?;
                word &= word - 1;
                Some((first as u32) + bit)
            })
        })
    }
}

impl Anchors {
    /// Which patterns may match in `text`.
    pub fn scan(&self, text: &str) -> Hits {
        // Without an automaton (too many anchors to build one) nothing may be skipped.
        let Some(automaton) = &self.automaton else {
            return Hits::All;
        };
        // Adjacent tokens are adjacent in the text but for what the tokenizer drops, so
        // anchors joined from adjacent words are found in the text without it.
        let compact: std::borrow::Cow<str> = match text.contains(is_dropped) {
            true => text.chars().filter(|&c| !is_dropped(c)).collect::<String>().into(),
            false => text.into(),
        };
        let mut held = Bits::new(self.group_count);
        for m in automaton.find_overlapping_iter(compact.as_ref()) {
            for &group in &self.groups_of[m.pattern()] {
                held.insert(group);
            }
        }
        let mut candidates = Bits::new(self.needs.len());
        for &slot in &self.always {
            candidates.insert(slot);
        }
        // A slot is listed under one group (its rarest), so each is looked at once.
        let held_groups = held.members_in(0..self.group_count as u32);
        for &slot in held_groups.flat_map(|g| &self.index[g as usize]) {
            if self.needs[slot as usize].iter().all(|&g| held.contains(g)) {
                candidates.insert(slot);
            }
        }
        Hits::Candidates(candidates)
    }
}

impl Hits {
    /// The slots in `range` whose patterns may match, in order.
    pub fn allowed(&self, range: Range<Slot>) -> impl Iterator<Item = Slot> + '_ {
        let (all, candidates) = match self {
            Self::All => (Some(range), None),
            Self::Candidates(candidates) => (None, Some(candidates.members_in(range))),
        };
        all.into_iter().flatten().chain(candidates.into_iter().flatten())
    }

    /// Whether the pattern in `slot` (`None`: one the prefilter does not know) may match.
    pub fn allow(&self, slot: Option<Slot>) -> bool {
        match (self, slot) {
            (Self::Candidates(candidates), Some(slot)) => candidates.contains(slot),
            _ => true,
        }
    }
}

/// A rule's regex or literal list: the prefilter lets it through where the sentence
/// holds one of the strings every match contains, so that a rule's automaton or regex
/// is not run over every sentence.
pub(crate) trait Anchored {
    fn slot(&self) -> &OnceLock<Slot>;

    /// Strings every match contains one of; `None` when they are not known.
    fn required(&self) -> Option<&[String]>;

    /// Gives the matcher its slot in the prefilter.
    fn number(&self, slot: Slot) {
        let _ = self.slot().set(slot);
    }

    fn anchor(&self, anchors: &mut AnchorBuilder) {
        if let Some(&slot) = self.slot().get() {
            let group: Option<Group> = self
                .required()
                .map(|strings| strings.iter().map(|s| compact(s)).collect());
            let groups = group.filter(|g| !g.iter().any(|a| a.is_empty()));
            anchors.register(slot, groups.into_iter().collect());
        }
    }
}

/// A string a sentence must contain.
pub(crate) type Anchor = Rc<str>;

/// `text` as an anchor: the scan skips what the tokenizer drops (spaces), so anchors
/// must too.
fn compact(text: &str) -> Anchor {
    text.chars().filter(|&c| !is_dropped(c)).collect::<String>().into()
}

/// Anchors one of which a match needs, shared between the patterns of a lexicon.
pub(crate) type Group = Rc<[Anchor]>;

/// A word followed by another: in the text only what the tokenizer drops may stand
/// between them, and the scan ignores that, so the two are one anchor.
pub(crate) fn join(first: &Anchor, next: &Anchor) -> Anchor {
    format!("{first}{next}").into()
}

/// What a pattern test compares a token's word with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum By {
    Surface,
    /// The lemma or the surface.
    Lemma,
    Reading,
}

/// Collects anchors while each pattern of a rule set works out its need.
pub struct AnchorBuilder<'v> {
    vocabulary: &'v Vocabulary,
    ids: FxHashMap<String, AnchorId>,
    strings: Vec<String>,
    /// Spellings already worked out, by word and what the test compares it with.
    forms: FxHashMap<(WordId, By), Option<Group>>,
    needs: Vec<Vec<Box<[AnchorId]>>>,
}

impl<'v> AnchorBuilder<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Self {
        Self {
            vocabulary,
            ids: FxHashMap::default(),
            strings: Vec::new(),
            forms: FxHashMap::default(),
            needs: Vec::new(),
        }
    }

    /// The spellings a token may have whose surface, lemma or reading (`by`) is `word`;
    /// `None` when they are not certain.
    pub(crate) fn forms(&mut self, word: WordId, by: By) -> Option<Group> {
        if let Some(known) = self.forms.get(&(word, by)) {
            return known.clone();
        }
        let found = self.work_out_forms(word, by);
        self.forms.insert((word, by), found.clone());
        found
    }

    fn work_out_forms(&self, word: WordId, by: By) -> Option<Group> {
        let word = self.vocabulary.word(word)?;
        let written: Vec<String> = match by {
            By::Surface => return Some([compact(word)].into()),
            By::Lemma => forms(word).into_iter().map(str::to_string).collect(),
            By::Reading => spellings(word)?,
        };
        // The tokenizer sees ASCII punctuation as its full-width form and ・ as 、, so a
        // dictionary spelling holding those may stand for other characters in the text.
        let rewritten = |c: char| c == '、' || (('！'..='～').contains(&c) && !c.is_alphanumeric());
        if written.iter().any(|w| w.chars().any(rewritten)) {
            return None;
        }
        Some(written.iter().map(|w| compact(w)).collect())
    }

    /// These anchors, numbered.
    fn intern(&mut self, anchors: &[Anchor]) -> Box<[AnchorId]> {
        let mut group: Vec<AnchorId> = anchors
            .iter()
            .map(|a| {
                let next = self.strings.len() as AnchorId;
                *self.ids.entry(a.to_string()).or_insert_with(|| {
                    self.strings.push(a.to_string());
                    next
                })
            })
            .collect();
        group.sort_unstable();
        group.dedup();
        group.into()
    }

    /// A guess at how often a sentence holds one of a group's anchors: a lone
    /// hiragana (が, な) is in most sentences, a katakana word or a kanji compound in
    /// few. Choosing the rarest group of a sequence makes the prefilter skip more; any
    /// group is sound.
    pub(crate) fn frequency(group: &[Anchor]) -> f64 {
        let first = |c: char| match c {
            'ぁ'..='ゖ' => 0.5,
            'ァ'..='ヺ' | 'ー' => 0.15,
            '0'..='9' => 0.3,
            c if c.is_ascii() => 0.2,
            _ => 0.1,
        };
        // Given one character, a particular next one is rare whatever its script.
        let of = |anchor: &Anchor| {
            let mut chars = anchor.chars();
            chars.next().map_or(1.0, first) * 0.2f64.powi(chars.count() as i32)
        };
        group.iter().map(of).sum::<f64>().min(1.0)
    }

    /// Registers a pattern that needs one anchor of every group (no groups: it may
    /// match anywhere) in its slot. Only the rarest groups become anchors: a
    /// few more would make the automaton larger and slower to build, not the scan
    /// more selective.
    pub(crate) fn register(&mut self, slot: Slot, mut groups: Vec<Group>) {
        groups.sort_by(|a, b| Self::frequency(a).total_cmp(&Self::frequency(b)));
        let need = groups.iter().take(KEPT_GROUPS).map(|g| self.intern(g)).collect();
        // A slot no pattern registered needs nothing: it is let through everywhere.
        if self.needs.len() <= slot as usize {
            self.needs.resize(slot as usize + 1, Vec::new());
        }
        self.needs[slot as usize] = need;
    }

    pub fn build(self) -> Anchors {
        // A contiguous NFA builds in a fraction of a DFA's time and scans sentences
        // about as fast; start-up matters for a pre-commit hook.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&self.strings)
            .ok();
        let mut numbers: FxHashMap<&[AnchorId], GroupId> = FxHashMap::default();
        let mut groups_of = vec![Vec::new(); self.strings.len()];
        let mut index: Vec<Vec<Slot>> = Vec::new();
        let mut always = Vec::new();
        let mut needs = Vec::with_capacity(self.needs.len());
        for (slot, need) in self.needs.iter().enumerate() {
            let need: Box<[GroupId]> = need
                .iter()
                .map(|group| {
                    *numbers.entry(group).or_insert_with(|| {
                        let id = index.len() as GroupId;
                        group.iter().for_each(|&a| groups_of[a as usize].push(id));
                        index.push(Vec::new());
                        id
                    })
                })
                .collect();
            // `register` put the rarest group first.
            match need.first() {
                Some(&group) => index[group as usize].push(slot as Slot),
                None => always.push(slot as Slot),
            }
            needs.push(need);
        }
        Anchors {
            automaton,
            groups_of,
            group_count: index.len(),
            needs,
            index,
            always,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;
    use crate::compile::{Matchers, compile};
    use crate::rules::RuleSet;

    #[test]
    fn the_members_of_a_bitset_in_a_range_are_those_a_test_of_each_finds() {
        let mut bits = Bits::new(260);
        for i in [0, 3, 63, 64, 127, 128, 200, 259] {
            bits.insert(i);
        }
        for range in [
            0..260,
            3..64,
            4..63,
            63..65,
            64..64,
            65..128,
            128..129,
            129..259,
            100..260,
        ] {
            let expected: Vec<u32> = range.clone().filter(|&i| bits.contains(i)).collect();
            assert_eq!(
                bits.members_in(range.clone()).collect::<Vec<_>>(),
                expected,
                "{range:?}"
            );
        }
    }

    /// How many of the built-in token patterns (which come first, before the regexes
    /// and literal lists) may match in `text`.
    fn candidates(text: &str) -> usize {
        let compiled = compile(&RuleSet::builtin().unwrap().files, None).unwrap();
        let patterns = compiled.all().flat_map(Matchers::all_patterns).count() as u32;
        let hits = compiled.anchors().scan(text);
        (0..patterns).filter(|&s| hits.allow(Some(s))).count()
    }

    #[test]
    fn plain_sentences_need_no_tokenizing() {
        assert_eq!(candidates("駅から徒歩5分です。"), 0);
        assert_eq!(candidates("当院は駅前のビルの三階です。"), 0);
        // に + なる: the joined anchor にな is not in the sentence.
        assert_eq!(candidates("ご質問はお電話でどうぞ。"), 0);
    }

    #[test]
    fn a_claim_lets_its_patterns_through() {
        assert!(candidates("このクリームでシミが必ず消えます。") > 0);
        // 治ら is a form of 治る.
        assert!(candidates("絶対に治らないと言われた症状") > 0);
    }
}
