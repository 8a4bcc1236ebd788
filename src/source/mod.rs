//! Inputs: reading files into text and mapping analysed text back to the source.

mod document;
mod format;
mod html;
mod load;
mod markdown;
mod walk;

pub use document::{Document, DocumentBuilder, SourceMap};
pub use format::Format;
pub use load::{LoadError, MAX_FILE_SIZE, SourceFile, decode};
pub use walk::{Input, collect};
