//! `kokoku.toml` (or `.kokoku.toml`): project settings, found from a linted file's
//! directory upward. Paths and globs in it are relative to its directory. `setups`
//! turns each config met into the linter its files get.
//!
//! Above `lint`: may import every layer of the core; front ends import this.

mod setups;

pub use setups::{ConfigSource, Setup, Setups};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::FileError;
use crate::diagnostic::Severity;
use crate::lint::Options;
use crate::rules::{Domain, RuleSet, RuleSettings, Selector, Setting};

/// The names a config file may have, in order of preference within one directory.
pub const FILE_NAMES: [&str; 2] = ["kokoku.toml", ".kokoku.toml"];

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    profile: Option<Spanned<OneOrMany<Domain>>>,
    fail_on: Option<Severity>,
    #[serde(default)]
    require_reason: bool,
    #[serde(default)]
    extend_dictionaries: Vec<Spanned<String>>,
    user_dictionary: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Setting>,
    #[serde(default)]
    per_file: BTreeMap<Spanned<String>, PerFileDef>,
    help_uri: Option<String>,
    #[serde(default)]
    provided: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PerFileDef {
    profile: Option<OneOrMany<Domain>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Setting>,
    #[serde(default)]
    provided: Vec<Spanned<String>>,
}

/// `profile = "medical"` or `profile = ["cosmetic", "affiliate"]`.
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IntoDeserializer, SeqAccess, Visitor, value::SeqAccessDeserializer};

        struct Either<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Either<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(OneOrMany::One)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
            }
        }
        deserializer.deserialize_any(Either(std::marker::PhantomData))
    }
}

impl<T: Ord> OneOrMany<T> {
    fn into_set(self) -> BTreeSet<T> {
        match self {
            Self::One(one) => BTreeSet::from([one]),
            Self::Many(many) => many.into_iter().collect(),
        }
    }
}

/// A loaded config.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its directory, which its paths and globs are relative to.
    pub root: PathBuf,
    pub domains: Option<BTreeSet<Domain>>,
    pub fail_on: Option<Severity>,
    /// Waivers (`kokoku-disable…`) must give a reason after `--`.
    pub require_reason: bool,
    /// User rule files, resolved against `root`.
    pub rule_files: Vec<PathBuf>,
    /// A lindera user dictionary (CSV), resolved against `root`.
    pub user_dictionary: Option<PathBuf>,
    /// Where the team documents each rule, `{code}` and `{id}` to fill in (SARIF's
    /// `helpUri`).
    pub help_uri: Option<String>,
    pub rules: RuleSettings,
    exclude: Vec<Pattern>,
    per_file: Vec<PerFile>,
    /// Every rule selector with its line, to check that each names a rule.
    selectors: Vec<(Selector, usize)>,
    /// Statements the site's template adds to every page (its footer's contact
    /// details): the page-level checks count them as present.
    provided: BTreeSet<String>,
    /// Every provided item with its line, to check that each is an item of a check.
    provided_at: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
struct PerFile {
    files: Pattern,
    domains: Option<BTreeSet<Domain>>,
    rules: RuleSettings,
    provided: BTreeSet<String>,
}

/// A glob relative to the config's directory; one without a `/` matches a file name in
/// any directory, like a .gitignore line.
#[derive(Debug, Clone)]
struct Pattern {
    matcher: GlobMatcher,
    anywhere: bool,
}

impl Pattern {
    fn new(glob: &str) -> Result<Self, globset::Error> {
        let anywhere = !glob.contains('/');
        let matcher = match anywhere {
            true => Glob::new(glob)?.compile_matcher(),
            false => GlobBuilder::new(glob.trim_start_matches("./"))
                .literal_separator(true)
                .build()?
                .compile_matcher(),
        };
        Ok(Self { matcher, anywhere })
    }

    /// Whether `relative` (a path under the config's directory), or a directory above
    /// it, matches.
    fn matches(&self, relative: &Path) -> bool {
        relative.ancestors().filter(|p| !p.as_os_str().is_empty()).any(|p| {
            self.matcher.is_match(p) || (self.anywhere && p.file_name().is_some_and(|n| self.matcher.is_match(n)))
        })
    }
}

