//! kokoku (広告): a compliance linter for Japanese marketing copy.
//!
//! ```text
//! source → Document → normalise → sentences → tokens → rules → Diagnostic → render
//! ```
//!
//! [`Linter`] is the entry point: build it once, then lint any number of documents.

pub mod config;
pub mod diagnostic;
mod error;
pub mod fix;
mod linter;
pub mod parallel;
mod report;
pub mod rules;
pub mod selfcheck;
pub mod source;
pub mod suppress;
pub mod text;

pub use error::FileError;
pub use linter::{Linter, Options, SetupError};
pub use report::{PageCheck, Report, Verdict};
