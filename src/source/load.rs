//! Bytes to text. Only this module touches the file system for inputs.

use std::fmt;
use std::io::Read;
use std::path::Path;

use chardetng::EncodingDetector;
use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8};

use super::format::Format;
use super::{Document, html, markdown};

/// Files larger than this are not linted: ad copy is never this large, and a huge
/// file is far more likely a data dump committed by mistake.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// One input, decoded. `name` is what diagnostics print (the path as given, or `-`).
/// Spans and columns refer to `text`, the decoded file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub format: Format,
    /// The encoding the bytes were read as (`UTF-8`, `Shift_JIS`, `EUC-JP`, …).
    pub encoding: &'static str,
}

#[derive(Debug)]
pub enum LoadError {
    Io { name: String, error: std::io::Error },
    Binary { name: String },
    InvalidUtf8 { name: String, line: usize, column: usize },
    Undecodable { name: String, encoding: &'static str },
    TooLarge { name: String, size: u64, limit: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { name, error } => write!(f, "{name}: cannot read: {error}"),
            Self::Binary { name } => write!(f, "{name}: looks like a binary file (contains NUL bytes)"),
            Self::InvalidUtf8 { name, line, column } => write!(
                f,
                "{name}:{line}:{column}: not valid UTF-8, and not Shift_JIS or EUC-JP either \
                 (convert the file, or name its encoding with --encoding)"
            ),
            Self::Undecodable { name, encoding } => {
                write!(
                    f,
                    "{name}: not valid {encoding} (check --encoding or the page's charset)"
                )
            }
            Self::TooLarge { name, size, limit } => {
                write!(
                    f,
                    "{name}: {size} bytes is over the {limit}-byte limit for one file (see --max-file-size)"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// Whether a file found by walking a directory is better skipped with a note than
    /// failed: binary data and oversized files are not copy anyone wrote.
    pub fn is_skippable(&self) -> bool {
        matches!(self, Self::Binary { .. } | Self::TooLarge { .. })
    }
}

impl SourceFile {
    /// Reads and decodes a file of at most `limit` bytes; `encoding` forces one instead
    /// of detecting it.
    pub fn read(path: &Path, encoding: Option<&'static Encoding>, limit: u64) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        let io = |error| LoadError::Io {
            name: name.clone(),
            error,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > limit {
            return Err(LoadError::TooLarge { name, size, limit });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::from_bytes(name, &bytes, Format::of_path(path), encoding)
    }

    /// Reads standard input, named in findings as the file it stands for
    /// (`--stdin-filename`, whose extension picks HTML or Markdown), else `-`.
    pub fn stdin(
        stands_for: Option<&Path>,
        encoding: Option<&'static Encoding>,
        limit: u64,
    ) -> Result<Self, LoadError> {
        let name = stands_for.map_or_else(|| "-".to_string(), |path| path.display().to_string());
        let format = stands_for.map_or(Format::Text, Format::of_path);
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| LoadError::Io {
                name: name.clone(),
                error,
            })?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::TooLarge {
                size: bytes.len() as u64,
                name,
                limit,
            });
        }
        Self::from_bytes(name, &bytes, format, encoding)
    }

    pub fn from_bytes(
        name: String,
        bytes: &[u8],
        format: Format,
        encoding: Option<&'static Encoding>,
    ) -> Result<Self, LoadError> {
        let (text, encoding) = decode(&name, bytes, format, encoding)?;
        Ok(Self {
            name,
            text,
            format,
            encoding: encoding.name(),
        })
    }

    /// The prose of the file, with its map back to the file's text.
    pub fn document(&self) -> Document {
        match self.format {
            Format::Text => Document::plain(&self.text),
            Format::Markdown => markdown::extract(&self.text),
            Format::Html => html::extract(&self.text),
        }
    }
}

/// Decodes a file: a byte-order mark decides; then UTF-8 if the bytes are UTF-8; then
/// the encoding an HTML page declares; then a guess among the Japanese legacy encodings.
/// Binary data and undecodable bytes are errors that say where the problem is.
pub fn decode(
    name: &str,
    bytes: &[u8],
    format: Format,
    forced: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding), LoadError> {
    let undecodable = |encoding: &'static Encoding| LoadError::Undecodable {
        name: name.to_string(),
        encoding: encoding.name(),
    };
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let text = encoding.decode_without_bom_handling_and_without_replacement(body);
        return text
            .map(|t| (t.into_owned(), encoding))
            .ok_or_else(|| undecodable(encoding));
    }
    if bytes.contains(&0) {
        return Err(LoadError::Binary { name: name.to_string() });
    }
    if let Some(encoding) = forced {
        let text = encoding.decode_without_bom_handling_and_without_replacement(bytes);
        return text
            .map(|t| (t.into_owned(), encoding))
            .ok_or_else(|| undecodable(encoding));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), UTF_8)),
        Err(error) => error,
    };
    let declared = (format == Format::Html).then(|| declared_charset(bytes)).flatten();
    let candidate = declared.unwrap_or_else(|| {
        let mut detector = EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, false)
    });
    let japanese = [SHIFT_JIS, EUC_JP, ISO_2022_JP].contains(&candidate);
    if let (true, Some(text)) = (
        declared.is_some() || japanese,
        candidate.decode_without_bom_handling_and_without_replacement(bytes),
    ) {
        return Ok((text.into_owned(), candidate));
    }
    if declared.is_some() {
        return Err(undecodable(candidate));
    }
    // The valid prefix is UTF-8 by definition, so it locates the bad byte.
    let valid = std::str::from_utf8(&bytes[..utf8_error.valid_up_to()]).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Err(LoadError::InvalidUtf8 {
        name: name.to_string(),
        line,
        column,
    })
}

