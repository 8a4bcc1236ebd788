//! An arbitrary user rule file: loading it may fail, but only with an error naming a line
//! of the file, never with a panic.

#![no_main]

use kokoku::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    if let Err(e) = RuleSet::builtin_with(&[("fuzz.toml", source)]) {
        assert!(e.line >= 1);
    }
});
