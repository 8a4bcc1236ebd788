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

/// Code scanning places a result by its path from the repository's root: the same
/// whether kokoku ran in a subdirectory on a relative path, at the root on an absolute
/// one, or outside the repository; and the fingerprint holds when lines are added above.
#[test]
fn sarif_names_files_from_the_repository_root_with_fingerprints_and_help() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join(".git")).unwrap();
    std::fs::create_dir_all(repo.path().join("site/pages")).unwrap();
    let help = "help-uri = \"https://wiki.example.jp/kokoku/{code}\"\n";
    std::fs::write(repo.path().join("kokoku.toml"), help).unwrap();
    let page = repo.path().join("site/pages/top.md");
    std::fs::write(&page, "必ず若返ります。\n").unwrap();
    let outside = tempfile::tempdir().unwrap();
    let sarif = |dir: &std::path::Path, input: &std::path::Path| -> Value {
        let (_, out, err) = run(kokoku()
            .current_dir(dir)
            .args(["check", "--format", "sarif"])
            .arg(input));
        assert!(err.is_empty(), "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let logs = [
        sarif(&repo.path().join("site"), std::path::Path::new("pages/top.md")),
        sarif(repo.path(), &page),
        sarif(outside.path(), &page),
    ];
    let pmd01_of = |log: &Value| pmd01(log["runs"][0]["results"].as_array().unwrap(), "/ruleId").clone();
    for log in &logs {
        let result = pmd01_of(log);
        let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(
            (artifact["uri"].as_str(), artifact["uriBaseId"].as_str()),
            (Some("site/pages/top.md"), Some("%SRCROOT%"))
        );
        let root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap();
        assert!(root.starts_with("file:///") && root.ends_with('/'), "{root}");
        assert_eq!(log["runs"][0]["automationDetails"]["id"], "kokoku/");
    }
    let fingerprint = |log: &Value| {
        pmd01_of(log)["partialFingerprints"]["kokoku/v1"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(fingerprint(&logs[0]), fingerprint(&logs[1]));
    std::fs::write(&page, "# 新しい見出し\n\n前置きの段落です。\n\n必ず若返ります。\n").unwrap();
    let moved = sarif(repo.path(), &page);
    assert_eq!(fingerprint(&moved), fingerprint(&logs[0]), "lines added above");
    assert_eq!(
        pmd01_of(&moved)["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );

    let driver = &logs[1]["runs"][0]["tool"]["driver"];
    assert!(driver["fullName"].as_str().unwrap().starts_with("kokoku "));
    let rule = &driver["rules"][pmd01_of(&logs[1])["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["helpUri"], "https://wiki.example.jp/kokoku/PMD-01");
    assert!(
        rule["help"]["markdown"].as_str().unwrap().contains("#### 根拠 (basis)"),
        "{rule}"
    );
}

/// In an Azure Pipelines job the log says which build and phase it comes from, as
/// GitHub Advanced Security for Azure DevOps requires.
#[test]
fn sarif_in_an_azure_pipeline_carries_the_build_it_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), "必ず若返ります。").unwrap();
    let phase = "3dc8fd7e-4368-5a92-293e-d53cefc8c4c3";
    let variables = [
        ("TF_BUILD", "True"),
        ("BUILD_DEFINITIONID", "12"),
        ("BUILD_DEFINITIONNAME", "site-ci"),
        ("SYSTEM_PHASEID", phase),
        ("SYSTEM_PHASENAME", "Job"),
        ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/clinic/"),
        ("SYSTEM_TEAMPROJECT", "web"),
        ("BUILD_SOURCEBRANCH", "refs/heads/main"),
        ("BUILD_BUILDID", "345"),
    ];
    let (_, out, _) = run(kokoku()
        .current_dir(dir.path())
        .envs(variables)
        .args(["check", "--format", "sarif", "page.txt"]));
    let log: Value = serde_json::from_str(&out).unwrap();
    let details = &log["runs"][0]["automationDetails"];
    let id = format!("azuredevops/pipeline/build/clinic/web/12/{phase}/refs/heads/main/345");
    assert_eq!(details["id"], id.as_str());
    assert_eq!(
        details["properties"]["azuredevops/pipeline/build/buildDefinitionName"],
        "site-ci"
    );
    assert_eq!(details["properties"]["azuredevops/pipeline/build/phaseId"], phase);
}

/// A note about the page (it offers an unapproved drug) is reported once, at the first
/// mention, with the others as related places, in JSON and SARIF alike.
#[test]
fn a_page_level_note_is_reported_once_with_the_other_mentions_related() {
    let page = "当院はクリニックです。ご予約・診療はこちら。\n本治療は国内未承認の医薬品を用います。\n個人輸入した製剤です。\n海外製の医薬品です。\n";
    let (_, out) = check("json", page);
    let findings: Vec<Value> = serde_json::from_str(&out).unwrap();
    let notes: Vec<&Value> = findings.iter().filter(|f| f["code"] == "MED-10").collect();
    assert_eq!(notes.len(), 1, "{out}");
    let lines = |values: &Value| -> Vec<u64> {
        values
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(notes[0]["line"], 2);
    assert_eq!(lines(&notes[0]["related"]), [3, 4]);
    let (_, out) = check("sarif", page);
    let log: Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let note = results.iter().find(|r| r["ruleId"] == "MED-10").unwrap();
    let related = note["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 3);
    assert!(
        results
            .iter()
            .filter(|r| r["ruleId"] != "MED-10")
            .all(|r| r.get("relatedLocations").is_none())
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

/// An item of a 「こんな方に」 list stands in the list that addresses the readers; the same
/// words under another line are body text that no list rule reads.
#[test]
fn a_list_led_by_a_line_addressing_readers_is_its_own_place() {
    let page = "■ こんなお悩みありませんか？\n・健康診断で血糖値を指摘された\n\
                ■ 原材料\n・血糖値を気にされる方の多い原材料を避けました\n\
                サラシア配合の健康食品です。\n";
    let (_, out) = check("json", page);
    let findings: Vec<Value> = serde_json::from_str(&out).unwrap();
    let listed: Vec<_> = findings.iter().filter(|f| f["code"] == "FOOD-09").collect();
    assert_eq!(listed.len(), 1, "{findings:?}");
    assert_eq!(listed[0]["line"], 2);
    assert_eq!(listed[0]["place"], "audience-list");
}

/// Standard input is named by `--stdin-filename` in every format, and read as the HTML
/// its extension says.
#[test]
fn stdin_is_named_by_stdin_filename_in_every_format() {
    let page = "<p>必ず治ります。</p>";
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "rdjson",
        "gitlab",
        "junit",
    ] {
        let (code, out, err) = run(kokoku()
            .args(["check", "-", "--stdin-filename", "pages/a.html", "--format", format])
            .write_stdin(page));
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("pages/a.html"), "{format}: {out}");
    }
    let (_, out, _) = run(kokoku()
        .args(["check", "-", "--stdin-filename", "pages/a.html", "--format", "json"])
        .write_stdin(page));
    let findings: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(findings[0]["path"], "pages/a.html");
    assert_eq!(findings[0]["column"], 4, "the column in the HTML source");
}
