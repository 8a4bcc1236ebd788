//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDE
//! viewers). Columns count Unicode code points, which the run declares. Files under the
//! repository are named relative to its root (`%SRCROOT%`), whatever directory kokoku
//! ran in; others by `file://` URI. Each result's fingerprint survives lines moving.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message, MultiformatMessageString,
    PhysicalLocation, PropertyBag, Region, Replacement, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif, Tool, ToolComponent,
};

use super::{Checked, fingerprints};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::rules::Rule;
use crate::source::LineIndex;
use crate::span::SourceSpan;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base id of paths relative to the repository's root.
const ROOT: &str = "%SRCROOT%";

/// Where a run's files are, and where its rules are documented.
#[derive(Debug, Clone)]
pub struct SarifRun {
    /// The directory relative input paths start from (absolute).
    pub cwd: PathBuf,
    /// The repository's root (absolute): where git's work tree starts, else `cwd`.
    pub root: PathBuf,
    /// Each rule's documentation, `{code}` and `{id}` filled in (`help-uri` in
    /// kokoku.toml); none by default, the help text being in the log itself.
    pub help_uri: Option<String>,
    /// Which run of which pipeline this is (`runAutomationDetails`).
    pub automation: Automation,
}

/// The run's `automationDetails`: an id (`category/run`) and what the service that
/// takes the log asks to know of the pipeline (Azure DevOps its build and phase).
#[derive(Debug, Clone)]
pub struct Automation {
    pub id: String,
    pub properties: BTreeMap<String, String>,
}

impl Default for Automation {
    /// A category of its own, so that code scanning keeps kokoku's results apart.
    fn default() -> Self {
        Self {
            id: "kokoku/".to_string(),
            properties: BTreeMap::new(),
        }
    }
}

/// One run with every rule in `rules` described and every finding as a result.
pub fn sarif(checked: &[Checked], rules: &[&Rule], run: &SarifRun) -> String {
    let index_of: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code.as_str(), i)).collect();
    let mut results = Vec::new();
    for checked in checked {
        let lines = LineIndex::new(&checked.file.text);
        let artifact = artifact(&checked.file.name, run);
        let path = artifact.uri.clone().unwrap_or_default();
        let diagnostics = &checked.report.diagnostics;
        for (d, fingerprint) in diagnostics
            .iter()
            .zip(fingerprints(&path, &checked.file.text, diagnostics))
        {
            let result = result(d, &artifact, &lines, index_of.get(d.code.as_str()).copied());
            results.push(SarifResult {
                partial_fingerprints: Some(BTreeMap::from([("kokoku/v1".to_string(), fingerprint)])),
                ..result
            });
        }
    }
    let driver = ToolComponent::builder()
        .name("kokoku")
        .full_name(concat!(
            "kokoku ",
            env!("CARGO_PKG_VERSION"),
            " (広告表現の法令チェッカー)"
        ))
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(|r| descriptor(r, run)).collect::<Vec<_>>())
        .build();
    let root = ArtifactLocation {
        uri: Some(format!("{}/", file_uri(&run.root).trim_end_matches('/'))),
        ..Default::default()
    };
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .automation_details(automation_details(&run.automation))
        .original_uri_base_ids(BTreeMap::from([(ROOT.to_string(), root)]))
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

fn automation_details(automation: &Automation) -> RunAutomationDetails {
    let details = RunAutomationDetails::builder().id(automation.id.as_str());
    match automation.properties.is_empty() {
        true => details.build(),
        false => {
            let properties = automation.properties.iter().map(|(k, v)| (k.clone(), json!(v)));
            details
                .properties(PropertyBag {
                    tags: None,
                    additional_properties: properties.collect(),
                })
                .build()
        }
    }
}

