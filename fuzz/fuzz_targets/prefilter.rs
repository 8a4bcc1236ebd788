//! The prefilter changes no finding: arbitrary text linted with it on and off, and
//! without it on two threads (which tokenize the sentences while the rules compile).

#![no_main]

use std::sync::LazyLock;

use kokoku::source::Document;
use kokoku::{Linter, Options};
use libfuzzer_sys::fuzz_target;

static WITH: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().expect("rules load").with_prefilter(true));
static WITHOUT: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().expect("rules load").with_prefilter(false));

fuzz_target!(|text: &str| {
    let document = Document::plain(text);
    let with = WITH.lint(&document, &Options::default()).diagnostics;
    let without = WITHOUT.lint(&document, &Options::default()).diagnostics;
    assert_eq!(with, without, "the prefilter changed the findings of {text:?}");
    let two = Options {
        threads: 2,
        ..Options::default()
    };
    let shared = WITHOUT.lint(&document, &two).diagnostics;
    assert_eq!(shared, without, "two threads changed the findings of {text:?}");
});
