//! Rule data: the dictionary schema, rules as their files describe them, the rule set
//! with the shared data of lexicons.toml, and choosing rules by name.
//!
//! Layer 2. May import `text`, `diagnostic` and the crate's error type; nothing that
//! compiles or runs rules (`compile`, `engine` and up import this, not the other way).

mod describe;
mod domain;
mod load;
mod rule;
mod schema;
mod selector;
mod set;
mod treatment;

#[cfg(test)]
pub(crate) mod testing;

pub use domain::{Domain, Signals};
#[cfg(test)]
pub(crate) use load::{BUILTIN_RULE_FILES, LEXICON_FILE, parse_rule_files};
pub(crate) use load::{Files, Origin, Parsed};
pub use rule::{Rule, Wording};
#[cfg(test)]
pub(crate) use schema::LexiconFile;
pub use schema::{Action, Category, ContextPolicy, Examples, FixDef, Scope, TailsDef};
pub(crate) use schema::{ItemDef, LexiconDef, RuleDef, RuleFile, Spanned};
pub use selector::{RuleSettings, Selector, Setting};
pub use set::{RuleSet, Topic};
pub use treatment::{Status, TreatmentDef};
