//! End-to-end tests of the `kokoku` binary: what a user sees and the exit codes.

mod common;

use common::{kokoku, run};
use serde_json::Value;

/// Runs `kokoku check --format json -` on `text`; returns the exit code and findings.
fn check_json(text: &str) -> (i32, Vec<Value>) {
    let output = kokoku()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    (output.status.code().unwrap(), findings.as_array().unwrap().clone())
}

/// The original bytes a finding points at.
fn flagged<'a>(text: &'a str, finding: &Value) -> &'a str {
    let start = finding["byte_start"].as_u64().unwrap() as usize;
    let end = finding["byte_end"].as_u64().unwrap() as usize;
    &text[start..end]
}

#[test]
fn a_guarantee_is_an_error_with_help_and_note() {
    let output = kokoku()
        .args(["check", "--color", "never", "-"])
        .write_stdin("この治療で必ず治ります。\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("error[PMD-01]: 効能効果を保証する表現です"), "{stdout}");
    assert!(stdout.contains("┌─ -:1:6"), "{stdout}");
    // Six wide glyphs under 必ず治ります take twelve caret cells.
    assert!(
        stdout.contains(&format!("{}^{}\n", " ".repeat(10), "^".repeat(11))),
        "{stdout}"
    );
    assert!(stdout.contains("= help: "), "{stdout}");
    assert!(stdout.contains("= note: 根拠: 薬機法"), "{stdout}");
}

#[test]
fn json_points_at_the_claim() {
    let text = "この治療で必ず治ります。";
    let (code, findings) = check_json(text);
    assert_eq!(code, 1);
    let finding = findings
        .iter()
        .find(|f| f["code"] == "PMD-01")
        .expect("PMD-01 reported");
    assert_eq!(flagged(text, finding), "必ず治ります");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(finding["end_column"].as_u64(), Some(12));
    assert_eq!(finding["id"], "guarantee-of-efficacy");
    assert_eq!(finding["severity"], "error");
    assert!(!finding["suggestions"].as_array().unwrap().is_empty());
}

#[test]
fn negation_and_mention_are_not_claims() {
    for text in [
        "必ず治るわけではありません。",
        "『絶対若返る』といった表現には注意しましょう。",
    ] {
        let (code, findings) = check_json(text);
        assert_eq!((code, findings.len()), (0, 0), "{text}: {findings:?}");
    }
}

#[test]
fn positions_survive_half_width_katakana_and_full_width_spaces() {
    let text = "ｸﾘﾆｯｸ紹介\n　当院なら　ｶﾅﾗｽﾞ　治ります。\n";
    let (_, findings) = check_json(text);
    // On a clinic page (クリニック, 当院) the guarantee is reported as 医療法's false claim.
    let finding = findings
        .iter()
        .find(|f| f["code"] == "MED-01")
        .expect("MED-01 reported");
    assert_eq!(flagged(text, finding), "ｶﾅﾗｽﾞ　治ります");
    // Line 2: a full-width space and 当院なら and another space come first.
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(
        finding["end_column"].as_u64(),
        Some(7 + "ｶﾅﾗｽﾞ　治ります".chars().count() as u64)
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let hedged = "この治療で必ず治る場合があります。";
    let (code, findings) = check_json(hedged);
    assert!(findings.iter().all(|f| f["severity"] != "error"), "{findings:?}");
    assert_eq!(code, 1, "a warning fails at the default threshold");
    kokoku()
        .args(["check", "--fail-on", "error", "-"])
        .write_stdin(hedged)
        .assert()
        .code(0);
}

#[test]
fn unreadable_inputs_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xe5\xbf\x85\xff").unwrap();
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, b"\x00\x01\x02").unwrap();
    for (path, expected) in [
        (&bad, "bad.txt:1:2: not valid UTF-8"),
        (&binary, "blob.txt: looks like a binary file"),
    ] {
        let (code, _, stderr) = run(kokoku().arg("check").arg(path));
        assert_eq!(code, 2);
        assert!(stderr.contains(expected), "{stderr}");
    }
    let (code, _, stderr) = run(kokoku().args(["check", "no/such/file.txt"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
}

#[test]
fn empty_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (code, _, stderr) = run(kokoku().arg("check").arg(&empty));
    assert_eq!(code, 0);
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
}

#[test]
fn directories_are_walked_for_text_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/page.txt"), "必ず治ります。").unwrap();
    std::fs::write(
        dir.path().join("sub/post.md"),
        "# 見出し\n\n`必ず治る`と書かず、**必ず**治ります。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<script>必ず治る</script><p>絶対に<b>治ります</b></p>",
    )
    .unwrap();
    std::fs::write(dir.path().join("ignored.csv"), "必ず治ります。").unwrap();
    let output = kokoku()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, u64, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"]
                .as_str()
                .unwrap()
                .rsplit(['/', '\\'])
                .next()
                .unwrap()
                .to_string();
            (path, f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
        })
        .collect();
    // In a stable order; the script's and the inline code's 必ず治る are not copy.
    let expected = [("index.html", 1, 25), ("page.txt", 1, 1), ("post.md", 3, 14)];
    let expected: Vec<(String, u64, u64)> = expected.iter().map(|(p, l, c)| (p.to_string(), *l, *c)).collect();
    assert_eq!(found, expected);
}

