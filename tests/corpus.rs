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

use kokoku::diagnostic::Severity;
use kokoku::text::split_sentences;
use kokoku::{Linter, Verdict};
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
                    d.span.range(),
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

// ---------------------------------------------------------------------------------------
// The independently labelled pages (tests/corpus/independent/, copied unchanged from the
// reviewer's set with its README; the labels follow ../shared/LABELLING.md). The rules were
// not written from them, but their misses have since been studied: they are a development
// set now, and the held-out measure is material the team never sees.
// ---------------------------------------------------------------------------------------

const INDEPENDENT: &str = "tests/corpus/independent";

/// The independent set's folder; `KOKOKU_LABELLED_DIR` scores another set labelled the
/// same way (labels.jsonl, docs.jsonl and the pages) with this scorer.
fn independent() -> String {
    std::env::var("KOKOKU_LABELLED_DIR").unwrap_or_else(|_| INDEPENDENT.to_string())
}

/// Floors: the findings-quality issue's bar (0.90 each, at most one look-alike hit), with
/// page verdicts guarded where they stand; the README says where the scores are.
const INDEPENDENT_MIN_RECALL: f64 = 0.90;
const INDEPENDENT_MIN_PRECISION: f64 = 0.90;
const INDEPENDENT_MAX_LOOKALIKES: usize = 1;
const INDEPENDENT_MIN_VERDICTS: f64 = 0.95;

#[derive(Deserialize)]
struct SpanLabel {
    file: String,
    line: usize,
    text: String,
    expect: String,
    category: String,
    family: String,
}

#[derive(Deserialize)]
struct CheckLabel {
    file: String,
    check: String,
    expect: String,
}

fn jsonl<T: serde::de::DeserializeOwned>(dir: &str, name: &str) -> Vec<T> {
    let path = format!("{dir}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (text.lines().enumerate())
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

/// kokoku's verdict on one of the reviewer's page-level checks, read off the report: the
/// 自由診療 statement, cost and risks are items of MED-D2, the unapproved-drug items MED-D3,
/// the ad label KEI-D1.
fn verdict(report: &kokoku::Report, check: &str) -> &'static str {
    let (code, keys): (&str, &[&str]) = match check {
        "free-care-disclosure" => ("MED-D2", &["free-care-statement", "treatment-content", "period"]),
        "cost-disclosure" => ("MED-D2", &["cost"]),
        "risk-disclosure" => ("MED-D2", &["risk"]),
        "unapproved-drug-disclosure" => ("MED-D3", &[]),
        "pr-disclosure" => ("KEI-D1", &[]),
        other => panic!("unknown check `{other}` in docs.jsonl"),
    };
    let Some(found) = report.checks.iter().find(|c| c.code == code) else {
        return "n/a";
    };
    match found.verdict {
        Verdict::NotApplicable => "n/a",
        Verdict::Present => "present",
        Verdict::Missing if keys.is_empty() || found.missing.iter().any(|m| keys.contains(&m.as_str())) => "missing",
        Verdict::Missing => "present",
    }
}

#[derive(Default)]
struct Score {
    labels: usize,
    found: usize,
    lookalikes: usize,
    findings: usize,
    right: usize,
}

impl Score {
    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        format!(
            "{name:<28} {:>6.2} {:>9.2}   ({}/{} found, {}/{} right, {} look-alikes hit)",
            ratio(self.found, self.labels),
            ratio(self.right, self.findings),
            self.found,
            self.labels,
            self.right,
            self.findings,
            self.lookalikes
        )
    }
}

/// The sixteen independent pages, scored per page, per category and per label family.
/// A `flag` label is found by a warning or error that overlaps it, whatever its rule (the
/// reviewer's families are laws, kokoku's are rule files); a finding is right when it
/// overlaps a `flag` label or stands in its sentence; a `clean` label that a finding
/// overlaps is a look-alike hit. Page-level checks compare the verdicts above with
/// docs.jsonl.
/// What scoring a labelled set found.
struct Outcome {
    labels: usize,
    verdicts: usize,
    recall: f64,
    precision: f64,
    lookalikes: usize,
    verdict_share: f64,
}

