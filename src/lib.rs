//! kokoku (広告): a compliance linter for Japanese marketing copy.
//!
//! ```text
//! source → Document → normalise → sentences → tokens → rules → Diagnostic → render
//! ```
//!
//! [`Linter`] is the entry point: build it once, then lint any number of documents.
//! The modules are layers; each imports only those below it (README "Architecture"):
//!
//! ```text
//! lsp, serve                   the language server (`kokoku server`) and the web
//!                              checker (`kokoku serve`), front ends
//! render, config, selfcheck   front-end helpers: output formats, kokoku.toml, examples
//! lint                         the Linter: pipeline, waivers, fixes, report
//! documents                    page kind, treatments, absence checks
//! judge                        contexts and the claim model
//! engine                       compiled state, matching over tokens
//! compile                      patterns, regexes, prefilter from rule data
//! rules                        rule data: schema, rule set, selection
//! diagnostic                   what a finding is
//! text, source, span, parallel normalising, sentences, tokens; documents from files;
//!                              the byte ranges of each text
//! ```

pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod documents;
pub mod engine;
mod error;
pub mod judge;
pub mod lint;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod parallel;
pub mod render;
pub mod rules;
pub mod selfcheck;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;
pub mod span;
pub mod text;

pub use error::FileError;
pub use lint::{Fixed, Lines, Linter, Options, PageCheck, Report, SetupError, Verdict, fix, waivers};
