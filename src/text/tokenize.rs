//! Morphological analysis with lindera and the embedded IPADIC.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use lindera::dictionary::{Dictionary, load_user_dictionary_from_csv};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera_dictionary::viterbi::Lattice;
use rustc_hash::FxHashMap;

use super::kana;

mod ipadic {
    // Built by build.rs from dictionaries/ipadic/.
    lindera_dictionary::embedded_dictionary!("/ipadic", EmbeddedIpadic);
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text that was tokenized, which is the token's surface (see
    /// [`Token::surface`]; not copied, as a page has thousands of tokens).
    pub span: Range<usize>,
    /// What the dictionary says of the word.
    pub word: Arc<WordInfo>,
    /// The numbers of lemma, surface and reading in the rules' vocabulary, so that
    /// patterns compare integers (given by the rule set; unknown until then).
    pub ids: WordIds,
}

/// What the dictionary says of a word, the same wherever it occurs: the tokens of one
/// IPADIC entry share it, instead of three strings each.
#[derive(Debug, PartialEq, Eq)]
pub struct WordInfo {
    /// Base form (基本形); the surface for words IPADIC does not know.
    pub lemma: Box<str>,
    /// Reading in katakana; the surface in katakana for unknown words.
    pub reading: Box<str>,
    /// Part of speech with its subcategories joined by `-` (`動詞-自立`).
    pub pos: Box<str>,
}

/// A word's number in the vocabulary of the rule dictionaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordId(pub u32);

impl WordId {
    /// A word no rule names.
    pub const UNKNOWN: WordId = WordId(u32::MAX);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordIds {
    pub lemma: WordId,
    pub surface: WordId,
    pub reading: WordId,
}

impl Default for WordIds {
    fn default() -> Self {
        Self {
            lemma: WordId::UNKNOWN,
            surface: WordId::UNKNOWN,
            reading: WordId::UNKNOWN,
        }
    }
}

impl Token {
    /// The token's text, `text` being what was tokenized.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.clone()]
    }

    pub fn lemma(&self) -> &str {
        &self.word.lemma
    }

    pub fn reading(&self) -> &str {
        &self.word.reading
    }

    pub fn pos(&self) -> &str {
        &self.word.pos
    }

    pub fn is_pos(&self, prefix: &str) -> bool {
        self.word.pos.starts_with(prefix)
    }
}

/// Whether the tokenizer drops `c` where it stands between words: whitespace, and what
/// IPADIC's char.def counts as a space, which includes U+00D0 Ð (a long-known typo for
/// U+00A0). Two tokens are adjacent in the text but for such characters.
pub fn is_dropped(c: char) -> bool {
    c.is_whitespace() || c == '\u{00D0}'
}

/// The tokenizer: one per process, shared by reference.
pub struct Tokenizer {
    segmenter: Segmenter,
    user_dictionary: bool,
}

impl Tokenizer {
    /// Loads the embedded dictionary (about a millisecond).
    pub fn new() -> Result<Self, String> {
        Self::with_user_dictionary(None)
    }

    /// The embedded dictionary plus, optionally, a user dictionary: a lindera CSV of
    /// words IPADIC splits wrongly (`城東美容クリニック,カスタム名詞,ジョウトウビヨウクリニック`).
    pub fn with_user_dictionary(csv: Option<&Path>) -> Result<Self, String> {
        let dictionary: Dictionary = ipadic::load().map_err(|e| format!("loading the embedded IPADIC: {e}"))?;
        let user = match csv {
            Some(path) => Some(
                load_user_dictionary_from_csv(&dictionary.metadata, path)
                    .map_err(|e| format!("{}: not a usable user dictionary: {e}", path.display()))?,
            ),
            None => None,
        };
        Ok(Self {
            user_dictionary: user.is_some(),
            segmenter: Segmenter::new(Mode::Normal, dictionary, user),
        })
    }

    /// The lindera segmenter underneath, for callers who want lindera's own tokens
    /// (the benchmarks compare kokoku with it).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    pub fn has_user_dictionary(&self) -> bool {
        self.user_dictionary
    }

    /// Tokens of `text`, with spans relative to `text`. Whitespace yields no token.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let view = SymbolView::new(text);
        thread_local! {
            /// One lattice per thread, reused for every sentence: allocating a new one
            /// each time is much of what lindera spends outside the search itself.
            static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
        }
        let segmented = LATTICE.with_borrow_mut(|lattice| {
            self.segmenter
                .segment_with_lattice(Cow::Borrowed(view.text.as_str()), lattice)
        });
        // Segmenting in-memory text cannot fail for a loaded dictionary; an error
        // here would mean a corrupt build, so an empty result is the safe answer.
        let Ok(tokens) = segmented else {
            return Vec::new();
        };
        thread_local! {
            /// What IPADIC says of the entries met so far, by entry, shared by their
            /// tokens. The embedded IPADIC is the same for every tokenizer; a user
            /// dictionary's entries are not kept.
            static KNOWN: RefCell<FxHashMap<u32, Arc<WordInfo>>> = RefCell::default();
        }
        tokens
            .into_iter()
            .filter(|t| !t.surface.trim().is_empty())
            .map(|mut t| {
                let span = view.original(t.byte_start)..view.original(t.byte_end);
                let surface = &text[span.clone()];
                let entry = (t.word_id.is_system() && !t.word_id.is_unknown()).then(|| t.word_id.id());
                let word = match entry.and_then(|id| KNOWN.with_borrow(|known| known.get(&id).cloned())) {
                    Some(word) => word,
                    None => {
                        let (word, shareable) = word_info(&mut t, surface);
                        let word = Arc::new(word);
                        if let Some(id) = entry.filter(|_| shareable) {
                            KNOWN.with_borrow_mut(|known| known.insert(id, Arc::clone(&word)));
                        }
                        word
                    }
                };
                Token {
                    span,
                    word,
                    ids: WordIds::default(),
                }
            })
            .collect()
    }
}

