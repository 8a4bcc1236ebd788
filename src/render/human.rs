//! `--format human`: rustc-style diagnostics through codespan-reporting.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label as SnippetLabel, Severity as SnippetSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use std::collections::BTreeMap;
use std::ops::Range;

use super::Checked;
use crate::Report;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::parallel::{cores, in_order};
use crate::rules::{Domain, Status};
use crate::source::LineIndex;

/// Renders findings like a compiler: header, source snippet with carets, help and notes.
#[derive(Default)]
pub struct Human {
    config: Config,
    /// Leave out the closing summary line (`--quiet`).
    quiet: bool,
    /// Add each rule's English summary under its findings (`--english`); the output is
    /// Japanese otherwise.
    english: bool,
}

impl Human {
    /// Findings only, without the closing summary line (`--quiet`).
    pub fn quiet(quiet: bool) -> Self {
        Self {
            quiet,
            ..Self::default()
        }
    }

    /// With each rule's English summary as a note under its findings.
    pub fn with_english(self, english: bool) -> Self {
        Self { english, ..self }
    }
}

impl Human {
    pub fn render(&self, out: &mut dyn WriteColor, checked: &[Checked]) -> io::Result<()> {
        // Laying out a large run's findings takes as long as linting it on one core, so
        // each file's are laid out on a thread of their own, then written in order.
        let color = out.supports_color();
        let files = in_order(checked, cores(), |checked| {
            let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
            self.render_file(&mut buffer, checked).map(|()| buffer)
        });
        for file in files {
            out.write_all(file?.as_slice())?;
        }
        if self.quiet { Ok(()) } else { summary(out, checked) }
    }

    fn render_file(&self, out: &mut dyn WriteColor, Checked { file, report, .. }: &Checked) -> io::Result<()> {
        let lines = LineIndex::new(&file.text);
        for diagnostic in &report.diagnostics {
            let source = Excerpt {
                name: &file.name,
                text: &file.text,
                lines: &lines,
                focus: diagnostic.span.range(),
            };
            term::emit(out, &self.config, &source, &snippet(diagnostic, self.english)).map_err(|e| match e {
                // Keep the kind, so that the caller can tell a closed pipe from a failure.
                files::Error::Io(e) => e,
                other => io::Error::other(other),
            })?;
        }
        if !report.diagnostics.is_empty() {
            out.set_color(ColorSpec::new().set_dimmed(true))?;
            writeln!(out, "判定: {}: {}\n", file.name, judged(report))?;
            out.reset()?;
        }
        Ok(())
    }
}

/// What the page was judged to be and what it offers, the treatments grouped by their
/// standing: 「クリニック（医療機関）（自由診療: PRP療法・幹細胞治療 — 再生医療等: PRP療法・
/// 幹細胞治療）」. Treatments whose standing depends on the product add nothing to read.
pub(super) fn judged(report: &Report) -> String {
    let kinds: Vec<&str> = report.domains.iter().map(|d| d.name_ja()).collect();
    let free_care: Vec<&str> = (report.checks.iter())
        .filter(|c| c.code == "MED-D2")
        .flat_map(|c| &c.about)
        .map(String::as_str)
        .collect();
    let mut offered: Vec<String> = Vec::new();
    if !free_care.is_empty() {
        offered.push(format!("自由診療: {}", free_care.join("・")));
    }
    let standings = [
        Status::Unapproved,
        Status::OffLabel,
        Status::Regenerative,
        Status::Approved,
    ];
    for status in standings {
        let names: Vec<&str> = (report.treatments.iter())
            .filter(|t| t.status == status)
            .map(|t| t.name.as_str())
            .collect();
        if !names.is_empty() {
            offered.push(format!("{}: {}", status.name_ja(), names.join("・")));
        }
    }
    match offered.is_empty() {
        true => kinds.join("・"),
        false => format!("{}（{}）", kinds.join("・"), offered.join(" — ")),
    }
}

