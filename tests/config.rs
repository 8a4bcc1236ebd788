//! End-to-end tests of kokoku.toml, `--config`, `--isolated`, `--select` / `--ignore`
//! and `require-reason`.

mod common;

use common::{check_in, kokoku, run};

const GUARANTEE: &str = "この治療で必ず治ります。\n";

/// A site directory with a config and one page under `columns/`.
fn site(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("columns")).unwrap();
    std::fs::write(dir.path().join("kokoku.toml"), config).unwrap();
    std::fs::write(dir.path().join("columns/page.txt"), GUARANTEE).unwrap();
    dir
}

#[test]
fn the_nearest_config_applies_to_each_file() {
    let dir = site("[rules]\n\"PMD-01\" = \"info\"\n");
    let (code, out, _) = check_in(dir.path(), &["columns/page.txt"]);
    assert_eq!(code, 0, "a note does not fail: {out}");
    assert!(out.contains("note[PMD-01]"), "{out}");
    // A config nearer to the file wins over the one above it.
    std::fs::write(dir.path().join("columns/.kokoku.toml"), "fail-on = \"error\"\n").unwrap();
    let (code, out, _) = check_in(dir.path(), &["columns/page.txt"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[PMD-01]"), "{out}");
}

#[test]
fn config_and_isolated_flags() {
    let dir = site("[rules]\npmd = \"off\"\n");
    let (code, out, _) = check_in(dir.path(), &["columns/page.txt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = check_in(dir.path(), &["--isolated", "columns/page.txt"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[PMD-01]"), "{out}");
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[rules]\n\"PMD-01\" = \"warning\"\n").unwrap();
    let (_, out, _) = check_in(dir.path(), &["--config", "other.toml", "columns/page.txt"]);
    assert!(out.contains("warning[PMD-01]"), "{out}");
}

#[test]
fn per_file_overrides_and_excludes() {
    let dir =
        site("exclude = [\"drafts/**\"]\n[per-file.\"columns/**\"]\nrules = { \"guarantee-of-efficacy\" = \"off\" }\n");
    std::fs::create_dir_all(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/new.txt"), GUARANTEE).unwrap();
    std::fs::write(dir.path().join("top.txt"), GUARANTEE).unwrap();
    let (code, out, _) = check_in(dir.path(), &["."]);
    assert_eq!(code, 1);
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["./top.txt"], "columns/ waived, drafts/ excluded: {out}");
}

#[test]
fn a_bad_config_exits_2_naming_file_and_line() {
    for (config, line, words) in [
        ("fail-on = \"error\"\nfial-on = \"error\"\n", 2, "fial-on"),
        ("[rules]\n\"PMD-01\" = \"loud\"\n", 2, "loud"),
        ("[rules]\n\"PMD-01\" = \"off\"\n\"PMD-99\" = \"off\"\n", 3, "PMD-99"),
        ("profile = \"hospital\"\n", 1, "hospital"),
        ("exclude = [\"a[\"]\n", 1, "glob"),
    ] {
        let dir = site(config);
        let (code, _, err) = check_in(dir.path(), &["columns/page.txt"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains(&format!("kokoku.toml:{line}:")), "{config}: {err}");
        assert!(err.contains(words), "{config}: {err}");
    }
}

#[test]
fn a_config_naming_a_missing_dictionary_exits_2() {
    let dir = site("extend-dictionaries = [\"rules/house.toml\"]\n");
    let (code, _, err) = check_in(dir.path(), &["columns/page.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("house.toml: cannot read"), "{err}");
    assert!(err.contains("named in"), "{err}");
}

#[test]
fn extend_dictionaries_and_user_dictionary() {
    let dir = site("extend-dictionaries = [\"house.toml\"]\nuser-dictionary = \"words.csv\"\n");
    std::fs::write(
        dir.path().join("words.csv"),
        "城東美容クリニック,カスタム名詞,ジョウトウビヨウクリニック\n",
    )
    .unwrap();
    let house = std::fs::read_to_string("tests/data/house-rules.toml").unwrap();
    std::fs::write(dir.path().join("house.toml"), house).unwrap();
    std::fs::write(
        dir.path().join("columns/page.txt"),
        "城東美容クリニックは地域一番の美容皮膚科です。\n",
    )
    .unwrap();
    let (code, out, err) = check_in(dir.path(), &["columns/page.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[HOUSE-01]"), "{out}");
    // Without the word list, IPADIC splits the name and the house rule cannot see it.
    std::fs::write(
        dir.path().join("kokoku.toml"),
        "extend-dictionaries = [\"house.toml\"]\n",
    )
    .unwrap();
    let (_, out, _) = check_in(dir.path(), &["columns/page.txt"]);
    assert!(!out.contains("[HOUSE-01]"), "{out}");
}

#[test]
fn select_and_ignore_on_the_command_line() {
    let dir = site("");
    std::fs::write(
        dir.path().join("columns/page.txt"),
        "この治療で必ず治ります。副作用は一切ありません。\n",
    )
    .unwrap();
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["columns/page.txt"];
        all.extend(args);
        let (_, out, err) = check_in(dir.path(), &all);
        assert!(err.is_empty(), "{err}");
        out.lines()
            .map(|l| l[l.find('[').unwrap() + 1..l.find(']').unwrap()].to_string())
            .collect()
    };
    assert_eq!(codes(&[]), ["PMD-01", "PMD-02"]);
    assert_eq!(codes(&["--select", "PMD-02"]), ["PMD-02"]);
    assert_eq!(codes(&["--ignore", "guarantee-of-efficacy"]), ["PMD-02"]);
    assert_eq!(codes(&["--select", "pmd", "--ignore", "PMD-0*"]), Vec::<String>::new());
    let (code, _, err) = check_in(dir.path(), &["--select", "PMD-99", "columns/page.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("--select PMD-99"), "{err}");
}

#[test]
fn require_reason_makes_bare_waivers_void() {
    let page = "<!-- kokoku-disable-next-line PMD-01 -->\n必ず治ります。\n<!-- kokoku-disable-next-line PMD-01 -- 症例の引用、法務確認済み -->\n必ず治ります。\n";
    let dir = site("require-reason = true\n");
    std::fs::write(dir.path().join("columns/page.md"), page).unwrap();
    let (code, out, err) = check_in(dir.path(), &["columns/page.md"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("columns/page.md:2:"), "{out}");
    assert!(
        err.contains("columns/page.md:1: this kokoku-disable directive gives no reason"),
        "{err}"
    );
    let (_, out, _) = run(kokoku()
        .current_dir(dir.path())
        .args(["check", "--statistics", "columns/page.md"]));
    assert!(out.contains("症例の引用、法務確認済み"), "{out}");
}

#[test]
fn stdin_filename_picks_the_config_and_its_per_file_settings() {
    let dir = site("[per-file.\"columns/**\"]\nrules = { \"PMD-01\" = \"info\" }\n");
    let stdin = |name: &str| {
        run(kokoku()
            .current_dir(dir.path())
            .args(["check", "--format", "concise", "--stdin-filename", name, "-"])
            .write_stdin(GUARANTEE))
    };
    let (code, out, _) = stdin("columns/draft.md");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("note[PMD-01]"), "{out}");
    let (code, out, _) = stdin("top.md");
    assert_eq!(code, 1);
    assert!(out.contains("error[PMD-01]"), "{out}");
}

#[test]
fn no_summary_keeps_findings_and_drops_the_summary_line() {
    let dir = site("");
    let human = |extra: &[&str]| {
        run(kokoku()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "columns/page.txt"])
            .args(extra))
        .1
    };
    let full = human(&[]);
    assert!(full.contains("件の指摘"), "{full}");
    let bare = human(&["--no-summary"]);
    assert!(bare.contains("error[PMD-01]") && !bare.contains("件の指摘"), "{bare}");
}

/// A site's template adds the clinic's contact details to every treatment page, so a
/// Markdown partial need not state them: `provided` says so, for some paths or all.
#[test]
fn statements_the_site_provides_count_as_present() {
    let partial = "当院はクリニックです。ご予約・診療はこちら。\n\n## ヒアルロン酸注入\n\nほうれい線を目立たなくする施術です。1回 55,000円（税込）。\n副作用として腫れや内出血が出ることがあります。すべて自由診療です。\n";
    let dir = site("[per-file.\"treatments/**\"]\nprovided = [\"contact\"]\n");
    std::fs::create_dir_all(dir.path().join("treatments")).unwrap();
    std::fs::write(dir.path().join("treatments/hyaluronic.md"), partial).unwrap();
    std::fs::write(dir.path().join("columns/hyaluronic.md"), partial).unwrap();
    let (_, out, err) = check_in(dir.path(), &["treatments", "columns/hyaluronic.md"]);
    assert!(err.is_empty(), "{err}");
    assert!(
        !out.contains("treatments/hyaluronic.md"),
        "the template gives the contact: {out}"
    );
    assert!(
        out.contains("columns/hyaluronic.md:3:4: note[MED-D1]"),
        "elsewhere it is missing: {out}"
    );

    std::fs::write(
        dir.path().join("kokoku.toml"),
        "provided = [\"contact\", \"kontakt\"]\n",
    )
    .unwrap();
    let (code, _, err) = check_in(dir.path(), &["treatments"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("kokoku.toml:1: `provided` names no item `kontakt`"),
        "{err}"
    );
}
