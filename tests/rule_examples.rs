//! Every rule's own examples: each `flag` sentence must produce the rule, each
//! `clean` sentence must not. Failures are collected so one run shows them all.

use kokoku::Linter;

#[test]
fn every_rule_example_behaves_as_documented() {
    let linter = Linter::builtin().expect("built-in rules load");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in linter.rules().rules() {
        let expectations = rule
            .examples
            .flag
            .iter()
            .map(|e| (e, true))
            .chain(rule.examples.clean.iter().map(|e| (e, false)));
        for (example, should_flag) in expectations {
            checked += 1;
            let report = linter.lint_text(example);
            let hits: Vec<_> = report.diagnostics.iter().filter(|d| d.code == rule.code).collect();
            if hits.is_empty() == should_flag {
                let what = if should_flag {
                    "flag example not flagged"
                } else {
                    "clean example flagged"
                };
                let found: Vec<String> = hits
                    .iter()
                    .map(|d| format!("{}@{:?}", d.severity, &example[d.span.clone()]))
                    .collect();
                failures.push(format!(
                    "{} {}: {what}: {example} {found:?} (domains {:?})",
                    rule.code, rule.id, report.domains
                ));
            }
        }
    }
    assert!(checked > 0, "no examples were checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
