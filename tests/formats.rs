//! End-to-end tests of the machine-readable outputs: each sink converts byte spans to its
//! own columns (SARIF and GitHub count characters, rdjson UTF-8 bytes), and SARIF
//! validates against the official 2.1.0 schema.

mod common;

use common::{kokoku, run};
use serde_json::Value;

/// A line with kana, kanji, half-width katakana and an emoji outside the BMP before the
/// claim 「必ず若返ります」: it starts at character 11 and UTF-8 byte 32 of line 2.
const MIXED: &str = "見出し\n🙂かな漢字ｶﾀｶﾅ、必ず若返ります。\n";
const CLAIM_COLUMN: u64 = 11;
const CLAIM_BYTE_COLUMN: u64 = 32;

/// `kokoku check --format FORMAT page.txt` on `text`; returns the exit code and stdout.
fn check(format: &str, text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), text).unwrap();
    let (code, out, err) = run(kokoku()
        .current_dir(dir.path())
        .args(["check", "--format", format, "page.txt"]));
    assert!(err.is_empty(), "{err}");
    (code, out)
}

fn pmd01<'a>(results: &'a [Value], code_field: &str) -> &'a Value {
    results
        .iter()
        .find(|r| r.pointer(code_field) == Some(&Value::from("PMD-01")))
        .expect("PMD-01 reported")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    // The official file's pattern for `run.language` has a stray `]` that makes it an invalid
    // regex (a known erratum); kokoku does not emit `language`, so the corrected pattern
    // changes nothing for this output.
    let text = std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").unwrap();
    let erratum = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(erratum), "the schema file is the official one");
    let schema: Value = serde_json::from_str(&text.replace(erratum, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#)).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let (code, out) = check("sarif", MIXED);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken), "the validator does check results");

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let result = pmd01(results, "/ruleId");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(CLAIM_COLUMN))
    );
    assert_eq!(
        region["endColumn"].as_u64(),
        Some(CLAIM_COLUMN + 7),
        "必ず若返ります is seven characters"
    );
    let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "PMD-01");
    assert!(
        rule["help"]["text"].as_str().unwrap().contains("根拠: 薬機法"),
        "{rule}"
    );
    assert!(!rule["properties"]["basis"].as_array().unwrap().is_empty());
    assert_eq!(result["properties"]["scope"], "phrase");
    let fix = &result["fixes"][0];
    assert_eq!(fix["description"]["text"], "「必ず」を削除");
    let deleted = &fix["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert_eq!(
        (deleted["startColumn"].as_u64(), deleted["endColumn"].as_u64()),
        (Some(CLAIM_COLUMN), Some(CLAIM_COLUMN + 2))
    );
}

#[test]
fn sarif_document_findings_carry_scope_and_missing_keys() {
    let page = "当院のヒアルロン酸注入は、ほうれい線を目立たなくする施術です。\nご予約はお電話で。\n";
    let (_, out) = check("sarif", page);
    let log: Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let d2 = results
        .iter()
        .find(|r| r["ruleId"] == "MED-D2")
        .expect("MED-D2 reported");
    assert_eq!(d2["properties"]["scope"], "document");
    let missing: Vec<&str> = d2["properties"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"cost") && missing.contains(&"risk"), "{missing:?}");
}

#[test]
fn rdjson_counts_utf8_bytes_and_carries_fixes_as_suggestions() {
    let (_, out) = check("rdjson", MIXED);
    let document: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(document["source"]["name"], "kokoku");
    let diagnostics = document["diagnostics"].as_array().unwrap();
    let d = pmd01(diagnostics, "/code/value");
    assert_eq!(d["severity"], "ERROR");
    assert_eq!(d["location"]["path"], "page.txt");
    let start = &d["location"]["range"]["start"];
    assert_eq!(
        (start["line"].as_u64(), start["column"].as_u64()),
        (Some(2), Some(CLAIM_BYTE_COLUMN))
    );
    let suggestion = &d["suggestions"][0];
    assert_eq!(suggestion["text"], "");
    assert_eq!(
        suggestion["range"]["end"]["column"].as_u64(),
        Some(CLAIM_BYTE_COLUMN + 6),
        "必ず is six bytes"
    );
}

