//! A rule's matchers over one sentence: its patterns, literals and regexes found and
//! merged into claims, and the conditions (`requires`, `unless`, `permitted`) read.

use std::collections::BTreeSet;
use std::ops::Range;

use super::pattern::candidates;
use super::words::Words;
use crate::compile::{LazyRegex, Literals, Matchers, Pattern, TextMatcher};
use crate::rules::Domain;
use crate::span::SentenceSpan;

/// Where a rule matched in a sentence (byte ranges of the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The matched words; contexts are read around this.
    pub claim: SentenceSpan,
    /// What the diagnostic underlines: the claim plus trailing auxiliaries (治り|ます).
    pub shown: SentenceSpan,
}

impl Matchers {
    /// Whether the document, given as its sentences, names what the rule requires.
    pub fn requirement_met<'a>(&self, sentences: impl Iterator<Item = Words<'a>>) -> bool {
        self.requires.is_empty() || any_match(&self.requires, sentences)
    }

    /// Whether anything a page says clears the whole rule (`unless_page`).
    pub fn clears_pages(&self) -> bool {
        !self.unless_page.is_empty()
    }

    /// Where one sentence says what clears the whole rule; the page reads whether it
    /// says so or denies it.
    pub fn page_clearings(&self, words: Words) -> Vec<SentenceSpan> {
        let tokens = words.tokens();
        (candidates(&self.unless_page, words))
            .flat_map(|(_, pattern)| pattern.find(words))
            .map(|r| SentenceSpan::new(tokens[r.start].span.start..tokens[r.end - 1].span.end))
            .collect()
    }

    /// Whether one of the rule's `unless` patterns occurs in these sentences (the
    /// match's own and the `unless_within` after it).
    pub fn cleared_by<'a>(&self, sentences: impl Iterator<Item = Words<'a>>) -> bool {
        any_match(&self.unless, sentences)
    }

    /// Whether `claim` (a byte range of the sentence) is wording that pages of
    /// `domains` may use.
    pub fn permits(&self, domains: &BTreeSet<Domain>, words: Words, claim: SentenceSpan) -> bool {
        let tokens = words.tokens();
        (self.permitted.iter())
            .filter(|(domain, _)| domains.contains(domain))
            .flat_map(|(_, pattern)| pattern.find(words))
            .any(|r| tokens[r.start].span.start < claim.end && claim.start < tokens[r.end - 1].span.end)
    }

    /// Matches in one sentence, overlapping ones merged, in order.
    pub fn find(&self, words: Words) -> Vec<Match> {
        let sentence = words.text();
        let mut matches: Vec<Match> = Vec::new();
        for (_, pattern) in candidates(&self.patterns, words) {
            for range in pattern.find(words) {
                let tokens = words.tokens();
                // The claim takes in verb suffixes (痩せ|られる) so that a negation after
                // them (痩せられるわけではありません) is read as the claim's own.
                let suffixes = tokens[range.end..].iter().take_while(|t| t.is_pos("動詞-接尾")).count();
                let last = range.end + suffixes - 1;
                let claim = SentenceSpan::new(tokens[range.start].span.start..tokens[last].span.end);
                let shown_end = tokens[range.end..]
                    .iter()
                    .take_while(|t| t.is_pos("助動詞") || t.is_pos("動詞-接尾"))
                    .last()
                    .map_or(claim.end, |t| t.span.end);
                matches.push(Match {
                    shown: SentenceSpan::new(claim.start..shown_end),
                    claim,
                });
            }
        }
        let literal_hits = self.literals.iter().flat_map(|l| l.find_iter(words));
        let regex_hits = self
            .regexes
            .iter()
            .filter_map(|re| re.for_words(words))
            .flat_map(|matcher| matcher.find_iter(sentence));
        for range in literal_hits.chain(regex_hits) {
            if !range.is_empty() && at_word_edges(sentence, &range) {
                matches.push(Match {
                    claim: SentenceSpan::new(range.clone()),
                    shown: SentenceSpan::new(range),
                });
            }
        }
        matches.sort_by_key(|m| (m.shown.start, std::cmp::Reverse(m.shown.end)));
        // One finding per claim: overlapping matches, and matches that run on into each
        // other (薄毛が治る|効果も期待), become one.
        matches.dedup_by(|later, kept| {
            let joined = later.shown.start <= kept.shown.end
                || (sentence[kept.shown.end..later.shown.start].chars().count() <= MAX_JOIN_GAP
                    && !sentence[kept.shown.end..later.shown.start].contains(ITEM_SEPARATORS));
            if joined {
                kept.shown.end = kept.shown.end.max(later.shown.end);
                kept.claim.end = kept.claim.end.max(later.claim.end);
            }
            joined
        });
        matches
    }
}

impl Literals {
    fn find_iter<'a>(&'a self, words: Words<'a>) -> impl Iterator<Item = Range<usize>> + 'a {
        let text = words.text();
        let searched = if words.allows(self) { text } else { "" };
        self.automaton.find_iter(searched).map(|m| m.range())
    }
}

impl LazyRegex {
    /// The matcher, if the regex may match somewhere in the sentence: `None` when the
    /// sentence lacks the literals a match must start with, or those it must end with.
    /// Where the sentence prefilter is on, it has looked for one list already.
    pub fn for_words(&self, words: Words) -> Option<TextMatcher<'_>> {
        if words.prefiltered() && !words.allows(self) {
            return None;
        }
        self.for_text(words.text())
    }
}

/// Matches of one rule this close together, with no list separator between, are one claim.
const MAX_JOIN_GAP: usize = 3;
const ITEM_SEPARATORS: &[char] = &['、', ',', '・', ' ', '　', '/', '／'];

fn any_match<'a>(patterns: &[Pattern], mut sentences: impl Iterator<Item = Words<'a>>) -> bool {
    sentences.any(|words| candidates(patterns, words).any(|(_, p)| !p.find(words).is_empty()))
}

/// A Latin or digit match must not be cut out of a longer word (No.1 in No.10).
fn at_word_edges(text: &str, range: &Range<usize>) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let cuts_start = alnum(first) && alnum(before);
    let cuts_end = alnum(last) && alnum(after);
    !cuts_start && !cuts_end
}
