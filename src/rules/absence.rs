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
    /// that survived their context). Each advertised thing (by its wording: ヒアルロン酸注入,
    /// ボトックス) is checked once, at its first site, against the sections that name it and
    /// the sections that name nothing advertised (a shared 料金 or リスク section); a page
    /// about one thing is so checked as a whole. Page-wide items are checked once for the
    /// page and reported with the first thing.
    pub fn gaps<'a>(&'a self, sentences: &[SentenceView], sites: &[Site]) -> Vec<Gap<'a>> {
        // One thing under several names (幹細胞培養上清液, 培養上清液) is named by the longest.
        let wording = |(index, range): &Site| &sentences[*index].text[range.clone()];
        let mut names: Vec<&str> = Vec::new();
        for site in sites {
            let w = wording(site);
            match names.iter().position(|n| n.contains(w) || w.contains(n)) {
                Some(i) if w.len() > names[i].len() => names[i] = w,
                Some(_) => {}
                None => names.push(w),
            }
        }
        let name = |site: &Site| {
            let w = wording(site);
            names
                .iter()
                .copied()
                .find(|n| n.contains(w) || w.contains(n))
                .unwrap_or(w)
        };
        let sections_naming = |n: &str| -> Vec<usize> {
            sites
                .iter()
                .filter(|s| name(s) == n)
                .map(|(i, _)| sentences[*i].section)
                .collect()
        };
        let advertising: Vec<usize> = sites.iter().map(|(i, _)| sentences[*i].section).collect();
        let missing_in = |item: &Item, scope: &dyn Fn(&SentenceView) -> bool| {
            !sentences.iter().filter(|s| scope(s)).any(|s| item.present_in(s))
        };
        let mut gaps = Vec::new();
        for (order, n) in names.iter().enumerate() {
            let own = sections_naming(n);
            let in_scope = |s: &SentenceView| own.contains(&s.section) || !advertising.contains(&s.section);
            let missing: Vec<&Item> = self
                .items
                .iter()
                .filter(|item| match item.page_wide {
                    true => order == 0 && missing_in(item, &|_| true),
                    false => missing_in(item, &in_scope),
                })
                .collect();
            let Some(at) = sites.iter().find(|s| name(s) == *n) else {
                continue;
            };
            // Two things named side by side and lacking the same items are one finding.
            let keys = |items: &[&Item]| items.iter().map(|i| i.key.clone()).collect::<Vec<_>>();
            let repeated = gaps
                .iter()
                .any(|g: &Gap| g.at.0 == at.0 && keys(&g.missing) == keys(&missing));
            if !missing.is_empty() && !repeated {
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
