//! The absence check kind, compiled: what triggers the check and the items a page
//! must then state (cost, risks, …), each with its presence signals. Where a page
//! lacks them is worked out by `documents::absence`.

use super::lazy_regex::LazyRegex;
use super::pattern::Pattern;

/// One required item: present when any signal occurs in its scope.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable key for machines (`cost`, `risk`).
    pub key: String,
    /// What a person reads (費用).
    pub name: String,
    /// The whole page satisfies this item (a footer saying 自由診療), not only the
    /// treatment's own section.
    pub page_wide: bool,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) regexes: Vec<LazyRegex>,
}

/// The absence part of a rule.
#[derive(Debug, Clone)]
pub struct Absence {
    /// Trigger alternatives, one per lexicon entry: sites of the same entry advertise the
    /// same thing.
    pub(crate) triggers: Vec<Pattern>,
    pub items: Vec<Item>,
}

impl Item {
    pub(crate) fn new(key: &str, name: &str, page_wide: bool, patterns: Vec<Pattern>, regexes: Vec<LazyRegex>) -> Self {
        Self {
            key: key.to_string(),
            name: name.to_string(),
            page_wide,
            patterns,
            regexes,
        }
    }
}

impl Absence {
    pub(crate) fn new(triggers: Vec<Pattern>, items: Vec<Item>) -> Self {
        let triggers = triggers.into_iter().flat_map(Pattern::alternatives).collect();
        Self { triggers, items }
    }
}
