//! `--format gitlab`: a GitLab Code Quality report (shown in merge request widgets).

use serde_json::json;

use super::Checked;
use crate::diagnostic::Severity;
use crate::source::LineIndex;

/// A JSON array of Code Quality issues. Each fingerprint is stable across runs for the
/// same finding (file, rule, flagged words and their occurrence), so GitLab can tell new
/// issues from old ones when lines move.
pub fn gitlab(checked: &[Checked]) -> String {
    let mut issues = Vec::new();
    for Checked { file, report, .. } in checked {
        let lines = LineIndex::new(&file.text);
        let mut seen: Vec<(String, &str)> = Vec::new();
        for d in &report.diagnostics {
            let words = &file.text[d.span.range()];
            let occurrence = seen.iter().filter(|(c, w)| *c == d.code && *w == words).count();
            seen.push((d.code.clone(), words));
            let (begin, _) = lines.position(d.span.start);
            let (end, _) = lines.position(d.span.end);
            issues.push(json!({
                "type": "issue",
                "check_name": d.code,
                "description": format!("[{}] {}", d.code, d.message),
                "categories": ["Compliance"],
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "fingerprint": fingerprint(&[&file.name, &d.code, words, &occurrence.to_string()]),
                "location": { "path": file.name, "lines": { "begin": begin, "end": end } },
            }));
        }
    }
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
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