/// Lines longer than this many bytes are shown only around the finding: a minified page
/// or a 10 MB line would otherwise be printed whole for every finding on it.
const LONGEST_SHOWN_LINE: usize = 480;
/// Bytes shown on each side of the finding in such a line.
const CONTEXT: usize = 150;

/// The file as codespan-reporting sees it for one finding: real line and column numbers,
/// but over-long lines cut down to the part around the finding.
struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex<'a>,
    focus: Range<usize>,
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.lines.line_of(byte_index.min(self.text.len())))
    }

    fn column_number(&'a self, (): (), _line: usize, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.lines.position(byte_index.min(self.text.len())).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let line = self.lines.line_range(line_index);
        if line.len() <= LONGEST_SHOWN_LINE {
            return Ok(line);
        }
        let (mut start, mut end) = (
            self.focus.start.saturating_sub(CONTEXT).max(line.start),
            (self.focus.end + CONTEXT).min(line.end),
        );
        if start >= end {
            (start, end) = (line.start, line.start + LONGEST_SHOWN_LINE);
        }
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Ok(start..end)
    }
}

fn snippet(d: &Diagnostic, english: bool) -> Snippet<()> {
    let severity = match d.severity {
        Severity::Error => SnippetSeverity::Error,
        Severity::Warning => SnippetSeverity::Warning,
        Severity::Note => SnippetSeverity::Note,
    };
    let mut labels = vec![SnippetLabel::primary((), d.span.range()).with_message(&d.label)];
    labels.extend(
        d.labels
            .iter()
            .map(|l| SnippetLabel::secondary((), l.span.range()).with_message(&l.message)),
    );
    let mut notes: Vec<String> = d
        .suggestions
        .iter()
        .map(|s| match (d.is_document_level(), s.placeholder) {
            (true, _) => format!("help: 次のような記載を加えてください（○○は実際の内容に）\n{}", s.text),
            (false, true) => format!("help: 言い換え例（○○は実際の内容に置き換えてください）「{}」", s.text),
            (false, false) => format!("help: 言い換え例「{}」", s.text),
        })
        .collect();
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "`--fix` で修正できます",
            _ => "`--fix --unsafe-fixes` で修正できます（内容が変わるので確認を）",
        };
        notes.insert(0, format!("help: {}: {how}", fix.title));
    }
    notes.push(format!("note: 根拠: {}", d.basis.join("、")));
    if english {
        notes.extend(d.notes.iter().map(|n| format!("note: {n}")));
    }
    notes.push(format!("note: 詳しくは `kokoku explain {}`", d.code));
    Snippet::new(severity)
        .with_code(&d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// The closing line: counts by severity, files checked, and the domains they were judged as.
pub(super) fn summary(out: &mut dyn WriteColor, checked: &[Checked]) -> io::Result<()> {
    let count = |s: Severity| {
        checked
            .iter()
            .flat_map(|c| &c.report.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    let mut domains: BTreeMap<Domain, usize> = BTreeMap::new();
    for domain in checked.iter().flat_map(|c| &c.report.domains) {
        *domains.entry(*domain).or_default() += 1;
    }
    let domains: Vec<String> = domains.iter().map(|(d, n)| format!("{d} {n}")).collect();
    let files = format!("{} ファイルを検査、分野: {}", checked.len(), domains.join("・"));
    out.set_color(ColorSpec::new().set_bold(true))?;
    let fixed: usize = checked.iter().map(|c| c.fixed).sum();
    if fixed > 0 {
        writeln!(out, "{fixed} 件を自動修正しました")?;
    }
    if errors + warnings + notes == 0 {
        writeln!(out, "問題は見つかりませんでした（{files}）")?;
    } else {
        writeln!(
            out,
            "{} 件の指摘: error {errors}・warning {warnings}・note {notes}（{files}）",
            errors + warnings + notes
        )?;
    }
    out.reset()
}
