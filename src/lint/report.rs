//! What linting one document found: its findings, and what the page was judged to be.

use std::collections::BTreeSet;

use serde::Serialize;

use super::waivers::Waivers;
use crate::diagnostic::Diagnostic;
use crate::documents::Treatment;
use crate::rules::{Domain, Rule};

/// What linting one document found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The domains the document was judged as.
    pub domains: BTreeSet<Domain>,
    /// The treatments a clinic page offers, in order of first mention.
    pub treatments: Vec<Treatment>,
    /// Findings in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// One verdict for each page-level check (absence rule) of the page's domains.
    pub checks: Vec<PageCheck>,
    /// What the page's inline waivers did ([`Linter::check`](super::Linter::check)).
    pub waivers: Waivers,
}

impl Report {
    /// What the page advertises that a page-level check is about (treatments,
    /// products), each once, in order of first mention.
    pub fn advertised(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for name in self.checks.iter().flat_map(|c| &c.about) {
            if !seen.contains(&name.as_str()) {
                seen.push(name.as_str());
            }
        }
        seen
    }
}

/// The verdict of one page-level check: whether the page had to state something, and
/// whether it did.
#[derive(Debug, Clone, Serialize)]
pub struct PageCheck {
    /// The absence rule (`MED-D2`).
    pub code: String,
    pub verdict: Verdict,
    /// Keys of the items missing for at least one advertised thing (`cost`, `risk`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// What the page advertises that the check is about (ヒアルロン酸注入, エクソソーム点滴).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Nothing on the page calls for the statements.
    NotApplicable,
    /// The page calls for them and makes them all.
    Present,
    /// The page calls for them and leaves some out (a finding says which).
    Missing,
}

impl PageCheck {
    pub(crate) fn not_applicable(rule: &Rule) -> Self {
        Self {
            code: rule.code.clone(),
            verdict: Verdict::NotApplicable,
            missing: Vec::new(),
            about: Vec::new(),
        }
    }
}
