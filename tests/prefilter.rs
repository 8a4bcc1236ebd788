//! The prefilter, sharing a document's rules between threads and compiling only the
//! rules of a document's domains are optimisations and nothing else: a sentence that
//! holds none of a pattern's anchors is not tokenized for it, and no page may lose or
//! gain a finding by that, by which thread ran which rule, nor by which rules were
//! compiled. Every labelled corpus page, fixture, benchmark page and rule example is
//! linted with the prefilter on and off, on one thread and several, and by linters
//! that compiled some rules or all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kokoku::diagnostic::Diagnostic;
use kokoku::rules::Domain;
use kokoku::source::{Document, MAX_FILE_SIZE, SourceFile};
use kokoku::{Linter, Options};

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml" && e != "jsonl") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    paths
}

fn documents(linter: &Linter) -> Vec<(String, Document)> {
    let mut documents: Vec<(String, Document)> =
        ["tests/corpus", "tests/corpus/independent", "fixtures", "benches/data"]
            .into_iter()
            .flat_map(files_in)
            .map(|path: PathBuf| {
                let file = SourceFile::read(Path::new(&path), None, MAX_FILE_SIZE).unwrap();
                (path.display().to_string(), file.document())
            })
            .collect();
    // Words the prefilter joins into one anchor, with what the tokenizer drops or
    // rewrites between them.
    for between in [
        "", " ", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{00D0}", "\t", "・", "!", "、",
    ] {
        for text in [
            "毛穴{}レスな肌へ導く美容液",
            "必ず{}治ります",
            "かならず{}治ります",
            "絶対{}若返る",
            "すぐ{}効果が出る",
            "シミが{}消える",
            "副作用{}なし",
        ] {
            let text = text.replace("{}", between);
            documents.push((format!("{text:?}"), Document::plain(&text)));
        }
    }
    for rule in linter.rules().rules() {
        let examples = rule.examples.flag.iter().chain(&rule.examples.clean);
        documents.extend(examples.map(|text| (format!("{} example {text}", rule.code), Document::plain(text))));
    }
    documents
}

/// Lints every document both ways and requires the same findings, in the same order.
fn same_findings(one: (&Linter, &Options), other: (&Linter, &Options), what: &str) {
    let documents = documents(one.0);
    assert!(documents.len() > 100, "pages and rule examples were found");
    let mut findings = 0;
    for (name, document) in &documents {
        let with = one.0.lint(document, one.1).diagnostics;
        let without = other.0.lint(document, other.1).diagnostics;
        if with != without {
            let brief = |ds: &[Diagnostic]| -> Vec<String> {
                ds.iter()
                    .map(|d| format!("{} {:?} {}", d.code, d.span, d.severity))
                    .collect()
            };
            panic!(
                "{name}: with {what} {:#?}\nwithout {:#?}",
                brief(&with),
                brief(&without)
            );
        }
        findings += with.len();
    }
    assert!(findings > 500, "the inputs have findings to compare ({findings})");
}

#[test]
fn findings_are_the_same_with_the_prefilter_on_and_off() {
    let on = Linter::builtin().unwrap().with_prefilter(true);
    let off = Linter::builtin().unwrap().with_prefilter(false);
    let options = Options::default();
    same_findings((&on, &options), (&off, &options), "the prefilter");
}

/// A document may share its rules out between threads; the findings and their order
/// must not depend on which thread got which rule.
#[test]
fn findings_are_the_same_on_one_thread_and_several() {
    let several = Options {
        threads: 3,
        ..Options::default()
    };
    for prefilter in [false, true] {
        let linter = Linter::builtin().unwrap().with_prefilter(prefilter);
        same_findings((&linter, &several), (&linter, &Options::default()), "three threads");
    }
}

/// A linter compiles the rules of its first document's domains, and every rule once a
/// document needs more. Each document is linted by a linter that compiled only the
/// rules of its domains, and all of them by one that met them in turn, both with the
/// prefilter (whose anchors come from what was compiled), and must get what a linter
/// that compiled every rule beforehand gives it.
#[test]
fn findings_are_the_same_when_only_the_rules_of_the_domains_are_compiled() {
    let every = Linter::builtin().unwrap();
    every.engine().compiled();
    let options = Options::default();
    let documents = documents(&every);
    let mut by_domains: BTreeMap<BTreeSet<Domain>, Vec<&(String, Document)>> = BTreeMap::new();
    for document in &documents {
        let domains = every.lint(&document.1, &options).domains;
        by_domains.entry(domains).or_default().push(document);
    }
    assert!(
        by_domains.len() > 3,
        "documents of several domains: {:?}",
        by_domains.keys()
    );
    let mut partial = 0;
    for (domains, group) in &by_domains {
        let scoped = Linter::builtin().unwrap().with_prefilter(true);
        for (name, document) in group {
            let expected = every.lint(document, &options).diagnostics;
            assert_eq!(
                scoped.lint(document, &options).diagnostics,
                expected,
                "{name} as {domains:?}"
            );
        }
        let compiled = scoped.engine().compiled_for(domains);
        partial += usize::from((0..scoped.rules().rules().len()).any(|i| compiled.matchers(i).is_none()));
    }
    assert!(partial > 3, "most groups were linted with only some rules compiled");
    let in_turn = Linter::builtin().unwrap().with_prefilter(true);
    for (name, document) in &documents {
        let expected = every.lint(document, &options).diagnostics;
        assert_eq!(in_turn.lint(document, &options).diagnostics, expected, "{name}");
    }
}

/// A user's literal or regex may hold spaces, which the prefilter's scan skips: it must
/// still let the rule through where the phrase stands with its spaces.
#[test]
fn literals_and_regexes_with_spaces_pass_the_prefilter() {
    let file = format!(
        "family = \"house\"\ntitle = \"t\"\n\n{}\n{}",
        house_rule(
            "HOUSE-01",
            r#"literals = ["No. 1 クリニック"]"#,
            "当院はNo. 1 クリニックです"
        ),
        house_rule("HOUSE-02", "regexes = ['(Best|BEST) 3 ?!']", "当院はBest 3 !"),
    );
    let rules = || kokoku::rules::RuleSet::builtin_with(&[("house.toml", &file)]).unwrap();
    let on = Linter::new(rules()).unwrap().with_prefilter(true);
    let off = Linter::new(rules()).unwrap().with_prefilter(false);
    for text in ["当院はNo. 1 クリニックです", "当院はBest 3 !", "BEST 3!"] {
        let codes = |linter: &Linter| -> Vec<String> {
            let report = linter.lint(&Document::plain(text), &Options::default());
            report
                .diagnostics
                .into_iter()
                .map(|d| d.code)
                .filter(|c| c.starts_with("HOUSE"))
                .collect()
        };
        assert_eq!(codes(&off).len(), 1, "{text}: the house rule matches");
        assert_eq!(codes(&on), codes(&off), "{text}");
    }
}

/// A house rule that matches by `matcher` (a `literals` or `regexes` line).
fn house_rule(code: &str, matcher: &str, flag: &str) -> String {
    let id = format!("house-rule-{}", code.to_lowercase());
    format!(
        "[[rule]]\ncode = \"{code}\"\nid = \"{id}\"\nseverity = \"warning\"\nmessage = \"m\"\n\
         basis = [\"b\"]\nwhy = \"w\"\nsuggest = [\"s\"]\n{matcher}\n\n\
         [rule.examples]\nflag = [\"{flag}\"]\nclean = [\"当院は地域のクリニックです\"]\n"
    )
}
