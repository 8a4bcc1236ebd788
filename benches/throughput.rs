//! Throughput and start-up: `cargo bench`. The corpus is the labelled pages in
//! tests/corpus/ plus the fixtures, repeated to about 2 MB, so that lindera alone
//! (the baseline) and kokoku end to end read the same text.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use kokoku::engine::Engine;
use kokoku::rules::{Domain, RuleSet};
use kokoku::source::{Document, Format, SourceFile};
use kokoku::text::{Normalized, Tokenizer, split_sentences};
use kokoku::{Linter, Options};

const TARGET_BYTES: usize = 2_000_000;

fn main() {
    divan::main();
}

/// The pages of the corpus and the plain-text fixtures, each page a document.
fn pages() -> Vec<String> {
    let mut pages = Vec::new();
    for dir in ["tests/corpus", "fixtures"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        pages.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    pages
}

/// The pages repeated to about [`TARGET_BYTES`].
fn corpus() -> Vec<String> {
    let pages = pages();
    let mut corpus = Vec::new();
    let mut size = 0;
    while size < TARGET_BYTES {
        for page in &pages {
            size += page.len();
            corpus.push(page.clone());
        }
    }
    corpus
}

fn bytes(corpus: &[String]) -> BytesCount {
    BytesCount::new(corpus.iter().map(String::len).sum::<usize>())
}

/// Unpacking and checking the built-in rule files; what the rules look for is compiled
/// when a document needs it (below).
#[divan::bench(sample_count = 20)]
fn load_rules() -> RuleSet {
    RuleSet::builtin().unwrap()
}

/// The built-in rules, nothing compiled yet.
fn engine() -> Engine {
    Engine::new(load_rules()).unwrap()
}

/// Compiling the rules a clinic's page needs, as a one-page run does.
#[divan::bench(sample_count = 20)]
fn compile_rules_for_a_clinic(bencher: Bencher) {
    let medical = BTreeSet::from([Domain::Medical]);
    bencher.with_inputs(engine).bench_values(|engine| {
        black_box(engine.compiled_for(&medical));
        engine
    });
}

/// Compiling every rule, as a run over pages of several domains does.
#[divan::bench(sample_count = 20)]
fn compile_every_rule(bencher: Bencher) {
    bencher.with_inputs(engine).bench_values(|engine| {
        black_box(engine.compiled());
        engine
    });
}

#[divan::bench(sample_count = 20)]
fn load_tokenizer() -> Tokenizer {
    Tokenizer::new().unwrap()
}

/// Calls `tokenize` on every sentence of the corpus as kokoku normalises and splits it.
fn each_sentence(corpus: &[String], mut tokenize: impl FnMut(&str)) {
    for page in corpus {
        let normalized = Normalized::new(page);
        for range in split_sentences(&normalized.text) {
            tokenize(&normalized.text[range]);
        }
    }
}

/// The baseline: lindera alone with IPADIC, as its users call it (segment, then read
/// each token's details), over every sentence of the corpus.
#[divan::bench(sample_count = 5)]
fn lindera_only(bencher: Bencher) {
    let tokenizer = Tokenizer::new().unwrap();
    let segmenter = tokenizer.segmenter();
    let corpus = corpus();
    bencher.counter(bytes(&corpus)).bench(|| {
        each_sentence(&corpus, |sentence| {
            for mut token in segmenter.segment(Cow::Borrowed(sentence)).unwrap() {
                black_box(token.details());
            }
        });
    });
}

/// kokoku's own tokenizing of the same sentences (what every sentence would cost
/// without the prefilter).
#[divan::bench(sample_count = 5)]
fn tokenize_only(bencher: Bencher) {
    let tokenizer = Tokenizer::new().unwrap();
    let corpus = corpus();
    bencher.counter(bytes(&corpus)).bench(|| {
        each_sentence(&corpus, |sentence| {
            black_box(tokenizer.tokenize(sentence));
        });
    });
}

/// kokoku end to end on the same text, one thread.
#[divan::bench(sample_count = 5)]
fn lint(bencher: Bencher) {
    let linter = Linter::builtin().unwrap();
    let corpus = corpus();
    bencher.counter(bytes(&corpus)).bench(|| {
        for page in &corpus {
            black_box(linter.lint(&Document::plain(page), &Options::default()));
        }
    });
}

/// One typical page as a pre-commit hook runs it: a whole `kokoku check` process.
#[divan::bench(sample_count = 20)]
fn check_one_page_process(bencher: Bencher) {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/kokoku");
    assert!(binary.exists(), "build the release binary first: cargo build --release");
    bencher.bench(|| {
        let status = Command::new(&binary)
            .args(["check", "--quiet", "--exit-zero", "benches/data/clinic-landing.html"])
            .output()
            .unwrap()
            .status;
        assert!(status.success());
    });
}

/// The corpus as one 5 MB line, as a minified page is: time and memory must grow with
/// the length of the line, not its square (`/usr/bin/time -v` on `kokoku check` of such
/// a file gives the memory).
#[divan::bench(sample_count = 3)]
fn check_one_long_line(bencher: Bencher) {
    let linter = Linter::builtin().unwrap();
    let mut line = pages().join(" ").replace(['\n', '\r'], " ");
    while line.len() < 5_000_000 {
        line = format!("{line} {line}");
    }
    let file = SourceFile {
        name: "one-line.txt".to_string(),
        text: line,
        format: Format::Text,
        encoding: "UTF-8",
    };
    bencher
        .counter(BytesCount::new(file.text.len()))
        .bench(|| black_box(linter.check(&file, &Options::default())));
}

/// What the editor server does after each keystroke: check a 15 KB page again with a
/// linter that has checked one before (rules compiled, prefilter built).
#[divan::bench(sample_count = 50)]
fn recheck_a_page_warm(bencher: Bencher) {
    let linter = Linter::builtin().unwrap();
    let path = "benches/data/clinic-landing.html";
    let file = SourceFile {
        name: path.to_string(),
        text: std::fs::read_to_string(path).unwrap(),
        format: Format::Html,
        encoding: "UTF-8",
    };
    black_box(linter.check(&file, &Options::default()));
    bencher.bench(|| black_box(linter.check(&file, &Options::default())));
}
