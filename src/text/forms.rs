//! The written forms of an IPADIC lemma: 治る is written 治ら, 治り, 治る, 治っ … in a
//! text. A sentence in which a word with that lemma occurs contains one of its forms,
//! which lets the prefilter skip tokenizing sentences that cannot hold it.

/// `lemma<TAB>form<TAB>form…` lines sorted by lemma, for the lemmas with a form other
/// than the lemma itself (built by build.rs from the IPADIC source).
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic/forms.tsv"));

/// Every form a word with this lemma may take in a text: the lemma itself, and its
/// other forms in the embedded IPADIC. A word IPADIC does not know is its own lemma.
pub fn forms(lemma: &str) -> Vec<&str> {
    let mut forms = vec![lemma];
    if let Some(line) = lookup(lemma) {
        forms.extend(line.split('\t').filter(|f| *f != lemma));
    }
    forms
}

/// The forms listed for `lemma`, by binary search of the sorted table as it is, so that
/// a run does not pay for parsing 16,000 lines to look up a few hundred lemmas.
fn lookup(lemma: &str) -> Option<&'static str> {
    let bytes = TABLE.as_bytes();
    let (mut low, mut high) = (0, TABLE.len());
    while low < high {
        let middle = low + (high - low) / 2;
        // The line holding byte `middle` (newlines are char boundaries; `middle` may not be).
        let start = bytes[..middle].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = bytes[middle..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(TABLE.len(), |i| middle + i);
        let (key, forms) = TABLE[start..end].split_once('\t')?;
        match key.cmp(lemma) {
            std::cmp::Ordering::Equal => return Some(forms),
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
    fn other_words_are_written_as_their_lemma() {
        for word in ["効果", "に", "エクソソーム"] {
            assert_eq!(forms(word), [word]);
        }
    }
}
