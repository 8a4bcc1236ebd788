//! Inputs: reading files into text and mapping analysed text back to the source.

mod document;
mod format;
mod html;
mod lines;
mod load;
mod markdown;

pub use document::{Document, DocumentBuilder, SourceMap};
pub use format::Format;
pub use lines::LineIndex;
pub use load::{LoadError, MAX_FILE_SIZE, SourceFile, decode};
