//! Text analysis: normalisation, sentence splitting and tokenizing.

pub mod kana;
mod normalize;
mod sections;
mod sentences;
mod stems;
mod tokenize;

pub use normalize::Normalized;
pub use sections::headings;
pub use sentences::{Sentence, split_sentences};
pub use stems::{Stem, stem};
pub use tokenize::{Token, Tokenizer, WordId, WordIds};
