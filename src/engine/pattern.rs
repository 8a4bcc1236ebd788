//! Matching a compiled token pattern over a sentence's tokens: a backtracking run,
//! after the cheap checks (prefilter slot, words the sentence must hold, first token).

use std::borrow::Cow;
use std::ops::Range;

use super::words::{Analysed, Words};
use crate::compile::{Choice, Element, First, Pattern, Slot, Test};
use crate::text::Token;

impl Pattern {
    /// Non-overlapping matches in a sentence as token index ranges (end exclusive).
    pub fn find(&self, words: Words) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if !words.allow(self.slot.get().copied()) {
            return found;
        }
        let analysed = words.analysed();
        if self.first.iter().chain(&self.later).any(|words| !words.meets(analysed)) {
            return found;
        }
        let Analysed { tokens, breaks, .. } = analysed;
        let mut start = 0;
        while start < tokens.len() {
            if self.first.as_ref().is_some_and(|first| !first.accepts(&tokens[start])) {
                start += 1;
                continue;
            }
            let mut end = None;
            let backtrack = Backtrack { tokens, breaks };
            backtrack.run(&self.elements, start, &mut |e| {
                end = Some(e);
                true
            });
            match end {
                Some(end) if end > start => {
                    found.push(start..end);
                    start = end;
                }
                _ => start += 1,
            }
        }
        found
    }
}

impl First {
    /// Whether a match may start at `token`.
    fn accepts(&self, token: &Token) -> bool {
        let ids = token.ids;
        match self {
            Self::Few(words) => [ids.lemma, ids.surface, ids.reading]
                .iter()
                .any(|id| words.contains(id)),
            Self::Many(set) => [ids.lemma, ids.surface, ids.reading].iter().any(|&id| set.contains(id)),
            Self::Parts(parts) => parts.iter().any(|p| token.is_pos(p)),
        }
    }

    /// Whether a match may start anywhere in a sentence.
    fn meets(&self, analysed: &Analysed) -> bool {
        match self {
            Self::Few(ids) => ids.iter().any(|&id| analysed.present.contains(id)),
            Self::Many(set) => set.meets(&analysed.present),
            Self::Parts(_) => analysed.tokens.iter().any(|t| self.accepts(t)),
        }
    }
}

impl Test {
    fn matches(&self, token: &Token) -> bool {
        match self {
            Self::Word(w) => token.ids.lemma == *w || token.ids.surface == *w,
            Self::Surface(s) => token.ids.surface == *s,
            Self::Reading(r) => token.ids.reading == *r,
            Self::Pos(p) => token.is_pos(p),
            Self::Any => true,
        }
    }
}

impl Choice {
    /// The sequences that may match at `token` (`None`: the end of the sentence), in
    /// their order. Usually one list holds them all, which is lent rather than copied:
    /// this runs for every token a lexicon is tried at.
    fn candidates(&self, token: Option<&Token>) -> Cow<'_, [usize]> {
        let mut lists: [&[usize]; 4] = [&self.always, &[], &[], &[]];
        let mut count = usize::from(!self.always.is_empty());
        if let Some(t) = token {
            for (map, id) in [
                (&self.by_word, t.ids.lemma),
                (&self.by_word, t.ids.surface),
                (&self.by_reading, t.ids.reading),
            ] {
                let list = map.get(&id).map_or(&[][..], Vec::as_slice);
                if !list.is_empty() && !lists[..count].iter().any(|l| std::ptr::eq(*l, list)) {
                    lists[count] = list;
                    count += 1;
                }
            }
        }
        match &lists[..count] {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            several => {
                let mut found: Vec<usize> = several.concat();
                found.sort_unstable();
                found.dedup();
                Cow::Owned(found)
            }
        }
    }
}

/// The patterns of a list that may match in a sentence, with their index in the list.
/// A rule's patterns have consecutive slots, so this asks the prefilter about each
/// with a bit test instead of calling every pattern on every sentence.
pub fn candidates<'p>(patterns: &'p [Pattern], words: Words<'p>) -> impl Iterator<Item = (usize, &'p Pattern)> {
    let first = patterns.first().and_then(|p| p.slot.get().copied());
    debug_assert!(
        patterns
            .iter()
            .enumerate()
            .all(|(i, p)| p.slot.get().copied() == first.map(|f| f + i as Slot)),
        "a list's patterns are numbered one after another"
    );
    // Patterns outside a rule set (never numbered) are all tried.
    let (numbered, unnumbered) = match first {
        Some(first) => (first..first + patterns.len() as Slot, 0..0),
        None => (0..0, 0..patterns.len()),
    };
    let base = numbered.start;
    words
        .allowed(numbered)
        .map(move |slot| (slot - base) as usize)
        .chain(unnumbered)
        .map(|i| (i, &patterns[i]))
}

