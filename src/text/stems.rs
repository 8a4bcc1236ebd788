//! The stem of an IPADIC lemma: the longest start every inflected form of it shares
//! (治る → 治, for 治ら 治り 治っ). A sentence in which a word with that lemma occurs
//! contains its stem, which lets the prefilter skip tokenizing sentences that cannot
//! hold it.

/// `lemma<TAB>stem` lines sorted by lemma, for the lemmas with a form other than the
/// lemma itself (built by build.rs from the IPADIC source).
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic/stems-v2.tsv"));

/// What every form of a word starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stem<'a> {
    pub text: &'a str,
    /// Every form is exactly `text`: the word does not inflect.
    pub whole: bool,
}

/// The stem of `lemma` in the embedded IPADIC. Words IPADIC does not know are their
/// own stem, in whole (their lemma is their surface).
pub fn stem(lemma: &str) -> Stem<'_> {
    match lookup(lemma) {
        Some(text) => Stem { text, whole: false },
        None => Stem {
            text: lemma,
            whole: true,
        },
    }
}

/// Binary search of the sorted table as it is, so that a run does not pay for parsing
/// 16,000 lines to look up a few hundred lemmas.
fn lookup(lemma: &str) -> Option<&'static str> {
    let (mut low, mut high) = (0, TABLE.len());
    while low < high {
        let middle = low + (high - low) / 2;
        // The line holding byte `middle` (newlines are char boundaries; `middle` may not be).
        let bytes = TABLE.as_bytes();
        let start = bytes[..middle].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = bytes[middle..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(TABLE.len(), |i| middle + i);
        let (key, stem) = TABLE[start..end].split_once('\t')?;
        match key.cmp(lemma) {
            std::cmp::Ordering::Equal => return Some(stem),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str) -> Stem<'_> {
        Stem { text, whole: false }
    }

    #[test]
    fn inflecting_words_keep_what_all_forms_share() {
        assert_eq!(stem("治る"), part("治"));
        assert_eq!(stem("美しい"), part("美し"));
        assert_eq!(stem("消える"), part("消え"));
        // する has forms し, さ, せ: nothing is shared.
        assert_eq!(stem("する"), part(""));
        // 得 (う) has the forms 得る, 得れ, 得よ: they start with the lemma but are more.
        assert_eq!(stem("得"), part("得"));
    }

    #[test]
    fn other_words_are_their_own_stem_in_whole() {
        for word in ["効果", "に", "エクソソーム"] {
            assert_eq!(
                stem(word),
                Stem {
                    text: word,
                    whole: true
                }
            );
        }
    }
}
