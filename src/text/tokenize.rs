//! Morphological analysis with lindera and the embedded IPADIC.

use std::borrow::Cow;
use std::ops::Range;

use lindera::dictionary::Dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

use super::kana;

mod ipadic {
    // Built by build.rs from dictionaries/ipadic/.
    lindera_dictionary::embedded_dictionary!("/ipadic", EmbeddedIpadic);
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text that was tokenized.
    pub span: Range<usize>,
    pub surface: String,
    /// Base form (基本形); the surface for words IPADIC does not know.
    pub lemma: String,
    /// Reading in katakana; the surface in katakana for unknown words.
    pub reading: String,
    /// Part of speech with its subcategories joined by `-` (`動詞-自立`).
    pub pos: String,
}

impl Token {
    pub fn is_pos(&self, prefix: &str) -> bool {
        self.pos.starts_with(prefix)
    }
}

/// The tokenizer: one per process, shared by reference.
pub struct Tokenizer {
    segmenter: Segmenter,
}

impl Tokenizer {
    /// Loads the embedded dictionary (about a millisecond).
    pub fn new() -> Result<Self, String> {
        let dictionary: Dictionary = ipadic::load().map_err(|e| format!("loading the embedded IPADIC: {e}"))?;
        Ok(Self {
            segmenter: Segmenter::new(Mode::Normal, dictionary, None),
        })
    }

    /// Tokens of `text`, with spans relative to `text`. Whitespace yields no token.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        // Segmenting in-memory text cannot fail for a loaded dictionary; an error
        // here would mean a corrupt build, so an empty result is the safe answer.
        let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) else {
            return Vec::new();
        };
        tokens
            .into_iter()
            .filter(|t| !t.surface.trim().is_empty())
            .map(|mut t| {
                let surface = t.surface.to_string();
                let span = t.byte_start..t.byte_end;
                let details = t.details();
                let field = |i: usize| details.get(i).copied().filter(|v| *v != "*");
                let lemma = field(6).unwrap_or(&surface).to_string();
                let reading = field(7).map_or_else(|| kana::to_katakana(&surface), str::to_string);
                let pos = details
                    .iter()
                    .take(4)
                    .copied()
                    .filter(|p| *p != "*")
                    .collect::<Vec<_>>()
                    .join("-");
                Token {
                    span,
                    surface,
                    lemma,
                    reading,
                    pos,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemma_reading_and_pos() {
        let tokenizer = Tokenizer::new().unwrap();
        let tokens = tokenizer.tokenize("必ず治ります");
        let lemmas: Vec<_> = tokens.iter().map(|t| t.lemma.as_str()).collect();
        assert_eq!(lemmas, ["必ず", "治る", "ます"]);
        assert_eq!(tokens[0].reading, "カナラズ");
        assert_eq!(tokens[1].pos, "動詞-自立");
        assert_eq!(tokens[1].span, 6..12);
    }

    #[test]
    fn unknown_words_fall_back_to_surface() {
        let tokenizer = Tokenizer::new().unwrap();
        let token = &tokenizer.tokenize("エクソソーム")[0];
        assert_eq!(token.lemma, "エクソソーム");
        assert_eq!(token.reading, "エクソソーム");
    }
}
