//! Expands the command line into inputs: files as given, directories walked.

use std::path::{Path, PathBuf};

use kokoku::source::Format;

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    /// A file; `walked` when found in a directory rather than named by the user (a
    /// walked file that cannot be read is skipped with a note, a named one is an error).
    File {
        path: PathBuf,
        walked: bool,
    },
}

/// Files named, and the linted files under directories named (respecting .gitignore
/// and the `exclude` globs), in a stable order; problems are returned as messages.
pub fn collect(paths: &[PathBuf], exclude: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut walk = ignore::WalkBuilder::new(path);
            match excludes(path, exclude) {
                Ok(overrides) => {
                    walk.overrides(overrides);
                }
                Err(e) => {
                    problems.push(format!("--exclude: {e}"));
                    continue;
                }
            }
            let mut found = Vec::new();
            for entry in walk.build() {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && Format::is_linted(entry.path()) => {
                        found.push(entry.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(e.to_string()),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(|path| Input::File { path, walked: true }));
        } else if path.exists() {
            inputs.push(Input::File {
                path: path.clone(),
                walked: false,
            });
        } else {
            problems.push(format!("{}: no such file or directory", path.display()));
        }
    }
    (inputs, problems)
}

/// `--exclude` globs as the walker's overrides (an override glob prefixed with `!`
/// excludes).
fn excludes(root: &Path, globs: &[String]) -> Result<ignore::overrides::Override, ignore::Error> {
    let mut builder = ignore::overrides::OverrideBuilder::new(root);
    for glob in globs {
        builder.add(&format!("!{glob}"))?;
    }
    builder.build()
}