#[test]
fn github_and_json_lines_count_characters() {
    let (_, out) = check("github", MIXED);
    assert!(
        out.contains(&format!("::error file=page.txt,line=2,col={CLAIM_COLUMN},")),
        "{out}"
    );
    let (_, out) = check("json-lines", MIXED);
    let findings: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let d = pmd01(&findings, "/code");
    assert_eq!(d["column"].as_u64(), Some(CLAIM_COLUMN));
    assert_eq!(
        d["byte_start"].as_u64(),
        Some("見出し\n".len() as u64 + CLAIM_BYTE_COLUMN - 1)
    );
    assert_eq!(d["fix"]["applicability"], "unsafe");
}

#[test]
fn gitlab_code_quality_has_stable_fingerprints() {
    let (_, first) = check("gitlab", MIXED);
    let issues: Vec<Value> = serde_json::from_str(&first).unwrap();
    let issue = pmd01(&issues, "/check_name");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], "page.txt");
    assert_eq!(issue["location"]["lines"]["begin"].as_u64(), Some(2));
    let fingerprints: std::collections::BTreeSet<&str> =
        issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "unique");
    // Moving the claim down a line keeps its fingerprint.
    let (_, moved) = check("gitlab", &format!("\n{MIXED}"));
    let moved: Vec<Value> = serde_json::from_str(&moved).unwrap();
    assert_eq!(pmd01(&moved, "/check_name")["fingerprint"], issue["fingerprint"]);
}

#[test]
fn junit_reports_each_finding_as_a_failure() {
    let (_, out) = check("junit", MIXED);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{out}");
    assert!(out.contains("<testsuite name=\"page.txt\""), "{out}");
    assert!(
        out.contains(&format!("<testcase name=\"PMD-01 2:{CLAIM_COLUMN}\"")),
        "{out}"
    );
    assert!(
        out.contains("<failure type=\"PMD-01\" message=\"効能効果を保証する表現です\">"),
        "{out}"
    );
    let (code, clean) = check("junit", "当院の医師が解説します。\n");
    assert_eq!(code, 0);
    assert!(
        clean.contains("failures=\"0\"") && clean.contains("<testcase name=\"kokoku\""),
        "{clean}"
    );
}

#[test]
fn json_documents_say_what_the_page_is_what_it_offers_and_how_each_claim_is_made() {
    let page = "【当院のクリニック】高濃度ビタミンC点滴（自由診療）のご予約はこちら。\n\
                高濃度ビタミンC点滴で必ず若返ります。\n\
                ステロイドは強い抗炎症作用がありますが、副作用もあります。\n";
    let (_, out) = check("json-documents", page);
    let documents: Vec<Value> = serde_json::from_str(&out).unwrap();
    let [document] = documents.as_slice() else {
        panic!("one record per file: {out}")
    };
    assert_eq!(document["kind"], serde_json::json!(["medical"]));
    let treatments = document["treatments"].as_array().unwrap();
    assert_eq!(treatments.len(), 1, "{treatments:?}");
    assert_eq!(treatments[0]["key"], "high-dose-vitamin-c");
    assert_eq!(treatments[0]["status"], "off-label");
    let findings = document["findings"].as_array().unwrap();
    let claim = findings
        .iter()
        .find(|f| f["line"] == 2 && f["scope"] == "phrase")
        .expect("the guarantee on line 2 is reported");
    assert_eq!(
        (&claim["subject"], &claim["modality"], &claim["place"]),
        (
            &Value::from("advertised"),
            &Value::from("asserted"),
            &Value::from("body")
        )
    );
    assert!(
        findings.iter().all(|f| f["line"] != 3),
        "a sentence about another drug is not a claim about the treatment: {findings:?}"
    );
}
