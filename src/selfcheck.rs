//! Checks the rules against their own documentation: every `flag` example must produce
//! its rule, every `clean` example must not, and no suggested wording may produce any
//! finding at all (a safer wording that kokoku itself flags helps nobody).

use std::fmt;

use crate::Linter;

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
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            FailureKind::FlagMissed => "flag example not flagged",
            FailureKind::CleanFlagged => "clean example flagged",
            FailureKind::SuggestionFlagged => "suggestion flagged",
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
        let examples = rule.examples.flag.iter().map(|e| (e, FailureKind::FlagMissed));
        let clean = rule.examples.clean.iter().map(|e| (e, FailureKind::CleanFlagged));
        let suggestions = rule.suggest.iter().map(|s| (s, FailureKind::SuggestionFlagged));
        for (text, kind) in examples.chain(clean).chain(suggestions) {
            result.checked += 1;
            let report = linter.lint_text(text);
            let relevant: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| kind == FailureKind::SuggestionFlagged || d.code == rule.code)
                .collect();
            let failed = match kind {
                FailureKind::FlagMissed => relevant.is_empty(),
                FailureKind::CleanFlagged | FailureKind::SuggestionFlagged => !relevant.is_empty(),
            };
            if failed {
                let found = relevant
                    .iter()
                    .map(|d| format!("{} {} 「{}」", d.code, d.severity, &text[d.span.clone()]));
                result.failures.push(Failure {
                    code: rule.code.clone(),
                    id: rule.id.clone(),
                    kind,
                    text: text.clone(),
                    found: found.collect(),
                });
            }
        }
    }
    result
}
