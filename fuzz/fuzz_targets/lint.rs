//! Arbitrary text through the whole lint, waivers, fixes and every output format.

#![no_main]

use std::sync::LazyLock;

use kokoku::diagnostic::render::{Checked, concise, github, gitlab, json, junit, rdjson, sarif};
use kokoku::source::{Format, SourceFile};
use kokoku::{Linter, Options, fix, suppress};
use libfuzzer_sys::fuzz_target;

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().expect("built-in rules load"));

fuzz_target!(|text: &str| {
    let linter = &*LINTER;
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let file = SourceFile {
            name: "fuzz".to_string(),
            text: text.to_string(),
            format,
            encoding: "UTF-8",
        };
        let mut report = linter.lint(&file.document(), &Options::default());
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let applied = suppress::apply(text, report.diagnostics, linter.rules(), false);
        report.diagnostics = applied.kept;
        fix::attach(text, &mut report.diagnostics, linter.rules());
        let _ = fix::apply(text, report.diagnostics.iter().filter_map(|d| d.fix.as_ref()), true);
        let checked = [Checked {
            file,
            report,
            waived: applied.waived,
            fixed: 0,
        }];
        let rules: Vec<_> = linter.rules().rules().iter().collect();
        let _ = (concise(&checked), github(&checked), json(&checked), rdjson(&checked));
        let _ = (gitlab(&checked), junit(&checked), sarif(&checked, &rules));
    }
});
