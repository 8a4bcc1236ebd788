//! Command-line interface: arguments in, exit code out.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, NoColor, StandardStream, WriteColor};
use encoding_rs::Encoding;
use kokoku::diagnostic::Severity;
use kokoku::diagnostic::render::{Checked, Human, concise, github, json, statistics};
use kokoku::rules::{Domain, RuleSet};
use kokoku::source::{Format as SourceFormat, Input, LoadError, MAX_FILE_SIZE, SourceFile, collect};
use kokoku::text::Normalized;
use kokoku::{Linter, suppress};

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (recursively) or standard input (`-`).
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Explain a rule: why it exists, its legal basis, examples.
    Explain {
        /// Rule code or id, e.g. PMD-01 or guarantee-of-efficacy.
        rule: String,
    },
    /// Check every rule's `flag` and `clean` examples and that no suggestion is flagged.
    TestRules,
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
    /// Exit with 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    fail_on: Severity,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Judge every input as this kind of page instead of detecting it; repeatable
    /// (`--domain cosmetic` applies the cosmetics rules to a cosmetics page).
    #[arg(long, value_enum, value_name = "DOMAIN")]
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
    /// Print the findings and nothing else (no summary line).
    #[arg(long, short)]
    quiet: bool,
    /// Exit with 0 even when findings were reported (2 still means an error).
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    statistics: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with the source line and carets.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// An array of findings (documented in README.md).
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
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
    let linter = match load_linter(&cli.rule_files) {
        Ok(linter) => linter,
        Err(e) => return fail(&e),
    };
    match cli.command {
        Command::Check(args) if args.domain.is_empty() => check(&linter, &args),
        Command::Check(args) => check(&linter.with_domains(args.domain.iter().copied().collect()), &args),
        Command::Rules => print_rules(linter.rules()),
        Command::Explain { rule } => match linter.rules().get(&rule) {
            Some(rule) => print(&rule.explain()),
            None => fail(&format!("no rule `{rule}`; `kokoku rules` lists them")),
        },
        Command::TestRules => test_rules(&linter),
        Command::Tokens { text } => tokens(&linter, &text),
    }
}

/// The built-in rules and the user's rule files; errors name the file (and line).
fn load_linter(rule_files: &[PathBuf]) -> Result<Linter, String> {
    let sources = rule_files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            std::fs::read_to_string(path)
                .map(|text| (name.clone(), text))
                .map_err(|e| format!("{name}: cannot read: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let files: Vec<(&str, &str)> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let rules = RuleSet::builtin_with(&files).map_err(|e| e.to_string())?;
    Linter::new(rules).map_err(|e| e.to_string())
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

fn check(linter: &Linter, args: &CheckArgs) -> ExitCode {
    let encoding = match args
        .encoding
        .as_deref()
        .map(|label| (label, Encoding::for_label(label.as_bytes())))
    {
        None => None,
        Some((_, Some(encoding))) => Some(encoding),
        Some((label, None)) => return fail(&format!("unknown encoding `{label}` (try utf-8, shift_jis, euc-jp)")),
    };
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        &args.paths
    };
    let (inputs, problems) = collect(paths, &args.exclude);
    let mut trouble = !problems.is_empty();
    for problem in problems {
        eprintln!("kokoku: error: {problem}");
    }
    let mut checked = Vec::new();
    for (input, loaded) in inputs.iter().zip(in_parallel(&inputs, |input| {
        load_and_lint(linter, args, encoding, input)
    })) {
        match loaded {
            Ok(Some(found)) => checked.push(found),
            Ok(None) => {}
            Err(e) if matches!(input, Input::File { walked: true, .. }) && e.is_skippable() => {
                eprintln!("kokoku: note: skipped {e}");
            }
            Err(e) => {
                eprintln!("kokoku: error: {e}");
                trouble = true;
            }
        }
    }

    let written = match &args.output_file {
        Some(path) => {
            let mut buffer = NoColor::new(Vec::new());
            render(args, &checked, linter, &mut buffer)
                .and_then(|()| std::fs::write(path, buffer.into_inner()))
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
        }
        None => render(
            args,
            &checked,
            linter,
            &mut StandardStream::stdout(color_choice(args.color)),
        ),
    };
    if let Err(e) = written {
        // A closed pipe (`kokoku check | head`) is not worth an error message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return fail(&format!("writing output: {e}"));
        }
    }

    let failing = !args.exit_zero
        && checked
            .iter()
            .flat_map(|c| &c.report.diagnostics)
            .any(|d| d.severity >= args.fail_on);
    match (trouble, failing) {
        (true, _) => ExitCode::from(TROUBLE),
        (false, true) => ExitCode::from(FOUND),
        (false, false) => ExitCode::SUCCESS,
    }
}

/// Writes the report in the chosen format.
fn render(args: &CheckArgs, checked: &[Checked], linter: &Linter, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let human = Human::quiet(args.quiet);
    match args.format {
        Format::Human if args.statistics => statistics(out, checked, linter.rules()),
        Format::Human => human.render(out, checked),
        Format::Json => writeln!(out, "{}", json(checked)),
        Format::Concise => write!(out, "{}", concise(checked)),
        Format::Github => write!(out, "{}", github(checked)),
    }?;
    out.flush()
}

/// Reads and lints one input; `None` for an empty file (with a warning).
fn load_and_lint(
    linter: &Linter,
    args: &CheckArgs,
    encoding: Option<&'static Encoding>,
    input: &Input,
) -> Result<Option<Checked>, LoadError> {
    let file = match input {
        Input::Stdin => SourceFile::stdin(stdin_format(args), encoding, args.max_file_size)?,
        Input::File { path, .. } => SourceFile::read(path, encoding, args.max_file_size)?,
    };
    if file.text.trim().is_empty() {
        eprintln!("kokoku: warning: {}: the file is empty; nothing to check", file.name);
        return Ok(None);
    }
    let mut report = linter.lint(&file.document());
    let applied = suppress::apply(&file.text, report.diagnostics, linter.rules());
    report.diagnostics = applied.kept;
    for directive in applied.unused {
        eprintln!(
            "kokoku: warning: {}:{}: this kokoku-disable directive suppresses nothing; remove it",
            file.name, directive.line
        );
    }
    Ok(Some(Checked { file, report }))
}

/// `work` on every item, on all cores, with the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break results };
                        results.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

fn stdin_format(args: &CheckArgs) -> SourceFormat {
    args.stdin_filename
        .as_deref()
        .map_or(SourceFormat::Text, SourceFormat::of_path)
}

fn color_choice(color: Color) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    }
}

fn print_rules(rules: &RuleSet) -> ExitCode {
    let mut out = String::new();
    for (family, title) in rules.families() {
        out.push_str(&format!("{family}: {title}\n"));
        for rule in rules.rules().iter().filter(|r| &r.family == family) {
            out.push_str(&format!(
                "  {:<9} {:<34} {:<8} {}\n",
                rule.code, rule.id, rule.severity, rule.message
            ));
        }
        out.push('\n');
    }
    print(&out)
}

fn tokens(linter: &Linter, text: &str) -> ExitCode {
    let normalized = Normalized::new(text);
    let mut out = String::from("surface\tlemma\treading\tpos\n");
    for t in linter.tokenizer().tokenize(&normalized.text) {
        out.push_str(&format!("{}\t{}\t{}\t{}\n", t.surface, t.lemma, t.reading, t.pos));
    }
    print(&out)
}

fn print(text: &str) -> ExitCode {
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => fail(&format!("writing output: {e}")),
        _ => ExitCode::SUCCESS,
    }
}
