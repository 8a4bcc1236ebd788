//! Pattern text to compiled patterns, and the lexicons `@name` refers to.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Choice, DEFAULT_GAP, Element, Pattern, Test};
use crate::compile::vocabulary::Vocabulary;
use crate::text::kana;

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

impl Pattern {
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
}

/// The names of the lexicons a pattern or lexicon entry names (`@cure` in
/// `@cure|治す ...3 !ない?`), without compiling it. A name runs from its `@` to the end
/// of its alternative, less the `?`s that end its word, as [`parse_element`] reads it.
pub(crate) fn lexicons_named(source: &str) -> impl Iterator<Item = &str> {
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
    // An alternative of several tokens (`医療_機関|主治医`) or a lexicon makes the element a
    // choice of sequences; without them it tests one token.
    let is_sequence = |alt: &str| alt.starts_with('@') || alt.split('_').filter(|t| !t.is_empty()).count() > 1;
    if !word.split('|').any(is_sequence) {
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
            None => sequences.push(
                alternative
                    .split('_')
                    .map(|token| parse_test(token, lexicons).map(|test| Element::Token(vec![test])))
                    .collect::<Result<_, _>>()?,
            ),
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
