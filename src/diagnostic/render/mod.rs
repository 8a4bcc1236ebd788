//! Output formats. Each turns byte spans into its own coordinates at the edge.

mod human;
mod json;
mod lines;
mod position;
mod statistics;

pub use human::Human;
pub use json::json;
pub use lines::{concise, github};
pub use position::LineIndex;
pub use statistics::statistics;

use crate::Report;
use crate::source::SourceFile;
use crate::suppress::Waived;

/// One linted file with what was found in it.
pub struct Checked {
    pub file: SourceFile,
    pub report: Report,
    /// Findings that inline directives waived.
    pub waived: Vec<Waived>,
}
