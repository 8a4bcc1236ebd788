//! Every rule's own documentation: each `flag` sentence must produce the rule, each
//! `clean` sentence must not, and no suggested wording may produce any finding.
//! Failures are collected so that one run shows them all.

use kokoku::Linter;
use kokoku::selfcheck::verify;

#[test]
fn every_rule_example_and_suggestion_behaves_as_documented() {
    let linter = Linter::builtin().expect("built-in rules load");
    let result = verify(&linter);
    let examples: usize = linter
        .rules()
        .rules()
        .iter()
        .map(|r| r.examples.flag.len() + r.examples.clean.len())
        .sum();
    assert!(result.checked > examples, "examples and suggestions were checked");
    let failures: Vec<String> = result.failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        result.checked,
        failures.join("\n")
    );
}