/// pre-commit passes a hook the staged files its `files` pattern matches: exactly the
/// pages a directory walk lints, never a script or data file holding the same words.
#[test]
fn the_pre_commit_hooks_take_the_pages_a_walk_lints() {
    let manifest = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let patterns: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.trim().strip_prefix("files: "))
        .collect();
    assert_eq!(patterns.len(), 2, "the building hook and the system one");
    assert_eq!(manifest.matches("types: [file]").count(), 2);
    assert!(!manifest.contains("types_or"), "`text` would take every text file");
    let names = [
        "index.html",
        "about.HTM",
        "page.xhtml",
        "post.md",
        "notes.markdown",
        "doc.mdx",
        "copy.txt",
        "app.js",
        "data.json",
        "style.css",
        "README",
        "page.html.bak",
        "hooks.yaml",
    ];
    for pattern in patterns {
        let pattern = regex::Regex::new(pattern).unwrap();
        for name in names {
            assert_eq!(
                pattern.is_match(name),
                kokoku::source::Format::is_linted(std::path::Path::new(name)),
                "{name}"
            );
        }
    }
}

#[test]
fn rules_and_explain() {
    let output = kokoku().arg("rules").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    for code in ["PMD-01", "PMD-02", "PMD-03", "PMD-06", "MED-02", "COS-03", "REGEN-01"] {
        assert!(listing.contains(code), "{code} missing from:\n{listing}");
    }
    let output = kokoku().args(["explain", "guarantee-of-efficacy"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("PMD-01 guarantee-of-efficacy"), "{text}");
    assert!(text.contains("薬機法"), "{text}");
    kokoku().args(["explain", "no-such-rule"]).assert().code(2);
}

/// A user rule file: family `house`, one rule that flags 魔法の.
const HOUSE_RULES: &str = r#"family = "house"
title = "社内ルール"

[lexicon.magic]
description = "魔法・奇跡"
entries = ["魔法", "奇跡"]

[[rule]]
code = "HOUSE-01"
id = "house-magic"
severity = "warning"
message = "社内基準で使わない表現です"
basis = ["社内広告基準 第1条"]
why = "魔法や奇跡のたとえは効果を誇張します。"
suggest = ["毎日のお手入れに"]
patterns = ["@magic の"]

[rule.examples]
flag = ["魔法のクリーム"]
clean = ["魔法瓶"]
"#;

/// Writes `rules` to a temporary house.toml and runs kokoku with it as `--rule-file`
/// before `args`; returns the exit code, stdout and stderr.
fn with_rule_file(rules: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("house.toml");
    std::fs::write(&file, rules).unwrap();
    run(kokoku().arg("--rule-file").arg(&file).args(args).write_stdin(stdin))
}

#[test]
fn user_rule_files_add_rules_and_test_themselves() {
    let (_, stdout, _) = with_rule_file(HOUSE_RULES, &["check", "--format", "json", "-"], "奇跡のクリームです。");
    let findings: Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        findings.as_array().unwrap().iter().any(|f| f["code"] == "HOUSE-01"),
        "{findings}"
    );

    let (code, stdout, _) = with_rule_file(HOUSE_RULES, &["test-rules"], "");
    assert_eq!(code, 0);
    assert!(stdout.ends_with(" passed, 0 failed\n"), "{stdout}");

    // An example that no longer holds makes test-rules fail and say which.
    let broken = HOUSE_RULES.replace("clean = [\"魔法瓶\"]", "clean = [\"魔法の杖\"]");
    let (code, stdout, _) = with_rule_file(&broken, &["test-rules"], "");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("HOUSE-01 house-magic: clean example flagged: 魔法の杖"),
        "{stdout}"
    );
}

