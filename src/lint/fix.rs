//! Fixes: the changes rules define for their flagged words (`[[rule.fix]]`), applied to
//! a source text. Writing them back to a file is the command line's (`cli::write`).

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::RuleSet;
use crate::span::SourceSpan;

/// Gives each finding the fix its rule defines for the words it flags, if any. A fix
/// replaces the first occurrence of its `replace` words inside the flagged source text,
/// so an entity-encoded or split-up phrase is left alone rather than guessed at.
pub fn attach(source: &str, diagnostics: &mut [Diagnostic], rules: &RuleSet) {
    for d in diagnostics.iter_mut() {
        let Some(rule) = rules.get(&d.code) else { continue };
        let flagged = &source[d.span.range()];
        d.fix = rule.fixes.iter().find_map(|def| {
            let at = d.span.start + flagged.find(&def.replace)?;
            let title = match def.with.as_str() {
                "" => format!("「{}」を削除", def.replace),
                with => format!("「{}」を「{with}」に", def.replace),
            };
            Some(Fix {
                title,
                applicability: if def.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                edits: vec![Edit {
                    span: SourceSpan::new(at..at + def.replace.len()),
                    text: def.with.clone(),
                }],
            })
        });
    }
}

/// `source` with the `fixes` that `unsafe_too` allows applied, and how many were; `None`
/// when there is nothing to apply. Where two fixes overlap, the first wins and the other
/// waits for the next round.
pub fn apply<'a>(source: &str, fixes: impl IntoIterator<Item = &'a Fix>, unsafe_too: bool) -> Option<(String, usize)> {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.applicability == Applicability::Safe || unsafe_too)
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| e.span.start));
    let mut out = String::with_capacity(source.len());
    let mut done = 0;
    let mut applied = 0;
    for fix in fixes {
        if fix.edits.iter().any(|e| e.span.start < done) {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&source[done..edit.span.start]);
            out.push_str(&edit.text);
            done = edit.span.end;
        }
        applied += 1;
    }
    out.push_str(&source[done..]);
    (applied > 0).then_some((out, applied))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, text: &str, safe: bool) -> Fix {
        Fix {
            title: String::new(),
            applicability: if safe {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            edits: vec![Edit {
                span: SourceSpan::new(start..end),
                text: text.to_string(),
            }],
        }
    }

    #[test]
    fn fixes_apply_by_applicability_and_never_overlap() {
        let source = "abcdef";
        let fixes = [edit(0, 2, "X", true), edit(1, 3, "Y", true), edit(4, 5, "", false)];
        assert_eq!(apply(source, &fixes, false), Some(("Xcdef".to_string(), 1)));
        assert_eq!(apply(source, &fixes, true), Some(("Xcdf".to_string(), 2)));
        assert_eq!(apply(source, &fixes[2..], false), None);
    }
}
