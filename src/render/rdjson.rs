//! `--format rdjson`: reviewdog's diagnostic format, so reviewdog can comment on pull
//! requests. Columns count UTF-8 bytes, as rdjson specifies.

use serde_json::{Value, json};

use super::Checked;
use crate::diagnostic::Severity;
use crate::source::LineIndex;
use crate::span::SourceSpan;

/// One rdjson document with every finding.
pub fn rdjson(checked: &[Checked]) -> String {
    let mut diagnostics = Vec::new();
    for Checked { file, report, .. } in checked {
        let lines = LineIndex::new(&file.text);
        let range = |span: &SourceSpan| {
            let (line, column) = lines.byte_position(span.start);
            let (end_line, end_column) = lines.byte_position(span.end);
            json!({
                "start": { "line": line, "column": column },
                "end": { "line": end_line, "column": end_column },
            })
        };
        for d in &report.diagnostics {
            let suggestions: Vec<Value> = d
                .fix
                .iter()
                .flat_map(|fix| &fix.edits)
                .map(|edit| json!({ "range": range(&edit.span), "text": edit.text }))
                .collect();
            diagnostics.push(json!({
                "message": d.message_with_help(),
                "location": { "path": file.name, "range": range(&d.span) },
                "severity": match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Note => "INFO",
                },
                "code": { "value": d.code },
                "suggestions": suggestions,
            }));
        }
    }
    let document = json!({
        "source": { "name": "kokoku" },
        "diagnostics": diagnostics,
    });
    document.to_string() + "\n"
}
