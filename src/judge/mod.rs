//! Judging a claim in context: the contexts read from the sentence around a match
//! (negation, hedging, quotation, questions, prospects, subject), what a rule's policy
//! makes of them, and the claim model (subject and modality) the findings carry.
//!
//! Layer 3, beside `compile`. May import `rules`, `diagnostic` and `text`.

mod claim;
mod clause;
mod context;
mod tails;
mod topics;

pub use claim::{modality, subject};
pub use context::{Context, resolve};
pub use tails::Tails;
pub use topics::Topics;
