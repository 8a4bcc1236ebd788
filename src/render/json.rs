//! `--format json` and `json-lines`: one object per finding (the schema is documented
//! in README.md), as one array or one object per line; `json-documents`: one object per
//! file, with what the page was judged to be and its findings.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Checked;
use crate::diagnostic::{Applicability, Claim, Severity, Suggestion};
use crate::documents::Treatment;
use crate::rules::Domain;
use crate::source::LineIndex;
use crate::span::SourceSpan;
use crate::{PageCheck, Report};

#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    code: &'a str,
    id: &'a str,
    severity: Severity,
    message: &'a str,
    basis: &'a [String],
    suggestions: &'a [Suggestion],
    /// `phrase` for wording, `document` for a page that lacks required statements.
    scope: &'static str,
    /// For document findings: the keys of the missing items (`cost`, `risk`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<&'a str>,
    /// For wording: how (modality) and where (place, section) the claim is made.
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    claim: Option<&'a Claim>,
    /// The domains the file was judged as.
    domains: &'a BTreeSet<Domain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixJson<'a>>,
    /// Other places the finding stands for (the later mentions of a page-level note).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedJson<'a>>,
}

/// One file: what kind of page it was judged as, what it advertises, the verdict of
/// each page-level check, and its findings.
#[derive(Serialize)]
struct DocumentJson<'a> {
    path: &'a str,
    /// The kind of page (the domains without the overlays).
    kind: Vec<Domain>,
    domains: &'a BTreeSet<Domain>,
    /// The treatments a clinic page offers, with their standing under the 薬機法.
    treatments: &'a [Treatment],
    /// Treatments and products the page-level checks found advertised.
    advertised: Vec<&'a str>,
    checks: &'a [PageCheck],
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct FixJson<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    #[serde(flatten)]
    at: SpanJson,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    #[serde(flatten)]
    at: SpanJson,
    message: &'a str,
}

/// Where a span of the file is, in bytes and in lines and characters.
#[derive(Serialize)]
struct SpanJson {
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl SpanJson {
    fn of(index: &LineIndex, span: SourceSpan) -> Self {
        let (line, column) = index.position(span.start);
        let (end_line, end_column) = index.position(span.end);
        Self {
            byte_start: span.start,
            byte_end: span.end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// All findings of all files as a pretty-printed JSON array.
pub fn json(checked: &[Checked]) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&findings(checked)).unwrap_or_else(|_| "[]".to_string())
}

/// One compact JSON object per line, for streaming tools.
pub fn json_lines(checked: &[Checked]) -> String {
    findings(checked)
        .iter()
        .filter_map(|f| serde_json::to_string(f).ok())
        .map(|line| line + "\n")
        .collect()
}

/// One object per file, with its page verdicts and findings, as a JSON array.
pub fn json_documents(checked: &[Checked]) -> String {
    let documents: Vec<DocumentJson> = checked
        .iter()
        .map(|Checked { file, report, .. }| DocumentJson {
            path: &file.name,
            kind: kind(report),
            domains: &report.domains,
            treatments: &report.treatments,
            advertised: report.advertised(),
            checks: &report.checks,
            findings: file_findings(&file.name, &file.text, report),
        })
        .collect();
    serde_json::to_string_pretty(&documents).unwrap_or_else(|_| "[]".to_string())
}

fn kind(report: &Report) -> Vec<Domain> {
    report.domains.iter().copied().filter(|d| !d.is_overlay()).collect()
}

fn findings(checked: &[Checked]) -> Vec<Finding<'_>> {
    (checked.iter())
        .flat_map(|Checked { file, report, .. }| file_findings(&file.name, &file.text, report))
        .collect()
}

fn file_findings<'a>(path: &'a str, text: &str, report: &'a Report) -> Vec<Finding<'a>> {
    let index = LineIndex::new(text);
    let mut findings = Vec::new();
    for d in &report.diagnostics {
        let (line, column) = index.position(d.span.start);
        let (end_line, end_column) = index.position(d.span.end);
        findings.push(Finding {
            path,
            line,
            column,
            end_line,
            end_column,
            byte_start: d.span.start,
            byte_end: d.span.end,
            code: &d.code,
            id: &d.id,
            severity: d.severity,
            message: &d.message,
            basis: &d.basis,
            suggestions: &d.suggestions,
            scope: if d.is_document_level() { "document" } else { "phrase" },
            missing: d.missing.iter().map(|m| m.key.as_str()).collect(),
            claim: d.claim.as_ref(),
            domains: &report.domains,
            fix: d.fix.as_ref().map(|fix| FixJson {
                title: &fix.title,
                applicability: fix.applicability,
                edits: (fix.edits.iter())
                    .map(|e| EditJson {
                        at: SpanJson::of(&index, e.span),
                        text: &e.text,
                    })
                    .collect(),
            }),
            related: (d.labels.iter())
                .map(|l| RelatedJson {
                    at: SpanJson::of(&index, l.span),
                    message: &l.message,
                })
                .collect(),
        });
    }
    findings
}
