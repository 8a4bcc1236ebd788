//! Compiling rule definitions into what the engine runs: token patterns and the
//! lexicons they name, literal lists, regexes, absence items, and the sentence
//! prefilter's anchors.
//!
//! Layer 3. May import `rules`, `text` and the crate's error type; matching the
//! compiled forms is `engine`'s, which imports this.

mod absence;
mod build;
mod compiled;
mod lazy_regex;
mod literal_set;
mod matchers;
mod pattern;
mod prefilter;
mod regex_literals;
mod vocabulary;

pub use absence::{Absence, Item};
pub(crate) use build::{check_users, compile};
pub use compiled::Compiled;
pub use lazy_regex::{LazyRegex, TextMatcher};
pub(crate) use matchers::Literals;
pub use matchers::Matchers;
#[cfg(test)]
pub(crate) use pattern::ChoiceMemo;
pub(crate) use pattern::{Choice, Element, First, Test};
pub use pattern::{Lexicons, Pattern};
pub use prefilter::{AnchorBuilder, Anchors, Hits};
pub(crate) use prefilter::{Anchored, Slot};
pub use vocabulary::{Vocabulary, WordList, WordSet};
