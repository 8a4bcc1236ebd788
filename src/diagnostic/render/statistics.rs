//! `--statistics`: how many findings each rule produced, most frequent first.

use std::collections::BTreeMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::Checked;
use super::human::summary;
use crate::rules::RuleSet;

/// One line per rule that found something, then the usual summary line.
pub fn statistics(out: &mut dyn WriteColor, checked: &[Checked], rules: &RuleSet) -> io::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in checked.iter().flat_map(|c| &c.report.diagnostics) {
        *counts.entry(diagnostic.code.as_str()).or_default() += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (code, count) in rows {
        let Some(rule) = rules.get(code) else { continue };
        writeln!(
            out,
            "{count:>6}  {code:<9} {:<34} {:<8} {}",
            rule.id, rule.severity, rule.message
        )?;
    }
    summary(out, checked)
}
