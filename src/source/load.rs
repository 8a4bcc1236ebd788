//! Bytes to text. Only this module touches the file system for inputs.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Files larger than this are not linted: ad copy is never this large, and a huge
/// file is far more likely a data dump committed by mistake.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// One input, decoded. `name` is what diagnostics print (the path as given, or `-`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

#[derive(Debug)]
pub enum LoadError {
    Io { name: String, error: std::io::Error },
    Binary { name: String },
    InvalidUtf8 { name: String, line: usize, column: usize },
    TooLarge { name: String, size: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { name, error } => write!(f, "{name}: cannot read: {error}"),
            Self::Binary { name } => write!(f, "{name}: looks like a binary file (contains NUL bytes)"),
            Self::InvalidUtf8 { name, line, column } => write!(
                f,
                "{name}:{line}:{column}: not valid UTF-8 (kokoku reads UTF-8 text; convert the file first)"
            ),
            Self::TooLarge { name, size } => write!(
                f,
                "{name}: {size} bytes is over the {MAX_FILE_SIZE}-byte limit for one file"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl SourceFile {
    /// Reads and decodes a file.
    pub fn read(path: &Path) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        let io = |error| LoadError::Io {
            name: name.clone(),
            error,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge { name, size });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let text = decode(&name, &bytes)?;
        Ok(Self { name, text })
    }

    /// Reads standard input, named `-` in diagnostics.
    pub fn stdin() -> Result<Self, LoadError> {
        let name = "-".to_string();
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| LoadError::Io {
                name: name.clone(),
                error,
            })?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge {
                size: bytes.len() as u64,
                name,
            });
        }
        let text = decode(&name, &bytes)?;
        Ok(Self { name, text })
    }
}

/// Decodes UTF-8 (a byte-order mark is dropped). Binary data and invalid UTF-8 are
/// errors that say where the problem is.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(LoadError::Binary { name: name.to_string() });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            // The valid prefix is UTF-8 by definition, so it locates the bad byte.
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(LoadError::InvalidUtf8 {
                name: name.to_string(),
                line,
                column,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom() {
        assert_eq!(decode("a", "\u{feff}必ず".as_bytes()).unwrap(), "必ず");
    }

    #[test]
    fn locates_invalid_utf8() {
        let mut bytes = "一行目\n二行".as_bytes().to_vec();
        bytes.push(0xff);
        let err = decode("a.txt", &bytes).unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("a.txt:2:3"));
    }

    #[test]
    fn rejects_binary() {
        assert!(matches!(decode("a", b"ab\0cd"), Err(LoadError::Binary { .. })));
    }
}
