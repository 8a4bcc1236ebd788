//! Byte ranges in each text a finding passes through, one type per text so that they
//! cannot be mixed up:
//!
//! ```text
//! SentenceSpan ──in_page──▶ PageSpan ──Normalized::to_input──▶ ProseSpan
//!     (a sentence)        (normalised page)                 (the document's prose)
//!                                            ──SourceMap::to_source──▶ SourceSpan
//!                                                                  (the file's bytes)
//! ```
//!
//! Diagnostics, fixes and waivers carry [`SourceSpan`]s; each front end turns those into
//! its own positions at the edge (`source::LineIndex`).

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

/// A byte range of one kind of text (`C`).
pub struct Span<C> {
    pub start: usize,
    pub end: usize,
    text: PhantomData<C>,
}

/// A sentence of the normalised page, as patterns and contexts see it.
pub enum Sentence {}
/// The page's normalised text (ｶﾅﾗｽﾞ→カナラズ).
pub enum Page {}
/// The document's prose before normalising: a file's text runs, markup left out.
pub enum Prose {}
/// The source file as decoded: what editors, renderers and fixes address.
pub enum Source {}

pub type SentenceSpan = Span<Sentence>;
pub type PageSpan = Span<Page>;
pub type ProseSpan = Span<Prose>;
pub type SourceSpan = Span<Source>;

impl<C> Span<C> {
    pub fn new(range: Range<usize>) -> Self {
        Self {
            start: range.start,
            end: range.end,
            text: PhantomData,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Whether the two spans share a byte.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl SentenceSpan {
    /// The span in the page, for a sentence that is `sentence` of it.
    pub fn in_page(self, sentence: &Range<usize>) -> PageSpan {
        Span::new(sentence.start + self.start..sentence.start + self.end)
    }
}

impl PageSpan {
    /// The span in `sentence` (a range of the page), if the sentence holds all of it.
    pub fn in_sentence(self, sentence: &Range<usize>) -> Option<SentenceSpan> {
        (sentence.start <= self.start && self.end <= sentence.end)
            .then(|| Span::new(self.start - sentence.start..self.end - sentence.start))
    }
}

// By hand rather than derived: a derive would ask the marker types for the traits.
impl<C> Clone for Span<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Span<C> {}

impl<C> PartialEq for Span<C> {
    fn eq(&self, other: &Self) -> bool {
        self.range() == other.range()
    }
}

impl<C> Eq for Span<C> {}

impl<C> fmt::Debug for Span<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_span_moves_into_the_page_and_back() {
        let sentence = 10..30;
        let claim = SentenceSpan::new(2..6);
        let in_page = claim.in_page(&sentence);
        assert_eq!(in_page.range(), 12..16);
        assert_eq!(in_page.in_sentence(&sentence), Some(claim));
        assert_eq!(in_page.in_sentence(&(13..30)), None, "starts before the sentence");
        assert_eq!(PageSpan::new(25..31).in_sentence(&sentence), None, "runs past its end");
    }
}
