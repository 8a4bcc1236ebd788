//! Sentence boundaries: a claim never spans two sentences.

use std::ops::Range;

use super::kana;

/// Marks that open a heading line in web copy (■当院の特徴, 【副作用】, ## 料金).
pub(super) const HEADING_MARKS: &[char] = &['■', '□', '◆', '◇', '●', '▼', '▽', '★', '☆', '【', '#', '◎'];

/// A sentence: a byte range of the normalised text.
pub type Sentence = Range<usize>;

/// Splits normalised text into sentences.
///
/// A sentence ends after 。!? (outside quotation brackets), at a blank line, before a
/// bullet, and at a line break, unless the line plainly continues: it ends with a
/// comma or in the middle of a word run (hiragana) and the next line goes on in
/// Japanese. Leading and trailing spaces are trimmed; empty sentences are dropped.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let end = offset + c.len_utf8();
        match c {
            '「' | '『' | '(' | '（' | '“' | '【' => depth += 1,
            '」' | '』' | ')' | '）' | '”' | '】' => depth = depth.saturating_sub(1),
            '。' | '!' | '?' | '！' | '？' if depth == 0 => {
                // Keep closing marks and repeated terminators with the sentence.
                let mut close = end;
                while let Some(&(o, n)) = chars.peek() {
                    if !matches!(n, '。' | '!' | '?' | '」' | '』' | ')' | '）' | '”') {
                        break;
                    }
                    close = o + n.len_utf8();
                    chars.next();
                }
                push_trimmed(&mut sentences, text, start..close);
                start = close;
            }
            '\n' if !continues_across(&text[start..offset], &text[end..]) => {
                push_trimmed(&mut sentences, text, start..offset);
                start = end;
                depth = 0;
            }
            _ => {}
        }
    }
    push_trimmed(&mut sentences, text, start..text.len());
    sentences
}

/// Longest sentence handed on, in bytes (about 1,300 kana or kanji). Real sentences are
/// far shorter; a run of text without any terminator (a minified page, a 10 MB line) is cut
/// into pieces of this size, so that tokenizing and the context checks, which look over a
/// sentence for each match, stay linear in memory and time.
pub const MAX_SENTENCE: usize = 4096;

fn push_trimmed(sentences: &mut Vec<Sentence>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return;
    }
    let (mut start, end) = (range.start + lead, range.end - trail);
    while end - start > MAX_SENTENCE {
        let cut = cut_point(text, start, start + MAX_SENTENCE);
        sentences.push(start..cut);
        start = cut;
    }
    sentences.push(start..end);
}

/// Where to cut an over-long run before `limit`: after the last comma or space in its
/// final quarter, or else at the last character boundary.
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let before = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let boundary = before(limit);
    let window = before(start + (limit - start) * 3 / 4);
    text[window..boundary]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '、' | ',' | ' ' | '\u{3000}'))
        .map(|(i, c)| window + i + c.len_utf8())
        .unwrap_or(boundary)
}

/// Whether a sentence goes on across a line break. In web copy a line is a block of its
/// own (a heading, a caption, a list item), whatever it ends with: 「朝のメイク前にも」⏎ is a
/// heading and 「返金保証つき」⏎「こんな悩み、ありませんか？」 two blocks. A sentence goes on
/// only where one line cannot stand alone: it ends with a comma (「…回避できる、」⏎「という
/// ものではありません」), or the next line cannot start a sentence (⏎「となります」).
fn continues_across(before: &str, after: &str) -> bool {
    let Some(last) = before.trim_end().chars().last() else {
        return false;
    };
    let next_line = after.lines().next().unwrap_or("").trim_start();
    if next_line.is_empty() || starts_with_bullet(next_line) {
        return false;
    }
    // A heading (■ひざ痛に) never runs on into the next line.
    let line_start = before.trim_end().rsplit('\n').next().unwrap_or("").trim_start();
    if line_start.starts_with(HEADING_MARKS) {
        return false;
    }
    let wrapped = kana::is_hiragana(last) && line_start.chars().count() >= WRAPPED_LINE_CHARS;
    matches!(last, '、' | ',')
        || wrapped
        || ends_with_clause_topic(before.trim_end())
        || CONTINUATIONS.iter().any(|c| next_line.starts_with(c))
}

/// A line this long that stops in the middle of a word run was wrapped by its writer's
/// editor (「…頬のたるみも必ず」⏎「改善し…」); blocks of web copy that end so are shorter.
const WRAPPED_LINE_CHARS: usize = 45;

