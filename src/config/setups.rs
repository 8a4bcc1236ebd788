//! Which config and linter each input gets: the nearest `kokoku.toml` above it (or a
//! named one, or none), each config loaded once with its own rule files and user
//! dictionary. Every front end picks its linters here: the command line for its
//! inputs, an editor for its documents.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Config;
use crate::Linter;
use crate::rules::{Rule, RuleSet};
use crate::text::Tokenizer;

/// Where configs come from.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    /// The nearest config above each input.
    Discover,
    /// This one file for every input (`--config`).
    Named(PathBuf),
    /// None (`--isolated`).
    Isolated,
}

/// A config (if any) and the linter built from it.
pub struct Setup {
    pub config: Option<Config>,
    pub linter: Linter,
}

/// The setups met so far, each built once.
pub struct Setups {
    source: ConfigSource,
    /// `--rule-file`s, added to every config's own.
    rule_files: Vec<PathBuf>,
    config_of_dir: HashMap<PathBuf, Option<PathBuf>>,
    index_of_config: HashMap<Option<PathBuf>, usize>,
    built: Vec<Setup>,
}

impl Setups {
    pub fn new(source: ConfigSource, rule_files: Vec<PathBuf>) -> Self {
        Self {
            source,
            rule_files,
            config_of_dir: HashMap::new(),
            index_of_config: HashMap::new(),
            built: Vec::new(),
        }
    }

    /// The setup for a file in `dir`, built on first use; errors name the file at fault.
    pub fn for_dir(&mut self, dir: &Path) -> Result<usize, String> {
        let config = match &self.source {
            ConfigSource::Isolated => None,
            ConfigSource::Named(path) => Some(path.clone()),
            ConfigSource::Discover => self
                .config_of_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| Config::discover(dir))
                .clone(),
        };
        if let Some(&index) = self.index_of_config.get(&config) {
            return Ok(index);
        }
        let setup = build(config.as_deref(), &self.rule_files)?;
        self.built.push(setup);
        self.index_of_config.insert(config, self.built.len() - 1);
        Ok(self.built.len() - 1)
    }

    /// The setup for a file at `path`.
    pub fn for_file(&mut self, path: &Path) -> Result<usize, String> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        self.for_dir(dir)
    }

    pub fn get(&self, index: usize) -> &Setup {
        &self.built[index]
    }

    /// Every rule of every setup built, once each (by code), in rule-set order.
    pub fn rules(&self) -> Vec<&Rule> {
        let mut seen = HashSet::new();
        self.built
            .iter()
            .flat_map(|s| s.linter.rules().rules())
            .filter(|r| seen.insert(r.code.as_str()))
            .collect()
    }
}

fn build(config: Option<&Path>, rule_files: &[PathBuf]) -> Result<Setup, String> {
    let config = config.map(Config::load).transpose().map_err(|e| e.to_string())?;
    let mut files = rule_files.to_vec();
    let in_config = |e: String| match &config {
        Some(c) => format!("{e} (named in {})", c.path.display()),
        None => e,
    };
    if let Some(config) = &config {
        files.extend(config.rule_files.iter().cloned());
    }
    // IPADIC loads on another thread while the rules load.
    let user_dictionary = config.as_ref().and_then(|c| c.user_dictionary.as_deref());
    let tokenizer = || Tokenizer::with_user_dictionary(user_dictionary);
    let (rules, tokenizer) = match cfg!(feature = "threads") {
        true => std::thread::scope(|scope| {
            let tokenizer = scope.spawn(tokenizer);
            let rules = load_rules(&files);
            (rules, tokenizer.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
        }),
        false => (load_rules(&files), tokenizer()),
    };
    let rules = rules.map_err(in_config)?;
    if let Some(config) = &config {
        config.check_rules(&rules).map_err(|e| e.to_string())?;
    }
    let tokenizer = tokenizer.map_err(in_config)?;
    let linter = Linter::with_tokenizer(rules, tokenizer).map_err(|e| in_config(e.to_string()))?;
    Ok(Setup { config, linter })
}

/// The built-in rules and the user's rule files; errors name the file (and line).
fn load_rules(rule_files: &[PathBuf]) -> Result<RuleSet, String> {
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
    RuleSet::builtin_with(&files).map_err(|e| e.to_string())
}
