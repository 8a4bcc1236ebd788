//! One sentence as rules see it. Tokenizing is much of the cost of linting, so a
//! sentence is tokenized on first use, and a pattern uses it only after the sentence's
//! text passed the pattern's anchors (see `compile::prefilter`): a sentence no pattern may match
//! is never tokenized. Without the prefilter the linter may instead hand over
//! sentences it tokenized ahead, on several threads.

use std::ops::Range;
use std::sync::OnceLock;

use crate::compile::{Anchored, Anchors, Hits, Slot, Vocabulary, WordList};
use crate::text::{Token, Tokenizer};

/// What turns sentence text into tokens a pattern can test.
pub struct Analyser<'a> {
    tokenizer: &'a Tokenizer,
    vocabulary: &'a Vocabulary,
    /// `None`: the prefilter is off and every pattern is tried on every sentence.
    anchors: Option<&'a Anchors>,
}

/// A sentence of a document: its range in the (normalised) text, the anchors it holds,
/// and its tokens once a pattern needed them.
pub struct PageSentence {
    pub range: Range<usize>,
    hits: Hits,
    analysed: OnceLock<Analysed>,
}

/// A tokenized sentence.
#[derive(Debug)]
pub struct Analysed {
    pub tokens: Vec<Token>,
    /// `breaks[i]`: token `i` ends a clause, which a gap may not cross.
    pub breaks: Vec<bool>,
    /// The word ids of the tokens.
    pub present: WordList,
}

/// A sentence with what it takes to tokenize it.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    text: &'a str,
    sentence: &'a PageSentence,
    analyser: &'a Analyser<'a>,
}

impl<'a> Analyser<'a> {
    pub fn new(tokenizer: &'a Tokenizer, vocabulary: &'a Vocabulary, anchors: Option<&'a Anchors>) -> Self {
        Self {
            tokenizer,
            vocabulary,
            anchors,
        }
    }

    /// Sentence `range` of `text`, not yet tokenized.
    pub fn sentence(&self, text: &str, range: Range<usize>) -> PageSentence {
        let hits = match self.anchors {
            Some(anchors) => anchors.scan(&text[range.clone()]),
            None => Hits::All,
        };
        PageSentence {
            range,
            hits,
            analysed: OnceLock::new(),
        }
    }

    /// Sentence `range` of `text`, tokenized already (`tokens`, from the tokenizer).
    pub fn tokenized(&self, text: &str, range: Range<usize>, tokens: Vec<Token>) -> PageSentence {
        let analysed = self.label(&text[range.clone()], tokens);
        PageSentence {
            analysed: OnceLock::from(analysed),
            ..self.sentence(text, range)
        }
    }

    fn analyse(&self, text: &str) -> Analysed {
        self.label(text, self.tokenizer.tokenize(text))
    }

    fn label(&self, text: &str, mut tokens: Vec<Token>) -> Analysed {
        self.vocabulary.label(text, &mut tokens);
        Analysed {
            breaks: clause_breaks(&tokens),
            present: WordList::of(&tokens),
            tokens,
        }
    }
}

impl PageSentence {
    /// The sentence as patterns see it; `text` is the whole text it was cut from.
    pub fn words<'a>(&'a self, text: &'a str, analyser: &'a Analyser<'a>) -> Words<'a> {
        Words {
            text: &text[self.range.clone()],
            sentence: self,
            analyser,
        }
    }
}

impl<'a> Words<'a> {
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The tokens, tokenizing the sentence if no one has yet.
    pub fn analysed(&self) -> &'a Analysed {
        self.sentence.analysed.get_or_init(|| self.analyser.analyse(self.text))
    }

    pub fn tokens(&self) -> &'a [Token] {
        &self.analysed().tokens
    }

    /// The slots in `range` whose patterns may match here, judged from the text alone.
    pub(crate) fn allowed(&self, range: Range<Slot>) -> impl Iterator<Item = Slot> + use<'a> {
        let sentence: &'a PageSentence = self.sentence;
        sentence.hits.allowed(range)
    }

    /// Whether the pattern in `slot` may match here, judged from the text alone.
    pub(crate) fn allow(&self, slot: Option<Slot>) -> bool {
        self.sentence.hits.allow(slot)
    }

    /// Whether the prefilter has judged this sentence (else everything is let through).
    pub(crate) fn prefiltered(&self) -> bool {
        matches!(self.sentence.hits, Hits::Candidates(_))
    }

    /// Whether a regex or literal list may match here, judged from the text alone.
    pub(crate) fn allows(&self, matcher: &dyn Anchored) -> bool {
        self.allow(matcher.slot().get().copied())
    }
}

/// Which tokens end a clause: a gap in a pattern never crosses one.
fn clause_breaks(tokens: &[Token]) -> Vec<bool> {
    const CONJUNCTIVE: [&str; 9] = [
        "が",
        "けれど",
        "けれども",
        "けど",
        "のに",
        "ものの",
        "ので",
        "から",
        "し",
    ];
    tokens
        .iter()
        .map(|t| {
            (t.is_pos("助詞-接続助詞") && CONJUNCTIVE.contains(&t.lemma()))
                || t.is_pos("記号-括弧")
                || t.is_pos("記号-句点")
        })
        .collect()
}
