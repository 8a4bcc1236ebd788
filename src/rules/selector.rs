//! Choosing rules by name: a code (`PMD-03`), an id (`superlative-claim`), which also
//! names the rules that report the same kind of claim on other pages (`claims`), a
//! family (`pmd`, `pmd/*`) or a glob over codes and ids (`PMD-*`, `*superlative*`), and
//! what a user set for the rules chosen (off, or another severity).

use std::fmt;

use serde::Deserialize;

use super::rule::Rule;
use super::set::RuleSet;
use crate::diagnostic::Severity;

/// A rule name or pattern as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    text: String,
    /// Lower-cased, without a trailing `/*`: what is compared.
    key: String,
}

/// What a user set for the rules a selector chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Off,
    /// `info`, the earlier name of a note, is still read.
    #[serde(alias = "info")]
    Note,
    Warning,
    Error,
}

/// Settings for rules, applied in order of specificity: a family or glob first, an exact
/// code or id last, so `"pmd" = "off"` with `"PMD-01" = "error"` keeps PMD-01 on; among
/// selectors equally specific, the later one wins. `select`, when given, keeps only the
/// rules it names (`--select`).
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    entries: Vec<(Selector, Setting)>,
    select: Option<Vec<Selector>>,
}

impl Selector {
    pub fn new(text: &str) -> Self {
        let lower = text.trim().to_lowercase();
        let key = lower.strip_suffix("/*").unwrap_or(&lower).to_string();
        Self {
            text: text.to_string(),
            key,
        }
    }

    pub fn matches(&self, rule: &Rule) -> bool {
        let names = [rule.code.to_lowercase(), rule.id.clone(), rule.family.to_lowercase()];
        names.iter().chain(&rule.claims).any(|name| glob_match(&self.key, name))
    }

