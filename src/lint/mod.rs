//! Linting: the entry point every front end calls ([`Linter`]), the pipeline over one
//! page (phrase findings, then the page's absence checks), waivers, fixes, and the
//! report.
//!
//! Layer 6. May import every layer below (`documents`, `judge`, `engine`, `compile`,
//! `rules`, `diagnostic`, `source`, `text`); nothing here prints or reads files.

mod check;
pub mod fix;
mod gaps;
mod linter;
mod page;
mod phrases;
mod report;
pub mod waivers;

pub use check::Fixed;
pub use linter::{Lines, Linter, Options, SetupError};
pub use report::{PageCheck, Report, Verdict};
