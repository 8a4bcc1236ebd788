//! Regexes of rule dictionaries. Compiling one with a Unicode class under a counted
//! repetition (`[^。]{0,15}`) takes up to a millisecond, all of them together longer than
//! linting a page, and a page needs few of them. The built-in rules' regexes are so
//! compiled on first use (the tests compile every one); a user's are compiled at load,
//! so that a bad one is reported with its file and line. Most need not be compiled at
//! all: a regex whose every match starts with one of a few literals (`入手(経路|方法)`)
//! is skipped for text holding none of them (or of the literals every match ends with).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Compiled regexes stay small: a rule file cannot make kokoku slow or hungry.
const SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: String,
    compiled: OnceLock<Option<Regex>>,
    /// Finds the literals every match starts (or ends) with one of; `None` when there
    /// is no such short list.
    literals: OnceLock<Option<AhoCorasick>>,
}

impl LazyRegex {
    /// Compiled now.
    pub fn eager(source: &str) -> Result<Self, regex::Error> {
        let regex = build(source)?;
        Ok(Self {
            source: source.to_string(),
            compiled: OnceLock::from(Some(regex)),
            literals: OnceLock::new(),
        })
    }

    /// Compiled on first use.
    pub fn lazy(source: &str) -> Self {
        Self {
            source: source.to_string(),
            compiled: OnceLock::new(),
            literals: OnceLock::new(),
        }
    }

    /// The regex, if it may match somewhere in `text`: until it is compiled, `None` when
    /// the text lacks every literal a match must start (or end) with.
    pub fn for_text(&self, text: &str) -> Option<&Regex> {
        // Once compiled, the regex's own prefilter looks for the same literals.
        if let Some(compiled) = self.compiled.get() {
            return compiled.as_ref();
        }
        let literals = self.literals.get_or_init(|| required_literals(&self.source));
        match literals {
            Some(literals) if !literals.is_match(text) => None,
            _ => self.get(),
        }
    }

    /// The regex; `None` only if a lazy one fails to compile, which the tests rule out
    /// for the built-in rules (a regex that cannot compile then matches nothing).
    pub fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| build(&self.source).ok()).as_ref()
    }
}

/// The literals every match of `source` starts with one of, or else ends with one of,
/// when they are known and none is empty.
fn required_literals(source: &str) -> Option<AhoCorasick> {
    let hir = regex_syntax::parse(source).ok()?;
    let usable = |kind: ExtractKind| {
        let seq = Extractor::new().kind(kind).extract(&hir);
        seq.literals()
            .filter(|ls| !ls.is_empty() && ls.iter().all(|l| !l.as_bytes().is_empty()))
            .map(<[_]>::to_vec)
    };
    let literals = usable(ExtractKind::Prefix).or_else(|| usable(ExtractKind::Suffix))?;
    // A DFA would take longer to build than the few sentences it is asked about.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(literals.iter().map(|l| l.as_bytes()))
        .ok()
}

fn build(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).size_limit(SIZE_LIMIT).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_is_skipped_where_its_literals_are_missing() {
        let regex = LazyRegex::lazy("入手(経路|方法)|個人輸入");
        assert!(regex.for_text("当院の料金表です").is_none());
        assert!(
            regex.compiled.get().is_none(),
            "not compiled for text without its literals"
        );
        let found = regex
            .for_text("製剤の入手経路について")
            .map(|r| r.is_match("製剤の入手経路について"));
        assert_eq!(found, Some(true));
    }

    #[test]
    fn a_regex_may_be_skipped_by_how_its_matches_end() {
        let regex = LazyRegex::lazy(r"\d+\s*円");
        assert!(regex.for_text("無料").is_none());
        assert!(regex.for_text("3,000 円").is_some_and(|r| r.is_match("3,000 円")));
    }

    #[test]
    fn a_regex_without_known_literals_is_always_tried() {
        let regex = LazyRegex::lazy(r"\d+|[¥￥]\s*\d");
        assert!(regex.for_text("無料").is_some());
    }
}
