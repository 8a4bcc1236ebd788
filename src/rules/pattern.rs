//! The token pattern language of rule dictionaries (see dictionaries/README.md).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use super::anchor::{Anchor, AnchorBuilder, By, Group, Slot, join};
use super::vocabulary::{Vocabulary, WordSet};
use super::words::{Analysed, Words};
use crate::text::{Token, WordId, kana};

/// Longest gap `...` allows when no length is given.
const DEFAULT_GAP: usize = 8;

/// A compiled token pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    elements: Vec<Element>,
    /// What a match's first token must be (a word or a part of speech), when the first
    /// element says: sentences and positions without one are skipped.
    first: Option<First>,
    /// Words the sentence must hold for the later elements (`必ず ... @effect` needs an
    /// effect word too): a sentence lacking one of them is skipped.
    later: Box<[First]>,
    /// The pattern's slot in the prefilter (numbered by the compile it belongs to): only
    /// sentences holding the anchors it needs are tokenized for it.
    slot: OnceLock<Slot>,
}

#[derive(Debug, Clone)]
enum Element {
    /// One token passing any of the tests (`a|b|~c`).
    Token(Vec<Test>),
    /// Any of several token sequences (`@lexicon`, or alternatives mixing one in).
    Choice(Arc<Choice>),
    Optional(Box<Element>),
    /// Zero width: the next token (if any) passes none of the tests.
    NotNext(Vec<Test>),
    /// Up to this many tokens of the same clause.
    Gap(usize),
}

/// What the token an element matches first must be: one of some words, or of some
/// parts of speech. Every pattern asks this of every sentence, so a few words are a
/// short list (a bitset would be as long as the vocabulary).
#[derive(Debug, Clone)]
enum First {
    Few(Box<[WordId]>),
    Many(WordSet),
    /// Part-of-speech prefixes (`#名詞-数`).
    Parts(Box<[String]>),
}

/// Up to this many first words are kept as a list.
const FEW_WORDS: usize = 16;

impl First {
    fn words(mut ids: Vec<WordId>) -> Self {
        ids.sort_unstable_by_key(|id| id.0);
        ids.dedup();
        if ids.len() <= FEW_WORDS {
            return Self::Few(ids.into());
        }
        let mut set = WordSet::default();
        ids.into_iter().for_each(|id| set.insert(id));
        Self::Many(set)
    }

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
            Self::Many(set) => set.intersects(&analysed.present),
            Self::Parts(_) => analysed.tokens.iter().any(|t| self.accepts(t)),
        }
    }
}

/// Sequences to try in order, indexed by the word their first token must be, so that a
/// lexicon of hundreds of entries costs a lookup or two per position, not hundreds of
/// attempts. Sequences whose first token is not one known word are always tried.
#[derive(Debug, Clone)]
pub(super) struct Choice {
    sequences: Vec<Vec<Element>>,
    by_word: FxHashMap<WordId, Vec<usize>>,
    by_reading: FxHashMap<WordId, Vec<usize>>,
    always: Vec<usize>,
    /// The words a match's first token must be, when every sequence starts with a word:
    /// worked out once, as hundreds of patterns share a lexicon.
    first: Option<First>,
}

#[derive(Debug, Clone)]
enum Test {
    /// Lemma or surface.
    Word(WordId),
    Surface(WordId),
    Reading(WordId),
    Pos(String),
    Any,
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

    /// The forms a token passing this test may take, when they are certain.
    fn forms(&self, anchors: &mut AnchorBuilder) -> Option<Group> {
        match self {
            Self::Word(w) => anchors.forms(*w, By::Lemma),
            Self::Surface(s) => anchors.forms(*s, By::Surface),
            Self::Reading(r) => anchors.forms(*r, By::Reading),
            Self::Pos(_) | Self::Any => None,
        }
    }
}

/// Joined anchors of adjacent words multiply; past this many, a run stops growing.
const MAX_JOINED: usize = 16;

impl Element {
    /// The forms the token this element matches may take; `None` unless the element is
    /// one token with certain forms for every test.
    fn forms(&self, anchors: &mut AnchorBuilder) -> Option<Vec<Anchor>> {
        match self {
            Self::Token(tests) => {
                let mut all = Vec::new();
                for test in tests {
                    all.extend(test.forms(anchors)?.iter().cloned());
                }
                Some(all)
            }
            _ => None,
        }
    }

