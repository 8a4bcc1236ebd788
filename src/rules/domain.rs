//! Document domains: which body of rules a page is judged by.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of product or service a document advertises (REGULATIONS.md 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Domain {
    Medical,
    Cosmetic,
    QuasiDrug,
    Supplement,
    Device,
    Drug,
    General,
    /// An overlay: affiliate or review copy, on top of the product's own domain.
    Affiliate,
}

impl Domain {
    /// Overlays add to a document's domain instead of being one.
    pub fn is_overlay(self) -> bool {
        self == Self::Affiliate
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Medical => "medical",
            Self::Cosmetic => "cosmetic",
            Self::QuasiDrug => "quasi_drug",
            Self::Supplement => "supplement",
            Self::Device => "device",
            Self::Drug => "drug",
            Self::General => "general",
            Self::Affiliate => "affiliate",
        };
        f.pad(name)
    }
}

/// Signals per domain; a document belongs to every domain with two or more distinct
/// signals in it, and to `general` when it belongs to none.
#[derive(Debug, Clone, Default)]
pub struct DomainDetector {
    signals: Vec<(Domain, Vec<String>)>,
}

impl DomainDetector {
    pub fn new(signals: Vec<(Domain, Vec<String>)>) -> Self {
        Self { signals }
    }

    pub fn detect(&self, text: &str) -> BTreeSet<Domain> {
        let mut found: BTreeSet<Domain> = self
            .signals
            .iter()
            .filter(|(_, words)| words.iter().filter(|w| text.contains(w.as_str())).take(2).count() == 2)
            .map(|(domain, _)| *domain)
            .collect();
        if found.iter().all(|d| d.is_overlay()) {
            found.insert(Domain::General);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_signals_make_a_domain() {
        let detector = DomainDetector::new(vec![(Domain::Medical, vec!["クリニック".into(), "診療".into()])]);
        assert_eq!(detector.detect("当クリニックの診療"), BTreeSet::from([Domain::Medical]));
        assert_eq!(
            detector.detect("クリニックのクリニック"),
            BTreeSet::from([Domain::General])
        );
    }
}
