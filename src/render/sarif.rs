//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDE
//! viewers). Columns count Unicode code points, which the run declares.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message, MultiformatMessageString,
    PhysicalLocation, PropertyBag, Region, Replacement, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::Checked;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::rules::Rule;
use crate::source::LineIndex;
use crate::span::SourceSpan;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One run with every rule in `rules` described and every finding as a result.
pub fn sarif(checked: &[Checked], rules: &[&Rule]) -> String {
    let index_of: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code.as_str(), i)).collect();
    let mut results = Vec::new();
    for Checked { file, report, .. } in checked {
        let lines = LineIndex::new(&file.text);
        for d in &report.diagnostics {
            results.push(result(
                d,
                &uri(&file.name),
                &lines,
                index_of.get(d.code.as_str()).copied(),
            ));
        }
    }
    let driver = ToolComponent::builder()
        .name("kokoku")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let mut help = format!("{}\n\n根拠: {}", rule.why.trim(), rule.basis.join("、"));
    if let Some(s) = rule.suggest.first() {
        help.push_str(&format!("\n\n言い換え例: {s}"));
    }
    let mut properties = BTreeMap::new();
    properties.insert("basis".to_string(), json!(rule.basis));
    properties.insert("family".to_string(), json!(rule.family));
    if let Some(category) = rule.category {
        properties.insert("category".to_string(), json!(category.as_str()));
    }
    let descriptor = ReportingDescriptor::builder()
        .id(&rule.code)
        .name(&rule.id)
        .short_description(text(&rule.message))
        .help(text(&help))
        .default_configuration(ReportingConfiguration {
            level: Some(json!(level(rule.severity))),
            ..Default::default()
        })
        .properties(PropertyBag {
            tags: Some(vec![rule.family.clone()]),
            additional_properties: properties,
        });
    match rule.message_en.as_deref() {
        Some(english) => descriptor.full_description(text(english)).build(),
        None => descriptor.build(),
    }
}

fn result(d: &Diagnostic, uri: &str, lines: &LineIndex, rule_index: Option<usize>) -> SarifResult {
    let mut properties: BTreeMap<String, Value> = BTreeMap::new();
    properties.insert("id".to_string(), json!(d.id));
    let scope = if d.is_document_level() { "document" } else { "phrase" };
    properties.insert("scope".to_string(), json!(scope));
    if !d.missing.is_empty() {
        let keys: Vec<&str> = d.missing.iter().map(|m| m.key.as_str()).collect();
        properties.insert("missing".to_string(), json!(keys));
    }
    if !d.suggestions.is_empty() {
        properties.insert("suggestions".to_string(), json!(d.suggestions));
    }
    let location = Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(ArtifactLocation {
                uri: Some(uri.to_string()),
                ..Default::default()
            }),
            region: Some(region(lines, &d.span)),
            ..Default::default()
        }),
        ..Default::default()
    };
    let result = SarifResult::builder()
        .rule_id(&d.code)
        .level(match d.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Info => ResultLevel::Note,
        })
        .message(Message {
            text: Some(d.full_message()),
            ..Default::default()
        })
        .locations(vec![location])
        .properties(PropertyBag {
            tags: None,
            additional_properties: properties,
        })
        .fixes(d.fix.iter().map(|f| fix(f, uri, lines)).collect::<Vec<_>>());
    match rule_index {
        Some(index) => result.rule_index(index as i64).build(),
        None => result.build(),
    }
}

/// A SARIF fix: the edits as replacements of regions of the file.
fn fix(fix: &Fix, uri: &str, lines: &LineIndex) -> SarifFix {
    let replacements: Vec<Replacement> = fix
        .edits
        .iter()
        .map(|edit| {
            Replacement::builder()
                .deleted_region(region(lines, &edit.span))
                .inserted_content(ArtifactContent {
                    text: Some(edit.text.clone()),
                    ..Default::default()
                })
                .build()
        })
        .collect();
    let change = ArtifactChange::builder()
        .artifact_location(ArtifactLocation {
            uri: Some(uri.to_string()),
            ..Default::default()
        })
        .replacements(replacements)
        .build();
    SarifFix::builder()
        .description(Message {
            text: Some(fix.title.clone()),
            ..Default::default()
        })
        .artifact_changes(vec![change])
        .build()
}

fn region(lines: &LineIndex, span: &SourceSpan) -> Region {
    let (start_line, start_column) = lines.position(span.start);
    let (end_line, end_column) = lines.position(span.end);
    Region {
        start_line: Some(start_line as i64),
        start_column: Some(start_column as i64),
        end_line: Some(end_line as i64),
        end_column: Some(end_column as i64),
        ..Default::default()
    }
}

fn text(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/`-separated, with everything but unreserved
/// characters percent-encoded (Japanese file names included).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("./site/ページ 1.html"), "site/%E3%83%9A%E3%83%BC%E3%82%B8%201.html");
        assert_eq!(uri("a\\b.md"), "a/b.md");
    }
}