    /// Checks that the selector chooses at least one rule of `rules`: a typo would
    /// otherwise silently do nothing. The error says why, for the caller to say where.
    pub fn names_a_rule(&self, rules: &RuleSet) -> Result<(), &'static str> {
        match rules.rules().iter().any(|r| self.matches(r)) {
            true => Ok(()),
            false => Err("names no rule; `kokoku rules` lists codes, ids and families"),
        }
    }

    /// Exact names (a code or an id) are more specific than families and globs.
    fn is_exact(&self, rule: &Rule) -> bool {
        !self.key.contains('*') && self.key != rule.family.to_lowercase()
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl RuleSettings {
    /// Settings that report only the rules `select` names (all, when it is empty) and
    /// none that `ignore` names, each name checked against `rules`; an error says which
    /// list (`labels`: how the user calls them, `--select` and `--ignore`) and name.
    pub fn chosen(select: &[String], ignore: &[String], rules: &RuleSet, labels: [&str; 2]) -> Result<Self, String> {
        let checked = |label: &str, names: &[String]| -> Result<Vec<Selector>, String> {
            let check = |name: &String| {
                let selector = Selector::new(name);
                match selector.names_a_rule(rules) {
                    Ok(()) => Ok(selector),
                    Err(why) => Err(format!("{label} {name}: {why}")),
                }
            };
            names.iter().map(check).collect()
        };
        let select = checked(labels[0], select)?;
        let ignore = checked(labels[1], ignore)?;
        let mut settings = Self::default();
        if !select.is_empty() {
            settings.select(select);
        }
        for selector in ignore {
            settings.set(selector, Setting::Off);
        }
        Ok(settings)
    }

    pub fn set(&mut self, selector: Selector, setting: Setting) {
        self.entries.push((selector, setting));
    }

    /// Keeps only the rules that one of `selectors` chooses (on top of earlier settings).
    pub fn select(&mut self, selectors: Vec<Selector>) {
        self.select = Some(selectors);
    }

    /// These settings followed by `later` ones, which win where both speak.
    pub fn then(&self, later: &RuleSettings) -> RuleSettings {
        let mut merged = self.clone();
        merged.entries.extend(later.entries.iter().cloned());
        if later.select.is_some() {
            merged.select = later.select.clone();
        }
        merged
    }

    /// Whether `rule` is on.
    pub fn is_on(&self, rule: &Rule) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|select| select.iter().any(|s| s.matches(rule)));
        selected && self.setting(rule) != Some(Setting::Off)
    }

    /// The severity the user gave `rule`, if any.
    pub fn severity_override(&self, rule: &Rule) -> Option<Severity> {
        match self.setting(rule)? {
            Setting::Off => None,
            Setting::Note => Some(Severity::Note),
            Setting::Warning => Some(Severity::Warning),
            Setting::Error => Some(Severity::Error),
        }
    }

    fn setting(&self, rule: &Rule) -> Option<Setting> {
        let chosen = |exact: bool| {
            self.entries
                .iter()
                .rev()
                .find(|(s, _)| s.matches(rule) && s.is_exact(rule) == exact)
                .map(|(_, setting)| *setting)
        };
        chosen(true).or_else(|| chosen(false))
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head)
                && (0..=name.len() - head.len())
                    .filter(|&skip| name.is_char_boundary(head.len() + skip))
                    .any(|skip| glob_match(tail, &name[head.len() + skip..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::builtin().unwrap()
    }

    /// The severity a rule reports at, or `None` when it is off.
    fn on(settings: &RuleSettings, code: &str) -> Option<Severity> {
        let rules = rules();
        let rule = rules.get(code).unwrap();
        settings
            .is_on(rule)
            .then(|| settings.severity_override(rule).unwrap_or(rule.severity))
    }

    #[test]
    fn selectors_name_codes_ids_families_and_globs() {
        let rules = rules();
        let pmd03 = rules.get("PMD-03").unwrap();
        for name in [
            "PMD-03",
            "pmd-03",
            "superlative-claim",
            "pmd",
            "PMD/*",
            "PMD-*",
            "*superlative*",
        ] {
            assert!(Selector::new(name).matches(pmd03), "{name}");
        }
        for name in ["PMD-0", "med", "superlative", "cos/*", "*-claim-x"] {
            assert!(!Selector::new(name).matches(pmd03), "{name}");
        }
        // MED-01 reports on clinic pages what PMD-01 reports elsewhere.
        let med01 = rules.get("MED-01").unwrap();
        assert!(Selector::new("guarantee-of-efficacy").matches(med01));
        assert!(!Selector::new("superlative-claim").matches(med01));
    }

    #[test]
    fn exact_names_win_over_families_and_later_over_earlier() {
        let mut settings = RuleSettings::default();
        settings.set(Selector::new("PMD-01"), Setting::Note);
        settings.set(Selector::new("pmd"), Setting::Off);
        assert_eq!(on(&settings, "PMD-01"), Some(Severity::Note));
        assert_eq!(on(&settings, "PMD-02"), None);
        assert_eq!(on(&settings, "MED-01"), Some(Severity::Error), "untouched");
        settings.set(Selector::new("guarantee-of-efficacy"), Setting::Off);
        assert_eq!(on(&settings, "PMD-01"), None);
    }

    #[test]
    fn chosen_rules_are_named_lists_checked_against_the_set() {
        let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let labels = ["select", "ignore"];
        let chosen = RuleSettings::chosen(&names(&["pmd"]), &names(&["PMD-02"]), &rules(), labels).unwrap();
        assert_eq!(on(&chosen, "PMD-01"), Some(Severity::Error));
        assert_eq!(on(&chosen, "PMD-02"), None, "ignored");
        assert_eq!(on(&chosen, "MED-01"), None, "not selected");
        let everything = RuleSettings::chosen(&[], &[], &rules(), labels).unwrap();
        assert_eq!(on(&everything, "MED-01"), Some(Severity::Error));
        let err = RuleSettings::chosen(&[], &names(&["PMD-99"]), &rules(), labels).unwrap_err();
        assert!(err.starts_with("ignore PMD-99: "), "{err}");
    }

    #[test]
    fn select_keeps_only_the_rules_named() {
        let mut settings = RuleSettings::default();
        settings.set(Selector::new("KEI-03"), Setting::Off);
        let mut cli = RuleSettings::default();
        cli.select(vec![Selector::new("kei")]);
        let merged = settings.then(&cli);
        assert_eq!(on(&merged, "KEI-01"), Some(Severity::Error));
        assert_eq!(on(&merged, "KEI-03"), None, "still off");
        assert_eq!(on(&merged, "PMD-01"), None, "not selected");
    }

    #[test]
    fn globs_match_any_run_of_characters() {
        assert!(glob_match("a*c", "abbc"));
        assert!(glob_match("*", ""));
        assert!(glob_match("*最*", "最先端"));
        assert!(!glob_match("a*c", "abcd"));
    }
}
