//! `--format junit`: JUnit XML, which most CI servers show as a test report. Each file is
//! a test suite and each finding a failed test case; a clean file passes one case.

use super::Checked;
use crate::source::LineIndex;

pub fn junit(checked: &[Checked]) -> String {
    let failures: usize = checked.iter().map(|c| c.report.diagnostics.len()).sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kokoku\" tests=\"{}\" failures=\"{failures}\">\n",
        checked.iter().map(|c| c.report.diagnostics.len().max(1)).sum::<usize>()
    );
    for Checked { file, report, .. } in checked {
        let name = escape(&file.name);
        let count = report.diagnostics.len();
        out.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{count}\">\n",
            count.max(1)
        ));
        if report.diagnostics.is_empty() {
            out.push_str(&format!("    <testcase name=\"kokoku\" classname=\"{name}\"/>\n"));
        }
        let lines = LineIndex::new(&file.text);
        for d in &report.diagnostics {
            let (line, column) = lines.position(d.span.start);
            out.push_str(&format!(
                "    <testcase name=\"{code} {line}:{column}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\">\n      <failure type=\"{code}\" message=\"{message}\">{name}:{line}:{column}: {severity}[{code}] {message}</failure>\n    </testcase>\n",
                code = escape(&d.code),
                message = escape(&d.message),
                severity = d.severity,
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text for an XML attribute or element; characters XML 1.0 forbids are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