/// Scores the pages of `dir` against its labels.jsonl and docs.jsonl and prints the
/// tables, the misses, the look-alikes hit and the wrong verdicts.
fn score_labelled(dir: &str) -> Outcome {
    let linter = Linter::builtin().expect("built-in rules load");
    let labels: Vec<SpanLabel> = jsonl(dir, "labels.jsonl");
    let checks: Vec<CheckLabel> = jsonl(dir, "docs.jsonl");
    let mut files: Vec<&str> = labels.iter().map(|l| l.file.as_str()).collect();
    files.sort();
    files.dedup();
    let (mut pages, mut categories, mut families) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut total = Score::default();
    let (mut verdicts, mut verdicts_right) = (0, 0);
    let mut notes = Vec::new();
    for file in files {
        let page = std::fs::read_to_string(format!("{dir}/{file}")).expect("page exists");
        let report = linter.lint_text(&page);
        let sentences = split_sentences(&page);
        let ours: Vec<(Range<usize>, &SpanLabel)> = (labels.iter())
            .filter(|l| l.file == file)
            .map(|l| (locate(&page, file, &l.text, l.line), l))
            .collect();
        // Page-level findings are scored by the verdicts below; one that sits on a
        // labelled claim (the affiliate link KEI-D1 reports) also counts for it.
        let on_a_flag = |d: &kokoku::diagnostic::Diagnostic| {
            (ours.iter()).any(|(range, l)| l.expect == "flag" && overlaps(&d.span.range(), range))
        };
        let findings: Vec<&kokoku::diagnostic::Diagnostic> = (report.diagnostics.iter())
            .filter(|d| d.severity >= Severity::Warning && (!d.is_document_level() || on_a_flag(d)))
            .collect();
        let page_score: &mut Score = pages.entry(file).or_default();
        for (range, label) in &ours {
            let hit = findings.iter().find(|d| overlaps(&d.span.range(), range));
            let scores = [
                &mut *page_score,
                categories.entry(label.category.as_str()).or_default(),
                families.entry(label.family.as_str()).or_default(),
                &mut total,
            ];
            match (label.expect.as_str(), hit) {
                ("flag", hit) => {
                    for s in scores {
                        s.labels += 1;
                        s.found += usize::from(hit.is_some());
                    }
                    if hit.is_none() {
                        notes.push(format!(
                            "missed   {file}:{} [{}] 「{}」",
                            label.line, label.category, label.text
                        ));
                    }
                }
                (_, Some(d)) => {
                    for s in scores {
                        s.lookalikes += 1;
                    }
                    notes.push(format!(
                        "look-alike {file}:{} [{}] 「{}」 by {}",
                        label.line, label.category, label.text, d.code
                    ));
                }
                (_, None) => {}
            }
        }
        // A finding counts under the label it points at: a flag it is right about, else
        // a look-alike it hit; one that touches no label is "unlabelled".
        for d in &findings {
            let flag =
                (ours.iter()).find(|(range, l)| l.expect == "flag" && points_at(&d.span.range(), range, &sentences));
            let lookalike = || (ours.iter()).find(|(range, l)| l.expect != "flag" && overlaps(&d.span.range(), range));
            let (category, family) = match flag.or_else(lookalike) {
                Some((_, l)) => (l.category.as_str(), l.family.as_str()),
                None => ("(unlabelled)", "(unlabelled)"),
            };
            let scores = [
                &mut *pages.get_mut(file).unwrap(),
                categories.entry(category).or_default(),
                families.entry(family).or_default(),
                &mut total,
            ];
            for s in scores {
                s.findings += 1;
                s.right += usize::from(flag.is_some());
            }
            if flag.is_none() && category == "(unlabelled)" {
                notes.push(format!("unlabelled {file}: {} 「{}」", d.code, &page[d.span.range()]));
            }
        }
        for check in checks.iter().filter(|c| c.file == file) {
            let got = verdict(&report, &check.check);
            verdicts += 1;
            match got == check.expect {
                true => verdicts_right += 1,
                false => notes.push(format!(
                    "verdict  {file} {}: labelled {}, kokoku {got}",
                    check.check, check.expect
                )),
            }
        }
    }
    println!("independent pages          recall precision");
    for (name, s) in pages.iter().map(|(k, v)| (*k, v)) {
        println!("{}", s.row(name));
    }
    println!("\nper category");
    for (name, s) in &categories {
        println!("{}", s.row(name));
    }
    println!("\nper label family");
    for (name, s) in &families {
        println!("{}", s.row(name));
    }
    println!("\n{}", total.row("all"));
    let verdict_share = verdicts_right as f64 / verdicts as f64;
    println!(
        "page-level verdicts: {verdicts_right}/{verdicts} = {verdict_share:.2}\n\n  {}",
        notes.join("\n  ")
    );

    Outcome {
        labels: total.labels,
        verdicts,
        recall: total.found as f64 / total.labels as f64,
        precision: total.right as f64 / total.findings.max(1) as f64,
        lookalikes: total.lookalikes,
        verdict_share,
    }
}

