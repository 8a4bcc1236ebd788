//! Inline suppressions: `kokoku-disable-next-line`, `kokoku-disable-line`, and
//! `kokoku-disable` … `kokoku-enable`, in HTML/Markdown comments (`<!-- … -->`) or as a
//! line of their own. Rules are named by code, id or family (PMD-01,
//! guarantee-of-efficacy, PMD); none means every rule. A reason may follow `--`.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::rules::{RuleSet, Selector};
use crate::source::LineIndex;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:<!--\s*|^[ \t]*)kokoku-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)\s*(?:-->|$)")
        .expect("the directive pattern is valid")
});

/// The reason an editor's waiver action writes for the user to replace: until they do,
/// the waiver gives no reason (and waives nothing where the config requires one).
pub const REASON_PLACEHOLDER: &str = "（理由を書いてください）";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Line,
    Disable,
    Enable,
}

/// One directive found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// Rule codes, ids or family names; empty for every rule.
    pub rules: Vec<String>,
    /// Why the finding is waived (the text after `--`).
    pub reason: Option<String>,
    /// 1-based line of the directive.
    pub line: usize,
}

/// The directives of a source file, in order.
pub fn directives(source: &str) -> Vec<Directive> {
    directives_in(source, &LineIndex::new(source))
}

fn directives_in(source: &str, lines: &LineIndex) -> Vec<Directive> {
    // Most files hold none; for them the pattern is not even compiled.
    if !source.contains("kokoku-") {
        return Vec::new();
    }
    DIRECTIVE
        .captures_iter(source)
        .map(|c| {
            let at = c.get(0).map_or(0, |m| m.start());
            let kind = match &c[1] {
                "disable-next-line" => Kind::NextLine,
                "disable-line" => Kind::Line,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            let (names, reason) = match c[2].split_once("--") {
                Some((names, reason)) => {
                    let reason = Some(reason.trim()).filter(|r| !r.is_empty() && *r != REASON_PLACEHOLDER);
                    (names, reason.map(str::to_string))
                }
                None => (&c[2], None),
            };
            let rules = names
                .split([',', ' ', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            Directive {
                kind,
                rules,
                reason,
                line: lines.position(at).0,
            }
        })
        .collect()
}

/// What a page's inline directives did.
#[derive(Debug, Clone, Default)]
pub struct Waivers {
    /// What was waived, with the reason given (for `--statistics`).
    pub waived: Vec<Waived>,
    /// Directives that waived nothing (so stale waivers can be removed).
    pub unused: Vec<Directive>,
    /// Directives without a reason where one is required; they waive nothing.
    pub unreasoned: Vec<Directive>,
    /// Names in directives that name no rule (a typo waives nothing): (line, name).
    pub unknown: Vec<(usize, String)>,
}

/// One finding a directive waived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    pub code: String,
    pub reason: Option<String>,
}

/// Drops the findings that directives waive, and says what each directive did. With
/// `require_reason`, only directives that say why (`-- 理由`) waive anything.
pub fn apply(
    source: &str,
    diagnostics: Vec<Diagnostic>,
    rules: &RuleSet,
    require_reason: bool,
) -> (Vec<Diagnostic>, Waivers) {
    let lines = LineIndex::new(source);
    let all = directives_in(source, &lines);
    let (directives, unreasoned): (Vec<Directive>, Vec<Directive>) = all
        .into_iter()
        .partition(|d| !require_reason || d.reason.is_some() || d.kind == Kind::Enable);
    let mut used = vec![false; directives.len()];
    let mut waived = Vec::new();
    let kept = diagnostics
        .into_iter()
        .filter(|d| {
            let line = lines.position(d.span.start).0;
            let waiver = directives
                .iter()
                .enumerate()
                .find(|(i, directive)| covers(&directives, *i, line) && names_rule(directive, d, rules));
            if let Some((i, directive)) = waiver {
                used[i] = true;
                waived.push(Waived {
                    code: d.code.clone(),
                    reason: directive.reason.clone(),
                });
            }
            waiver.is_none()
        })
        .collect();
    let names_no_rule = |name: &String| Selector::new(name).names_a_rule(rules).is_err();
    let unknown: Vec<(usize, String)> = (directives.iter().chain(&unreasoned))
        .flat_map(|d| d.rules.iter().filter(|n| names_no_rule(n)).map(|n| (d.line, n.clone())))
        .collect();
    // A directive with an unknown name is reported as that, not again as unused.
    let unused = directives
        .into_iter()
        .zip(used)
        .filter(|(d, used)| !used && d.kind != Kind::Enable && !d.rules.iter().any(names_no_rule))
        .map(|(d, _)| d)
        .collect();
    let waivers = Waivers {
        waived,
        unused,
        unreasoned,
        unknown,
    };
    (kept, waivers)
}

/// Whether directive `index` covers `line`.
fn covers(directives: &[Directive], index: usize, line: usize) -> bool {
    let directive = &directives[index];
    match directive.kind {
        Kind::NextLine => line == directive.line + 1,
        Kind::Line => line == directive.line,
        Kind::Enable => false,
        Kind::Disable => {
            let until = directives[index + 1..]
                .iter()
                .find(|d| d.kind == Kind::Enable && (d.rules.is_empty() || d.rules == directive.rules))
                .map_or(usize::MAX, |d| d.line);
            (directive.line..until).contains(&line)
        }
    }
}

/// Whether the directive waives the finding's rule: by code, id, kind of claim (so a
/// waiver holds whichever family reports the claim on the page), family or glob.
fn names_rule(directive: &Directive, diagnostic: &Diagnostic, rules: &RuleSet) -> bool {
    let Some(rule) = rules.get(&diagnostic.code) else {
        return false;
    };
    directive.rules.is_empty() || directive.rules.iter().any(|name| Selector::new(name).matches(rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    fn codes(source: &str) -> (Vec<String>, Vec<usize>) {
        let linter = Linter::builtin().unwrap();
        let report = linter.lint_text(source);
        let (kept, waivers) = apply(source, report.diagnostics, linter.rules(), false);
        (
            kept.into_iter().map(|d| d.code).collect(),
            waivers.unused.iter().map(|d| d.line).collect(),
        )
    }

    #[test]
    fn next_line_and_same_line() {
        let (kept, unused) = codes("kokoku-disable-next-line PMD-01 -- 引用です\n必ず治ります。\n必ず治ります。\n");
        assert_eq!((kept, unused), (vec!["PMD-01".to_string()], vec![]));
        let (kept, _) = codes("必ず治ります。<!-- kokoku-disable-line guarantee-of-efficacy -->\n");
        assert!(kept.is_empty());
    }

    #[test]
    fn ranges_families_and_unused_directives() {
        let source = "<!-- kokoku-disable pmd -->\n必ず治ります。\n<!-- kokoku-enable -->\n必ず治ります。\n";
        assert_eq!(codes(source).0, ["PMD-01"]);
        let (kept, unused) = codes("kokoku-disable-next-line COS-01\n必ず治ります。\n");
        assert_eq!((kept, unused), (vec!["PMD-01".to_string()], vec![1]));
    }

    /// The same guarantee is PMD-01 on a general page and MED-01 on a clinic's: a waiver
    /// naming the kind of claim holds on both, and one naming no rule is reported.
    #[test]
    fn a_waiver_by_kind_of_claim_holds_whichever_family_reports_it() {
        let waiver = "kokoku-disable-next-line guarantee-of-efficacy -- 医師監修の引用\n必ず治ります。\n";
        let clinic = format!("当院はクリニックです。ご予約・診療はこちら。\n{waiver}");
        let linter = Linter::builtin().unwrap();
        for (page, reporter) in [(waiver.to_string(), "PMD-01"), (clinic, "MED-01")] {
            let report = linter.lint_text(&page);
            let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
            assert!(codes.contains(&reporter), "{page}: {codes:?}");
            let (kept, waivers) = apply(&page, report.diagnostics.clone(), linter.rules(), false);
            assert!(kept.iter().all(|d| d.code != reporter), "{page}");
            assert_eq!(waivers.waived[0].code, reporter);
        }
        let typo = "kokoku-disable-next-line guarantee-of-efficasy\n必ず治ります。\n";
        let (kept, waivers) = apply(typo, linter.lint_text(typo).diagnostics, linter.rules(), false);
        assert_eq!(kept.len(), 1);
        assert_eq!(waivers.unknown, [(1, "guarantee-of-efficasy".to_string())]);
        assert!(waivers.unused.is_empty(), "reported once, as unknown");
    }

    #[test]
    fn a_required_reason_must_be_given() {
        let source = "kokoku-disable-next-line PMD-01\n必ず治ります。\n<!-- kokoku-disable-next-line PMD-01 -- 医師監修の引用 -->\n必ず治ります。\n";
        let linter = Linter::builtin().unwrap();
        let report = linter.lint_text(source);
        let (kept, waivers) = apply(source, report.diagnostics.clone(), linter.rules(), true);
        let lines = |ds: &[Directive]| ds.iter().map(|d| d.line).collect::<Vec<_>>();
        assert_eq!(kept.len(), 1, "the waiver without a reason does not apply");
        assert_eq!(lines(&waivers.unreasoned), [1]);
        assert!(waivers.unused.is_empty());
        assert_eq!(
            waivers.waived,
            [Waived {
                code: "PMD-01".into(),
                reason: Some("医師監修の引用".into())
            }]
        );
        assert!(apply(source, report.diagnostics, linter.rules(), false).0.is_empty());
    }

    #[test]
    fn the_placeholder_is_no_reason() {
        let found = directives(&format!("kokoku-disable-next-line PMD-01 -- {REASON_PLACEHOLDER}"));
        assert_eq!(found[0].reason, None);
    }

    #[test]
    fn reasons_are_kept() {
        let found = directives("<!-- kokoku-disable-next-line PMD-01, PMD-02 -- 法務確認済み 2025-04 -->");
        assert_eq!(found[0].rules, ["PMD-01", "PMD-02"]);
        assert_eq!(found[0].reason.as_deref(), Some("法務確認済み 2025-04"));
    }
}