#[test]
fn a_broken_user_rule_file_exits_2_with_file_and_line() {
    let broken = HOUSE_RULES.replace("patterns = [\"@magic の\"]", "patterns = [\"@magik の\"]");
    let (code, _, stderr) = with_rule_file(&broken, &["check", "-"], "x");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("house.toml:16: ") && stderr.contains("unknown lexicon `@magik`"),
        "{stderr}"
    );

    let (code, _, stderr) = run(kokoku().args(["rules", "--rule-file", "no/such.toml"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such.toml: cannot read"), "{stderr}");
}

#[test]
fn domain_override_applies_the_cosmetics_rules() {
    // Two clinic signals make this a medical page, where cosmetic rules do not apply.
    let text = "当院のクリニックで人気の、若返るクリームです。";
    let codes = |args: &[&str]| -> Vec<String> {
        let output = kokoku()
            .args(["check", "--format", "json"])
            .args(args)
            .arg("-")
            .write_stdin(text)
            .output()
            .unwrap();
        let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
        findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!codes(&[]).contains(&"COS-03".to_string()));
    assert!(codes(&["--domain", "cosmetic"]).contains(&"COS-03".to_string()));
    kokoku()
        .args(["check", "--domain", "cosmetics", "-"])
        .write_stdin(text)
        .assert()
        .code(2);
}

#[test]
fn statistics_count_findings_per_rule() {
    let output = kokoku()
        .args(["check", "--statistics", "--color", "never", "-"])
        .write_stdin("必ず治ります。絶対に治ります。副作用はありません。")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0]
            .split_whitespace()
            .collect::<Vec<_>>()
            .starts_with(&["2", "PMD-01"]),
        "{stdout}"
    );
    assert!(
        lines[1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .starts_with(&["1", "PMD-02"]),
        "{stdout}"
    );
    assert!(lines[2].starts_with("3 件の指摘"), "{stdout}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_free_care_page_without_cost_or_risk_is_a_document_finding() {
    let page = "■ヒアルロン酸注入\n当院クリニックのヒアルロン酸注入は、ほうれい線に注入する施術です。\nご予約はお電話で（03-5555-0147）。\n";
    let (code, findings) = check_json(page);
    assert_eq!(code, 1);
    let finding = findings
        .iter()
        .find(|f| f["code"] == "MED-D2")
        .expect("MED-D2 reported");
    assert_eq!(finding["scope"], "document");
    let missing: Vec<&str> = finding["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(missing, ["free-care-statement", "cost", "period", "risk"]);
    // Located at the first place the treatment is advertised.
    assert_eq!(flagged(page, finding), "ヒアルロン酸注入");
    assert_eq!(finding["line"].as_u64(), Some(1));
    // Phrase findings say so too, and carry no `missing`.
    let full = format!("{page}1回 77,000円（税込）、自由診療です。施術時間は15分です。主な副作用：腫れ、内出血。\n");
    let (_, findings) = check_json(&full);
    assert!(findings.iter().all(|f| f["code"] != "MED-D2"), "{findings:?}");
    assert!(
        findings
            .iter()
            .all(|f| f["scope"] == "phrase" && f.get("missing").is_none())
    );
}

#[test]
fn walked_binary_files_are_skipped_with_a_note_and_excludes_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob.html"), b"\x00\x01\x02").unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/draft.md"), "必ず治ります。").unwrap();
    std::fs::write(dir.path().join("page.md"), "効果には個人差があります。").unwrap();
    let (code, _, stderr) = run(kokoku().args(["check", "--exclude", "drafts/**"]).arg(dir.path()));
    assert!(
        stderr.contains("note: skipped") && stderr.contains("blob.html"),
        "{stderr}"
    );
    assert_eq!(code, 0, "the draft is excluded and the binary skipped: {stderr}");
    kokoku().arg("check").arg(dir.path()).assert().code(1);
}

