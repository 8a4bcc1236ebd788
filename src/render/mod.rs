//! Output formats, and a rule's explanation. Each format turns source spans into its
//! own coordinates at the edge (through `source::LineIndex`).
//!
//! The top layer of the library: may import any layer; nothing imports it but the
//! front ends.

mod explain;
mod gitlab;
mod human;
mod json;
mod junit;
mod lines;
mod rdjson;
mod rules;
mod sarif;
mod statistics;

pub use gitlab::gitlab;
pub use human::Human;
pub use json::{json, json_documents, json_for_browser, json_lines};
pub use junit::junit;
pub use lines::{concise, github};
pub use rdjson::rdjson;
pub use rules::{rules_json, rules_table};
pub use sarif::{Automation, SarifRun, sarif};
pub use statistics::statistics;

use std::collections::HashMap;

use crate::Report;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// One linted file with what was found in it.
pub struct Checked {
    pub file: SourceFile,
    pub report: Report,
    /// How many fixes `--fix` applied to the file.
    pub fixed: usize,
}

/// A fingerprint for each finding of a file at `path`, stable across runs while the
/// finding stays (rule, flagged words and which occurrence of them it is), so that
/// dashboards tell new findings from old ones when lines move.
fn fingerprints(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let words = &text[d.span.range()];
            let occurrence = seen.entry((&d.code, words)).or_default();
            *occurrence += 1;
            fingerprint(&[path, &d.code, words, &(*occurrence - 1).to_string()])
        })
        .collect()
}

/// FNV-1a over the parts (each followed by a zero byte), as 16 hex digits: stable across
/// kokoku versions and platforms, unlike the standard library's hashers.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_parts_apart() {
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a.md", "PMD-01"]), fingerprint(&["a.md", "PMD-01"]));
    }
}
