//! End-to-end tests of `--fix`, `--unsafe-fixes` and `--diff`: what changes, what does
//! not, and that files are rewritten safely.

mod common;

use std::path::Path;

use common::{check_in, kokoku, run};

/// A clinic page: MED-09 has a safe fix (brand name to generic name), MED-01 an unsafe
/// one (drop 必ず); MED-D2 (no cost or risks stated) has none.
const PAGE: &str = "当院ではボトックス注射を行っています。ご予約はお電話で。\nこの施術で必ず若返ります。\n";

fn page_in(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn diff_shows_safe_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = page_in(dir.path(), "page.txt", PAGE.as_bytes());
    let (code, out, _) = check_in(dir.path(), &["--diff", "page.txt"]);
    assert_eq!(code, 1, "a pending fix fails the check");
    assert!(out.contains("-当院ではボトックス注射を行っています。"), "{out}");
    assert!(
        out.contains("+当院ではボツリヌストキシン製剤注射を行っています。"),
        "{out}"
    );
    assert!(
        !out.contains("+この施術で若返ります。"),
        "unsafe fixes need --unsafe-fixes: {out}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PAGE, "nothing written");
    let (_, out, _) = check_in(dir.path(), &["--diff", "--unsafe-fixes", "page.txt"]);
    assert!(out.contains("+この施術で若返ります。"), "{out}");
    let clean = page_in(dir.path(), "clean.txt", "当院の医師が解説します。\n".as_bytes());
    let (code, out, _) = check_in(dir.path(), &["--diff", clean.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn fix_writes_keeps_permissions_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = page_in(dir.path(), "page.txt", PAGE.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let (code, out, _) = run(kokoku()
        .current_dir(dir.path())
        .args(["check", "--fix", "--color", "never", "page.txt"]));
    assert_eq!(code, 1, "MED-01 is left: {out}");
    assert!(out.contains("1 件を自動修正しました"), "{out}");
    assert!(out.contains("`--fix --unsafe-fixes` で修正できます"), "{out}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, PAGE.replace("ボトックス", "ボツリヌストキシン製剤"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
    let (_, out, _) = check_in(dir.path(), &["--fix", "page.txt"]);
    assert!(!out.contains("MED-09") && out.contains("MED-01"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );

    let (code, out, _) = check_in(dir.path(), &["--fix", "--unsafe-fixes", "page.txt"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed.replace("必ず", ""));
    let codes: Vec<&str> = out
        .lines()
        .map(|l| &l[l.find('[').unwrap() + 1..l.find(']').unwrap()])
        .collect();
    assert_eq!(codes, ["MED-D1", "MED-D2"], "what no fix can say is still reported");
    assert_eq!(code, 1);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["page.txt"], "no temporary file left behind");
}

#[test]
fn fixes_keep_the_file_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><meta charset=\"Shift_JIS\"></head><body><p>当院ではボトックス注射を行っています。ご予約はお電話で。</p></body></html>\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(html);
    let path = page_in(dir.path(), "page.html", &bytes);
    let (_, _, err) = check_in(dir.path(), &["--fix", "page.html"]);
    assert!(err.is_empty(), "{err}");
    let fixed = html.replace("ボトックス", "ボツリヌストキシン製剤");
    let (expected, _, _) = encoding_rs::SHIFT_JIS.encode(&fixed);
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_ref());
}

#[test]
fn standard_input_cannot_be_fixed_in_place() {
    let (code, _, err) = run(kokoku().args(["check", "--fix", "-"]).write_stdin(PAGE));
    assert_eq!(code, 2);
    assert!(
        err.contains("--fix cannot write to standard input; use --diff"),
        "{err}"
    );
    let (code, out, _) = run(kokoku().args(["check", "--diff", "-"]).write_stdin(PAGE));
    assert_eq!(code, 1);
    assert!(
        out.contains("+当院ではボツリヌストキシン製剤注射を行っています。"),
        "{out}"
    );
    let (code, _, err) = run(kokoku().args(["check", "--unsafe-fixes", "-"]).write_stdin(PAGE));
    assert_eq!(code, 2);
    assert!(err.contains("--unsafe-fixes goes with --fix or --diff"), "{err}");
}
