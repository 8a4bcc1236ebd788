//! `kokoku check`: inputs → (config, linter, options) each → findings → report → exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, NoColor, StandardStream, WriteColor};
use encoding_rs::Encoding;
use kokoku::diagnostic::Severity;
use kokoku::parallel::{cores, in_order};
use kokoku::render::{
    Automation, Checked, Human, SarifRun, concise, github, gitlab, json, json_documents, json_lines, junit, rdjson,
    sarif, statistics,
};
use kokoku::rules::{Rule, RuleSettings};
use kokoku::source::{LoadError, SourceFile};
use kokoku::{Lines, Options};

use super::changed::ChangedLines;
use super::walk::{Input, collect};
use super::write;
use super::{CheckArgs, Color, FOUND, Format, TROUBLE, fail, print};
use kokoku::config::{Setup, Setups};

/// One input with what it is linted with.
struct Job {
    input: Input,
    setup: usize,
    options: Options,
    fail_on: Severity,
}

pub fn check(setups: &mut Setups, args: &CheckArgs) -> ExitCode {
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return fail("--unsafe-fixes goes with --fix or --diff");
    }
    let encoding = match args
        .encoding
        .as_deref()
        .map(|label| (label, Encoding::for_label(label.as_bytes())))
    {
        None => None,
        Some((_, Some(encoding))) => Some(encoding),
        Some((label, None)) => return fail(&format!("unknown encoding `{label}` (try utf-8, shift_jis, euc-jp)")),
    };
    // The setup of the working directory vouches for the command line's rule names.
    let here = match setups.for_dir(Path::new(".")) {
        Ok(here) => here,
        Err(e) => return fail(&e),
    };
    let rules = setups.get(here).linter.rules();
    let cli_rules = match RuleSettings::chosen(&args.select, &args.ignore, rules, ["--select", "--ignore"]) {
        Ok(rules) => rules,
        Err(e) => return fail(&e),
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
    let changed = match args.changed_since.as_deref().map(ChangedLines::since).transpose() {
        Ok(changed) => changed,
        Err(e) => return fail(&e),
    };
    let mut jobs = match plan(setups, inputs, args, &cli_rules, changed.as_ref()) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };

    // One file alone (a pre-commit hook on one page) shares its rules out between the
    // cores; several files are checked side by side, one per core.
    if let [job] = jobs.as_mut_slice() {
        job.options.threads = cores();
    }
    let mut checked = Vec::new();
    let mut fail_on = Vec::new();
    let mut diffs = String::new();
    let setups = &*setups;
    for (job, loaded) in jobs.iter().zip(in_order(&jobs, cores(), |job| {
        load_and_lint(setups.get(job.setup), job, args, encoding)
    })) {
        match loaded {
            Ok(Some(outcome)) => {
                for problem in &outcome.problems {
                    eprintln!("kokoku: error: {problem}");
                }
                trouble |= !outcome.problems.is_empty();
                diffs.push_str(outcome.diff.as_deref().unwrap_or_default());
                checked.push(outcome.checked);
                fail_on.push(job.fail_on);
            }
            Ok(None) => {}
            Err(e) if matches!(job.input, Input::File { walked: true, .. }) && e.is_skippable() => {
                note(args, &format!("note: skipped {e}"));
            }
            Err(e) => {
                eprintln!("kokoku: error: {e}");
                trouble = true;
            }
        }
    }
    if args.diff {
        return match print(&diffs) {
            code if code != ExitCode::SUCCESS => code,
            _ if trouble => ExitCode::from(TROUBLE),
            _ if diffs.is_empty() => ExitCode::SUCCESS,
            _ => ExitCode::from(FOUND),
        };
    }
    let rules = setups.rules();
    // Where the repository is matters to SARIF alone: other formats skip the lookups.
    let sarif_run = || SarifRun {
        cwd: std::env::current_dir().unwrap_or_default(),
        root: repository_root(paths.first().map(PathBuf::as_path)),
        help_uri: setups.get(here).config.as_ref().and_then(|c| c.help_uri.clone()),
        automation: azure_pipeline().unwrap_or_default(),
    };
    let written = match &args.output_file {
        Some(path) => {
            let mut buffer = NoColor::new(Vec::new());
            render(args, &checked, (&rules, &sarif_run), &mut buffer)
                .and_then(|()| std::fs::write(path, buffer.into_inner()))
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
        }
        None => render(
            args,
            &checked,
            (&rules, &sarif_run),
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
            .zip(&fail_on)
            .any(|(c, fail_on)| c.report.diagnostics.iter().any(|d| d.severity >= *fail_on));
    match (trouble, failing) {
        (true, _) => ExitCode::from(TROUBLE),
        (false, true) => ExitCode::from(FOUND),
        (false, false) => ExitCode::SUCCESS,
    }
}

/// Gives every input its setup and options; inputs the config excludes are left out.
fn plan(
    setups: &mut Setups,
    inputs: Vec<Input>,
    args: &CheckArgs,
    cli_rules: &RuleSettings,
    changed: Option<&ChangedLines>,
) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    for input in inputs {
        let path = match &input {
            Input::File { path, .. } => path.clone(),
            Input::Stdin => args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-")),
        };
        let setup = setups.for_file(&path)?;
        let config = setups.get(setup).config.as_ref();
        if config.is_some_and(|c| c.excludes(&path)) {
            continue;
        }
        let mut options = config.map(|c| c.options_for(&path)).unwrap_or_default();
        if !args.domain.is_empty() {
            options.domains = Some(args.domain.iter().copied().collect());
        }
        options.rules = options.rules.then(cli_rules);
        options.lines = changed.map_or(Lines::All, |c| c.of(&path));
        jobs.push(Job {
            input,
            setup,
            options,
            fail_on: args
                .fail_on
                .or(config.and_then(|c| c.fail_on))
                .unwrap_or(Severity::Warning),
        });
    }
    Ok(jobs)
}

