//! A rule as its file describes it: codes, messages, legal basis, where it applies.
//! What it looks for is compiled separately (see `compile`), and only for the
//! documents that need it.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::domain::Domain;
use super::schema::{Category, ContextPolicy, Examples, FixDef, Scope};
use super::treatment::Status;
use crate::diagnostic::{Place, Severity};

#[derive(Debug, Clone)]
pub struct Rule {
    pub code: String,
    pub id: String,
    pub family: String,
    pub severity: Severity,
    /// Shared with every finding of the rule (a page can have thousands), as are its
    /// basis and suggestions.
    pub message: Arc<str>,
    pub message_en: Option<String>,
    pub category: Option<Category>,
    pub basis: Arc<[String]>,
    pub why: String,
    pub suggest: Vec<Wording>,
    pub fixes: Vec<FixDef>,
    pub domains: Vec<Domain>,
    pub except_domains: Vec<Domain>,
    pub context: ContextPolicy,
    pub examples: Examples,
    /// Codes of rules whose findings trigger the absence check.
    pub trigger_rules: Vec<String>,
    /// An absence rule applies when the page offers a treatment of one of these standings.
    pub trigger_treatments: Vec<Status>,
    /// A phrase rule applies only when the page offers a treatment of one of these
    /// standings (none: whatever it offers).
    pub requires_treatments: Vec<Status>,
    /// Where on the page the rule reports a match (none: anywhere).
    pub places: Vec<Place>,
    pub requires_scope: Scope,
    /// How many sentences after the match's own `unless` looks at.
    pub unless_within: usize,
    /// How many sentences before the match's own `unless` looks at.
    pub unless_before: usize,
    /// Whether the `unless` window stops at the match's section.
    pub unless_scope: Scope,
    /// Reported once per page, at the first match, the others as related places.
    pub once_per_page: bool,
    /// Codes of rules whose overlapping findings this rule's findings replace.
    pub supersedes: Vec<String>,
    /// Ids of the rules that report on other pages the claims this one reports.
    pub claims: Vec<String>,
}

/// A safer wording and the topics of the claims it fits (none: any claim of the rule).
#[derive(Debug, Clone)]
pub struct Wording {
    pub text: Arc<str>,
    pub about: Vec<String>,
}

impl Wording {
    /// Whether the wording fits a claim on `topics`.
    pub fn fits(&self, topics: &[&str]) -> bool {
        self.about.is_empty() || self.about.iter().any(|t| topics.contains(&t.as_str()))
    }
}

impl Rule {
    /// Whether a page offering treatments of these standings is one the rule applies to.
    pub fn applies_to_offer(&self, offered: impl IntoIterator<Item = Status>) -> bool {
        self.requires_treatments.is_empty() || offered.into_iter().any(|s| self.requires_treatments.contains(&s))
    }

    /// Whether the rule reports a claim made in `place`.
    pub fn reports_in(&self, place: Place) -> bool {
        self.places.is_empty() || self.places.contains(&place)
    }

    /// Whether the rule applies to a document of these domains.
    pub fn applies_to(&self, domains: &BTreeSet<Domain>) -> bool {
        (self.domains.is_empty() || self.domains.iter().any(|d| domains.contains(d)))
            && !self.except_domains.iter().any(|d| domains.contains(d))
    }
}
