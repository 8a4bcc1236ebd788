//! Bytes → text → document, for every format and for detected and forced encodings: no
//! panic, and every piece of the document maps back to a valid range of the source.

#![no_main]

use kokoku::source::{Format, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        for forced in [None, Some(encoding_rs::SHIFT_JIS), Some(encoding_rs::EUC_JP)] {
            let Ok(file) = SourceFile::from_bytes("fuzz".to_string(), bytes, format, forced) else {
                continue;
            };
            let document = file.document();
            for (i, _) in document.text.char_indices() {
                let source = document.map.to_source(i..i);
                assert!(source.start <= source.end && source.end <= file.text.len());
                assert!(file.text.is_char_boundary(source.start) && file.text.is_char_boundary(source.end));
            }
        }
    }
});