impl Config {
    /// Reads and checks a config file; errors name the file and line.
    pub fn load(path: &Path) -> Result<Self, FileError> {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|e| FileError {
            file: name.clone(),
            line: 1,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(path, &source)
    }

    /// Checks a config given as text, as if read from `path`.
    pub fn parse(path: &Path, source: &str) -> Result<Self, FileError> {
        let name = path.display().to_string();
        let at = |offset: usize, message: String| FileError::at(&name, source, offset, message);
        let file: ConfigFile = toml::from_str(source).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, e.message().trim_end().to_string())
        })?;
        let root = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let pattern = |glob: &Spanned<String>| {
            Pattern::new(glob.get_ref()).map_err(|e| at(glob.span().start, format!("bad glob: {e}")))
        };
        let mut selectors = Vec::new();
        let mut settings = |table: BTreeMap<Spanned<String>, Setting>| {
            let mut settings = RuleSettings::default();
            let mut entries: Vec<_> = table.into_iter().collect();
            entries.sort_by_key(|(selector, _)| selector.span().start);
            for (selector, setting) in entries {
                let line = line_at(source, selector.span().start);
                let selector = Selector::new(selector.get_ref());
                selectors.push((selector.clone(), line));
                settings.set(selector, setting);
            }
            settings
        };
        let rules = settings(file.rules);
        let mut provided_at = Vec::new();
        let mut provided = |items: Vec<Spanned<String>>| -> BTreeSet<String> {
            let lines = items
                .iter()
                .map(|item| (item.get_ref().clone(), line_at(source, item.span().start)));
            provided_at.extend(lines);
            items.into_iter().map(Spanned::into_inner).collect()
        };
        let provided_everywhere = provided(file.provided);
        let mut per_file = Vec::new();
        for (glob, def) in file.per_file {
            per_file.push(PerFile {
                files: pattern(&glob)?,
                domains: def.profile.map(OneOrMany::into_set),
                rules: settings(def.rules),
                provided: provided(def.provided),
            });
        }
        let resolve = |p: &Spanned<String>| root.join(p.get_ref());
        Ok(Self {
            path: path.to_path_buf(),
            domains: file.profile.map(|p| p.into_inner().into_set()),
            fail_on: file.fail_on,
            require_reason: file.require_reason,
            rule_files: file.extend_dictionaries.iter().map(resolve).collect(),
            user_dictionary: file.user_dictionary.as_ref().map(resolve),
            help_uri: file.help_uri,
            rules,
            exclude: file.exclude.iter().map(pattern).collect::<Result<_, _>>()?,
            per_file,
            selectors,
            provided: provided_everywhere,
            provided_at,
            root,
        })
    }

    /// The config that applies to files in `dir`: the first `kokoku.toml` or
    /// `.kokoku.toml` in it or a directory above it.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        let dir = std::path::absolute(dir).ok()?;
        dir.ancestors()
            .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    }

    /// Every rule setting names at least one rule, and every provided statement is an
    /// item of a page-level check.
    pub fn check_rules(&self, rules: &RuleSet) -> Result<(), FileError> {
        let at = |line: usize, message: String| FileError {
            file: self.path.display().to_string(),
            line,
            message,
        };
        for (selector, line) in &self.selectors {
            selector
                .names_a_rule(rules)
                .map_err(|why| at(*line, format!("`{selector}` {why}")))?;
        }
        let items = rules.item_keys();
        if let Some((item, line)) = self.provided_at.iter().find(|(item, _)| !items.contains(item.as_str())) {
            let known: Vec<&str> = items.into_iter().collect();
            let message = format!(
                "`provided` names no item `{item}`; the page-level checks' items are {}",
                known.join(", ")
            );
            return Err(at(*line, message));
        }
        Ok(())
    }

    /// Whether `exclude` leaves `file` out.
    pub fn excludes(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        self.exclude.iter().any(|p| p.matches(&relative))
    }

    /// How to lint `file`: the config's settings, then those of every `[per-file]` glob
    /// that matches it, in order.
    pub fn options_for(&self, file: &Path) -> Options {
        let relative = self.relative(file);
        let mut options = Options {
            domains: self.domains.clone(),
            rules: self.rules.clone(),
            require_reason: self.require_reason,
            provided: self.provided.clone(),
            ..Options::default()
        };
        for per_file in self.per_file.iter().filter(|p| p.files.matches(&relative)) {
            if per_file.domains.is_some() {
                options.domains.clone_from(&per_file.domains);
            }
            options.rules = options.rules.then(&per_file.rules);
            options.provided.extend(per_file.provided.iter().cloned());
        }
        options
    }

    fn relative(&self, file: &Path) -> PathBuf {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        absolute
            .strip_prefix(&self.root)
            .map_or_else(|_| file.to_path_buf(), Path::to_path_buf)
    }
}

