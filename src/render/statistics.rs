//! `--statistics`: how many findings each rule produced, most frequent first, and what
//! inline waivers set aside, with their reasons.

use std::collections::BTreeMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::Checked;
use super::human::summary;
use crate::diagnostic::Diagnostic;

/// One line per rule that found something, one per waiver reason, then the summary line.
pub fn statistics(out: &mut dyn WriteColor, checked: &[Checked]) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (usize, &Diagnostic)> = BTreeMap::new();
    for diagnostic in checked.iter().flat_map(|c| &c.report.diagnostics) {
        counts.entry(diagnostic.code.as_str()).or_insert((0, diagnostic)).0 += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    for (code, (count, d)) in rows {
        writeln!(
            out,
            "{count:>6}  {code:<9} {:<34} {:<8} {}",
            d.id, d.severity, d.message
        )?;
    }
    let mut waived: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for w in checked.iter().flat_map(|c| &c.report.waivers.waived) {
        *waived
            .entry((&w.code, w.reason.as_deref().unwrap_or("（理由なし）")))
            .or_default() += 1;
    }
    if !waived.is_empty() {
        writeln!(out, "\n抑制された指摘（kokoku-disable）:")?;
        for ((code, reason), count) in waived {
            writeln!(out, "{count:>6}  {code:<9} {reason}")?;
        }
    }
    summary(out, checked)
}
