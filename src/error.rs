//! Errors in the files users write (rule dictionaries, config), located by file and line.

use std::fmt;

/// A problem in a rule, lexicon or config file, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl FileError {
    /// An error at byte `offset` of `source`.
    pub fn at(file: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let line = source.as_bytes()[..offset.min(source.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Self {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for FileError {}
