//! Snapshots of kokoku's output on the bundled fixtures, human and JSON. A change in
//! what kokoku reports shows up as a reviewed snapshot diff (`cargo insta review`).

use assert_cmd::Command;

fn run(format: &str, fixture: &str) -> String {
    let output = Command::cargo_bin("kokoku")
        .unwrap()
        .args(["check", "--color", "never", "--format", format])
        .arg(format!("fixtures/{fixture}"))
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn human_output() {
    for fixture in fixtures() {
        insta::assert_snapshot!(format!("human__{fixture}"), run("human", &fixture));
    }
}

#[test]
fn json_output() {
    for fixture in fixtures() {
        insta::assert_snapshot!(format!("json__{fixture}"), run("json", &fixture));
    }
}

#[test]
fn good_fixtures_are_clean_and_bad_ones_are_not() {
    for fixture in fixtures() {
        let findings: serde_json::Value = serde_json::from_str(&run("json", &fixture)).unwrap();
        let count = findings.as_array().unwrap().len();
        if fixture.ends_with("-good.txt") {
            assert_eq!(count, 0, "{fixture}: {findings:#}");
        } else {
            assert!(count > 0, "{fixture} has no findings");
        }
    }
}
