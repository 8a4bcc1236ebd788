//! What the prefilter needs of a sentence for a pattern to match there: groups of
//! anchors (the written forms of its words), one of each group.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Choice, Element, Pattern, Test};
use crate::compile::prefilter::{Anchor, AnchorBuilder, By, Group, join};

/// Groups already worked out for shared lexicon choices, by address; each entry holds
/// its choice, so that no address is freed and reused while the memo lives.
#[derive(Default)]
pub(crate) struct ChoiceMemo(FxHashMap<usize, (Arc<Choice>, Option<Group>)>);

impl Pattern {
    /// Works out which anchors a sentence must hold for this pattern to match there.
    /// A pattern that was never numbered is tried on every sentence.
    pub(crate) fn anchor(&self, anchors: &mut AnchorBuilder, memo: &mut ChoiceMemo) {
        if let Some(&slot) = self.slot.get() {
            let groups = sequence_anchors(&self.elements, anchors, memo);
            anchors.register(slot, groups);
        }
    }
}

impl Test {
    /// The forms a token passing this test may take, when they are certain.
    fn forms(&self, anchors: &mut AnchorBuilder) -> Option<Group> {
        match self {
            Self::Word(w) => anchors.forms(*w, By::Lemma),
            Self::Surface(s) => anchors.forms(*s, By::Surface),
            Self::Reading(r) => anchors.forms(*r, By::Reading),
            Self::Pos(_) | Self::Any => None,
        }
    }
}

/// Joined anchors of adjacent words multiply; past this many, a run stops growing.
const MAX_JOINED: usize = 16;

impl Element {
    /// The forms the token this element matches may take; `None` unless the element is
    /// one token with certain forms for every test.
    fn forms(&self, anchors: &mut AnchorBuilder) -> Option<Vec<Anchor>> {
        match self {
            Self::Token(tests) => {
                let mut all = Vec::new();
                for test in tests {
                    all.extend(test.forms(anchors)?.iter().cloned());
                }
                Some(all)
            }
            _ => None,
        }
    }

    /// Anchors one of which a sentence holds wherever this element matches, when it
    /// is a lexicon or a choice: the union of each sequence's rarest group.
    fn choice_anchors(&self, anchors: &mut AnchorBuilder, memo: &mut ChoiceMemo) -> Option<Group> {
        let Self::Choice(choice) = self else {
            return None;
        };
        // Hundreds of patterns share a lexicon's choice: work it out once.
        let key = Arc::as_ptr(choice) as usize;
        if let Some((_, group)) = memo.0.get(&key) {
            return group.clone();
        }
        let mut union = Vec::new();
        let group = choice
            .sequences
            .iter()
            .try_for_each(|sequence| {
                union.extend_from_slice(&best_anchors(sequence, anchors, memo)?);
                Some(())
            })
            .map(|()| {
                union.sort();
                union.dedup();
                Group::from(union)
            });
        memo.0.insert(key, (Arc::clone(choice), group.clone()));
        group
    }
}

/// The groups of anchors a match of `sequence` needs, one of each: for each word, its
/// forms, joined with the forms of the words after it (に + なら → にな); for each choice,
/// its union.
fn sequence_anchors(sequence: &[Element], anchors: &mut AnchorBuilder, memo: &mut ChoiceMemo) -> Vec<Group> {
    let mut groups = Vec::new();
    for (i, element) in sequence.iter().enumerate() {
        let Some(mut run) = element.forms(anchors) else {
            groups.extend(element.choice_anchors(anchors, memo));
            continue;
        };
        // A zero-width `!x` does not separate the words around it.
        let mut after = sequence[i + 1..].iter().filter(|e| !matches!(e, Element::NotNext(_)));
        while let Some(next) = after.next().and_then(|e| e.forms(anchors)) {
            if run.len() * next.len() > MAX_JOINED {
                break;
            }
            run = run.iter().flat_map(|a| next.iter().map(|n| join(a, n))).collect();
        }
        groups.push(run.into());
    }
    groups
}

/// The rarest group of anchors a match of `sequence` needs.
fn best_anchors(sequence: &[Element], anchors: &mut AnchorBuilder, memo: &mut ChoiceMemo) -> Option<Group> {
    sequence_anchors(sequence, anchors, memo)
        .into_iter()
        .min_by(|a, b| AnchorBuilder::frequency(a).total_cmp(&AnchorBuilder::frequency(b)))
}
