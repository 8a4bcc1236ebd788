//! `--format json` and `json-lines`: one object per finding (the schema is documented
//! in README.md), as one array or one object per line; `json-documents`: one object per
//! file, with what the page was judged to be and its findings.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Checked;
use super::human::judged;
use crate::diagnostic::{Applicability, Claim, Severity, Suggestion};
use crate::documents::Treatment;
use crate::rules::Domain;
use crate::source::{LineIndex, Units};
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
    /// The same items as a person reads them (費用, 主なリスク・副作用).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing_names: Vec<&'a str>,
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
    /// For the browser: the span in UTF-16 code units, as JavaScript strings count.
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16: Option<Utf16Span>,
}

/// A span as offsets into a JavaScript string.
#[derive(Serialize)]
struct Utf16Span {
    start: usize,
    end: usize,
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

/// A document for the web checker: the record of `json-documents` with the verdict in
/// words (判定) and UTF-16 offsets on every span.
#[derive(Serialize)]
struct BrowserJson<'a> {
    #[serde(flatten)]
    document: DocumentJson<'a>,
    judged: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16: Option<Utf16Span>,
}

/// Where a file's spans are: its lines, and whether UTF-16 offsets are wanted too.
struct Places<'a> {
    lines: LineIndex<'a>,
    utf16: bool,
}

impl Places<'_> {
    fn utf16(&self, span: SourceSpan) -> Option<Utf16Span> {
        self.utf16.then(|| Utf16Span {
            start: self.lines.units_before(span.start, Units::Utf16),
            end: self.lines.units_before(span.end, Units::Utf16),
        })
    }

    fn span(&self, span: SourceSpan) -> SpanJson {
        let (line, column) = self.lines.position(span.start);
        let (end_line, end_column) = self.lines.position(span.end);
        SpanJson {
            byte_start: span.start,
            byte_end: span.end,
            line,
            column,
            end_line,
            end_column,
            utf16: self.utf16(span),
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
    let documents: Vec<DocumentJson> = checked.iter().map(|c| document(c, false)).collect();
    serde_json::to_string_pretty(&documents).unwrap_or_else(|_| "[]".to_string())
}

/// One file as the web checker reads it: its `json-documents` record with the verdict
/// in words (`judged`) and, on every span, `utf16` offsets into the text as sent.
pub fn json_for_browser(checked: &Checked) -> String {
    let browser = BrowserJson {
        document: document(checked, true),
        judged: judged(&checked.report),
    };
    serde_json::to_string(&browser).unwrap_or_else(|_| "{}".to_string())
}

fn document(Checked { file, report, .. }: &Checked, utf16: bool) -> DocumentJson<'_> {
    DocumentJson {
        path: &file.name,
        kind: kind(report),
        domains: &report.domains,
        treatments: &report.treatments,
        advertised: report.advertised(),
        checks: &report.checks,
        findings: file_findings(&file.name, &file.text, report, utf16),
    }
}

fn kind(report: &Report) -> Vec<Domain> {
    report.domains.iter().copied().filter(|d| !d.is_overlay()).collect()
}

fn findings(checked: &[Checked]) -> Vec<Finding<'_>> {
    (checked.iter())
        .flat_map(|Checked { file, report, .. }| file_findings(&file.name, &file.text, report, false))
        .collect()
}

fn file_findings<'a>(path: &'a str, text: &str, report: &'a Report, utf16: bool) -> Vec<Finding<'a>> {
    let places = Places {
        lines: LineIndex::new(text),
        utf16,
    };
    let mut findings = Vec::new();
    for d in &report.diagnostics {
        let (line, column) = places.lines.position(d.span.start);
        let (end_line, end_column) = places.lines.position(d.span.end);
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
            missing_names: d.missing.iter().map(|m| m.name.as_str()).collect(),
            claim: d.claim.as_ref(),
            domains: &report.domains,
            fix: d.fix.as_ref().map(|fix| FixJson {
                title: &fix.title,
                applicability: fix.applicability,
                edits: (fix.edits.iter())
                    .map(|e| EditJson {
                        at: places.span(e.span),
                        text: &e.text,
                    })
                    .collect(),
            }),
            related: (d.labels.iter())
                .map(|l| RelatedJson {
                    at: places.span(l.span),
                    message: &l.message,
                })
                .collect(),
            utf16: places.utf16(d.span),
        });
    }
    findings
}
