//! `kokoku serve`: starts the web checker and, if asked, the user's browser on it.

use std::io::Write;
use std::process::{Command, ExitCode, Stdio};

use kokoku::config::Setup;
use kokoku::serve::WebChecker;

pub fn serve(setup: &Setup, port: u16, open: bool) -> ExitCode {
    let checker = match WebChecker::bind(port) {
        Ok(checker) => checker,
        Err(e) => return super::fail(&e),
    };
    let url = checker.url();
    // The address comes first and alone on its line: scripts and tests read it there.
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "{url}").and_then(|()| stdout.flush()).is_err() {
        return super::fail("cannot write the address to standard output");
    }
    eprintln!(
        "kokoku: ブラウザで上のアドレスを開いてください（このパソコンの外には送信されません）。Ctrl+C で終了します。"
    );
    if open && let Err(e) = open_browser(&url) {
        eprintln!("kokoku: warning: cannot open a browser ({e}); open the address yourself");
    }
    checker.run(setup);
    ExitCode::SUCCESS
}

/// Hands the address to the desktop's own opener.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = match std::env::consts::OS {
        "macos" => Command::new("open"),
        "windows" => {
            // `start`'s first quoted argument is a window title.
            let mut command = Command::new("cmd");
            command.args(["/C", "start", ""]);
            command
        }
        _ => Command::new("xdg-open"),
    };
    let status = (command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null()))
    .status()?;
    match status.success() {
        true => Ok(()),
        false => Err(std::io::Error::other(format!("the opener exited with {status}"))),
    }
}