fn line_at(source: &str, offset: usize) -> usize {
    FileError::at("", source, offset, "").line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Config, FileError> {
        Config::parse(Path::new("/site/kokoku.toml"), source)
    }

    #[test]
    fn every_key() {
        let config = parse(
            r#"
profile = "cosmetic"
fail-on = "error"
require-reason = true
extend-dictionaries = ["rules/house.toml"]
user-dictionary = "words.csv"
exclude = ["vendor/**", "*.min.html"]

[rules]
"superlative-claim" = "off"
"kei" = "info"

[per-file."columns/**"]
profile = ["medical"]
rules = { "MED-04" = "off" }
"#,
        )
        .unwrap();
        assert_eq!(config.domains, Some(BTreeSet::from([Domain::Cosmetic])));
        assert_eq!(config.fail_on, Some(Severity::Error));
        assert!(config.require_reason);
        assert_eq!(config.rule_files, [PathBuf::from("/site/rules/house.toml")]);
        assert_eq!(config.user_dictionary, Some(PathBuf::from("/site/words.csv")));
        assert!(config.excludes(Path::new("/site/vendor/a/b.html")));
        assert!(config.excludes(Path::new("/site/js/app.min.html")));
        assert!(!config.excludes(Path::new("/site/index.html")));

        let rules = RuleSet::builtin().unwrap();
        config.check_rules(&rules).unwrap();
        let rule = |code| rules.get(code).unwrap();
        let column = config.options_for(Path::new("/site/columns/2024/a.md"));
        assert_eq!(column.domains, Some(BTreeSet::from([Domain::Medical])));
        assert!(!column.rules.is_on(rule("MED-04")));
        assert!(!column.rules.is_on(rule("PMD-03")));
        assert_eq!(column.rules.severity_override(rule("KEI-01")), Some(Severity::Note));
        let top = config.options_for(Path::new("/site/index.html"));
        assert!(top.rules.is_on(rule("MED-04")));
        assert_eq!(top.domains, Some(BTreeSet::from([Domain::Cosmetic])));
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("fail-on = \"error\"\n\n[rules]\n\"PMD-01\" = \"loud\"\n").unwrap_err();
        assert_eq!((err.line, err.file.as_str()), (4, "/site/kokoku.toml"), "{err}");
        let err = parse("fail-on = \"error\"\nfial-on = \"error\"\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("fial-on"), "{err}");
        let err = parse("profile = \"hospital\"\n").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
    }

    #[test]
    fn a_rule_setting_must_name_a_rule() {
        let config = parse("[rules]\n\"PMD-01\" = \"off\"\n\"PMD-99\" = \"off\"\n").unwrap();
        let err = config.check_rules(&RuleSet::builtin().unwrap()).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("PMD-99"), "{err}");
    }

    #[test]
    fn discovery_walks_up_and_prefers_kokoku_toml() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(Config::discover(&nested), None);
        std::fs::write(dir.path().join(".kokoku.toml"), "").unwrap();
        assert_eq!(Config::discover(&nested), Some(dir.path().join(".kokoku.toml")));
        std::fs::write(dir.path().join("a/kokoku.toml"), "").unwrap();
        assert_eq!(Config::discover(&nested), Some(dir.path().join("a/kokoku.toml")));
    }
}
