//! Inputs: reading files into text, extracting the prose of HTML and Markdown, mapping
//! it back to the source, and source offsets to lines and columns.
//!
//! Layer 0: imports nothing of the crate but `span`.

mod document;
mod format;
mod html;
mod lines;
mod load;
mod markdown;

pub use document::{Document, DocumentBuilder, SourceMap};
pub use format::Format;
pub use lines::{LineIndex, Units};
pub use load::{LoadError, MAX_FILE_SIZE, SourceFile, decode};
