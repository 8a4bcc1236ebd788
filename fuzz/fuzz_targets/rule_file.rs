//! An arbitrary user rule file: loading it may fail, but only with an error naming a line
//! of the file, never with a panic. A file that loads compiles: rules compile as
//! documents need them, so a mistake that load let through would panic there.

#![no_main]

use kokoku::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    match RuleSet::builtin_with(&[("fuzz.toml", source)]) {
        Ok(rules) => {
            rules.compiled();
        }
        Err(e) => assert!(e.line >= 1),
    }
});
