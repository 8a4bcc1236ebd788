//! kokoku (広告): a compliance linter for Japanese marketing copy.
//!
//! ```text
//! source → Document → normalise → sentences → tokens → rules → Diagnostic → render
//! ```
//!
//! [`Linter`] is the entry point: build it once, then lint any number of documents.

pub mod diagnostic;
mod linter;
pub mod rules;
pub mod selfcheck;
pub mod source;
pub mod suppress;
pub mod text;

pub use linter::{Linter, Report, SetupError};
