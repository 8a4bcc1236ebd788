//! `--changed-since REV`: which lines git says changed since a revision, so a site that
//! adopts kokoku is held to it only where it is being edited.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use kokoku::Lines;

/// The changed lines of every file in the working tree that differs from a revision.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: HashMap<PathBuf, Lines>,
}

impl ChangedLines {
    /// Asks git (in the working directory's repository) what changed since `rev`,
    /// including uncommitted and untracked files.
    pub fn since(rev: &str) -> Result<Self, String> {
        let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"], Path::new("."))?.trim_end());
        // Keys are canonical paths, so that a file named on the command line is found.
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        let diff = git(
            &[
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                rev,
                "--",
            ],
            &top,
        )?;
        let mut changed = Self::parse_diff(&top, &diff);
        for path in git(&["ls-files", "--others", "--exclude-standard", "-z"], &top)?.split('\0') {
            if !path.is_empty() {
                changed.files.insert(top.join(path), Lines::All);
            }
        }
        Ok(changed)
    }

    /// The changed lines of `git diff --unified=0` output, paths under `top`.
    fn parse_diff(top: &Path, diff: &str) -> Self {
        let mut files = HashMap::new();
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path.strip_prefix("b/").map(|p| top.join(p));
                if let Some(path) = &current {
                    files.insert(path.clone(), Lines::Only(Vec::new()));
                }
            } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), &current) {
                // @@ -old,count +new,count @@: a count of 0 is a pure deletion.
                let new = hunk.split(' ').find_map(|part| part.strip_prefix('+'));
                let (start, count) = match new.map(|n| n.split_once(',').unwrap_or((n, "1"))) {
                    Some((start, count)) => (start.parse().unwrap_or(0), count.parse().unwrap_or(1)),
                    None => continue,
                };
                if let (Some(Lines::Only(lines)), true) = (files.get_mut(path), count > 0) {
                    lines.push(start..=start + count - 1);
                }
            }
        }
        Self { files }
    }

    /// What changed in `path` (relative to the working directory or absolute).
    pub fn of(&self, path: &Path) -> Lines {
        std::fs::canonicalize(path)
            .ok()
            .and_then(|p| self.files.get(&p).cloned())
            .unwrap_or(Lines::None)
    }
}

fn git(args: &[&str], dir: &Path) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("--changed-since needs git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "--changed-since: git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "--changed-since: git printed a path that is not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_become_line_ranges() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+a\n+b\n@@ -20,3 +21,0 @@\n-gone\ndiff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        let changed = ChangedLines::parse_diff(Path::new("/r"), diff);
        assert_eq!(changed.files.len(), 1);
        let a = &changed.files[Path::new("/r/a.md")];
        assert_eq!(a, &Lines::Only(vec![3..=3, 11..=12]));
        assert!(a.keep(12, false) && !a.keep(13, false) && !a.keep(21, false));
    }
}
