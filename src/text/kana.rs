//! Character classes and kana conversions shared by normalisation and matching.

/// Hiragana → katakana; other characters unchanged.
pub fn to_katakana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

pub fn to_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

pub fn is_hiragana(c: char) -> bool {
    matches!(c, 'ぁ'..='ゟ')
}

pub fn is_katakana(c: char) -> bool {
    matches!(c, 'ァ'..='ヿ' | 'ㇰ'..='ㇿ')
}

pub fn is_kanji(c: char) -> bool {
    matches!(c, '一'..='鿿' | '㐀'..='䶿' | '豈'..='﫿' | '々' | '〆' | 'ヶ')
}

/// Japanese script or punctuation: spaces between two of these carry no meaning.
pub fn is_japanese(c: char) -> bool {
    is_hiragana(c) || is_katakana(c) || is_kanji(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

/// Half-width katakana (U+FF61..U+FF9F) → full-width. Voiced marks are separate
/// code points in half-width text; [`compose_voicing`] joins them.
pub fn widen_katakana(c: char) -> char {
    const TABLE: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
    match c {
        '\u{FF61}'..='\u{FF9F}' => TABLE.chars().nth(c as usize - 0xFF61).unwrap_or(c),
        _ => c,
    }
}

/// Joins a katakana with a following (half-width-derived) voiced or semi-voiced mark.
pub fn compose_voicing(base: char, mark: char) -> Option<char> {
    const PLAIN: &str = "カキクケコサシスセソタチツテトハヒフヘホウ";
    const VOICED: &str = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ";
    const SEMI_PLAIN: &str = "ハヒフヘホ";
    const SEMI_VOICED: &str = "パピプペポ";
    let (from, to) = match mark {
        '゛' => (PLAIN, VOICED),
        '゜' => (SEMI_PLAIN, SEMI_VOICED),
        _ => return None,
    };
    let index = from.chars().position(|c| c == base)?;
    to.chars().nth(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_conversion() {
        assert_eq!(to_katakana("かならず"), "カナラズ");
    }

    #[test]
    fn voicing() {
        assert_eq!(compose_voicing('セ', '゛'), Some('ゼ'));
        assert_eq!(compose_voicing('タ', '゛'), Some('ダ'));
        assert_eq!(compose_voicing('ツ', '゛'), Some('ヅ'));
        assert_eq!(compose_voicing('ト', '゛'), Some('ド'));
        assert_eq!(compose_voicing('ハ', '゜'), Some('パ'));
        assert_eq!(compose_voicing('ホ', '゛'), Some('ボ'));
        assert_eq!(compose_voicing('ウ', '゛'), Some('ヴ'));
        assert_eq!(compose_voicing('ア', '゛'), None);
        assert_eq!(compose_voicing('ッ', '゛'), None);
    }
}