#[test]
fn concise_and_github_formats_count_columns_in_characters() {
    // Half-width katakana, a full-width space and an emoji outside the BMP come first.
    let text = "ｻﾌﾟﾘ紹介　😀必ず治ります。\n";
    let run = |format: &str| {
        let output = kokoku()
            .args(["check", "--format", format, "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(run("concise"), "-:1:9: error[PMD-01] 効能効果を保証する表現です\n");
    let github = run("github");
    assert!(
        github.starts_with("::error file=-,line=1,col=9,endLine=1,endColumn=15,title=PMD-01 guarantee-of-efficacy::効能効果を保証する表現です%0A"),
        "{github}"
    );
}

#[test]
fn quiet_exit_zero_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let output = kokoku()
        .args(["check", "--exit-zero", "--format", "json", "--output-file"])
        .arg(&report)
        .arg("-")
        .write_stdin("必ず治ります。")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let findings: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(findings[0]["code"], "PMD-01");
    let output = kokoku()
        .args(["check", "--quiet", "--color", "never", "-"])
        .write_stdin("必ず治ります。")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("error[PMD-01]") && !stdout.contains("件の指摘"),
        "{stdout}"
    );
}

#[test]
fn inline_directives_waive_findings_and_stale_ones_are_reported() {
    let page = "<!-- kokoku-disable-next-line PMD-01 -- 引用として法務確認済み -->\n<p>必ず治ります。</p>\n<!-- kokoku-disable-line PMD-02 -->\n";
    let (code, _, stderr) = run(kokoku()
        .args(["check", "--stdin-filename", "page.html", "-"])
        .write_stdin(page));
    assert_eq!(code, 0);
    assert!(
        stderr.contains("page.html:3: this kokoku-disable directive suppresses nothing"),
        "{stderr}"
    );
}

#[test]
fn a_waiver_naming_no_rule_is_an_error_naming_it() {
    let page = "kokoku-disable-next-line PMD-99 -- 法務確認済み\n必ず治ります。\n";
    let (code, stdout, stderr) = run(kokoku().args(["check", "--format", "concise", "-"]).write_stdin(page));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("-:1: this kokoku-disable directive names no rule `PMD-99`"),
        "{stderr}"
    );
    assert!(stdout.contains("[PMD-01]"), "the finding stands: {stdout}");
}

#[test]
fn the_file_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "効果には個人差があります。").unwrap();
    let (code, _, stderr) = run(kokoku().args(["check", "--max-file-size", "10"]).arg(&page));
    assert_eq!(code, 2);
    assert!(stderr.contains("over the 10-byte limit"), "{stderr}");
    let (code, _, stderr) = run(kokoku().args(["check", "--max-file-size", "10"]).arg(dir.path()));
    assert_eq!(code, 0, "a walked file over the limit is skipped with a note");
    assert!(stderr.contains("note: skipped"), "{stderr}");
}

#[test]
fn changed_since_reports_only_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=k", "-c", "user.email=k@example.com"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    };
    git(&["init", "-q"]);
    std::fs::write(
        dir.path().join("old.txt"),
        "必ず治ります。\n\n当院の医師が解説します。\n",
    )
    .unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "legacy"]);
    std::fs::write(dir.path().join("old.txt"), "必ず治ります。\n\n絶対に若返ります。\n").unwrap();
    std::fs::write(dir.path().join("new.txt"), "副作用は一切ありません。\n").unwrap();
    let check = |args: &[&str]| {
        run(kokoku()
            .current_dir(dir.path())
            .args(["check", "--format", "concise"])
            .args(args))
    };
    let (_, all, _) = check(&["."]);
    assert!(all.contains("./old.txt:1:"), "{all}");
    let (code, out, err) = check(&["--changed-since", "HEAD", "."]);
    assert_eq!(code, 1, "{err}");
    let mut lines: Vec<String> = out
        .lines()
        .map(|l| l.split(':').take(2).collect::<Vec<_>>().join(":"))
        .collect();
    lines.dedup();
    assert_eq!(lines, ["./new.txt:1", "./old.txt:3"], "{out}");
    let (code, _, err) = check(&["--changed-since", "no-such-rev", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("--changed-since: git diff"), "{err}");
}
