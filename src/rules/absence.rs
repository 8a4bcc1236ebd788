//! The absence check kind: a page that advertises something (a 自由診療 treatment, an
//! unapproved drug) must also state certain items (cost, risks, …). What triggers the
//! check, the items and their presence signals are data; the scoping is here.

use std::ops::Range;

use regex::Regex;

use super::pattern::Pattern;
use crate::text::Token;

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
    pub(super) patterns: Vec<Pattern>,
    pub(super) regexes: Vec<Regex>,
}

/// The absence part of a rule.
#[derive(Debug, Clone)]
pub struct Absence {
    pub(super) triggers: Vec<Pattern>,
    pub items: Vec<Item>,
}

/// A sentence as the absence check sees it.
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub breaks: &'a [bool],
    /// Sentences with the same section number stand under the same heading.
    pub section: usize,
}

/// Where a trigger was found: sentence index and byte range in that sentence.
pub type Site = (usize, Range<usize>);

/// Something advertised without all its items.
#[derive(Debug, Clone)]
pub struct Gap<'a> {
    pub at: Site,
    pub missing: Vec<&'a Item>,
}

impl Item {
    pub(super) fn new(key: &str, name: &str, page_wide: bool, patterns: Vec<Pattern>, regexes: Vec<Regex>) -> Self {
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
    pub(super) fn new(triggers: Vec<Pattern>, items: Vec<Item>) -> Self {
        Self { triggers, items }
    }

    /// Trigger matches in the document, in order.
    pub fn triggers(&self, sentences: &[SentenceView]) -> Vec<Site> {
        let mut found = Vec::new();
        for (index, s) in sentences.iter().enumerate() {
            for pattern in &self.triggers {
                for range in pattern.find(s.tokens, s.breaks) {
                    found.push((
                        index,
                        s.tokens[range.start].span.start..s.tokens[range.end - 1].span.end,
                    ));
                }
            }
        }
        found.sort_by_key(|(index, range)| (*index, range.start));
        found
    }

    /// The gaps of a document given the sites where it advertises the thing (triggers
    /// that survived their context). A page about one thing is checked as a whole, at
    /// its first site; a page with several sections that advertise is checked section by
    /// section, each at its first site, and page-wide items may be anywhere.
    pub fn gaps<'a>(&'a self, sentences: &[SentenceView], sites: &[Site]) -> Vec<Gap<'a>> {
        let mut sections: Vec<usize> = sites.iter().map(|(i, _)| sentences[*i].section).collect();
        sections.dedup();
        let by_section = sections.len() > 1;
        let mut gaps = Vec::new();
        for section in sections.iter().take(if by_section { sections.len() } else { 1 }) {
            let Some(at) = sites
                .iter()
                .find(|(i, _)| !by_section || sentences[*i].section == *section)
            else {
                continue;
            };
            let missing: Vec<&Item> = self
                .items
                .iter()
                .filter(|item| {
                    let in_scope = |s: &&SentenceView| item.page_wide || !by_section || s.section == *section;
                    !sentences.iter().filter(in_scope).any(|s| item.present_in(s))
                })
                .collect();
            if !missing.is_empty() {
                gaps.push(Gap {
                    at: at.clone(),
                    missing,
                });
            }
        }
        gaps
    }
}

impl Item {
    fn present_in(&self, sentence: &SentenceView) -> bool {
        self.patterns
            .iter()
            .any(|p| !p.find(sentence.tokens, sentence.breaks).is_empty())
            || self.regexes.iter().any(|r| r.is_match(sentence.text))
    }
}
