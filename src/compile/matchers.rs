//! What a rule looks for, compiled: token patterns, literals and regexes (finding them
//! in a sentence is `engine::matchers`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::absence::Absence;
use super::lazy_regex::LazyRegex;
use super::pattern::Pattern;
use super::prefilter::{Anchored, Slot};
use crate::rules::Domain;

/// A rule's compiled patterns, literals and regexes.
#[derive(Debug, Clone)]
pub struct Matchers {
    pub(crate) patterns: Vec<Pattern>,
    /// One of these must occur in the document (empty: no condition).
    pub(crate) requires: Vec<Pattern>,
    /// For absence rules: what triggers the check and the items required.
    pub absence: Option<Absence>,
    /// Any of these near a match clears it.
    pub(crate) unless: Vec<Pattern>,
    /// Any of these anywhere in the document clears every match.
    pub(crate) unless_page: Vec<Pattern>,
    /// Wording permitted on pages of a domain: a match it overlaps there is cleared.
    pub(crate) permitted: Vec<(Domain, Pattern)>,
    pub(crate) literals: Option<Literals>,
    pub(crate) regexes: Vec<LazyRegex>,
}

/// A rule's `literals`, found longest first by one automaton.
#[derive(Debug, Clone)]
pub(crate) struct Literals {
    strings: Vec<String>,
    pub(crate) automaton: AhoCorasick,
    slot: OnceLock<Slot>,
}

impl Literals {
    pub(crate) fn new(strings: Vec<String>) -> Result<Self, aho_corasick::BuildError> {
        // Built when a page first needs the rule, so the kind that builds fastest.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&strings)?;
        Ok(Self {
            strings,
            automaton,
            slot: OnceLock::new(),
        })
    }
}

impl Anchored for Literals {
    fn slot(&self) -> &OnceLock<Slot> {
        &self.slot
    }

    fn required(&self) -> Option<&[String]> {
        Some(&self.strings)
    }
}

impl Matchers {
    /// Every token pattern of the rule, for the prefilter to anchor.
    pub(crate) fn all_patterns(&self) -> impl Iterator<Item = &Pattern> {
        let (triggers, items) = match &self.absence {
            Some(absence) => (absence.triggers.as_slice(), absence.items.as_slice()),
            None => (Default::default(), Default::default()),
        };
        self.patterns
            .iter()
            .chain(&self.requires)
            .chain(&self.unless)
            .chain(&self.unless_page)
            .chain(self.permitted.iter().map(|(_, p)| p))
            .chain(triggers)
            .chain(items.iter().flat_map(|item| &item.patterns))
    }

    /// The rule's regexes: its own and its absence items'.
    pub(crate) fn all_regexes(&self) -> impl Iterator<Item = &LazyRegex> {
        let items = self.absence.iter().flat_map(|a| &a.items);
        self.regexes.iter().chain(items.flat_map(|item| &item.regexes))
    }

    /// The rule's regexes and literal list, for the prefilter to anchor; they are
    /// numbered after every token pattern.
    pub(crate) fn all_texts(&self) -> impl Iterator<Item = &dyn Anchored> {
        let literals = self.literals.iter().map(|l| l as &dyn Anchored);
        literals.chain(self.all_regexes().map(|r| r as &dyn Anchored))
    }
}
