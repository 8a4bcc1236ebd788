//! How IPADIC words are written. 治る is written 治ら, 治り, 治る, 治っ … in a text; a
//! word read カナラズ is written 必ず, 必らず, かならず …. A sentence holding a word of
//! that lemma or reading contains one of these spellings, which lets the prefilter skip
//! tokenizing sentences that cannot hold it.

use super::kana;

/// `lemma<TAB>form<TAB>form…` lines sorted by lemma, for the lemmas with a form other
/// than the lemma itself (built by build.rs from the IPADIC source).
const FORMS: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic/forms.tsv"));

/// `reading<TAB>surface<TAB>surface…` lines sorted by reading, for the readings the
/// built-in rules test (built by build.rs from the IPADIC source and the rule files).
const READINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic/rule-readings.tsv"));

/// Every form a word with this lemma may take in a text: the lemma itself, and its
/// other forms in the embedded IPADIC. A word IPADIC does not know is its own lemma.
pub fn forms(lemma: &str) -> Vec<&str> {
    let mut forms = vec![lemma];
    if let Some(line) = lookup(FORMS, lemma) {
        forms.extend(line.split('\t').filter(|f| *f != lemma));
    }
    forms
}

/// Every spelling of a token whose reading is `reading` (in katakana), or `None` when
/// the table does not list the reading. A word IPADIC does not know is read as its
/// surface in katakana, so the reading's kana spellings count too.
pub fn spellings(reading: &str) -> Option<Vec<String>> {
    let listed = lookup(READINGS, reading)?;
    let mut spellings: Vec<String> = listed
        .split('\t')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    spellings.extend([reading.to_string(), kana::to_hiragana(reading)]);
    spellings.sort_unstable();
    spellings.dedup();
    Some(spellings)
}

/// The spellings listed for `key`, by binary search of the sorted table as it is, so
/// that a run does not pay for parsing 16,000 lines to look up a few hundred words.
fn lookup(table: &'static str, key: &str) -> Option<&'static str> {
    let bytes = table.as_bytes();
    let (mut low, mut high) = (0, table.len());
    while low < high {
        let middle = low + (high - low) / 2;
        // The line holding byte `middle` (newlines are char boundaries; `middle` may not be).
        let start = bytes[..middle].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = bytes[middle..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |i| middle + i);
        let (found, spellings) = table[start..end].split_once('\t')?;
        match found.cmp(key) {
            std::cmp::Ordering::Equal => return Some(spellings),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflecting_words_have_all_their_forms() {
        let cure = forms("治る");
        for form in ["治る", "治ら", "治り", "治っ", "治れ"] {
            assert!(cure.contains(&form), "{form} in {cure:?}");
        }
        assert!(!cure.contains(&"治療"));
        let forms_of_suru = forms("する");
        assert!(forms_of_suru.contains(&"し") && forms_of_suru.contains(&"さ"));
    }

    #[test]
    fn a_reading_the_rules_test_has_every_spelling() {
        let surely = spellings("カナラズ").expect("the built-in rules test ~カナラズ");
        for spelling in ["必ず", "かならず", "カナラズ"] {
            assert!(surely.iter().any(|s| s == spelling), "{spelling} in {surely:?}");
        }
        assert_eq!(spellings("カナラズヤ"), None, "a reading no rule tests is not listed");
    }

    #[test]
    fn other_words_are_written_as_their_lemma() {
        for word in ["効果", "に", "エクソソーム"] {
            assert_eq!(forms(word), [word]);
        }
    }
}
