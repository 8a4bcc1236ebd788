//! An arbitrary kokoku.toml: parsed or refused with file and line, never a panic.

#![no_main]

use std::path::Path;

use kokoku::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    if let Err(e) = Config::parse(Path::new("/site/kokoku.toml"), source) {
        assert!(e.line >= 1 && e.file == "/site/kokoku.toml");
    }
});
