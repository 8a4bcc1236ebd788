//! Hostile and odd inputs: each gets a clear message and the right exit code, never a
//! panic, and linting stays linear (long runs of text are cut into bounded sentences,
//! long lines are shown only around the finding).

mod common;

use std::path::Path;

use common::{check_in, kokoku, run};

fn check(dir: &Path, name: &str, content: &[u8]) -> (i32, String, String) {
    std::fs::write(dir.join(name), content).unwrap();
    check_in(dir, &[name])
}

/// What a run printed on stderr must not be a panic.
fn no_panic(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_file_of_nul_bytes_is_refused_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = check(dir.path(), "zeros.txt", &[0; 4096]);
    assert_eq!(code, 2);
    assert!(err.contains("zeros.txt: looks like a binary file"), "{err}");
}

#[test]
fn a_ten_megabyte_single_line_is_read_and_shown_around_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let script = "var a=1;".repeat(1_250_000);
    let page = format!("<html><head><script>{script}</script></head><body><p>必ず治ります。</p></body></html>");
    assert!(page.len() > 10_000_000);
    let (code, out, err) = check(dir.path(), "minified.html", page.as_bytes());
    no_panic(&err);
    assert_eq!(code, 1);
    let column = page.find("必ず").unwrap() + 1;
    assert!(
        out.starts_with(&format!("minified.html:1:{column}: error[PMD-01]")),
        "{out}"
    );
    let (_, human, _) = run(kokoku()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "minified.html"]));
    assert!(
        human.len() < 5_000,
        "the line is cut down to the finding: {} bytes",
        human.len()
    );
    assert!(human.contains("必ず治ります"), "{human}");
}

#[test]
fn a_fifty_thousand_character_sentence_is_linted_in_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "当院の医師が丁寧にカウンセリングを行い患者様一人ひとりに合わせた施術をご提案します";
    let text: String = filler.chars().cycle().take(50_000).collect::<String>() + "必ず治ります";
    let (code, out, err) = check(dir.path(), "run-on.txt", text.as_bytes());
    no_panic(&err);
    assert_eq!(code, 1);
    assert!(out.contains(":1:50001: error["), "{out}");
}

#[test]
fn deeply_nested_and_unterminated_html() {
    let dir = tempfile::tempdir().unwrap();
    let nested = format!(
        "{}<p>必ず治ります。</p>{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let (code, out, err) = check(dir.path(), "nested.html", nested.as_bytes());
    no_panic(&err);
    assert_eq!(code, 1);
    assert!(out.contains("error[PMD-01]"), "{out}");

    let broken = "<p>必ず治ります<p class=\"x\n<!-- 副作用は一切ありません。 ";
    let (code, out, err) = check(dir.path(), "broken.html", broken.as_bytes());
    no_panic(&err);
    assert_eq!(code, 1);
    assert!(out.contains("PMD-01"), "text before the broken tag is read: {out}");
    assert!(
        !out.contains("PMD-02"),
        "an unterminated comment stays a comment: {out}"
    );
}

#[test]
fn a_markdown_file_that_is_one_giant_table() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..2_000).map(|i| format!("| 施術{i} | 1回 {i}0,000円 |\n")).collect();
    let table = format!("| 施術 | 料金 |\n| --- | --- |\n{rows}| ボトックス | 必ず治ります |\n");
    let (code, out, err) = check(dir.path(), "prices.md", table.as_bytes());
    no_panic(&err);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("prices.md:{}:", 2_003)), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_and_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("a")).unwrap();
    std::os::unix::fs::symlink("..", site.join("a/up")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", site.join("dangling.txt")).unwrap();
    std::fs::write(site.join("a/page.txt"), "必ず治ります。\n").unwrap();
    let (code, out, err) = run(kokoku()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "site"]));
    no_panic(&err);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 1, "the page once, links not followed: {out}");
    let (code, _, err) = run(kokoku().current_dir(dir.path()).args(["check", "site/dangling.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("site/dangling.txt"), "{err}");
}

#[test]
fn a_rule_file_with_an_enormous_regex_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string("tests/data/house-rules.toml")
        .unwrap()
        .replace("patterns = [", "regexes = ['\\w{1000}{1000}']\npatterns = [");
    std::fs::write(dir.path().join("house.toml"), &rules).unwrap();
    let line = rules.lines().position(|l| l.starts_with("regexes")).unwrap() + 1;
    let (code, _, err) = run(kokoku()
        .current_dir(dir.path())
        .args(["--rule-file", "house.toml", "check", "-"])
        .write_stdin("必ず治ります。"));
    assert_eq!(code, 2);
    assert!(err.contains(&format!("house.toml:{line}: bad regex")), "{err}");
    // A regex that backtracking engines blow up on is linear here, and accepted.
    let nested = rules.replace("'\\w{1000}{1000}'", "'(a+)+c'");
    std::fs::write(dir.path().join("house.toml"), nested).unwrap();
    let (code, _, err) = run(kokoku()
        .current_dir(dir.path())
        .args(["--rule-file", "house.toml", "check", "-"])
        .write_stdin(format!("{}b", "a".repeat(100_000))));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_absence_rule_given_a_phrase_rules_field_is_refused_with_its_line() {
    for (field, value) in [
        ("requires_treatments", r#"["unapproved"]"#),
        ("places", r#"["footer"]"#),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let rules = format!(
            r#"family = "house"
title = "自院の表現ルール"

[[rule]]
code = "HOUSE-D1"
id = "house-consent-missing"
severity = "warning"
message = "同意書の案内がありません"
basis = ["医療広告ガイドライン"]
why = "未承認の治療には同意書の案内が要ります。"
suggest = ["施術前に同意書をご確認いただきます"]
trigger_treatments = ["unapproved"]
{field} = {value}

[[rule.item]]
key = "consent"
name = "同意書"
signals = ["同意 書"]

[rule.examples]
flag = ["当院のNMN点滴です。"]
clean = ["当院のNMN点滴です。施術前に同意書をご確認いただきます。"]
"#
        );
        std::fs::write(dir.path().join("house.toml"), &rules).unwrap();
        let line = rules.lines().position(|l| l.starts_with("code")).unwrap() + 1;
        let (code, _, err) = run(kokoku()
            .current_dir(dir.path())
            .args(["--rule-file", "house.toml", "check", "-"])
            .write_stdin("当院のNMN点滴です。"));
        no_panic(&err);
        assert_eq!(code, 2);
        assert!(
            err.contains(&format!("house.toml:{line}:")) && err.contains(field),
            "{field}: {err}"
        );
    }
}
