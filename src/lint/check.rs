//! The entry point every front end calls: a source checked the way kokoku reports it
//! (findings with waivers applied and fixes attached), and fixed.

use super::linter::{Linter, Options};
use super::report::Report;
use super::{fix, waivers};
use crate::source::{LineIndex, SourceFile};

/// How many times [`Linter::fix`] checks again and fixes what is left: a fix can make
/// room for another.
const FIX_ROUNDS: usize = 10;

/// A source with its fixes applied.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The source with the fixed text.
    pub file: SourceFile,
    /// The check of the fixed text.
    pub report: Report,
    /// How many fixes were applied.
    pub applied: usize,
}

impl Linter {
    /// Checks a source: its prose linted, its inline waivers applied, the findings on
    /// the lines `options` asks for, each with its rule's fix for the words it flags.
    /// The command line, the editor server and the web checker all call this.
    pub fn check(&self, file: &SourceFile, options: &Options) -> Report {
        let mut report = self.lint(&file.document(), options);
        let found = std::mem::take(&mut report.diagnostics);
        let (mut kept, waivers) = waivers::apply(&file.text, found, self.rules(), options.require_reason);
        if options.lines != super::Lines::All {
            let lines = LineIndex::new(&file.text);
            kept.retain(|d| {
                options
                    .lines
                    .keep(lines.position(d.span.start).0, d.is_document_level())
            });
        }
        fix::attach(&file.text, &mut kept, self.rules());
        report.diagnostics = kept;
        report.waivers = waivers;
        report
    }

    /// `file` with the fixes of `report` (its check) applied: the safe ones, and with
    /// `unsafe_too` those that change what the copy says. Checked again after each
    /// round, as a fix can make room for another; `None` when there is nothing to fix.
    pub fn fix(&self, file: &SourceFile, report: &Report, options: &Options, unsafe_too: bool) -> Option<Fixed> {
        let mut fixed: Option<Fixed> = None;
        for _ in 0..FIX_ROUNDS {
            let (text, report) = match &fixed {
                Some(done) => (&done.file.text, &done.report),
                None => (&file.text, report),
            };
            let fixes = report.diagnostics.iter().filter_map(|d| d.fix.as_ref());
            let Some((text, applied)) = fix::apply(text, fixes, unsafe_too) else {
                break;
            };
            let after = SourceFile { text, ..file.clone() };
            fixed = Some(Fixed {
                report: self.check(&after, options),
                applied: applied + fixed.map_or(0, |done| done.applied),
                file: after,
            });
        }
        fixed
    }
}
