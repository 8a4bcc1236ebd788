//! What kind of page a document is, from its vocabulary: the domains whose rules it
//! is judged by.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use aho_corasick::AhoCorasick;

use crate::rules::{Domain, Signals};

/// A word said this often shows a kind of page even alone (サプリ all over a review).
const REPEATED_ENOUGH: usize = 5;
/// Occurrences beyond this add nothing: a long page is no more a clinic's than a short one.
const OCCURRENCES_COUNTED: usize = 12;

/// Decides what a page is from its vocabulary. Overlays (affiliate copy, an editorial
/// about the rules) are added whenever their signals are there; of the kinds of
/// product or service, the page is the one its words show most, because a clinic page
/// that mentions a クリーム is not a cosmetics page and a supplement page quoting a
/// doctor is not a clinic's.
#[derive(Debug, Clone, Default)]
pub struct DomainDetector {
    signals: Vec<Signals>,
    /// All signal words in one automaton, each pattern naming its `signals` entry.
    finder: Option<AhoCorasick>,
    owners: Vec<(usize, usize)>,
}

impl DomainDetector {
    pub fn new(signals: Vec<Signals>) -> Self {
        let owners: Vec<(usize, usize)> = (signals.iter().enumerate())
            .flat_map(|(kind, s)| (0..s.words.len()).map(move |word| (kind, word)))
            .collect();
        let words = owners.iter().map(|&(kind, word)| signals[kind].words[word].as_str());
        // Signals are short plain strings: building their automaton cannot fail.
        let finder = AhoCorasick::new(words).ok();
        Self {
            signals,
            finder,
            owners,
        }
    }

    pub fn detect(&self, text: &str) -> BTreeSet<Domain> {
        let mut distinct: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.signals.len()];
        let mut occurrences = vec![0; self.signals.len()];
        for found in self.finder.iter().flat_map(|f| f.find_overlapping_iter(text)) {
            let (kind, word) = self.owners[found.pattern().as_usize()];
            distinct[kind].insert(word);
            occurrences[kind] += 1;
        }
        let mut found = BTreeSet::new();
        let mut best = (0, Vec::new());
        for (kind, signals) in self.signals.iter().enumerate() {
            let (distinct, occurrences) = (distinct[kind].len(), occurrences[kind]);
            if signals.domain.is_overlay() {
                if distinct >= signals.min_distinct {
                    found.insert(signals.domain);
                }
                continue;
            }
            let shown = distinct >= signals.min_distinct || (distinct > 0 && occurrences >= REPEATED_ENOUGH);
            if !shown {
                continue;
            }
            let weight = 2 * distinct + occurrences.min(OCCURRENCES_COUNTED);
            match weight.cmp(&best.0) {
                Ordering::Greater => best = (weight, vec![signals.domain]),
                Ordering::Equal => best.1.push(signals.domain),
                Ordering::Less => {}
            }
        }
        found.extend(best.1);
        if found.iter().all(|d| d.is_overlay()) {
            found.insert(Domain::General);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> DomainDetector {
        let kind = |domain, words: &[&str], min_distinct| Signals {
            domain,
            words: words.iter().map(|w| w.to_string()).collect(),
            min_distinct,
        };
        DomainDetector::new(vec![
            kind(Domain::Medical, &["クリニック", "診療", "予約", "医師"], 2),
            kind(Domain::Cosmetic, &["クリーム", "美容液", "化粧水"], 2),
            kind(Domain::Supplement, &["サプリ", "粒"], 2),
            kind(Domain::Editorial, &["違反", "禁止されて", "規制"], 3),
        ])
    }

    #[test]
    fn two_signals_make_a_domain() {
        let detector = detector();
        assert_eq!(detector.detect("当クリニックの診療"), BTreeSet::from([Domain::Medical]));
        assert_eq!(
            detector.detect("クリニックのクリニック"),
            BTreeSet::from([Domain::General])
        );
    }

    #[test]
    fn a_page_is_the_kind_its_words_show_most() {
        let detector = detector();
        let clinic = "クリニックの診療。ご予約は医師まで。施術後はクリームと化粧水で保湿を。";
        assert_eq!(detector.detect(clinic), BTreeSet::from([Domain::Medical]));
        let serum = "美容液と化粧水、クリームの3点。美容液は朝晩。皮膚科の医師とクリニックで開発。";
        assert_eq!(detector.detect(serum), BTreeSet::from([Domain::Cosmetic]));
    }

    #[test]
    fn one_word_said_often_enough_shows_the_kind() {
        let review = "このサプリ最高。サプリを飲んで、サプリで痩せて、サプリ生活、サプリ万歳。";
        assert_eq!(detector().detect(review), BTreeSet::from([Domain::Supplement]));
    }

    #[test]
    fn overlays_need_their_own_count_and_add_to_the_kind() {
        let detector = detector();
        let explainer = "クリニックの診療広告の規制。違反になる表現は禁止されています。";
        assert_eq!(
            detector.detect(explainer),
            BTreeSet::from([Domain::Medical, Domain::Editorial])
        );
        let footer = "クリニックの診療は規制を守っています。";
        assert_eq!(detector.detect(footer), BTreeSet::from([Domain::Medical]));
    }
}