/// What the dictionary says of a token's word, read straight from its bytes (the part
/// of speech in four levels, the lemma and the reading), and whether that holds for
/// every token of the entry: a missing lemma or reading falls back on this surface.
fn word_info(token: &mut lindera::token::Token, surface: &str) -> (WordInfo, bool) {
    let (mut pos, mut lemma, mut reading) = (String::new(), None, None);
    for (i, field) in token.details_iter().enumerate().filter(|(_, f)| *f != "*") {
        match i {
            0..4 => {
                if !pos.is_empty() {
                    pos.push('-');
                }
                pos.push_str(field);
            }
            6 => lemma = Some(field.into()),
            7 => reading = Some(field.into()),
            _ => {}
        }
    }
    let shareable = lemma.is_some() && reading.is_some();
    let word = WordInfo {
        lemma: lemma.unwrap_or_else(|| surface.into()),
        reading: reading.unwrap_or_else(|| kana::to_katakana(surface).into()),
        pos: pos.into(),
    };
    (word, shareable)
}

/// The text as IPADIC knows it best: ASCII punctuation as its full-width form, and the
/// middle dot ・ as a comma. IPADIC lists ％ ！ （ as words, but groups unknown ASCII symbols
/// into one token (`%!`), lets a stray `(` change how the next word is split, and joins ・
/// to the katakana after it. Letters and digits stay ASCII.
struct SymbolView {
    text: String,
    /// For each byte offset of `text` at a character boundary, the offset in the input.
    starts: Vec<(usize, usize)>,
    len: usize,
}

impl SymbolView {
    fn new(input: &str) -> Self {
        let mut text = String::with_capacity(input.len() + input.len() / 4);
        let mut starts = Vec::with_capacity(input.len());
        for (offset, c) in input.char_indices() {
            starts.push((text.len(), offset));
            text.push(match c {
                c if c.is_ascii_punctuation() => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                // IPADIC counts ・ as katakana and glues it to the next word (・アンチエイジング).
                '・' => '、',
                c => c,
            });
        }
        Self {
            text,
            starts,
            len: input.len(),
        }
    }

    /// The input offset of a character boundary of the view.
    fn original(&self, at: usize) -> usize {
        match self.starts.binary_search_by_key(&at, |&(view, _)| view) {
            Ok(i) => self.starts[i].1,
            Err(_) => self.len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_dictionary_keeps_a_name_whole() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("words.csv");
        std::fs::write(&csv, "城東美容クリニック,カスタム名詞,ジョウトウビヨウクリニック\n").unwrap();
        let text = "城東美容クリニックです";
        let surfaces = |t: &Tokenizer| -> Vec<String> {
            t.tokenize(text)
                .into_iter()
                .map(|t| t.surface(text).to_string())
                .collect()
        };
        assert_ne!(surfaces(&Tokenizer::new().unwrap())[0], "城東美容クリニック");
        let with_words = Tokenizer::with_user_dictionary(Some(&csv)).unwrap();
        assert_eq!(surfaces(&with_words), ["城東美容クリニック", "です"]);
        assert_eq!(
            with_words.tokenize("城東美容クリニック")[0].reading(),
            "ジョウトウビヨウクリニック"
        );

        std::fs::write(&csv, "城東美容クリニック\n").unwrap();
        let err = Tokenizer::with_user_dictionary(Some(&csv)).err().unwrap();
        assert!(err.starts_with(&csv.display().to_string()), "{err}");
    }

    #[test]
    fn lemma_reading_and_pos() {
        let tokenizer = Tokenizer::new().unwrap();
        let tokens = tokenizer.tokenize("必ず治ります");
        let lemmas: Vec<_> = tokens.iter().map(|t| t.lemma()).collect();
        assert_eq!(lemmas, ["必ず", "治る", "ます"]);
        assert_eq!(tokens[0].reading(), "カナラズ");
        assert_eq!(tokens[1].pos(), "動詞-自立");
        assert_eq!(tokens[1].span, 6..12);
    }

    #[test]
    fn ascii_punctuation_is_split_like_full_width() {
        let tokenizer = Tokenizer::new().unwrap();
        let text = "満足度98%!(美容成分)";
        let tokens = tokenizer.tokenize(text);
        let surfaces: Vec<_> = tokens.iter().map(|t| t.surface(text)).collect();
        assert_eq!(surfaces, ["満足", "度", "98", "%", "!", "(", "美容", "成分", ")"]);
        let last = tokenizer.tokenize(text).pop().unwrap();
        assert_eq!(&text[last.span], ")");
    }

    #[test]
    fn a_middle_dot_separates_words() {
        let tokenizer = Tokenizer::new().unwrap();
        let text = "美容・アンチエイジング";
        let tokens = tokenizer.tokenize(text);
        let surfaces: Vec<_> = tokens.iter().map(|t| t.surface(text)).collect();
        assert_eq!(surfaces, ["美容", "・", "アンチエイジング"]);
    }

    #[test]
    fn unknown_words_fall_back_to_surface() {
        let tokenizer = Tokenizer::new().unwrap();
        let token = &tokenizer.tokenize("エクソソーム")[0];
        assert_eq!(token.lemma(), "エクソソーム");
        assert_eq!(token.reading(), "エクソソーム");
    }
}
