//! The literals a regex's matches start and end with, as regex-syntax extracts them. A
//! page asks for those of a few dozen built-in regexes, and parsing each costs more than
//! searching its sentences, so build.rs works them out for the built-in rules (it
//! includes this file) and the linter reads its table; a user's regexes are worked out
//! here at run time.

use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// What every match of a regex holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexLiterals {
    /// One of these starts every match; `None` when they are not a short list.
    pub starts: Option<Vec<String>>,
    /// One of these ends every match (not worked out when `exact`).
    pub ends: Option<Vec<String>>,
    /// `starts` are exactly the regex's matches, in its order of preference.
    pub exact: bool,
}

/// The literals of `source`, when it parses and some are known and none is empty.
pub fn of(source: &str) -> Option<RegexLiterals> {
    let hir = regex_syntax::parse(source).ok()?;
    let literals = |kind: ExtractKind| {
        let suffix = matches!(kind, ExtractKind::Suffix);
        let seq = Extractor::new().kind(kind).extract(&hir);
        let strings = seq
            .literals()
            .filter(|ls| !ls.is_empty())?
            .iter()
            .map(|l| whole_chars(l.as_bytes(), suffix))
            .collect::<Option<Vec<String>>>()?;
        Some((strings, seq.is_exact()))
    };
    let (starts, exact) = literals(ExtractKind::Prefix).unzip();
    // Extraction takes a look-around (`^`, `\b`) to match anywhere, which it does not.
    let exact = exact == Some(true) && hir.properties().look_set().is_empty();
    let ends = match exact {
        true => None,
        false => literals(ExtractKind::Suffix).map(|(ends, _)| ends),
    };
    (starts.is_some() || ends.is_some()).then_some(RegexLiterals { starts, ends, exact })
}

/// A prefix (or suffix) literal as text: the extractor may have cut it inside a
/// character, whose remains a shorter literal does without. `None` when nothing is left.
fn whole_chars(bytes: &[u8], suffix: bool) -> Option<String> {
    let text = if suffix {
        // UTF-8 continuation bytes are 0b10xxxxxx.
        let start = bytes.iter().position(|&b| b & 0xC0 != 0x80).unwrap_or(bytes.len());
        &bytes[start..]
    } else {
        match std::str::from_utf8(bytes) {
            Ok(_) => bytes,
            Err(e) => &bytes[..e.valid_up_to()],
        }
    };
    std::str::from_utf8(text)
        .ok()
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cut_inside_a_character_keep_its_whole_part() {
        let bytes = "治る".as_bytes();
        assert_eq!(whole_chars(&bytes[..4], false).as_deref(), Some("治"));
        assert_eq!(whole_chars(&bytes[2..], true).as_deref(), Some("る"));
        assert_eq!(whole_chars(&bytes[..2], false), None, "nothing whole is left");
    }

    #[test]
    fn an_alternation_of_literals_is_exact_unless_it_looks_around() {
        let exact = of("自費|保険(診療)?外").unwrap();
        assert_eq!(exact.starts.unwrap(), ["自費", "保険診療外", "保険外"]);
        assert!(exact.exact);
        assert!(!of("(注入|点滴)とは$").unwrap().exact);
    }
}
