//! Snapshots of kokoku's output on the bundled fixtures, human and JSON. A change in
//! what kokoku reports shows up as a reviewed snapshot diff (`cargo insta review`).

use std::path::Path;

use assert_cmd::Command;
use kokoku::source::{Format as SourceFormat, SourceFile};
use kokoku::text::Normalized;
use kokoku::{Linter, Options};

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
        .filter(|n| SourceFormat::is_linted(Path::new(n)))
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
        if fixture.contains("-good.") {
            assert_eq!(count, 0, "{fixture}: {findings:#}");
        } else {
            assert!(count > 0, "{fixture} has no findings");
        }
    }
}

/// Every finding about wording points at source bytes that hold the words it matched:
/// stripped of tags, entities and Markdown emphasis, the source text under the span is
/// found in the extracted prose.
#[test]
fn every_span_points_at_the_words_it_matched() {
    let linter = Linter::builtin().unwrap();
    let squash = |text: &str| {
        Normalized::new(text)
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    for fixture in fixtures() {
        let file = SourceFile::read(
            Path::new("fixtures").join(&fixture).as_path(),
            None,
            kokoku::source::MAX_FILE_SIZE,
        )
        .unwrap();
        let document = file.document();
        let prose = squash(&document.text);
        for finding in linter
            .lint(&document, &Options::default())
            .diagnostics
            .iter()
            .filter(|d| !d.is_document_level())
        {
            let source = &file.text[finding.span.range()];
            assert!(!source.trim().is_empty(), "{fixture}: empty span for {}", finding.code);
            let without_tags: String = source
                .split('<')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part
                    } else {
                        part.split_once('>').map_or("", |(_, rest)| rest)
                    }
                })
                .collect();
            let words = html_escape::decode_html_entities(&without_tags).replace(['*', '_', '`'], "");
            let words = squash(&words);
            assert!(
                !words.is_empty() && prose.contains(&words),
                "{fixture}: {} points at {source:?}",
                finding.code
            );
        }
    }
}
