//! Measured quality: precision and recall over the labelled development corpus in
//! `tests/corpus/` (pages plus `NAME.labels.toml`, see tests/corpus/README.md).
//!
//! A finding (warning or error) is right when it points at a labelled claim of its
//! family: it overlaps the `flag` label, or stands in the same sentence (the reviewer
//! underlined 「肌の回復をサポート」, kokoku 「細胞修復」 of the same claim). Any other finding is a
//! false alarm. A label is found when such a finding exists. Info findings are advice
//! and count neither way. Run with `cargo test --test corpus -- --nocapture` to see the
//! per-family table.
//!
//! Missing disclosures are measured apart: each page lists what it fails to state as
//! `[[missing]]` (rule, key) pairs, and every (rule, key) that a document finding reports
//! is right when labelled and a false alarm otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use kokoku::Linter;
use kokoku::diagnostic::Severity;
use kokoku::text::split_sentences;
use serde::Deserialize;

/// The quality bar of the catalog issue: below either, the test fails.
const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.90;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    #[serde(default)]
    flag: Vec<Flag>,
    #[serde(default)]
    trap: Vec<Trap>,
    #[serde(default)]
    missing: Vec<MissingLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MissingLabel {
    rule: String,
    key: String,
    #[serde(default, rename = "note")]
    _note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    text: String,
    line: usize,
    family: Families,
    #[serde(default, rename = "note")]
    _note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trap {
    text: String,
    line: usize,
    #[serde(default, rename = "note")]
    _note: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Families {
    One(String),
    Many(Vec<String>),
}

impl Families {
    fn contains(&self, family: &str) -> bool {
        match self {
            Self::One(f) => f == family,
            Self::Many(fs) => fs.iter().any(|f| f == family),
        }
    }

    /// The family a label is counted under in the table.
    fn first(&self) -> &str {
        match self {
            Self::One(f) => f,
            Self::Many(fs) => fs.first().map_or("?", String::as_str),
        }
    }
}

/// Byte range of `text` on 1-based `line` of `page`.
fn locate(page: &str, name: &str, text: &str, line: usize) -> Range<usize> {
    let start_of_line: usize = page.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let this_line = page[start_of_line..].split('\n').next().unwrap_or("");
    let at = this_line
        .find(text)
        .unwrap_or_else(|| panic!("{name}: label `{text}` is not on line {line}: {this_line}"));
    start_of_line + at..start_of_line + at + text.len()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether a finding points at a label: overlapping it, or in the same sentence.
fn points_at(finding: &Range<usize>, label: &Range<usize>, sentences: &[Range<usize>]) -> bool {
    let sentence_of = |at: usize| sentences.iter().position(|s| s.start <= at && at < s.end);
    overlaps(finding, label) || sentence_of(finding.start).is_some_and(|s| sentence_of(label.start) == Some(s))
}

/// The labelled pages: (file name, text, labels), in name order.
fn pages() -> Vec<(String, String, Labels)> {
    let mut paths: Vec<_> = std::fs::read_dir("tests/corpus")
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no pages in tests/corpus");
    paths
        .iter()
        .map(|path| {
            let labels_path = path.with_extension("labels.toml");
            let labels: Labels = toml::from_str(&std::fs::read_to_string(&labels_path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(path).unwrap(), labels)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    found_right: usize,
    found_wrong: usize,
    labels: usize,
    labels_found: usize,
}

#[test]
fn precision_and_recall_on_the_labelled_corpus() {
    let linter = Linter::builtin().expect("built-in rules load");
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();

    for (name, page, labels) in &pages() {
        let (name, page) = (name.as_str(), page.as_str());
        let flags: Vec<(Range<usize>, &Flag)> = labels
            .flag
            .iter()
            .map(|f| (locate(page, name, &f.text, f.line), f))
            .collect();
        for trap in &labels.trap {
            locate(page, name, &trap.text, trap.line);
        }
        let sentences = split_sentences(page);

        let findings: Vec<(String, Range<usize>, String, bool)> = linter
            .lint_text(page)
            .diagnostics
            .into_iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| {
                let document = d.is_document_level();
                (
                    linter.rules().get(&d.code).unwrap().family.clone(),
                    d.span,
                    d.code,
                    document,
                )
            })
            .collect();

        // The labels cover wording. A document finding (a missing disclosure) that sits on
        // a labelled claim counts like any finding; the others have no labels yet and are
        // left out rather than counted as false alarms.
        let findings: Vec<(String, Range<usize>, String)> = findings
            .into_iter()
            .filter(|(family, span, _, document)| {
                !document
                    || flags
                        .iter()
                        .any(|(range, flag)| overlaps(range, span) && flag.family.contains(family))
            })
            .map(|(family, span, code, _)| (family, span, code))
            .collect();
        for (family, span, code) in &findings {
            let right = flags
                .iter()
                .any(|(range, flag)| points_at(span, range, &sentences) && flag.family.contains(family));
            let entry = tally.entry(family.clone()).or_default();
            if right {
                entry.found_right += 1;
            } else {
                entry.found_wrong += 1;
                false_alarms.push(format!("{name}: {code} 「{}」", &page[span.clone()]));
            }
        }
        // A label is found by a finding that overlaps it, or else by one in its sentence
        // that no other label has taken: one finding cannot stand for two claims.
        let mut taken = vec![false; findings.len()];
        let label_order: Vec<usize> = (0..flags.len())
            .filter(|&i| {
                findings
                    .iter()
                    .any(|(f, span, _)| overlaps(span, &flags[i].0) && flags[i].1.family.contains(f))
            })
            .chain((0..flags.len()).filter(|&i| {
                !findings
                    .iter()
                    .any(|(f, span, _)| overlaps(span, &flags[i].0) && flags[i].1.family.contains(f))
            }))
            .collect();
        for i in label_order {
            let (range, flag) = &flags[i];
            let entry = tally.entry(flag.family.first().to_string()).or_default();
            entry.labels += 1;
            let by_overlap = findings
                .iter()
                .position(|(f, span, _)| overlaps(span, range) && flag.family.contains(f));
            let by_sentence = || {
                (0..findings.len()).find(|&j| {
                    let (f, span, _) = &findings[j];
                    !taken[j] && points_at(span, range, &sentences) && flag.family.contains(f)
                })
            };
            if let Some(j) = by_overlap.or_else(by_sentence) {
                taken[j] = true;
                entry.labels_found += 1;
            } else {
                misses.push(format!(
                    "{name}:{}: 「{}」 ({})",
                    flag.line,
                    flag.text,
                    flag.family.first()
                ));
            }
        }
    }

    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let mut total = Tally::default();
    println!("family   precision  recall   (right/found, found/labelled)");
    for (family, t) in &tally {
        println!(
            "{family:<8} {:>9.2} {:>7.2}   ({}/{}, {}/{})",
            ratio(t.found_right, t.found_right + t.found_wrong),
            ratio(t.labels_found, t.labels),
            t.found_right,
            t.found_right + t.found_wrong,
            t.labels_found,
            t.labels
        );
        total.found_right += t.found_right;
        total.found_wrong += t.found_wrong;
        total.labels += t.labels;
        total.labels_found += t.labels_found;
    }
    let precision = ratio(total.found_right, total.found_right + total.found_wrong);
    let recall = ratio(total.labels_found, total.labels);
    println!("all      {precision:>9.2} {recall:>7.2}");
    println!("\nfalse alarms:\n  {}", false_alarms.join("\n  "));
    println!("\nmissed:\n  {}", misses.join("\n  "));
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "precision {precision:.2} (min {MIN_PRECISION}), recall {recall:.2} (min {MIN_RECALL}); see the table above"
    );
    assert!(
        Path::new("tests/corpus/README.md").exists(),
        "the corpus documents its labels"
    );
}

#[test]
fn missing_disclosures_on_the_labelled_corpus() {
    let linter = Linter::builtin().expect("built-in rules load");
    let (mut right, mut wrong, mut labelled, mut found) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for (name, page, labels) in &pages() {
        let expected: BTreeSet<(&str, &str)> = labels
            .missing
            .iter()
            .map(|m| (m.rule.as_str(), m.key.as_str()))
            .collect();
        let diagnostics = linter.lint_text(page).diagnostics;
        let reported: BTreeSet<(&str, &str)> = diagnostics
            .iter()
            .filter(|d| d.is_document_level())
            .flat_map(|d| d.missing.iter().map(|m| (d.code.as_str(), m.key.as_str())))
            .collect();
        for pair in &reported {
            match expected.contains(pair) {
                true => right += 1,
                false => {
                    wrong += 1;
                    report.push(format!("{name}: false alarm {pair:?}"));
                }
            }
        }
        labelled += expected.len();
        for pair in &expected {
            match reported.contains(pair) {
                true => found += 1,
                false => report.push(format!("{name}: missed {pair:?}")),
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(right, right + wrong);
    let recall = ratio(found, labelled);
    println!(
        "missing disclosures: precision {precision:.2} ({right}/{}), recall {recall:.2} ({found}/{labelled})",
        right + wrong
    );
    println!("  {}", report.join("\n  "));
    assert!(labelled > 0, "the corpus labels missing disclosures");
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "missing disclosures: precision {precision:.2} (min {MIN_PRECISION}), recall {recall:.2} (min {MIN_RECALL})"
    );
}
