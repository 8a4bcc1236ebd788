//! Text analysis: normalisation, sentence splitting and tokenizing.
//!
//! Layer 0: imports nothing of the crate but `span`.

mod forms;
pub mod kana;
mod normalize;
mod sections;
mod sentences;
mod tokenize;

pub use forms::{forms, spellings};
pub use normalize::Normalized;
pub use sections::headings;
pub use sentences::{Sentence, split_sentences, starts_with_bullet};
pub use tokenize::{Token, Tokenizer, WordId, WordIds, is_dropped};
