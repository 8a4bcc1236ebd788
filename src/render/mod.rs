//! Output formats, and a rule's explanation. Each format turns source spans into its
//! own coordinates at the edge (through `source::LineIndex`).
//!
//! The top layer of the library: may import any layer; nothing imports it but the
//! front ends.

mod explain;
mod gitlab;
mod human;
mod json;
mod junit;
mod lines;
mod rdjson;
mod sarif;
mod statistics;

pub use gitlab::gitlab;
pub use human::Human;
pub use json::{json, json_documents, json_lines};
pub use junit::junit;
pub use lines::{concise, github};
pub use rdjson::rdjson;
pub use sarif::sarif;
pub use statistics::statistics;

use crate::Report;
use crate::source::SourceFile;

/// One linted file with what was found in it.
pub struct Checked {
    pub file: SourceFile,
    pub report: Report,
    /// How many fixes `--fix` applied to the file.
    pub fixed: usize,
}
