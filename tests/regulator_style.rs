//! Short examples in the regulators' manner (tests/corpus/regulator-style/): the share of
//! violations found and of acceptable wordings left clean, each page judged as its kind.

use std::collections::BTreeSet;

use kokoku::diagnostic::Severity;
use kokoku::rules::Domain;
use kokoku::source::Document;
use kokoku::{Linter, Options};
use serde::Deserialize;

/// Each set, its size, and the floors where it stands today with a little room (the
/// issue's aim is 0.80 and 0.90). Sets a and b have been tuned on since their first
/// run; set c, from a third helper, was first run on 2026-12-07 (found 0.71, clean
/// 0.98) and tuned on once; set d, from a fourth, first run the same day (0.58, 0.93);
/// set e, from a fifth, first run 0.55 / 0.98; set f, from a sixth on 2026-12-08, 0.42 / 0.98.
const SETS: [(&str, usize, f64, f64); 6] = [
    ("set-a", 121, 0.85, 0.95),
    ("set-b", 104, 0.85, 0.95),
    ("set-c", 120, 0.68, 0.95),
    ("set-d", 120, 0.78, 0.95),
    ("set-e", 120, 0.52, 0.95),
    ("set-f", 120, 0.40, 0.95),
];

#[derive(Deserialize)]
struct Example {
    id: String,
    page: String,
    text: String,
    expect: String,
}

fn examples(set: &str) -> Vec<Example> {
    let path = format!("tests/corpus/regulator-style/{set}.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (text.lines().filter(|l| !l.trim().is_empty()))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}: {e}: {line}")))
        .collect()
}

fn domain(page: &str) -> Option<Domain> {
    match page {
        "clinic" => Some(Domain::Medical),
        "cosmetic" => Some(Domain::Cosmetic),
        "quasi_drug" => Some(Domain::QuasiDrug),
        "supplement" => Some(Domain::Supplement),
        "drug" => Some(Domain::Drug),
        "general" => None,
        other => panic!("unknown page kind {other}"),
    }
}

#[test]
fn violations_are_found_and_look_alikes_left_clean() {
    let linter = Linter::builtin().expect("built-in rules load");
    let mut below = Vec::new();
    for (set, size, min_found, min_clean) in SETS {
        let (mut found, mut violations, mut clean, mut acceptable) = (0, 0, 0, 0);
        let mut wrong = Vec::new();
        let examples = examples(set);
        assert_eq!(examples.len(), size, "{set} was read whole");
        for example in examples {
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
                wrong.push(format!("{} {:?} {}", example.id, flagged, example.text));
            }
        }
        let found_share = found as f64 / violations as f64;
        let clean_share = clean as f64 / acceptable as f64;
        println!(
            "{set}: violations found {found}/{violations} = {found_share:.2}, acceptable clean {clean}/{acceptable} = {clean_share:.2}"
        );
        for line in &wrong {
            println!("  {line}");
        }
        if found_share < min_found || clean_share < min_clean {
            below.push(format!(
                "{set}: found {found_share:.2} (floor {min_found}), clean {clean_share:.2} (floor {min_clean})"
            ));
        }
    }
    assert!(below.is_empty(), "{}", below.join("; "));
}
