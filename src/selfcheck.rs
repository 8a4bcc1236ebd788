//! Checks the rules against their own documentation: every `flag` example must produce
//! its rule, every `clean` example must not, no suggested wording may produce any
//! finding at all (a safer wording that kokoku itself flags helps nobody), and where a
//! rule's fix applies to a `flag` example, the fixed text must be clean of that rule.
//! Where a rule's wordings are for claims on some topics only, every `flag` example
//! must be on a topic one of them fits.

use std::fmt;

use crate::{Linter, fix};

/// One way a rule disagrees with its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: String,
    pub id: String,
    pub kind: FailureKind,
    /// The example or suggestion.
    pub text: String,
    /// What kokoku reported on it, as `CODE severity 「words」`.
    pub found: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    FlagMissed,
    CleanFlagged,
    SuggestionFlagged,
    FixIneffective,
    /// No safer wording of the rule fits the example's claim.
    SuggestionOffTopic,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            FailureKind::FlagMissed => "flag example not flagged",
            FailureKind::CleanFlagged => "clean example flagged",
            FailureKind::SuggestionFlagged => "suggestion flagged",
            FailureKind::FixIneffective => "still flagged after its fix",
            FailureKind::SuggestionOffTopic => "no safer wording fits its topics",
        };
        write!(f, "{} {}: {what}: {}", self.code, self.id, self.text)?;
        if !self.found.is_empty() {
            write!(f, " [{}]", self.found.join(", "))?;
        }
        Ok(())
    }
}

/// What [`verify`] checked and what failed.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    pub checked: usize,
    pub failures: Vec<Failure>,
}

/// Lints every example and suggestion of every rule of `linter`, each as a document of
/// its own.
pub fn verify(linter: &Linter) -> Verification {
    let mut result = Verification::default();
    for rule in linter.rules().rules() {
        let examples = rule.examples.flag.iter().map(|e| (e.as_str(), FailureKind::FlagMissed));
        let clean = rule
            .examples
            .clean
            .iter()
            .map(|e| (e.as_str(), FailureKind::CleanFlagged));
        let suggestions = rule.suggest.iter().map(|w| (&*w.text, FailureKind::SuggestionFlagged));
        for (text, kind) in examples.chain(clean).chain(suggestions) {
            result.checked += 1;
            let mut report = linter.lint_text(text);
            fix::attach(text, &mut report.diagnostics, linter.rules());
            let fixes = report.diagnostics.iter().filter(|d| d.code == rule.code);
            let fixed = fix::apply(text, fixes.filter_map(|d| d.fix.as_ref()), true);
            if let (FailureKind::FlagMissed, Some((fixed, _))) = (kind, fixed) {
                result.checked += 1;
                let found: Vec<String> = linter
                    .lint_text(&fixed)
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == rule.code)
                    .map(|d| format!("{} {} 「{}」", d.code, d.severity, &fixed[d.span.range()]))
                    .collect();
                if !found.is_empty() {
                    result.failures.push(Failure {
                        code: rule.code.clone(),
                        id: rule.id.clone(),
                        kind: FailureKind::FixIneffective,
                        text: fixed,
                        found,
                    });
                }
            }
            let relevant: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| kind == FailureKind::SuggestionFlagged || d.code == rule.code)
                .collect();
            let failed = match kind {
                FailureKind::FlagMissed => relevant.is_empty(),
                FailureKind::CleanFlagged
                | FailureKind::SuggestionFlagged
                | FailureKind::FixIneffective
                | FailureKind::SuggestionOffTopic => !relevant.is_empty(),
            };
            let topics = linter.topics_of(text);
            let targeted = rule.suggest.iter().any(|w| !w.about.is_empty());
            if kind == FailureKind::FlagMissed && targeted && !rule.suggest.iter().any(|w| w.fits(&topics)) {
                result.failures.push(Failure {
                    code: rule.code.clone(),
                    id: rule.id.clone(),
                    kind: FailureKind::SuggestionOffTopic,
                    text: text.to_string(),
                    found: vec![format!("topics: {}", topics.join(", "))],
                });
            }
            if failed {
                let found = relevant
                    .iter()
                    .map(|d| format!("{} {} 「{}」", d.code, d.severity, &text[d.span.range()]));
                result.failures.push(Failure {
                    code: rule.code.clone(),
                    id: rule.id.clone(),
                    kind,
                    text: text.to_string(),
                    found: found.collect(),
                });
            }
        }
    }
    result
}
