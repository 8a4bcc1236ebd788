//! Regexes of rule dictionaries. Compiling one with a Unicode class under a counted
//! repetition (`[^。]{0,15}`) takes up to a millisecond, all of them together longer than
//! linting a page, and a page needs few of them. The built-in rules' regexes are so
//! compiled on first use (the tests compile every one); a user's are compiled at load,
//! so that a bad one is reported with its file and line. Most need not be compiled at
//! all: a regex whose every match starts with one of a few literals (`入手(経路|方法)`)
//! is skipped for text holding none of them, and so by the literals its matches end with.
//! A regex that is nothing but such literals (`自由診療|自費(診療)?`) is never compiled:
//! its literals find its matches. Those literals are the regex's prefilter: it is built
//! without one of its own, which is a third of building it.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};

use super::literal_set::LiteralSet;
use super::prefilter::{Anchored, Slot};
use super::regex_literals::{self, RegexLiterals};

// `BUILTIN_REGEX_LITERALS: &[(regex, Option<(starts, ends, exact)>)]`, sorted by regex:
// the literals of every regex in dictionaries/rules/*.toml, worked out by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtin_regex_literals.rs"));

/// Compiled regexes stay small: a rule file cannot make kokoku slow or hungry.
const SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: String,
    compiled: OnceLock<Option<Regex>>,
    /// The literals every match starts and ends with one of; `None` when neither is a
    /// short list.
    gate: OnceLock<Option<Gate>>,
    /// The regex's number in the sentence prefilter.
    slot: OnceLock<Slot>,
}

/// What a sentence must hold for the regex to match there: one of the literals every
/// match starts with, and one of those every match ends with, where they are known.
#[derive(Debug, Clone)]
struct Gate {
    starts: Option<LiteralSet>,
    ends: Option<LiteralSet>,
    /// `starts` are exactly the regex's matches, in its order of preference.
    exact: bool,
}

impl Gate {
    fn admits(&self, text: &str) -> bool {
        [&self.starts, &self.ends]
            .into_iter()
            .all(|set| set.as_ref().is_none_or(|set| set.is_match(text)))
    }

    /// The regex's matches when `starts` are exactly them.
    fn as_matcher(&self) -> Option<TextMatcher<'_>> {
        self.starts.as_ref().filter(|_| self.exact).map(TextMatcher::Literals)
    }
}

/// What finds a regex's matches in a sentence.
#[derive(Debug, Clone, Copy)]
pub enum TextMatcher<'a> {
    Regex(&'a Regex),
    /// The literals of a regex that is an alternation of them, which find its matches.
    Literals(&'a LiteralSet),
}

impl<'a> TextMatcher<'a> {
    pub fn is_match(self, text: &str) -> bool {
        match self {
            Self::Regex(regex) => regex.is_match(text),
            Self::Literals(literals) => literals.is_match(text),
        }
    }

    /// The byte ranges of the matches in `text`, left to right, not overlapping.
    pub fn find_iter(self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let (regex, literals) = match self {
            Self::Regex(regex) => (Some(regex.find_iter(text).map(|m| m.range())), None),
            Self::Literals(literals) => (None, Some(literals.find_iter(text))),
        };
        regex.into_iter().flatten().chain(literals.into_iter().flatten())
    }
}

impl LazyRegex {
    /// Compiled now.
    pub fn eager(source: &str) -> Result<Self, String> {
        let regex = build(source)?;
        Ok(Self {
            compiled: OnceLock::from(Some(regex)),
            ..Self::lazy(source)
        })
    }

    /// Compiled on first use.
    pub fn lazy(source: &str) -> Self {
        Self {
            source: source.to_string(),
            compiled: OnceLock::new(),
            gate: OnceLock::new(),
            slot: OnceLock::new(),
        }
    }

    /// The matcher, if the regex may match somewhere in `text`: `None` when it lacks the
    /// literals a match must start with, or those it must end with.
    pub(crate) fn for_text(&self, text: &str) -> Option<TextMatcher<'_>> {
        match self.gate() {
            Some(gate) if gate.exact => gate.as_matcher(),
            Some(gate) if !gate.admits(text) => None,
            _ => self.get().map(TextMatcher::Regex),
        }
    }

    fn gate(&self) -> Option<&Gate> {
        self.gate.get_or_init(|| gate(&self.source)).as_ref()
    }

    /// The regex; `None` only if a lazy one fails to compile, which the tests rule out
    /// for the built-in rules (a regex that cannot compile then matches nothing).
    pub fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| build(&self.source).ok()).as_ref()
    }
}

impl Anchored for LazyRegex {
    fn slot(&self) -> &OnceLock<Slot> {
        &self.slot
    }

    fn required(&self) -> Option<&[String]> {
        let gate = self.gate()?;
        gate.starts.as_ref().or(gate.ends.as_ref()).map(LiteralSet::strings)
    }
}

/// The gate of `source`: its literals from build.rs's table for a built-in regex, else
/// worked out now.
fn gate(source: &str) -> Option<Gate> {
    let literals = built_in_literals(source).unwrap_or_else(|| regex_literals::of(source))?;
    Some(Gate {
        starts: literals.starts.map(LiteralSet::new),
        ends: literals.ends.map(LiteralSet::new),
        exact: literals.exact,
    })
}

/// The literals of `source` in build.rs's table; `None` if it is not a built-in regex.
fn built_in_literals(source: &str) -> Option<Option<RegexLiterals>> {
    let i = BUILTIN_REGEX_LITERALS
        .binary_search_by_key(&source, |&(regex, _)| regex)
        .ok()?;
    let owned = |list: Option<&[&str]>| list.map(|l| l.iter().map(|s| s.to_string()).collect());
    Some(BUILTIN_REGEX_LITERALS[i].1.map(|(starts, ends, exact)| RegexLiterals {
        starts: owned(starts),
        ends: owned(ends),
        exact,
    }))
}

