//! Folding text for matching while remembering where every character came from.

use std::ops::Range;

use super::kana;
use crate::span::{PageSpan, ProseSpan, Span};

/// Normalised text: full-width ASCII and half-width katakana folded, spaces inside
/// Japanese runs removed. Every character knows its byte range in the input, so a
/// match in normalised text maps back to the exact original characters.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    origins: Vec<Origin>,
}

#[derive(Debug, Clone, Copy)]
struct Origin {
    /// Byte offset of the character in the normalised text.
    at: usize,
    /// Byte range of the input the character stands for.
    from: usize,
    to: usize,
}

impl Normalized {
    pub fn new(input: &str) -> Self {
        let chars: Vec<(usize, char)> = input.char_indices().collect();
        let mut out = Self {
            text: String::with_capacity(input.len()),
            origins: Vec::with_capacity(chars.len()),
        };
        for (index, &(offset, c)) in chars.iter().enumerate() {
            let end = offset + c.len_utf8();
            if is_horizontal_space(c) && inside_japanese_run(&chars, index) {
                continue;
            }
            let folded = fold(c);
            if let ('゛' | '゜', Some(last)) = (folded, out.origins.last().copied())
                && let Some(composed) = out.text[last.at..]
                    .chars()
                    .next()
                    .and_then(|base| kana::compose_voicing(base, folded))
            {
                out.text.truncate(last.at);
                out.text.push(composed);
                if let Some(origin) = out.origins.last_mut() {
                    origin.to = end;
                }
                continue;
            }
            out.origins.push(Origin {
                at: out.text.len(),
                from: offset,
                to: end,
            });
            out.text.push(folded);
        }
        out
    }

    /// The input byte range of a normalised byte range.
    pub fn to_input(&self, span: PageSpan) -> ProseSpan {
        Span::new(self.input_range(span.range()))
    }

    fn input_range(&self, range: Range<usize>) -> Range<usize> {
        let first = self.origins.partition_point(|o| o.at < range.start);
        let last = self.origins.partition_point(|o| o.at < range.end);
        match (
            self.origins.get(first),
            last.checked_sub(1).and_then(|i| self.origins.get(i)),
        ) {
            (Some(a), Some(b)) if first < last => a.from..b.to,
            (Some(a), _) => a.from..a.from,
            _ => self.origins.last().map_or(0..0, |o| o.to..o.to),
        }
    }
}

fn is_horizontal_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

/// A space is noise when Japanese text stands on both sides of it (「必ず　治る」).
fn inside_japanese_run(chars: &[(usize, char)], index: usize) -> bool {
    let before = chars[..index]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .find(|&c| !is_horizontal_space(c));
    let after = chars[index + 1..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_horizontal_space(c));
    matches!((before, after), (Some(b), Some(a)) if japanese_for_spacing(b) && japanese_for_spacing(a))
}

fn japanese_for_spacing(c: char) -> bool {
    kana::is_japanese(fold(c)) || kana::is_japanese(c)
}

fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{FF61}'..='\u{FF9F}' => kana::widen_katakana(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original<'a>(input: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let start = n.text.find(needle).expect("needle in normalised text");
        &input[n.to_input(Span::new(start..start + needle.len())).range()]
    }

    #[test]
    fn folds_half_width_katakana_with_voicing() {
        let input = "ｾﾞｯﾀｲ若返る";
        let n = Normalized::new(input);
        assert_eq!(n.text, "ゼッタイ若返る");
        assert_eq!(original(input, &n, "ゼッタイ"), "ｾﾞｯﾀｲ");
        assert_eq!(original(input, &n, "ゼ"), "ｾﾞ");
        assert_eq!(original(input, &n, "若返る"), "若返る");
    }

    #[test]
    fn folds_full_width_ascii() {
        let input = "満足度ＮＯ．１！";
        let n = Normalized::new(input);
        assert_eq!(n.text, "満足度NO.1!");
        assert_eq!(original(input, &n, "NO.1"), "ＮＯ．１");
    }

    #[test]
    fn drops_spaces_inside_japanese_runs_only() {
        let input = "必ず　治る。No. 1 です";
        let n = Normalized::new(input);
        assert_eq!(n.text, "必ず治る。No. 1 です");
        assert_eq!(original(input, &n, "必ず治る"), "必ず　治る");
    }

    #[test]
    fn keeps_line_breaks() {
        assert_eq!(Normalized::new("必ず\n治る").text, "必ず\n治る");
    }
}