/// A clause made the topic of what the next line says of it: 「絶対に若返る、とは」⏎「言い切れ
/// ません」. After a noun, とは opens a heading instead (エクソソームとは).
fn ends_with_clause_topic(line: &str) -> bool {
    line.strip_suffix("とは")
        .and_then(|rest| rest.trim_end_matches(['、', ',']).chars().last())
        .is_some_and(kana::is_hiragana)
}

/// Words a sentence cannot start with: particles and endings that carry on the line above.
const CONTINUATIONS: [&str; 14] = [
    "という",
    "といった",
    "とは",
    "となり",
    "となる",
    "とされ",
    "ということ",
    "ので",
    "のです",
    "ません",
    "ではあり",
    "ではな",
    "わけでは",
    "かもしれ",
];

/// Whether a line is a list item (・, ●, ①, 1.).
pub fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('・' | '•' | '●' | '○' | '■' | '□' | '◆' | '◇' | '▶' | '►' | '※' | '→' | '-' | '*' | '+') => {
            true
        }
        Some('①'..='⑳') => true,
        Some(c) if c.is_ascii_digit() => chars
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| matches!(c, '.' | ')' | '）')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminators() {
        assert_eq!(
            split("必ず治ります。安心です!本当?"),
            ["必ず治ります。", "安心です!", "本当?"]
        );
    }

    #[test]
    fn runs_without_terminators_are_cut() {
        let text = "あ".repeat(5000) + "、" + &"い".repeat(3000);
        let sentences = split_sentences(&text);
        assert!(sentences.iter().all(|s| s.len() <= MAX_SENTENCE), "{:?}", sentences);
        assert_eq!(sentences.first().map(|s| s.start), Some(0));
        assert_eq!(sentences.last().map(|s| s.end), Some(text.len()));
        assert!(sentences.windows(2).all(|w| w[0].end == w[1].start), "no text is lost");
        // Four-byte characters put the window's start inside a character.
        let emoji = "あ🙂".repeat(1000);
        assert_eq!(
            split_sentences(&emoji).iter().map(|s| s.len()).sum::<usize>(),
            emoji.len()
        );
        let with_comma = "う".repeat(1300) + "、" + &"え".repeat(1000);
        let cut = split_sentences(&with_comma)[0].end;
        assert_eq!(&with_comma[cut - 3..cut], "、", "cut after the comma");
    }

    #[test]
    fn quotes_do_not_end_sentences() {
        assert_eq!(
            split("「必ず治る!」といった表現は禁止です。次。"),
            ["「必ず治る!」といった表現は禁止です。", "次。"]
        );
    }

    #[test]
    fn a_line_that_cannot_stand_alone_continues() {
        let long = "当院独自のトータルケアなら、頬のたるみもフェイスラインのもたつきも、ほうれい線も目元のしわも必ず";
        assert_eq!(split(&format!("{long}\n改善します。")).len(), 1);
        assert_eq!(
            split("必ず手術を回避できる、\nというものではありません。"),
            ["必ず手術を回避できる、\nというものではありません。"]
        );
        assert_eq!(
            split("絶対に若返る、とは\n言い切れません。"),
            ["絶対に若返る、とは\n言い切れません。"]
        );
        assert_eq!(
            split("エクソソームとは\n細胞が出す小胞です。"),
            ["エクソソームとは", "細胞が出す小胞です。"]
        );
        assert_eq!(
            split("細胞そのものを元気にする\nとなります。"),
            ["細胞そのものを元気にする\nとなります。"]
        );
    }

    #[test]
    fn a_line_of_web_copy_is_a_block_of_its_own() {
        assert_eq!(
            split("返金保証つき\nこんな悩み、ありませんか？"),
            ["返金保証つき", "こんな悩み、ありませんか？"]
        );
        assert_eq!(
            split("朝のメイク前にも\n肌が明るく見えます。"),
            ["朝のメイク前にも", "肌が明るく見えます。"]
        );
    }

    #[test]
    fn a_heading_line_does_not_run_on() {
        assert_eq!(split("■ひざ痛に\nつらい毎日を"), ["■ひざ痛に", "つらい毎日を"]);
    }

    #[test]
    fn headings_bullets_and_blank_lines_end_sentences() {
        assert_eq!(split("当院の特徴\n最先端の設備"), ["当院の特徴", "最先端の設備"]);
        assert_eq!(split("効果は\n・個人差があります"), ["効果は", "・個人差があります"]);
        assert_eq!(split("治療では\n\nかならず"), ["治療では", "かならず"]);
    }
}
