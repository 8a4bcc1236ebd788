//! A document analysed once for all rules: normalised text, its sentences (tokenized
//! when a rule needs them), and the heading each sentence stands under.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::compile::Matchers;
use crate::diagnostic::{Claim, Place};
use crate::documents::{Advert, SentenceView};
use crate::engine::{Analyser, PageSentence, Words};
use crate::judge::{Context, Tails, Topics, modality, subject};
use crate::rules::Domain;
use crate::source::Document;
use crate::span::{PageSpan, SentenceSpan, SourceSpan};
use crate::text::{Normalized, Token, headings, starts_with_bullet};

/// A document analysed once for all rules.
pub(super) struct Page<'a> {
    pub(super) document: &'a Document,
    /// What the page was judged to be.
    pub(super) domains: BTreeSet<Domain>,
    pub(super) normalized: Normalized,
    pub(super) sentences: Vec<PageSentence>,
    pub(super) headings: Vec<Option<Range<usize>>>,
    /// The first sentence of the footer (the number of sentences when there is none).
    footer: usize,
    /// Whether each sentence is an item of a list that addresses the readers (こんな方に).
    audience: Vec<bool>,
    analyser: Analyser<'a>,
    tails: &'a Tails,
    topics: &'a Topics,
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
        (tails, topics): (&'a Tails, &'a Topics),
    ) -> Self {
        let headings = headings(&normalized.text, &ranges);
        let text = &normalized.text;
        let footer = footer_start(text, &ranges, &headings, tails);
        let audience = audience_items(text, &ranges, &headings, tails);
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
            footer,
            audience,
            analyser,
            tails,
            topics,
        }
    }

    pub(super) fn words(&self, index: usize) -> Words<'_> {
        self.sentences[index].words(&self.normalized.text, &self.analyser)
    }

    pub(super) fn all_words(&self) -> impl Iterator<Item = Words<'_>> {
        (0..self.sentences.len()).map(|i| self.words(i))
    }

    /// The contexts of `claim`, a byte range of sentence `index`.
    pub(super) fn contexts(&self, index: usize, claim: SentenceSpan) -> Vec<Context> {
        let heading = self.headings[index].clone().map(|h| &self.normalized.text[h]);
        let tokens = self.words(index).tokens();
        let relaying = self.domains.contains(&Domain::Affiliate) && !self.domains.contains(&Domain::Editorial);
        self.tails
            .contexts(self.sentence(index), heading, tokens, claim, relaying)
    }

    /// What the claims of sentence `index` are about.
    pub(super) fn topics(&self, index: usize) -> Vec<&str> {
        self.topics.of(self.sentence(index))
    }

    /// Where on the page a claim of sentence `index` with these contexts stands.
    pub(super) fn place(&self, index: usize, contexts: &[Context]) -> Place {
        if index >= self.footer {
            Place::Footer
        } else if self.headings[index].as_ref() == Some(&self.sentences[index].range) {
            Place::Heading
        } else if contexts.contains(&Context::RiskSection) {
            Place::RiskSection
        } else if self.audience[index] {
            Place::AudienceList
        } else {
            Place::Body
        }
    }

    /// How and where the claim found in sentence `index` is made.
    pub(super) fn claim(&self, index: usize, contexts: &[Context]) -> Claim {
        let section = (self.headings[index].clone()).map(|h| self.normalized.text[h].trim().to_string());
        Claim {
            subject: subject(contexts),
            modality: modality(contexts),
            place: self.place(index, contexts),
            section,
        }
    }

    pub(super) fn sentence(&self, index: usize) -> &str {
        &self.normalized.text[self.sentences[index].range.clone()]
    }

    /// Where in the source file a span of sentence `index` is: the one place a
    /// finding's span goes from the sentence to the file.
    pub(super) fn to_source(&self, index: usize, span: SentenceSpan) -> SourceSpan {
        let in_page = span.in_page(&self.sentences[index].range);
        self.document.map.to_source(self.normalized.to_input(in_page))
    }

    /// The site of a span of the page, if one sentence holds it.
    pub(super) fn site_of(&self, span: PageSpan) -> Option<Advert> {
        let index = self.sentences.iter().position(|s| s.range.contains(&span.start))?;
        Some(Advert {
            sentence: index,
            range: span.in_sentence(&self.sentences[index].range)?,
            entry: None,
        })
    }

    /// Whether the page says what clears a rule (`unless_page`) in a sentence that does
    /// not deny it: 「機能性表示食品ではありません」 names one without being one.
    pub(super) fn clears(&self, matchers: &Matchers) -> bool {
        matchers.clears_pages()
            && (0..self.sentences.len()).any(|index| {
                let said = matchers.page_clearings(self.words(index));
                !said.is_empty()
                    && !self.tails.denies(self.sentence(index))
                    && (said.iter()).any(|&span| !self.contexts(index, span).contains(&Context::Negation))
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

/// Where the footer starts: at the earliest line that closes the page (会社概要, ©,
/// 販売者：) with no other heading after it. A heading of the page's own content ends
/// the footer's search, so a contact line in the middle of a page starts none.
fn footer_start(text: &str, ranges: &[Range<usize>], headings: &[Option<Range<usize>>], tails: &Tails) -> usize {
    let mut start = ranges.len();
    for (index, range) in ranges.iter().enumerate().rev() {
        if tails.closes_page(&text[range.clone()]) {
            start = index;
        } else if headings[index].as_ref() == Some(range) {
            break;
        }
    }
    start
}

/// Which sentences are items of a list led into by a line that addresses the readers
/// (「■ こんな方に」 and its 「・…な方」 lines): the nearest line before an item that is no item
/// itself decides, so a list under any other line is not one.
fn audience_items(text: &str, ranges: &[Range<usize>], headings: &[Option<Range<usize>>], tails: &Tails) -> Vec<bool> {
    let mut led = false;
    (ranges.iter().zip(headings))
        .map(|(range, heading)| {
            let sentence = &text[range.clone()];
            // ■ marks a heading in such copy even where the page's headings do not say so.
            let item = starts_with_bullet(sentence) && !sentence.starts_with('■') && heading.as_ref() != Some(range);
            if !item {
                led = tails.addresses_readers(sentence);
            }
            item && led
        })
        .collect()
}
