//! The stem of an IPADIC lemma: the longest start every inflected form of it shares
//! (治る → 治, for 治ら 治り 治っ). A sentence in which a word with that lemma occurs
//! contains its stem, which lets the prefilter skip tokenizing sentences that cannot
//! hold it.

use std::sync::OnceLock;

/// `lemma<TAB>stem` lines sorted by lemma, for the lemmas whose forms do not all start
/// with the whole lemma (built by build.rs from the IPADIC source).
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic/stems.tsv"));

/// The stem of `lemma` in the embedded IPADIC; the lemma itself for words that do not
/// inflect and for words IPADIC does not know (their lemma is their surface).
pub fn stem(lemma: &str) -> &str {
    static PAIRS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| TABLE.lines().filter_map(|line| line.split_once('\t')).collect());
    match pairs.binary_search_by(|(l, _)| (*l).cmp(lemma)) {
        Ok(i) => pairs[i].1,
        Err(_) => lemma,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflecting_words_keep_what_all_forms_share() {
        assert_eq!(stem("治る"), "治");
        assert_eq!(stem("美しい"), "美し");
        assert_eq!(stem("消える"), "消え");
        // する has forms し, さ, せ: nothing is shared.
        assert_eq!(stem("する"), "");
    }

    #[test]
    fn other_words_are_their_own_stem() {
        assert_eq!(stem("効果"), "効果");
        assert_eq!(stem("エクソソーム"), "エクソソーム");
    }
}
