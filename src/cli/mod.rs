//! Command-line interface: arguments in, exit code out. A front end over the library:
//! it resolves configs and inputs, calls `Linter::check` and `Linter::fix`, and owns
//! what is the terminal's and the file system's (walking directories, writing fixes).

mod changed;
mod check;
mod serve;
mod walk;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kokoku::Linter;
use kokoku::config::{ConfigSource, Setups};
use kokoku::diagnostic::Severity;
use kokoku::render::{rules_json, rules_table};
use kokoku::rules::Domain;
use kokoku::source::MAX_FILE_SIZE;
use kokoku::text::Normalized;

#[derive(Parser)]
#[command(
    name = "kokoku",
    version,
    about = "広告表現の法令チェッカー: a compliance linter for Japanese marketing copy"
)]
struct Cli {
    /// A rule file of your own (same format as dictionaries/rules/*.toml); repeatable.
    /// A file whose `family` is built in replaces that family.
    #[arg(long = "rule-file", value_name = "FILE", global = true)]
    rule_files: Vec<PathBuf>,
    /// Use this config file instead of the nearest kokoku.toml / .kokoku.toml.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long, global = true)]
    isolated: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (recursively) or standard input (`-`).
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules {
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Explain a rule: why it exists, its legal basis, examples.
    Explain {
        /// Rule code or id, e.g. PMD-01 or guarantee-of-efficacy.
        rule: String,
    },
    /// Check every rule's `flag` and `clean` examples and that no suggestion is flagged.
    TestRules,
    /// Serve editors over standard input and output (Language Server Protocol): each
    /// document is checked with its nearest kokoku.toml.
    Server,
    /// Check copy in the browser: a page on 127.0.0.1 only; nothing leaves this PC.
    /// Prints the page's address (with this run's access token) on the first line.
    Serve {
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8790)]
        port: u16,
        /// Open the page in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Show how kokoku tokenizes a text (for writing rule patterns).
    Tokens {
        /// The text to analyse.
        text: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input. Defaults to `.`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a finding at or above this severity is found [default: warning,
    /// or `fail-on` in kokoku.toml].
    #[arg(long, value_parser = named(&Severity::ALL, Severity::as_str))]
    fail_on: Option<Severity>,
    /// Report only these rules: codes, ids, families or globs (`PMD-01,kei,*superlative*`).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not report these rules (codes, ids, families or globs).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Judge every input as this kind of page instead of detecting it; repeatable
    /// (`--domain cosmetic` applies the cosmetics rules to a cosmetics page).
    #[arg(long, value_name = "DOMAIN", value_parser = named(&Domain::ALL, Domain::as_str))]
    domain: Vec<Domain>,
    /// Skip files and directories matching this glob when walking directories; repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Skip (in directories) or refuse (named) files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Read inputs in this encoding (shift_jis, euc-jp, utf-8, …) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// The name standard input stands for: its extension picks HTML or Markdown.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// Print the findings and nothing else: no summary line, no notes on standard error.
    #[arg(long, short)]
    quiet: bool,
    /// Leave out the summary line.
    #[arg(long)]
    no_summary: bool,
    /// Add each rule's English summary under its findings (human output is Japanese).
    #[arg(long)]
    english: bool,
    /// Exit with 0 even when findings were reported (2 still means an error).
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes to the files, then report what is left.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also apply the fixes that change what the copy says.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Report only findings on lines changed since this git revision (uncommitted and
    /// untracked changes included); a page's missing disclosures count if it changed at all.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with the source line and carets.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// An array of findings (documented in README.md).
    Json,
    /// One JSON finding per line.
    JsonLines,
    /// One JSON object per file: the kind of page, what it advertises, the verdict of
    /// each page-level check, and its findings.
    JsonDocuments,
    /// SARIF 2.1.0 (code scanning), columns in Unicode code points.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// reviewdog's rdjson, columns in UTF-8 bytes, fixes as suggestions.
    Rdjson,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML test report.
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or I/O error.
const FOUND: u8 = 1;
const TROUBLE: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let source = match (cli.config, cli.isolated) {
        (Some(path), _) => ConfigSource::Named(path),
        (None, true) => ConfigSource::Isolated,
        (None, false) => ConfigSource::Discover,
    };
    let mut setups = Setups::new(source, cli.rule_files);
    let code = match cli.command {
        Command::Check(args) => check::check(&mut setups, &args),
        Command::Rules { format } => with_linter(&mut setups, |linter| match format {
            RulesFormat::Text => print(&rules_table(linter.rules())),
            RulesFormat::Json => print(&rules_json(linter.rules())),
        }),
        Command::Explain { rule } => with_linter(&mut setups, |linter| match linter.rules().get(&rule) {
            Some(rule) => print(&rule.explain(linter.rules())),
            None => fail(&format!("no rule `{rule}`; `kokoku rules` lists them")),
        }),
        Command::TestRules => with_linter(&mut setups, test_rules),
        Command::Server => match kokoku::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Command::Serve { port, open } => match setups.for_dir(Path::new(".")) {
            Ok(index) => serve::serve(setups.get(index), port, open),
            Err(e) => fail(&e),
        },
        Command::Tokens { text } => with_linter(&mut setups, |linter| tokens(linter, &text)),
    };
    // The process is about to end and the system takes the memory back at once; freeing
    // thousands of compiled patterns one by one would add milliseconds to every run.
    std::mem::forget(setups);
    code
}

/// Runs a command other than `check` with the setup of the working directory.
fn with_linter(setups: &mut Setups, work: impl FnOnce(&Linter) -> ExitCode) -> ExitCode {
    match setups.for_dir(Path::new(".")) {
        Ok(index) => work(&setups.get(index).linter),
        Err(e) => fail(&e),
    }
}

fn test_rules(linter: &Linter) -> ExitCode {
    let result = kokoku::selfcheck::verify(linter);
    let mut out: String = result.failures.iter().map(|f| format!("{f}\n")).collect();
    out.push_str(&format!(
        "{} passed, {} failed\n",
        result.checked - result.failures.len(),
        result.failures.len()
    ));
    match print(&out) {
        code if code != ExitCode::SUCCESS => code,
        _ if result.failures.is_empty() => ExitCode::SUCCESS,
        _ => ExitCode::from(FOUND),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("kokoku: error: {message}");
    ExitCode::from(TROUBLE)
}

fn tokens(linter: &Linter, text: &str) -> ExitCode {
    let normalized = Normalized::new(text);
    let mut out = String::from("surface\tlemma\treading\tpos\n");
    for t in linter.tokenizer().tokenize(&normalized.text) {
        let surface = t.surface(&normalized.text);
        out.push_str(&format!("{surface}\t{}\t{}\t{}\n", t.lemma(), t.reading(), t.pos()));
    }
    print(&out)
}

fn print(text: &str) -> ExitCode {
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => fail(&format!("writing output: {e}")),
        _ => ExitCode::SUCCESS,
    }
}

/// Parses one of a library enum's values by its name, offering every name in `--help`
/// (the library has no clap of its own).
fn named<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    let names = all.iter().map(|&value| name(value));
    let parser = clap::builder::PossibleValuesParser::new(names);
    clap::builder::TypedValueParser::map(parser, move |chosen: String| {
        let found = all.iter().find(|&&value| name(value) == chosen.as_str());
        *found.expect("clap admits only the names offered")
    })
}