/// A backtracking run of a pattern's elements over a sentence's tokens.
struct Backtrack<'a> {
    tokens: &'a [Token],
    breaks: &'a [bool],
}

impl Backtrack<'_> {
    /// Backtracking match of `elements` at `pos`; `done` receives the end position and
    /// says whether to accept it.
    fn run(&self, elements: &[Element], pos: usize, done: &mut dyn FnMut(usize) -> bool) -> bool {
        let Some((first, rest)) = elements.split_first() else {
            return done(pos);
        };
        match first {
            Element::Token(tests) => {
                self.tokens
                    .get(pos)
                    .is_some_and(|t| tests.iter().any(|test| test.matches(t)))
                    && self.run(rest, pos + 1, done)
            }
            Element::Choice(choice) => choice
                .candidates(self.tokens.get(pos))
                .iter()
                .any(|&i| self.then(&choice.sequences[i], rest, pos, done)),
            Element::Optional(element) => {
                self.then(std::slice::from_ref(element.as_ref()), rest, pos, done) || self.run(rest, pos, done)
            }
            Element::NotNext(tests) => {
                !self
                    .tokens
                    .get(pos)
                    .is_some_and(|t| tests.iter().any(|test| test.matches(t)))
                    && self.run(rest, pos, done)
            }
            Element::Gap(limit) => (0..=*limit).any(|skip| {
                let end = pos + skip;
                end <= self.tokens.len() && !self.breaks[pos..end].iter().any(|&b| b) && self.run(rest, end, done)
            }),
        }
    }

    /// Matches `head` then `rest`.
    fn then(&self, head: &[Element], rest: &[Element], pos: usize, done: &mut dyn FnMut(usize) -> bool) -> bool {
        self.run(head, pos, &mut |next| self.run(rest, next, done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{AnchorBuilder, ChoiceMemo, Lexicons};
    use crate::engine::Analyser;
    use crate::text::Tokenizer;

    fn find(pattern: &str, text: &str) -> Vec<String> {
        let mut lexicons = Lexicons::default();
        lexicons.add("effect", &["治る", "効果 が ある|出る"], false).unwrap();
        find_with(lexicons, pattern, text)
    }

    fn find_with(lexicons: Lexicons, pattern: &str, text: &str) -> Vec<String> {
        let pattern = Pattern::parse(pattern, &lexicons).unwrap();
        let vocabulary = lexicons.into_vocabulary();
        let mut anchors = AnchorBuilder::new(&vocabulary);
        pattern.number(0);
        pattern.anchor(&mut anchors, &mut ChoiceMemo::default());
        let anchors = anchors.build();
        let tokenizer = Tokenizer::new().unwrap();
        let analyser = Analyser::new(&tokenizer, &vocabulary, Some(&anchors));
        let sentence = analyser.sentence(text, 0..text.len());
        let words = sentence.words(text, &analyser);
        let tokens = words.tokens();
        pattern
            .find(words)
            .into_iter()
            .map(|r| text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn a_lexicon_extended_later_is_seen_by_every_element_naming_it() {
        let mut lexicons = Lexicons::default();
        lexicons.add("effect", &["治る"], false).unwrap();
        // Both elements are built (and kept for reuse) before `effect` grows.
        lexicons.add("claims", &["@effect", "@effect|痩せる"], false).unwrap();
        lexicons.add("effect", &["若返る"], true).unwrap();
        assert_eq!(find_with(lexicons, "@effect|痩せる", "必ず若返る。"), ["若返る"]);
    }

    #[test]
    fn lemma_matches_conjugations() {
        assert_eq!(find("治る", "治ります。治った。治らない"), ["治り", "治っ", "治ら"]);
    }

    #[test]
    fn reading_unifies_spellings() {
        assert_eq!(
            find("~かならず 治る", "必ず治る。かならず治る"),
            ["必ず治る", "かならず治る"]
        );
        assert!(find("~かならず 治る", "必ずしも治る").is_empty());
    }

    #[test]
    fn gaps_and_lexicons() {
        assert_eq!(
            find("必ず ... @effect", "必ず全員に効果が出ます"),
            ["必ず全員に効果が出"]
        );
        assert!(find("必ず ...1 @effect", "必ず全員に効果が出ます").is_empty());
    }

    #[test]
    fn an_alternative_of_several_tokens() {
        // Without `_`, `医療 機関|主治医` would read as 医療 followed by 機関 or 主治医.
        assert_eq!(
            find("医療_機関|主治医 に 相談", "医療機関に相談。主治医に相談。機関に相談"),
            ["医療機関に相談", "主治医に相談"]
        );
    }

    #[test]
    fn optional_and_negative_lookahead() {
        assert_eq!(
            find("絶対 に? 治る", "絶対治る。絶対に治る"),
            ["絶対治る", "絶対に治る"]
        );
        assert_eq!(
            find("再発 し ない !よう", "再発しない。再発しないように"),
            ["再発しない"]
        );
    }
}