/// The charset a page declares in its first kilobytes (`<meta charset="shift_jis">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom() {
        assert_eq!(
            decode("a", "\u{feff}必ず".as_bytes(), Format::Text, None).unwrap().0,
            "必ず"
        );
    }

    #[test]
    fn locates_invalid_utf8() {
        let mut bytes = "一行目\n二行".as_bytes().to_vec();
        bytes.push(0xff);
        let err = decode("a.txt", &bytes, Format::Text, None).unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("a.txt:2:3"));
    }

    #[test]
    fn japanese_legacy_encodings_are_detected() {
        let text = "当院なら必ず治ります。効果には個人差があります。";
        for encoding in [SHIFT_JIS, EUC_JP] {
            let (bytes, _, _) = encoding.encode(text);
            let (decoded, used) = decode("a.txt", &bytes, Format::Text, None).unwrap();
            assert_eq!((decoded.as_str(), used), (text, encoding));
        }
    }

    #[test]
    fn an_html_page_declares_its_charset() {
        let page = "<meta charset=\"Shift_JIS\"><p>必ず治ります</p>";
        let (bytes, _, _) = SHIFT_JIS.encode(page);
        let (decoded, used) = decode("a.html", &bytes, Format::Html, None).unwrap();
        assert_eq!((decoded.as_str(), used), (page, SHIFT_JIS));
    }

    #[test]
    fn a_forced_encoding_wins_and_says_when_it_is_wrong() {
        let (bytes, _, _) = EUC_JP.encode("必ず");
        assert_eq!(decode("a", &bytes, Format::Text, Some(EUC_JP)).unwrap().0, "必ず");
        assert!(matches!(
            decode("a", b"\xff\xff", Format::Text, Some(UTF_8)),
            Err(LoadError::Undecodable { .. })
        ));
    }

    #[test]
    fn rejects_binary() {
        assert!(matches!(
            decode("a", b"ab\0cd", Format::Text, None),
            Err(LoadError::Binary { .. })
        ));
    }
}
