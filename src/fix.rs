//! Fixes: the changes rules define for their flagged words (`[[rule.fix]]`), applied to
//! a source text, and written back to the file safely.

use std::io::Write;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// Gives each finding the fix its rule defines for the words it flags, if any. A fix
/// replaces the first occurrence of its `replace` words inside the flagged source text,
/// so an entity-encoded or split-up phrase is left alone rather than guessed at.
pub fn attach(source: &str, diagnostics: &mut [Diagnostic], rules: &RuleSet) {
    for d in diagnostics.iter_mut() {
        let Some(rule) = rules.get(&d.code) else { continue };
        let flagged = &source[d.span.clone()];
        d.fix = rule.fixes.iter().find_map(|def| {
            let at = d.span.start + flagged.find(&def.replace)?;
            let title = match def.with.as_str() {
                "" => format!("「{}」を削除", def.replace),
                with => format!("「{}」を「{with}」に", def.replace),
            };
            Some(Fix {
                title,
                applicability: if def.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                edits: vec![Edit {
                    span: at..at + def.replace.len(),
                    text: def.with.clone(),
                }],
            })
        });
    }
}

/// `source` with the `fixes` that `unsafe_too` allows applied, and how many were; `None`
/// when there is nothing to apply. Where two fixes overlap, the first wins and the other
/// waits for the next round.
pub fn apply<'a>(source: &str, fixes: impl IntoIterator<Item = &'a Fix>, unsafe_too: bool) -> Option<(String, usize)> {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.applicability == Applicability::Safe || unsafe_too)
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| e.span.start));
    let mut out = String::with_capacity(source.len());
    let mut done = 0;
    let mut applied = 0;
    for fix in fixes {
        if fix.edits.iter().any(|e| e.span.start < done) {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&source[done..edit.span.start]);
            out.push_str(&edit.text);
            done = edit.span.end;
        }
        applied += 1;
    }
    out.push_str(&source[done..]);
    (applied > 0).then_some((out, applied))
}

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

    fn edit(start: usize, end: usize, text: &str, safe: bool) -> Fix {
        Fix {
            title: String::new(),
            applicability: if safe {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            edits: vec![Edit {
                span: start..end,
                text: text.to_string(),
            }],
        }
    }

    #[test]
    fn fixes_apply_by_applicability_and_never_overlap() {
        let source = "abcdef";
        let fixes = [edit(0, 2, "X", true), edit(1, 3, "Y", true), edit(4, 5, "", false)];
        assert_eq!(apply(source, &fixes, false), Some(("Xcdef".to_string(), 1)));
        assert_eq!(apply(source, &fixes, true), Some(("Xcdf".to_string(), 2)));
        assert_eq!(apply(source, &fixes[2..], false), None);
    }

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
