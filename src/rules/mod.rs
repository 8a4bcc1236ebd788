//! Rules: the dictionary schema and its compiler, the pattern matcher, contexts,
//! domains, and the registry of built-in and user rules.

mod absence;
mod anchor;
mod compiled;
mod context;
mod domain;
mod explain;
mod lazy_regex;
mod literal_set;
mod matchers;
mod pattern;
mod regex_literals;
mod registry;
mod rule;
mod schema;
mod selector;
mod treatment;
mod vocabulary;
mod words;

pub use absence::{Absence, Gap, Item, SentenceView, Site};
pub use anchor::Anchors;
pub use compiled::Compiled;
pub use context::{Context, Tails, modality, resolve, subject};
pub use domain::{Domain, DomainDetector, Signals};
pub use matchers::{Match, Matchers};
pub use registry::RuleSet;
pub use rule::{Rule, clause_breaks};
pub use schema::{Action, Category, ContextPolicy, Examples, FixDef, Scope};
pub use selector::{RuleSettings, Selector, Setting};
pub use treatment::{Status, Treatment, TreatmentDetector};
pub use vocabulary::{Vocabulary, WordSet};
pub use words::{Analyser, Sentence, Words};
