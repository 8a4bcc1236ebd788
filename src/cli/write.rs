//! `--fix`: a fixed text written back over its file, safely.

use std::io::Write;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};
use kokoku::source::SourceFile;

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds what was linted (an editor saved it meanwhile).
    Changed,
    /// The fixed text has characters the file's encoding cannot hold.
    Unencodable(&'static str),
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Changed => f.write_str("the file changed since it was read; not fixed"),
            Self::Unencodable(encoding) => write!(f, "the fix cannot be written in {encoding}; not fixed"),
            Self::Io(e) => write!(f, "cannot write the fix: {e}"),
        }
    }
}

/// Writes `text` over the file `linted` was read from, in the file's own encoding (and
/// byte-order mark), keeping its permissions: through a temporary file in the same
/// directory renamed over it, so a crash leaves the old file or the new one, never half
/// of each. Refuses when the file no longer holds what was linted.
pub fn write(path: &Path, linted: &SourceFile, text: &str) -> Result<(), WriteError> {
    let current = std::fs::read(path).map_err(WriteError::Io)?;
    let encoding = Encoding::for_label(linted.encoding.as_bytes()).unwrap_or(UTF_8);
    let bom = Encoding::for_bom(&current).map_or(0, |(_, length)| length);
    let (now, malformed) = encoding.decode_without_bom_handling(&current[bom..]);
    if malformed || now != linted.text {
        return Err(WriteError::Changed);
    }
    let mut bytes = current[..bom].to_vec();
    if encoding == UTF_8 {
        bytes.extend_from_slice(text.as_bytes());
    } else {
        // encoding_rs encodes UTF-16 as UTF-8 (the WHATWG rule); treat that as a failure too.
        let (encoded, used, unmappable) = encoding.encode(text);
        if unmappable || used != encoding {
            return Err(WriteError::Unencodable(encoding.name()));
        }
        bytes.extend_from_slice(&encoded);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path).map_err(WriteError::Io)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    temp.write_all(&bytes).map_err(WriteError::Io)?;
    temp.as_file().sync_all().map_err(WriteError::Io)?;
    std::fs::set_permissions(temp.path(), permissions).map_err(WriteError::Io)?;
    temp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_encoding_and_refuse_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.txt");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("ボトックス注射");
        std::fs::write(&path, &sjis).unwrap();
        let linted = SourceFile::read(&path, None, u64::MAX).unwrap();
        assert_eq!(linted.encoding, "Shift_JIS");
        write(&path, &linted, "ボツリヌストキシン注射").unwrap();
        let (expected, _, _) = encoding_rs::SHIFT_JIS.encode("ボツリヌストキシン注射");
        assert_eq!(std::fs::read(&path).unwrap(), expected.as_ref());

        let err = write(&path, &linted, "x").unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        let unmappable = SourceFile::read(&path, None, u64::MAX).unwrap();
        let err = write(&path, &unmappable, "🙂").unwrap_err();
        assert!(matches!(err, WriteError::Unencodable("Shift_JIS")), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), expected.as_ref(), "untouched");
    }
}
