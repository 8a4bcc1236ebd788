use std::fmt;

/// A problem in a rule or lexicon file, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl DictionaryError {
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

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DictionaryError {}
