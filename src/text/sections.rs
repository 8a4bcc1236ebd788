//! Section structure: which heading each sentence stands under, so that rules can tell
//! a risk section (副作用・リスク) or a heading from body text.

use super::sentences::{HEADING_MARKS, Sentence};

/// A line without a sentence terminator and at most this many characters is a heading.
const MAX_BARE_HEADING_CHARS: usize = 30;

/// For each sentence, the heading it stands under (a heading stands under itself),
/// until the next heading.
pub fn headings(text: &str, sentences: &[Sentence]) -> Vec<Option<Sentence>> {
    let mut current = None;
    sentences
        .iter()
        .map(|sentence| {
            if is_heading(text, sentence) {
                current = Some(sentence.clone());
            }
            current.clone()
        })
        .collect()
}

/// A sentence that fills its line and either starts with a heading mark or is short
/// and unterminated. Bullets (・, -) are list items, not headings.
fn is_heading(text: &str, sentence: &Sentence) -> bool {
    // Only spaces may stand between the sentence and its line's ends; looking no further
    // than them keeps a page on one line (minified HTML) linear.
    let space = |c: char| c.is_whitespace() && c != '\n';
    let before = text[..sentence.start].trim_end_matches(space);
    let after = text[sentence.end..].trim_start_matches(space);
    let fills_line = (before.is_empty() || before.ends_with('\n')) && (after.is_empty() || after.starts_with('\n'));
    let body = &text[sentence.clone()];
    if !fills_line || body.contains('\n') {
        return false;
    }
    let Some(first) = body.chars().next() else {
        return false;
    };
    if HEADING_MARKS.contains(&first) {
        return true;
    }
    let terminated = body.ends_with(['。', '!', '?', '」', '』', ')', '）', '、']);
    let bullet = matches!(first, '・' | '-' | '*' | '+' | '•' | '※');
    !terminated && !bullet && body.chars().count() <= MAX_BARE_HEADING_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split_sentences;

    fn headings_of(text: &str) -> Vec<(&str, Option<&str>)> {
        let sentences = split_sentences(text);
        let heads = headings(text, &sentences);
        sentences
            .iter()
            .zip(heads)
            .map(|(s, h)| (&text[s.clone()], h.map(|h| &text[h])))
            .collect()
    }

    #[test]
    fn sentences_stand_under_the_last_heading() {
        let text = "■副作用・リスク\n腫れが出ることがあります。\n・内出血\n\n■料金\n1回 10,000円です。";
        assert_eq!(
            headings_of(text),
            [
                ("■副作用・リスク", Some("■副作用・リスク")),
                ("腫れが出ることがあります。", Some("■副作用・リスク")),
                ("・内出血", Some("■副作用・リスク")),
                ("■料金", Some("■料金")),
                ("1回 10,000円です。", Some("■料金")),
            ]
        );
    }

    #[test]
    fn a_short_unterminated_line_is_a_heading_but_a_bullet_is_not() {
        let text = "当院の特徴\n本文です。\n・箇条書き";
        let found = headings_of(text);
        assert_eq!(found[1], ("本文です。", Some("当院の特徴")));
        assert_eq!(found[2], ("・箇条書き", Some("当院の特徴")));
        assert_eq!(headings_of("本文です。")[0].1, None);
    }
}
