//! `--format gitlab`: a GitLab Code Quality report (shown in merge request widgets).

use serde_json::json;

use super::{Checked, fingerprints};
use crate::diagnostic::Severity;
use crate::source::LineIndex;

/// A JSON array of Code Quality issues. Each fingerprint is stable across runs for the
/// same finding (file, rule, flagged words and their occurrence), so GitLab can tell new
/// issues from old ones when lines move.
pub fn gitlab(checked: &[Checked]) -> String {
    let mut issues = Vec::new();
    for Checked { file, report, .. } in checked {
        let lines = LineIndex::new(&file.text);
        let fingerprints = fingerprints(&file.name, &file.text, &report.diagnostics);
        for (d, fingerprint) in report.diagnostics.iter().zip(fingerprints) {
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
                    Severity::Note => "info",
                },
                "fingerprint": fingerprint,
                "location": { "path": file.name, "lines": { "begin": begin, "end": end } },
            }));
        }
    }
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}