/// Writes the report in the chosen format; SARIF also describes the rules and says
/// where the files are.
fn render(
    args: &CheckArgs,
    checked: &[Checked],
    (rules, sarif_run): (&[&Rule], &dyn Fn() -> SarifRun),
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let human = Human::quiet(args.quiet || args.no_summary).with_english(args.english);
    match args.format {
        Format::Human if args.statistics => statistics(out, checked),
        Format::Human => human.render(out, checked),
        Format::Concise => write!(out, "{}", concise(checked)),
        Format::Json => writeln!(out, "{}", json(checked)),
        Format::JsonLines => write!(out, "{}", json_lines(checked)),
        Format::JsonDocuments => writeln!(out, "{}", json_documents(checked)),
        Format::Sarif => writeln!(out, "{}", sarif(checked, rules, &sarif_run())),
        Format::Github => write!(out, "{}", github(checked)),
        Format::Rdjson => write!(out, "{}", rdjson(checked)),
        Format::Gitlab => write!(out, "{}", gitlab(checked)),
        Format::Junit => write!(out, "{}", junit(checked)),
    }?;
    out.flush()
}

/// What became of one input.
struct Outcome {
    checked: Checked,
    /// `--diff`: the fixes as a unified diff, if there are any.
    diff: Option<String>,
    /// A fix that could not be written, waivers naming no rule.
    problems: Vec<String>,
}