    /// Anchors one of which a sentence holds wherever this element matches, when it
    /// is a lexicon or a choice: the union of each sequence's rarest group.
    fn choice_anchors(&self, anchors: &mut AnchorBuilder) -> Option<Group> {
        let Self::Choice(choice) = self else {
            return None;
        };
        // Hundreds of patterns share a lexicon's choice: work it out once.
        let key = Arc::as_ptr(choice) as usize;
        if let Some((_, group)) = anchors.memo.get(&key) {
            return group.clone();
        }
        let mut union = Vec::new();
        let group = choice
            .sequences
            .iter()
            .try_for_each(|sequence| {
                union.extend_from_slice(&best_anchors(sequence, anchors)?);
                Some(())
            })
            .map(|()| {
                union.sort();
                union.dedup();
                Group::from(union)
            });
        anchors.memo.insert(key, (Arc::clone(choice), group.clone()));
        group
    }

    /// What a token must be to be matched first by this element: some words, or some
    /// parts of speech; `None` when it is no such closed set (`*`, words mixed with parts
    /// of speech, or anything that may match nothing).
    fn first(&self) -> Option<First> {
        match self {
            Self::Token(tests) if tests.iter().all(|t| matches!(t, Test::Pos(_))) => {
                let parts = tests.iter().filter_map(|t| match t {
                    Test::Pos(part) => Some(part.clone()),
                    _ => None,
                });
                Some(First::Parts(parts.collect()))
            }
            Self::Token(tests) => tests
                .iter()
                .map(|test| match test {
                    Test::Word(id) | Test::Surface(id) | Test::Reading(id) => Some(*id),
                    Test::Pos(_) | Test::Any => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(First::words),
            Self::Choice(choice) => choice.first.clone(),
            Self::Optional(_) | Self::NotNext(_) | Self::Gap(_) => None,
        }
    }
}

impl Choice {
    fn new(sequences: Vec<Vec<Element>>) -> Self {
        let mut by_word: FxHashMap<WordId, Vec<usize>> = FxHashMap::default();
        let mut by_reading: FxHashMap<WordId, Vec<usize>> = FxHashMap::default();
        let mut always = Vec::new();
        for (i, sequence) in sequences.iter().enumerate() {
            let tests = match sequence.first() {
                Some(Element::Token(tests)) => tests.as_slice(),
                _ => &[],
            };
            let indexable = !tests.is_empty()
                && tests
                    .iter()
                    .all(|t| matches!(t, Test::Word(_) | Test::Surface(_) | Test::Reading(_)));
            if !indexable {
                always.push(i);
                continue;
            }
            for test in tests {
                let (map, id) = match test {
                    Test::Word(id) | Test::Surface(id) => (&mut by_word, id),
                    Test::Reading(id) => (&mut by_reading, id),
                    Test::Pos(_) | Test::Any => continue,
                };
                let entry = map.entry(*id).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
        let first = always.is_empty().then(|| {
            let ids = by_word.keys().chain(by_reading.keys()).copied();
            First::words(ids.collect())
        });
        Self {
            sequences,
            by_word,
            by_reading,
            always,
            first,
        }
    }

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

/// Compiled lexicons, by name, that `@name` refers to, and the vocabulary their words
/// and the patterns' words are numbered in.
#[derive(Debug, Default)]
pub struct Lexicons {
    map: BTreeMap<String, Vec<Vec<Element>>>,
    /// Each element naming lexicons (`@name`, `@effect|安全`) as one indexed choice, by
    /// its text, built at its first use and shared by the others: hundreds of patterns
    /// name the same few lexicons.
    shared: RefCell<BTreeMap<String, Arc<Choice>>>,
    vocabulary: RefCell<Vocabulary>,
}

impl Lexicons {
    /// The vocabulary of everything compiled with these lexicons.
    pub fn into_vocabulary(self) -> Vocabulary {
        self.vocabulary.into_inner()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Compiles a lexicon's entries (patterns without gaps, which may refer to the
    /// lexicons added before) and adds them to lexicon `name`, which `extend` says must
    /// exist already. On error, returns the failing entry's index.
    pub fn add(&mut self, name: &str, entries: &[&str], extend: bool) -> Result<(), (usize, String)> {
        let compiled: Vec<Vec<Element>> = entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let elements = parse(entry, self).map_err(|e| (i, e))?;
                if elements.iter().any(|e| matches!(e, Element::Gap(_))) {
                    return Err((i, format!("lexicon entry `{entry}` may not contain a gap")));
                }
                Ok(elements)
            })
            .collect::<Result<_, _>>()?;
        // Choices naming the lexicon are built again from its new entries.
        let names_it = |key: &String| key.split('|').any(|alt| alt.strip_prefix('@') == Some(name));
        self.shared.borrow_mut().retain(|key, _| !names_it(key));
        match (extend, self.map.get_mut(name)) {
            (true, Some(existing)) => existing.extend(compiled),
            (true, None) => return Err((0, format!("there is no lexicon `{name}` to extend"))),
            (false, _) => {
                self.map.insert(name.to_string(), compiled);
            }
        }
        Ok(())
    }
}

/// The groups of anchors a match of `sequence` needs, one of each: for each word, its
/// forms, joined with the forms of the words after it (に + なら → にな); for each choice,
/// its union.
fn sequence_anchors(sequence: &[Element], anchors: &mut AnchorBuilder) -> Vec<Group> {
    let mut groups = Vec::new();
    for (i, element) in sequence.iter().enumerate() {
        let Some(mut run) = element.forms(anchors) else {
            groups.extend(element.choice_anchors(anchors));
            continue;
        };
        // A zero-width `!x` does not separate the words around it.
        let mut after = sequence[i + 1..].iter().filter(|e| !matches!(e, Element::NotNext(_)));
        while let Some(next) = after.next().and_then(|e| e.forms(anchors)) {
            if run.len() * next.len() > MAX_JOINED {
                break;
            }
            run = run.iter().flat_map(|a| next.iter().map(|n| join(a, n))).collect();
        }
        groups.push(run.into());
    }
    groups
}

/// The rarest group of anchors a match of `sequence` needs.
fn best_anchors(sequence: &[Element], anchors: &mut AnchorBuilder) -> Option<Group> {
    sequence_anchors(sequence, anchors)
        .into_iter()
        .min_by(|a, b| AnchorBuilder::frequency(a).total_cmp(&AnchorBuilder::frequency(b)))
}

impl Pattern {
    fn new(elements: Vec<Element>) -> Self {
        let first = elements.first().and_then(Element::first);
        let later = elements
            .iter()
            .skip(1)
            .filter_map(Element::first)
            .filter(|first| !matches!(first, First::Parts(_)))
            .collect();
        Self {
            elements,
            first,
            later,
            slot: OnceLock::new(),
        }
    }

    /// Works out which anchors a sentence must hold for this pattern to match there.
    /// A pattern that was never numbered is tried on every sentence.
    pub(super) fn anchor(&self, anchors: &mut AnchorBuilder) {
        if let Some(&slot) = self.slot.get() {
            let groups = sequence_anchors(&self.elements, anchors);
            anchors.register(slot, groups);
        }
    }

    /// Gives the pattern its slot in the prefilter.
    pub(super) fn number(&self, slot: Slot) {
        let _ = self.slot.set(slot);
    }

    pub fn parse(source: &str, lexicons: &Lexicons) -> Result<Self, String> {
        let elements = parse(source, lexicons)?;
        let consumes = |e: &Element| !matches!(e, Element::Gap(_) | Element::NotNext(_) | Element::Optional(_));
        if !elements.first().is_some_and(consumes) {
            return Err(format!(
                "pattern `{source}` must start with a word, not a gap or an optional element"
            ));
        }
        if matches!(elements.last(), Some(Element::Gap(_))) {
            return Err(format!("pattern `{source}` must not end with a gap"));
        }
        Ok(Self::new(elements))
    }

    /// The pattern as separate alternatives when it is a lexicon reference (`@treatment`),
    /// one per entry, nested references flattened; otherwise itself. An entry that lists
    /// names of one thing (`HIFU|ハイフ`) stays one alternative.
    pub fn alternatives(self) -> Vec<Pattern> {
        fn flatten(sequence: Vec<Element>, into: &mut Vec<Pattern>) {
            match <[Element; 1]>::try_from(sequence) {
                Ok([Element::Choice(choice)]) => Arc::unwrap_or_clone(choice)
                    .sequences
                    .into_iter()
                    .for_each(|s| flatten(s, into)),
                Ok([element]) => into.push(Pattern::new(vec![element])),
                Err(elements) => into.push(Pattern::new(elements)),
            }
        }
        let mut found = Vec::new();
        flatten(self.elements, &mut found);
        found
    }

    /// Non-overlapping matches in a sentence as token index ranges (end exclusive).
    pub fn find(&self, words: Words) -> Vec<std::ops::Range<usize>> {
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
            let matcher = Matcher { tokens, breaks };
            matcher.run(&self.elements, start, &mut |e| {
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

/// The patterns of a list that may match in a sentence, with their index in the list.
/// A rule's patterns have consecutive slots, so this asks the prefilter about each
/// with a bit test instead of calling every pattern on every sentence.
pub(super) fn candidates<'p>(patterns: &'p [Pattern], words: Words<'p>) -> impl Iterator<Item = (usize, &'p Pattern)> {
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

struct Matcher<'a> {
    tokens: &'a [Token],
    breaks: &'a [bool],
}

impl Matcher<'_> {
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

/// The names of the lexicons a pattern or lexicon entry names (`@cure` in
/// `@cure|治す ...3 !ない?`), without compiling it. A name runs from its `@` to the end
/// of its alternative, less the `?`s that end its word, as [`parse_element`] reads it.
pub(super) fn lexicons_named(source: &str) -> impl Iterator<Item = &str> {
    source.match_indices('@').map(|(at, _)| {
        let name = &source[at + 1..];
        let end = name.find(|c: char| c.is_whitespace() || c == '|').unwrap_or(name.len());
        match name[end..].starts_with('|') {
            true => &name[..end],
            false => name[..end].trim_end_matches('?'),
        }
    })
}

fn parse(source: &str, lexicons: &Lexicons) -> Result<Vec<Element>, String> {
    let elements = source
        .split_whitespace()
        .map(|word| parse_element(word, lexicons).map_err(|e| format!("in pattern `{source}`: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    if elements.is_empty() {
        return Err("empty pattern".to_string());
    }
    Ok(elements)
}

fn parse_element(word: &str, lexicons: &Lexicons) -> Result<Element, String> {
    for gap in ["...", "…"] {
        if let Some(limit) = word.strip_prefix(gap) {
            return match limit {
                "" => Ok(Element::Gap(DEFAULT_GAP)),
                n => n
                    .parse()
                    .map(Element::Gap)
                    .map_err(|_| format!("`{word}`: a gap takes a number, like `...3`")),
            };
        }
    }
    if let Some(inner) = word.strip_suffix('?').filter(|w| !w.is_empty()) {
        return Ok(Element::Optional(Box::new(parse_element(inner, lexicons)?)));
    }
    if let Some(inner) = word.strip_prefix('!') {
        return parse_tests(inner, lexicons).map(Element::NotNext);
    }
    if !word.split('|').any(|alt| alt.starts_with('@')) {
        return parse_tests(word, lexicons).map(Element::Token);
    }
    let entries_of = |name: &str| {
        lexicons
            .map
            .get(name)
            .ok_or_else(|| format!("unknown lexicon `@{name}`"))
    };
    if let Some(choice) = lexicons.shared.borrow().get(word) {
        return Ok(Element::Choice(Arc::clone(choice)));
    }
    let mut sequences = Vec::new();
    for alternative in word.split('|') {
        match alternative.strip_prefix('@') {
            Some(name) => sequences.extend(entries_of(name)?.iter().cloned()),
            None => sequences.push(vec![Element::Token(vec![parse_test(alternative, lexicons)?])]),
        }
    }
    let choice = Arc::new(Choice::new(sequences));
    lexicons
        .shared
        .borrow_mut()
        .insert(word.to_string(), Arc::clone(&choice));
    Ok(Element::Choice(choice))
}

fn parse_tests(word: &str, lexicons: &Lexicons) -> Result<Vec<Test>, String> {
    word.split('|').map(|w| parse_test(w, lexicons)).collect()
}

fn parse_test(word: &str, lexicons: &Lexicons) -> Result<Test, String> {
    let (prefix, value) = match word.chars().next() {
        Some(c @ ('=' | '~' | '#')) => (Some(c), &word[c.len_utf8()..]),
        Some('*') if word == "*" => return Ok(Test::Any),
        _ => (None, word),
    };
    if value.is_empty() {
        return Err(format!("`{word}` is missing the word after its prefix"));
    }
    let syntax = |c| matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '@' | '*' | '!' | '…');
    if value.chars().any(syntax) || value.as_bytes().windows(3).any(|w| w == b"...") {
        return Err(format!(
            "`{word}` is not a word; see dictionaries/README.md for the pattern syntax"
        ));
    }
    let mut vocabulary = lexicons.vocabulary.borrow_mut();
    Ok(match prefix {
        Some('=') => Test::Surface(vocabulary.intern(value)),
        Some('~') => Test::Reading(vocabulary.intern(&kana::to_katakana(value))),
        Some(_) => Test::Pos(value.to_string()),
        None => Test::Word(vocabulary.intern(value)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::words::Analyser;
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
        pattern.anchor(&mut anchors);
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

    #[test]
    fn lexicon_names_are_read_without_compiling() {
        let named: Vec<&str> = lexicons_named("@cure|治す !@not ...3 @effect? 肌 @a?|@b??").collect();
        // `@a?|@b??` is an optional choice of `@a?` (no lexicon) or `@b`.
        assert_eq!(named, ["cure", "not", "effect", "a?", "b"]);
    }

    #[test]
    fn rejects_bad_patterns() {
        let lexicons = Lexicons::default();
        assert!(Pattern::parse("... 治る", &lexicons).is_err());
        assert!(Pattern::parse("治る ...", &lexicons).is_err());
        assert!(Pattern::parse("@nothing", &lexicons).is_err());
        assert!(Pattern::parse("治る ...x", &lexicons).is_err());
        assert!(Pattern::parse("(治る)", &lexicons).is_err());
    }
}
