//! A document analysed once for all rules: normalised text, its sentences (tokenized
//! when a rule needs them), and the heading each sentence stands under.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::compile::Matchers;
use crate::diagnostic::{Claim, Place};
use crate::documents::{Advert, SentenceView};
use crate::engine::{Analyser, PageSentence, Words};
use crate::judge::{Context, Tails, modality, subject};
use crate::rules::Domain;
use crate::source::Document;
use crate::text::{Normalized, Token, headings};

/// A document analysed once for all rules.
pub(super) struct Page<'a> {
    pub(super) document: &'a Document,
    /// What the page was judged to be.
    pub(super) domains: BTreeSet<Domain>,
    pub(super) normalized: Normalized,
    pub(super) sentences: Vec<PageSentence>,
    pub(super) headings: Vec<Option<Range<usize>>>,
    analyser: Analyser<'a>,
    tails: &'a Tails,
}

impl<'a> Page<'a> {
    /// The page of `document`, whose normalised text has sentences `ranges`, tokenized
    /// already if `tokens` are given.
    pub(super) fn analyse(
        document: &'a Document,
        domains: BTreeSet<Domain>,
        normalized: Normalized,
        ranges: Vec<Range<usize>>,
        tokens: Option<Vec<Vec<Token>>>,
        analyser: Analyser<'a>,
        tails: &'a Tails,
    ) -> Self {
        let headings = headings(&normalized.text, &ranges);
        let text = &normalized.text;
        let sentences = match tokens {
            Some(tokens) => (ranges.into_iter().zip(tokens))
                .map(|(range, tokens)| analyser.tokenized(text, range, tokens))
                .collect(),
            None => ranges.into_iter().map(|range| analyser.sentence(text, range)).collect(),
        };
        Self {
            document,
            domains,
            normalized,
            sentences,
            headings,
            analyser,
            tails,
        }
    }

    pub(super) fn words(&self, index: usize) -> Words<'_> {
        self.sentences[index].words(&self.normalized.text, &self.analyser)
    }

    pub(super) fn all_words(&self) -> impl Iterator<Item = Words<'_>> {
        (0..self.sentences.len()).map(|i| self.words(i))
    }

    /// The contexts of `claim`, a byte range of sentence `index`.
    pub(super) fn contexts(&self, index: usize, claim: Range<usize>) -> Vec<Context> {
        let heading = self.headings[index].clone().map(|h| &self.normalized.text[h]);
        let tokens = self.words(index).tokens();
        let relaying = self.domains.contains(&Domain::Affiliate) && !self.domains.contains(&Domain::Editorial);
        self.tails
            .contexts(self.sentence(index), heading, tokens, claim, relaying)
    }

    /// How and where the claim found in sentence `index` is made.
    pub(super) fn claim(&self, index: usize, contexts: &[Context]) -> Claim {
        let heading = self.headings[index].clone();
        let place = if heading.as_ref() == Some(&self.sentences[index].range) {
            Place::Heading
        } else if contexts.contains(&Context::RiskSection) {
            Place::RiskSection
        } else {
            Place::Body
        };
        let section = heading.map(|h| self.normalized.text[h].trim().to_string());
        Claim {
            subject: subject(contexts),
            modality: modality(contexts),
            place,
            section,
        }
    }

    pub(super) fn sentence(&self, index: usize) -> &str {
        &self.normalized.text[self.sentences[index].range.clone()]
    }

    /// The source byte range of a byte range of sentence `index`.
    pub(super) fn to_source(&self, index: usize, range: Range<usize>) -> Range<usize> {
        let start = self.sentences[index].range.start;
        let shifted = start + range.start..start + range.end;
        self.document.map.to_source(self.normalized.to_input(shifted))
    }

    /// The site of a byte range of the normalised text, if one sentence holds it.
    pub(super) fn site_of(&self, range: Range<usize>) -> Option<Advert> {
        let index = self.sentences.iter().position(|s| s.range.contains(&range.start))?;
        let start = self.sentences[index].range.start;
        (range.end <= self.sentences[index].range.end).then(|| Advert {
            sentence: index,
            range: range.start - start..range.end - start,
            entry: None,
        })
    }

    /// Whether the section of sentence `index` meets a rule's `requires`.
    pub(super) fn section_meets(&self, matchers: &Matchers, index: usize) -> bool {
        let section = (0..self.sentences.len()).filter(|&j| self.headings[j] == self.headings[index]);
        matchers.requirement_met(section.map(|j| self.words(j)))
    }

    /// The sentences as absence checks see them, numbered by section.
    pub(super) fn views(&self) -> Vec<SentenceView<'_>> {
        let mut section = 0;
        (0..self.sentences.len())
            .map(|index| {
                if index > 0 && self.headings[index] != self.headings[index - 1] {
                    section += 1;
                }
                SentenceView {
                    words: self.words(index),
                    section,
                }
            })
            .collect()
    }
}
