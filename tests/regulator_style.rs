//! Short examples in the regulators' manner (tests/corpus/regulator-style/): the share of
//! violations found and of acceptable wordings left clean, each page judged as its kind.

use std::collections::BTreeSet;

use kokoku::diagnostic::Severity;
use kokoku::rules::Domain;
use kokoku::source::Document;
use kokoku::{Linter, Options};
use serde::Deserialize;

/// Where the sets stand today, with a little room; the aim is 0.80 and 0.90.
const MIN_VIOLATIONS_FOUND: f64 = 0.85;
const MIN_ACCEPTABLE_CLEAN: f64 = 0.95;

#[derive(Deserialize)]
struct Example {
    id: String,
    page: String,
    text: String,
    expect: String,
}

fn examples() -> Vec<(String, Example)> {
    ["set-a", "set-b"]
        .into_iter()
        .flat_map(|set| {
            let path = format!("tests/corpus/regulator-style/{set}.jsonl");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let rows: Vec<Example> = (text.lines().filter(|l| !l.trim().is_empty()))
                .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}: {e}: {line}")))
                .collect();
            rows.into_iter().map(move |e| (set.to_string(), e))
        })
        .collect()
}

fn domain(page: &str) -> Option<Domain> {
    match page {
        "clinic" => Some(Domain::Medical),
        "cosmetic" => Some(Domain::Cosmetic),
        "quasi_drug" => Some(Domain::QuasiDrug),
        "supplement" => Some(Domain::Supplement),
        "general" => None,
        other => panic!("unknown page kind {other}"),
    }
}

#[test]
fn violations_are_found_and_look_alikes_left_clean() {
    let linter = Linter::builtin().expect("built-in rules load");
    let (mut found, mut violations, mut clean, mut acceptable) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for (set, example) in examples() {
        let options = Options {
            domains: domain(&example.page).map(|d| BTreeSet::from([d])),
            ..Options::default()
        };
        let report = linter.lint(&Document::plain(&example.text), &options);
        let flagged: Vec<&str> = (report.diagnostics.iter())
            .filter(|d| d.severity > Severity::Note && !d.is_document_level())
            .map(|d| d.code.as_str())
            .collect();
        let right = match example.expect.as_str() {
            "violation" => {
                violations += 1;
                found += usize::from(!flagged.is_empty());
                !flagged.is_empty()
            }
            "ok" => {
                acceptable += 1;
                clean += usize::from(flagged.is_empty());
                flagged.is_empty()
            }
            other => panic!("{}: unknown expectation {other}", example.id),
        };
        if !right {
            wrong.push(format!("{set} {} {:?} {}", example.id, flagged, example.text));
        }
    }
    let found_share = found as f64 / violations as f64;
    let clean_share = clean as f64 / acceptable as f64;
    println!(
        "violations found {found}/{violations} = {found_share:.2}, acceptable clean {clean}/{acceptable} = {clean_share:.2}"
    );
    for line in &wrong {
        println!("  {line}");
    }
    assert_eq!(violations + acceptable, 225, "both sets were read whole");
    assert!(
        found_share >= MIN_VIOLATIONS_FOUND && clean_share >= MIN_ACCEPTABLE_CLEAN,
        "violations found {found_share:.2} (floor {MIN_VIOLATIONS_FOUND}), acceptable clean {clean_share:.2} (floor {MIN_ACCEPTABLE_CLEAN})"
    );
}
