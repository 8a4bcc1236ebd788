//! Helpers shared by the end-to-end tests.

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
