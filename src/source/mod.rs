//! Inputs: reading files into text and mapping analysed text back to the source.

mod document;
mod load;

pub use document::{Document, SourceMap};
pub use load::{LoadError, MAX_FILE_SIZE, SourceFile, decode};