fn descriptor(rule: &Rule, run: &SarifRun) -> ReportingDescriptor {
    let mut help = format!("{}\n\n根拠: {}", rule.why.trim(), rule.basis.join("、"));
    if let Some(s) = rule.suggest.first().map(|w| &w.text) {
        help.push_str(&format!("\n\n言い換え例: {s}"));
    }
    let help = MultiformatMessageString::builder()
        .text(help)
        .markdown(rule.explain_markdown())
        .build();
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
        .help(help)
        .default_configuration(ReportingConfiguration {
            level: Some(json!(level(rule.severity))),
            ..Default::default()
        })
        .properties(PropertyBag {
            tags: Some(vec![rule.family.clone()]),
            additional_properties: properties,
        });
    let help_uri = (run.help_uri.as_deref()).map(|uri| uri.replace("{code}", &rule.code).replace("{id}", &rule.id));
    ReportingDescriptor {
        full_description: rule.message_en.as_deref().map(text),
        help_uri,
        ..descriptor.build()
    }
}

fn result(d: &Diagnostic, artifact: &ArtifactLocation, lines: &LineIndex, rule_index: Option<usize>) -> SarifResult {
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
    let at = |span: &SourceSpan, message: Option<&str>| Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(artifact.clone()),
            region: Some(region(lines, span)),
            ..Default::default()
        }),
        message: message.map(|text| Message {
            text: Some(text.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let related: Vec<Location> = d.labels.iter().map(|l| at(&l.span, Some(&l.message))).collect();
    let result = SarifResult::builder()
        .rule_id(&d.code)
        .level(match d.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Note => ResultLevel::Note,
        })
        .message(Message {
            text: Some(d.full_message()),
            ..Default::default()
        })
        .locations(vec![at(&d.span, None)])
        .properties(PropertyBag {
            tags: None,
            additional_properties: properties,
        })
        .fixes(d.fix.iter().map(|f| fix(f, artifact, lines)).collect::<Vec<_>>());
    let result = match rule_index {
        Some(index) => result.rule_index(index as i64).build(),
        None => result.build(),
    };
    SarifResult {
        related_locations: (!related.is_empty()).then_some(related),
        ..result
    }
}

/// A SARIF fix: the edits as replacements of regions of the file.
fn fix(fix: &Fix, artifact: &ArtifactLocation, lines: &LineIndex) -> SarifFix {
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
        .artifact_location(artifact.clone())
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
        Severity::Note => "note",
    }
}

/// Where a file is, for SARIF: relative to the repository's root when it is under it,
/// else a `file://` URI; standard input (`-`) as it is named.
fn artifact(name: &str, run: &SarifRun) -> ArtifactLocation {
    if name == "-" {
        return ArtifactLocation::builder().uri("-").build();
    }
    let path = normalize(&run.cwd.join(name));
    match path.strip_prefix(&run.root) {
        Ok(relative) => ArtifactLocation::builder()
            .uri(uri(&relative.to_string_lossy()))
            .uri_base_id(ROOT)
            .build(),
        Err(_) => ArtifactLocation::builder().uri(file_uri(&path)).build(),
    }
}

/// `path` without `.` and with each `..` taking away the name before it, as the file
/// system would read it (symbolic links aside).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `file://` URI of an absolute path.
fn file_uri(path: &Path) -> String {
    let path = uri(&path.to_string_lossy());
    match path.starts_with('/') {
        true => format!("file://{path}"),
        false => format!("file:///{path}"),
    }
}

/// A URI reference for a path: `/`-separated, with everything but unreserved characters
/// percent-encoded (Japanese file names included).
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

    #[test]
    fn files_are_named_from_the_repository_root_wherever_kokoku_runs() {
        let run = SarifRun {
            cwd: PathBuf::from("/repo/site/pages"),
            root: PathBuf::from("/repo"),
            help_uri: None,
            automation: Automation::default(),
        };
        let named = |name: &str| {
            let artifact = artifact(name, &run);
            (artifact.uri.unwrap(), artifact.uri_base_id)
        };
        let in_root = |uri: &str| (uri.to_string(), Some(ROOT.to_string()));
        assert_eq!(named("a.html"), in_root("site/pages/a.html"));
        assert_eq!(named("../b.md"), in_root("site/b.md"));
        assert_eq!(named("/repo/c.txt"), in_root("c.txt"));
        assert_eq!(
            named("/elsewhere/ページ.md"),
            ("file:///elsewhere/%E3%83%9A%E3%83%BC%E3%82%B8.md".to_string(), None)
        );
        assert_eq!(named("-"), ("-".to_string(), None));
    }
}