/// Builds a regex as `regex::Regex` would, but for its prefilter (see above); a syntax
/// error reads as the regex crate's.
fn build(source: &str) -> Result<Regex, String> {
    let config = meta::Config::new()
        .auto_prefilter(false)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .onepass_size_limit(Some(SIZE_LIMIT));
    meta::Builder::new()
        .configure(config)
        .build(source)
        .map_err(|e| match e.syntax_error() {
            Some(syntax) => syntax.to_string(),
            None => match e.size_limit() {
                Some(limit) => format!("the compiled regex exceeds the size limit of {limit} bytes"),
                None => e.to_string(),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_is_skipped_where_its_literals_are_missing() {
        let regex = LazyRegex::lazy("入手(経路|方法)[^。]*記載|個人輸入");
        assert!(regex.for_text("当院の料金表です").is_none());
        assert!(
            regex.compiled.get().is_none(),
            "not compiled for text without its literals"
        );
        let text = "製剤の入手経路を記載します";
        assert_eq!(regex.for_text(text).map(|m| m.is_match(text)), Some(true));
    }

    /// A compiled regex has no prefilter of its own: its literals still stand in.
    #[test]
    fn a_compiled_regex_is_still_skipped_where_its_literals_are_missing() {
        let regex = LazyRegex::eager("入手(経路|方法)[^。]*記載").unwrap();
        assert!(regex.for_text("当院の料金表です").is_none());
        let text = "製剤の入手経路を記載します";
        assert_eq!(regex.for_text(text).map(|m| m.is_match(text)), Some(true));
    }

    fn ranges(matcher: TextMatcher, text: &str) -> Vec<String> {
        matcher.find_iter(text).map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn an_alternation_of_literals_is_matched_without_compiling() {
        let source = "自費|自費診療|保険(診療)?(適用)?外";
        let regex = LazyRegex::lazy(source);
        let text = "自費診療（保険診療外）、自費、保険適用外";
        let literals = regex.for_text(text).expect("a matcher");
        assert!(matches!(literals, TextMatcher::Literals(_)));
        assert!(regex.compiled.get().is_none());
        // The regex prefers 自費 to 自費診療, as it is written first.
        assert_eq!(ranges(literals, text), ["自費", "保険診療外", "自費", "保険適用外"]);
        let compiled = build(source).unwrap();
        assert_eq!(ranges(literals, text), ranges(TextMatcher::Regex(&compiled), text));
        assert!(!literals.is_match("保険診療"));
    }

    /// A user's regex goes the same way once compiled: by its literals when it is
    /// nothing else, by the regex when flags or assertions make it more.
    #[test]
    fn a_compiled_regex_of_literals_matches_as_the_regex_does() {
        let texts = ["No.1 の実績、NO.1、no.1、No.10", "業界初・日本初", "ベスト3 と BEST3"];
        let literals = LazyRegex::eager(r"No\.1|日本初").unwrap();
        assert!(matches!(literals.for_text(texts[0]), Some(TextMatcher::Literals(_))));
        for source in [
            r"No\.1|日本初",
            r"(?i)no\.1|best3",
            r"\bNo\.1\b|業界初",
            r"No\.1$|ベスト3",
        ] {
            let regex = LazyRegex::eager(source).unwrap();
            let compiled = TextMatcher::Regex(regex.get().unwrap());
            for text in texts {
                let found = regex.for_text(text).map(|m| ranges(m, text)).unwrap_or_default();
                assert_eq!(found, ranges(compiled, text), "{source} in {text}");
            }
        }
    }

    #[test]
    fn a_regex_with_a_look_around_is_compiled() {
        let regex = LazyRegex::lazy("(注入|点滴)とは$");
        let matcher = regex.for_text("注入とは何か").expect("its literals are there");
        assert!(matches!(matcher, TextMatcher::Regex(_)));
        assert!(!matcher.is_match("注入とは何か"));
        assert!(matcher.is_match("点滴とは"));
    }

    #[test]
    fn a_regex_needs_both_the_literals_it_starts_and_ends_with() {
        let regex = LazyRegex::lazy("(安全性|副作用)[^。]{0,20}(海外|欧米)");
        assert!(regex.for_text("安全性について説明します").is_none());
        assert!(regex.for_text("海外の情報です").is_none());
        let text = "安全性は海外で確認されています";
        assert_eq!(regex.for_text(text).map(|m| m.is_match(text)), Some(true));
    }

    #[test]
    fn a_regex_may_be_skipped_by_how_its_matches_end() {
        let regex = LazyRegex::lazy(r"\d+\s*円");
        assert!(regex.for_text("無料").is_none());
        assert!(regex.for_text("3,000 円").is_some_and(|m| m.is_match("3,000 円")));
    }

    #[test]
    fn the_built_in_table_holds_what_each_built_in_regex_would_give_now() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let compiled = crate::compile::compile(&rules.files, None).unwrap();
        let mut count = 0;
        for regex in compiled.all().flat_map(|m| m.all_regexes()) {
            let source = regex.source.as_str();
            assert_eq!(built_in_literals(source), Some(regex_literals::of(source)), "{source}");
            count += 1;
        }
        assert!(count > 50, "{count}");
        assert_eq!(built_in_literals("自費|自由診療だけのユーザーの正規表現"), None);
    }

    #[test]
    fn a_regex_without_known_literals_is_always_tried() {
        let regex = LazyRegex::lazy(r"\d+|[¥￥]\s*\d");
        assert!(regex.for_text("無料").is_some());
    }
}
