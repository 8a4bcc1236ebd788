//! kokoku's findings as LSP diagnostics, code actions and hovers; source byte spans
//! become positions in the encoding the client and server agreed on.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, Position, Range, TextEdit, Url, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::waivers::REASON_PLACEHOLDER;
use crate::source::{Format, LineIndex, Units};
use crate::span::SourceSpan;

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.kokoku";

/// A document's text with what positions in it are counted in.
pub struct Positions<'a> {
    pub lines: LineIndex<'a>,
    pub units: Units,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str, units: Units) -> Self {
        Self {
            lines: LineIndex::new(text),
            units,
        }
    }

    pub fn range(&self, span: SourceSpan) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    fn position(&self, offset: usize) -> Position {
        let (line, character) = self.lines.position_in(offset, self.units);
        Position::new(line as u32, character as u32)
    }

    pub fn offset(&self, position: Position) -> usize {
        (self.lines).offset_of(position.line as usize, position.character as usize, self.units)
    }
}

/// A finding as the editor shows it. A page-level finding (a missing disclosure) stands
/// at the top of the page, pointing at the place the page advertises what it is about.
pub fn diagnostic(d: &Diagnostic, uri: &Url, at: &Positions, help_uri: Option<&str>) -> LspDiagnostic {
    let mut message = d.full_message();
    message.push_str(&format!("\n根拠: {}", d.basis.join("、")));
    for suggestion in d.suggestions.iter().take(2) {
        message.push_str(&format!("\n言い換え例: {}", suggestion.text));
    }
    let related = |span: SourceSpan, message: &str| DiagnosticRelatedInformation {
        location: Location::new(uri.clone(), at.range(span)),
        message: message.to_string(),
    };
    let mut related_information: Vec<DiagnosticRelatedInformation> =
        d.labels.iter().map(|l| related(l.span, &l.message)).collect();
    let range = match d.is_document_level() {
        true => {
            related_information.insert(0, related(d.span, "ここで広告しています"));
            Range::default()
        }
        false => at.range(d.span),
    };
    let help = help_uri.map(|uri| uri.replace("{code}", &d.code).replace("{id}", &d.id));
    LspDiagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.clone())),
        code_description: help
            .and_then(|h| Url::parse(&h).ok())
            .map(|href| CodeDescription { href }),
        source: Some("kokoku".to_string()),
        message,
        related_information: (!related_information.is_empty()).then_some(related_information),
        tags: None,
        data: None,
    }
}

/// The quick fixes for one finding: its fix (preferred when it keeps the meaning), each
/// safer wording that can stand in for the flagged words as it is, and a waiver whose
/// reason the user must write.
pub fn quick_fixes(
    d: &Diagnostic,
    shown: &LspDiagnostic,
    uri: &Url,
    at: &Positions,
    format: Format,
) -> Vec<CodeAction> {
    let action = |title: String, edits: Vec<TextEdit>, preferred: bool| CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    };
    let mut actions = Vec::new();
    if let Some(fix) = &d.fix {
        let edits = fix
            .edits
            .iter()
            .map(|e| TextEdit::new(at.range(e.span), e.text.clone()))
            .collect();
        actions.push(action(
            fix.title.clone(),
            edits,
            fix.applicability == Applicability::Safe,
        ));
    }
    if !d.is_document_level() {
        for suggestion in d.suggestions.iter().filter(|s| s.replaceable) {
            let edit = TextEdit::new(at.range(d.span), suggestion.text.to_string());
            actions.push(action(format!("言い換え: {}", suggestion.text), vec![edit], false));
        }
    }
    let line = at.lines.line_of(d.span.start) as u32;
    let directive = format!("kokoku-disable-next-line {} -- {REASON_PLACEHOLDER}", d.code);
    let comment = match format {
        Format::Text => format!("{directive}\n"),
        Format::Markdown | Format::Html => format!("<!-- {directive} -->\n"),
    };
    let insert = TextEdit::new(Range::new(Position::new(line, 0), Position::new(line, 0)), comment);
    actions.push(action(
        format!("{} をこの行で無視する（理由を記入）", d.code),
        vec![insert],
        false,
    ));
    actions
}

/// An edit that puts `fixed` in place of the whole of `text`.
pub fn whole_text_edit(at: &Positions, text: &str, fixed: String) -> TextEdit {
    let end = at.range(SourceSpan::new(text.len()..text.len())).end;
    TextEdit::new(Range::new(Position::new(0, 0), end), fixed)
}
