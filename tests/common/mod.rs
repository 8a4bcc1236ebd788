//! Helpers shared by the end-to-end tests.

// Each test file uses the helpers it needs.
#![allow(dead_code)]

pub mod served;

use std::path::Path;

use assert_cmd::Command;

/// Runs a command to the end; returns its exit code, stdout and stderr.
pub fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap(), text(output.stdout), text(output.stderr))
}

/// The binary under test.
pub fn kokoku() -> Command {
    Command::cargo_bin("kokoku").expect("binary builds")
}

/// `kokoku check --format concise ARGS` in `dir`.
pub fn check_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(kokoku()
        .current_dir(dir)
        .args(["check", "--format", "concise"])
        .args(args))
}
