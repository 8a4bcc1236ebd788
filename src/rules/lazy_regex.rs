//! Regexes of rule dictionaries. Compiling one with a Unicode class under a counted
//! repetition (`[^。]{0,15}`) takes up to a millisecond, all of them together longer than
//! linting a page, and a page needs few of them. The built-in rules' regexes are so
//! compiled on first use (the tests compile every one); a user's are compiled at load,
//! so that a bad one is reported with its file and line.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// Compiled regexes stay small: a rule file cannot make kokoku slow or hungry.
const SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Compiled now.
    pub fn eager(source: &str) -> Result<Self, regex::Error> {
        let regex = build(source)?;
        Ok(Self {
            source: source.to_string(),
            compiled: OnceLock::from(Some(regex)),
        })
    }

    /// Compiled on first use.
    pub fn lazy(source: &str) -> Self {
        Self {
            source: source.to_string(),
            compiled: OnceLock::new(),
        }
    }

    /// The regex; `None` only if a lazy one fails to compile, which the tests rule out
    /// for the built-in rules (a regex that cannot compile then matches nothing).
    pub fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| build(&self.source).ok()).as_ref()
    }
}

fn build(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).size_limit(SIZE_LIMIT).build()
}