/// The sixteen independent pages, held to the bar.
#[test]
fn independent_pages_are_scored_per_page_category_and_family() {
    let Outcome {
        labels,
        verdicts,
        recall,
        precision,
        lookalikes,
        verdict_share,
    } = score_labelled(&independent());
    assert!(labels > 100 && verdicts >= 80, "the independent labels are all read");
    assert!(
        recall >= INDEPENDENT_MIN_RECALL && precision >= INDEPENDENT_MIN_PRECISION,
        "independent pages: recall {recall:.2} (floor {INDEPENDENT_MIN_RECALL}), precision {precision:.2} (floor {INDEPENDENT_MIN_PRECISION})"
    );
    assert!(
        lookalikes <= INDEPENDENT_MAX_LOOKALIKES,
        "{lookalikes} look-alikes hit (at most {INDEPENDENT_MAX_LOOKALIKES})"
    );
    assert!(
        verdict_share >= INDEPENDENT_MIN_VERDICTS,
        "page-level verdicts {verdict_share:.2}"
    );
}

/// Sets written and labelled by helpers who never saw the rules, each with the floors
/// where it stands (recall, precision, look-alikes hit, verdict share) so that it catches
/// regressions. The second (first run 0.52 / 0.82) and third (0.51 / 0.82) sets have been
/// worked on and are development pages now; the fourth (0.40 / 0.77) is the held-out one and
/// stands far below the bar.
const HELD_OUT: [(&str, f64, f64, usize, f64); 4] = [
    ("tests/corpus/second-reviewer", 0.78, 0.85, 3, 0.88),
    ("tests/corpus/third-reviewer", 0.78, 0.88, 3, 0.85),
    ("tests/corpus/fourth-reviewer", 0.60, 0.80, 4, 0.72),
    ("tests/corpus/fifth-reviewer", 0.42, 0.84, 4, 0.78),
];

#[test]
fn other_reviewers_pages_do_not_regress() {
    for (dir, recall, precision, lookalikes, verdicts) in HELD_OUT {
        let outcome = score_labelled(dir);
        assert!(outcome.labels > 100 && outcome.verdicts == 40, "{dir} is read whole");
        assert!(
            outcome.recall >= recall
                && outcome.precision >= precision
                && outcome.lookalikes <= lookalikes
                && outcome.verdict_share >= verdicts,
            "{dir}: recall {:.2}, precision {:.2}, {} look-alikes, verdicts {:.2}",
            outcome.recall,
            outcome.precision,
            outcome.lookalikes,
            outcome.verdict_share
        );
    }
}
