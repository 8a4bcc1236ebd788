//! The rules' matchers compiled for the documents at hand, with the vocabulary their
//! words are numbered in and the prefilter's anchors.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::matchers::Matchers;
use super::pattern::ChoiceMemo;
use super::prefilter::{AnchorBuilder, Anchors};
use super::vocabulary::Vocabulary;

/// What the rules of a set look for, compiled for some of them or all (the engine
/// compiles the rules a document's domains need).
#[derive(Debug)]
pub struct Compiled {
    /// By rule, in rule-set order; `None` for a rule left out of the compile.
    matchers: Vec<Option<Matchers>>,
    /// The words the patterns name; tokens must be labelled with it before matching.
    vocabulary: Vocabulary,
    /// What the patterns need of a sentence's text, for the prefilter; worked out on
    /// first use, as a short run is faster without it.
    anchors: OnceLock<Anchors>,
    /// Whether a thread has set out to work out the anchors.
    building_anchors: AtomicBool,
}

impl Compiled {
    pub(crate) fn new(matchers: Vec<Option<Matchers>>, vocabulary: Vocabulary) -> Self {
        // Every pattern, then every regex and literal list, gets the slot the prefilter
        // records its anchors under.
        let all = || matchers.iter().flatten();
        let mut slots = 0..;
        for (pattern, slot) in all().flat_map(Matchers::all_patterns).zip(&mut slots) {
            pattern.number(slot);
        }
        for (text, slot) in all().flat_map(Matchers::all_texts).zip(&mut slots) {
            text.number(slot);
        }
        Self {
            matchers,
            vocabulary,
            anchors: OnceLock::new(),
            building_anchors: AtomicBool::new(false),
        }
    }

    /// The matchers of the rule at `index` in the rule set, if they were compiled.
    pub fn matchers(&self, index: usize) -> Option<&Matchers> {
        self.matchers.get(index).and_then(Option::as_ref)
    }

    /// The matchers compiled, in rule order.
    pub fn all(&self) -> impl Iterator<Item = &Matchers> {
        self.matchers.iter().flatten()
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    pub fn anchors(&self) -> &Anchors {
        self.anchors.get_or_init(|| {
            let mut anchors = AnchorBuilder::new(&self.vocabulary);
            let mut memo = ChoiceMemo::default();
            for pattern in self.all().flat_map(Matchers::all_patterns) {
                pattern.anchor(&mut anchors, &mut memo);
            }
            for text in self.all().flat_map(Matchers::all_texts) {
                text.anchor(&mut anchors);
            }
            anchors.build()
        })
    }

    /// The anchors, if one thread works them out (it takes about as long as linting
    /// 50 KB); the others go on without them meanwhile rather than wait, which changes
    /// nothing but speed.
    pub fn anchors_unless_being_built(&self) -> Option<&Anchors> {
        if let Some(anchors) = self.anchors.get() {
            return Some(anchors);
        }
        match self.building_anchors.swap(true, Ordering::AcqRel) {
            false => Some(self.anchors()),
            true => self.anchors.get(),
        }
    }
}
