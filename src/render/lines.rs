//! One line per finding: `--format concise` (for people and grep) and `--format github`
//! (GitHub Actions workflow commands, which become annotations on the pull request).

use super::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::LineIndex;

/// `path:line:column: severity[CODE] message`, columns in characters.
pub fn concise(checked: &[Checked]) -> String {
    each(checked, |path, d, (line, column), _| {
        format!("{path}:{line}:{column}: {}[{}] {}\n", d.severity, d.code, d.message)
    })
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; GitHub counts
/// columns in characters, as kokoku does.
pub fn github(checked: &[Checked]) -> String {
    each(checked, |path, d, (line, column), (end_line, end_column)| {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let title = format!("{} {}", d.code, d.id);
        let message = d.message_with_help();
        format!(
            "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
            property(path),
            property(&title),
            data(&message)
        )
    })
}

fn each(checked: &[Checked], line: impl Fn(&str, &Diagnostic, (usize, usize), (usize, usize)) -> String) -> String {
    let mut out = String::new();
    for Checked { file, report, .. } in checked {
        let index = LineIndex::new(&file.text);
        for d in &report.diagnostics {
            out.push_str(&line(
                &file.name,
                d,
                index.position(d.span.start),
                index.position(d.span.end),
            ));
        }
    }
    out
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_text() {
        assert_eq!(data("50%\n次"), "50%25%0A次");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
