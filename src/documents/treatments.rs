//! Which treatments a clinic page offers, and where each stands under Japanese drug law
//! (`[treatment.*]` in lexicons.toml): the document record and the human summary say it,
//! so that a reader sees why the unapproved-drug statements are or are not asked for.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;

use crate::rules::{Status, TreatmentDef};
use crate::span::PageSpan;
use crate::text::Normalized;

/// A treatment a page names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Treatment {
    pub key: String,
    pub name: String,
    pub status: Status,
    /// The words the page first names it by…
    pub named: String,
    /// …and where they stand, as a byte range of the normalised text.
    #[serde(skip)]
    pub at: PageSpan,
}

/// Finds the treatments of the table in one pass over a page. Only clinic pages ask,
/// so the automaton is built when the first one does, not at every start.
#[derive(Debug, Clone, Default)]
pub struct TreatmentDetector {
    defs: Vec<TreatmentDef>,
    finder: OnceLock<Finder>,
}

#[derive(Debug, Clone)]
struct Finder {
    /// Every word of every treatment, normalised like a page.
    automaton: AhoCorasick,
    /// For each word of the automaton, its treatment.
    owners: Vec<usize>,
}

impl TreatmentDetector {
    pub fn new(defs: Vec<TreatmentDef>) -> Self {
        Self {
            defs,
            finder: OnceLock::new(),
        }
    }

    fn finder(&self) -> &Finder {
        self.finder.get_or_init(|| {
            let owners = (self.defs.iter().enumerate())
                .flat_map(|(i, d)| std::iter::repeat_n(i, d.words.len()))
                .collect();
            let words = (self.defs.iter()).flat_map(|d| d.words.iter().map(|w| Normalized::new(w).text));
            // Plain strings make an automaton; a contiguous NFA builds fastest.
            let automaton = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(words)
                .expect("plain strings make an automaton");
            Finder { automaton, owners }
        })
    }

    /// The treatments `text` names, in order of first mention, each once.
    pub fn detect(&self, text: &str) -> Vec<Treatment> {
        let finder = self.finder();
        let mut found: Vec<Treatment> = Vec::new();
        for m in finder.automaton.find_iter(text) {
            let def = &self.defs[finder.owners[m.pattern().as_usize()]];
            if found.iter().all(|t| t.key != def.key) {
                found.push(Treatment {
                    key: def.key.clone(),
                    name: def.name.clone(),
                    status: def.status,
                    named: text[m.range()].to_string(),
                    at: PageSpan::new(m.range()),
                });
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> TreatmentDetector {
        let def = |key: &str, name: &str, status, words: &[&str]| TreatmentDef {
            key: key.to_string(),
            name: name.to_string(),
            status,
            words: words.iter().map(|w| w.to_string()).collect(),
        };
        TreatmentDetector::new(vec![
            def(
                "exosome",
                "エクソソーム製剤",
                Status::Unapproved,
                &["エクソソーム", "幹細胞培養上清液"],
            ),
            def(
                "glp1-diet",
                "GLP-1ダイエット",
                Status::OffLabel,
                &["GLP-1ダイエット", "オゼンピック"],
            ),
        ])
    }

    #[test]
    fn each_treatment_once_in_order_of_mention() {
        let page = "オゼンピックによるGLP-1ダイエット。幹細胞培養上清液とエクソソームの点滴も。";
        let found = detector().detect(page);
        let keys: Vec<&str> = found.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["glp1-diet", "exosome"]);
        assert_eq!(found[0].named, "オゼンピック");
        assert_eq!(&page[found[0].at.range()], "オゼンピック");
    }

    #[test]
    fn a_page_without_them_has_none() {
        assert!(detector().detect("ヒアルロン酸の化粧水").is_empty());
    }
}