/// Reads and lints one input, fixing it if asked; `None` for an empty file (with a warning).
fn load_and_lint(
    setup: &Setup,
    job: &Job,
    args: &CheckArgs,
    encoding: Option<&'static Encoding>,
) -> Result<Option<Outcome>, LoadError> {
    let file = match &job.input {
        Input::Stdin => SourceFile::stdin(args.stdin_filename.as_deref(), encoding, args.max_file_size)?,
        Input::File { path, .. } => SourceFile::read(path, encoding, args.max_file_size)?,
    };
    if file.text.trim().is_empty() {
        note(
            args,
            &format!("warning: {}: the file is empty; nothing to check", file.name),
        );
        return Ok(None);
    }
    let linter = &setup.linter;
    let first = linter.check(&file, &job.options);
    let fixed = (args.fix || args.diff)
        .then(|| linter.fix(&file, &first, &job.options, args.unsafe_fixes))
        .flatten();
    let name = file.name.clone();
    let mut diff = None;
    let mut problem = None;
    if let Some(after) = &fixed {
        if args.diff {
            let unified = similar::TextDiff::from_lines(&file.text, &after.file.text)
                .unified_diff()
                .header(&name, &name)
                .to_string();
            diff = Some(unified);
        } else {
            problem = match &job.input {
                Input::File { path, .. } => write::write(path, &file, &after.file.text)
                    .err()
                    .map(|e| format!("{name}: {e}")),
                Input::Stdin => Some(format!("{name}: --fix cannot write to standard input; use --diff")),
            };
        }
    }
    // Report on the fixed text when it was written, on the file as it is otherwise.
    let (file, report, count) = match fixed {
        Some(after) if problem.is_none() && !args.diff => (after.file, after.report, after.applied),
        _ => (file, first, 0),
    };
    for directive in &report.waivers.unused {
        note(
            args,
            &format!(
                "warning: {name}:{}: this kokoku-disable directive suppresses nothing; remove it",
                directive.line
            ),
        );
    }
    // A waiver naming no rule is an error, as a config naming none is: it waives
    // nothing, and the finding it was written for still stands.
    let unknown = report.waivers.unknown.iter().map(|(line, rule)| {
        format!("{name}:{line}: this kokoku-disable directive names no rule `{rule}`; `kokoku rules` lists codes, ids and families")
    });
    let problems: Vec<String> = problem.into_iter().chain(unknown).collect();
    for directive in &report.waivers.unreasoned {
        eprintln!(
            "kokoku: warning: {name}:{}: this kokoku-disable directive gives no reason (`-- 理由`), which the config requires (require-reason); it waives nothing",
            directive.line
        );
    }
    Ok(Some(Outcome {
        checked: Checked {
            file,
            report,
            fixed: count,
        },
        diff,
        problems,
    }))
}

/// A message on standard error that `--quiet` silences.
fn note(args: &CheckArgs, message: &str) {
    if !args.quiet {
        eprintln!("kokoku: {message}");
    }
}

fn color_choice(color: Color) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    }
}

/// The root of the git work tree SARIF names files from: the one the working directory
/// is in (the nearest directory above holding `.git`), else the one the first input is
/// in, else the working directory.
fn repository_root(first_input: Option<&Path>) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root_above = |path: &Path| {
        path.ancestors()
            .find(|dir| dir.join(".git").exists())
            .map(Path::to_path_buf)
    };
    let input = first_input.map(|path| cwd.join(path));
    (root_above(&cwd).or_else(|| input.as_deref().and_then(root_above))).unwrap_or(cwd)
}

/// In an Azure Pipelines job, the automation details GitHub Advanced Security for Azure
/// DevOps requires of a SARIF log, from the pipeline's predefined variables.
fn azure_pipeline() -> Option<Automation> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    var("TF_BUILD")?;
    let (definition, phase) = (var("BUILD_DEFINITIONID")?, var("SYSTEM_PHASEID")?);
    // https://dev.azure.com/ORG/ or https://ORG.visualstudio.com/
    let collection = var("SYSTEM_COLLECTIONURI").unwrap_or_default();
    let host = collection.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    let organization = host.strip_suffix(".visualstudio.com").unwrap_or(host);
    let parts = [
        organization.to_string(),
        var("SYSTEM_TEAMPROJECT").unwrap_or_default(),
        definition.clone(),
        phase.clone(),
        var("BUILD_SOURCEBRANCH").unwrap_or_default(),
        var("BUILD_BUILDID").unwrap_or_default(),
    ];
    let property = |key: &str, value: String| (format!("azuredevops/pipeline/build/{key}"), value);
    Some(Automation {
        id: format!("azuredevops/pipeline/build/{}", parts.join("/")),
        properties: [
            property("buildDefinitionId", definition),
            property("buildDefinitionName", var("BUILD_DEFINITIONNAME").unwrap_or_default()),
            property("phaseId", phase),
            property("phaseName", var("SYSTEM_PHASENAME").unwrap_or_default()),
        ]
        .into(),
    })
}
