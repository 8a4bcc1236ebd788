//! The engine: a rule set's compiled state, and matching it over a sentence's tokens.
//!
//! Layer 4. May import `compile`, `rules`, `text`; the judging and page layers above
//! read what it finds.

mod matchers;
mod pattern;
mod words;

use std::collections::BTreeSet;
use std::sync::OnceLock;

pub use matchers::Match;
pub use pattern::candidates;
pub use words::{Analysed, Analyser, PageSentence, Words};

use crate::FileError;
use crate::compile::{self, Compiled};
use crate::rules::{Domain, RuleSet};

/// A rule set and what its rules look for, compiled as documents need them: compiling is
/// most of a one-page run, and a page needs only the rules of its domains (a clinic's,
/// under half). A run compiles at most twice: the rules of the first document's domains,
/// and all of them once a document needs more.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    /// For the domains of the first document to ask.
    first: OnceLock<Compiled>,
    /// Every rule, once a document needs more than `first` has.
    every: OnceLock<Compiled>,
}

impl Engine {
    /// The engine of `rules`. What a user's files bring is compiled now, so that their
    /// mistakes are reported at once, naming file and line; the built-in rules compile
    /// as documents need them (the tests compile every one). A set loaded from TOML
    /// alone is compiled whole.
    pub fn new(rules: RuleSet) -> Result<Self, FileError> {
        let every = OnceLock::new();
        match rules.on_demand {
            true => compile::check_users(&rules.files)?,
            false => {
                let _ = every.set(compile::compile(&rules.files, None)?);
            }
        }
        Ok(Self {
            rules,
            first: OnceLock::new(),
            every,
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The matchers a document of `domains` needs, by rule index.
    ///
    /// # Panics
    ///
    /// If a built-in rule file does not compile, which the tests rule out.
    pub fn compiled_for(&self, domains: &BTreeSet<Domain>) -> &Compiled {
        if let Some(all) = self.every.get() {
            return all;
        }
        let rules = self.rules.rules();
        let rule_needed = |index: usize| rules[index].applies_to(domains);
        let first =
            (self.first).get_or_init(|| built_in(compile::compile(&self.rules.files, Some((&rule_needed, &[])))));
        match (0..rules.len()).all(|i| !rule_needed(i) || first.matchers(i).is_some()) {
            true => first,
            false => self.compiled(),
        }
    }

    /// Every rule's matchers, by rule index.
    ///
    /// # Panics
    ///
    /// As [`Engine::compiled_for`].
    pub fn compiled(&self) -> &Compiled {
        (self.every).get_or_init(|| built_in(compile::compile(&self.rules.files, None)))
    }
}

/// A compile of the built-in files, which cannot fail once the tests pass: they compile
/// every rule. Should it fail while a rule is being written, compiling the files' TOML
/// names the line at fault.
fn built_in(compiled: Result<Compiled, FileError>) -> Compiled {
    compiled.unwrap_or_else(|packed| {
        let from_toml = RuleSet::load_toml(&[]).and_then(Engine::new);
        panic!(
            "a built-in rule file does not compile: {}",
            from_toml.err().unwrap_or(packed)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{LEXICONS, rule_file};

    /// The rule set of one `pmd` file with `body`, compiled.
    fn load(body: &str) -> Result<Engine, FileError> {
        RuleSet::load(("lex.toml", LEXICONS), &[("pmd.toml", &rule_file(body))]).and_then(Engine::new)
    }

    /// A user's family for [`RuleSet::builtin_with`]: one rule with `body`, then
    /// `lexicons` (TOML tables).
    fn house_file(body: &str, lexicons: &str) -> String {
        let rule = rule_file(body)
            .replace("\"pmd\"", "\"house\"")
            .replace("PMD-01", "HOUSE-01")
            .replace("id = \"a\"", "id = \"house-a\"");
        format!("{rule}{lexicons}")
    }

    #[test]
    fn bad_pattern_names_its_line() {
        let err = load("patterns = [\n  \"治る\",\n  \"@missing\",\n]").unwrap_err();
        assert_eq!(err.line, 14);
        assert!(err.message.contains("unknown lexicon"), "{err}");
    }

    #[test]
    fn the_packed_built_in_files_hold_what_their_toml_does() {
        let packed = Engine::new(RuleSet::load_packed(Vec::new()).unwrap()).unwrap();
        let toml = Engine::new(RuleSet::load_toml(&[]).unwrap()).unwrap();
        let (p, t) = (packed.rules(), toml.rules());
        assert_eq!(p.families(), t.families());
        assert_eq!(format!("{:?}", p.rules()), format!("{:?}", t.rules()));
        assert_eq!(format!("{:?}", packed.compiled()), format!("{:?}", toml.compiled()));
        assert_eq!(format!("{:?}", p.tails()), format!("{:?}", t.tails()));
        assert_eq!(format!("{:?}", p.signals()), format!("{:?}", t.signals()));
        assert_eq!(format!("{:?}", p.treatments()), format!("{:?}", t.treatments()));
    }

    #[test]
    fn with_a_users_file_the_first_document_still_gets_only_the_rules_of_its_domains() {
        let lexicon = "[lexicon.house_magic]\ndescription = \"d\"\nentries = [\"魔法 の\"]\n";
        let house = house_file(
            "patterns = [\"@house_magic クリーム\"]\ndomains = [\"medical\"]",
            lexicon,
        );
        let engine = Engine::new(RuleSet::builtin_with(&[("house.toml", &house)]).unwrap()).unwrap();
        let rules = engine.rules();
        let index = |code: &str| rules.rules().iter().position(|r| r.code == code).unwrap();
        let compiled = engine.compiled_for(&BTreeSet::from([Domain::Medical]));
        assert!(compiled.matchers(index("HOUSE-01")).is_some());
        assert!(
            compiled.matchers(index("COS-01")).is_none(),
            "a cosmetics rule waits for a cosmetics page"
        );
        assert!(engine.compiled().matchers(index("COS-01")).is_some());
    }

    #[test]
    fn what_a_users_file_brings_is_checked_at_load() {
        let cases = [
            // A lexicon no rule of the user's names, extending a shared one.
            (
                "patterns = [\"治る\"]",
                "[lexicon.effect]\ndescription = \"d\"\nextend = true\nentries = [\"@nowhere\"]\n",
                "unknown lexicon `@nowhere`",
            ),
            // A name lexicons.toml has taken.
            (
                "patterns = [\"治る\"]",
                "[lexicon.cure]\ndescription = \"d\"\nentries = [\"治る\"]\n",
                "lexicon `cure` is already defined",
            ),
            // The user's own rule.
            (
                "patterns = [\"治る\", \"@house_nowhere\"]",
                "",
                "unknown lexicon `@house_nowhere`",
            ),
        ];
        for (patterns, lexicons, message) in cases {
            let house = house_file(patterns, lexicons);
            let err = RuleSet::builtin_with(&[("house.toml", &house)])
                .and_then(Engine::new)
                .unwrap_err();
            assert_eq!(err.file, "house.toml", "{err}");
            assert!(err.message.contains(message), "{err}");
        }
    }

    #[test]
    fn the_first_document_gets_the_rules_of_its_domains_and_a_later_one_every_rule() {
        let engine = Engine::new(RuleSet::builtin().unwrap()).unwrap();
        let rules = engine.rules();
        let medical = BTreeSet::from([Domain::Medical]);
        let compiled = engine.compiled_for(&medical);
        let compiled_rules = |c: &Compiled| -> Vec<&str> {
            let indices = 0..rules.rules().len();
            indices
                .filter(|&i| c.matchers(i).is_some())
                .map(|i| rules.rules()[i].code.as_str())
                .collect()
        };
        let needed: Vec<&str> = (rules.rules().iter().filter(|r| r.applies_to(&medical)))
            .map(|r| r.code.as_str())
            .collect();
        assert_eq!(compiled_rules(compiled), needed);
        assert!(needed.len() < rules.rules().len() / 2, "{needed:?}");
        // The same domains again, or fewer, need nothing more.
        assert!(std::ptr::eq(engine.compiled_for(&medical), compiled));
        // A cosmetics page needs rules the first compile left out.
        let every = engine.compiled_for(&BTreeSet::from([Domain::Cosmetic]));
        assert_eq!(compiled_rules(every).len(), rules.rules().len());
        assert!(std::ptr::eq(engine.compiled_for(&medical), every));
    }

    #[test]
    fn every_built_in_regex_compiles() {
        let engine = Engine::new(RuleSet::builtin().unwrap()).unwrap();
        let rules = engine.rules();
        let mut count = 0;
        for (rule, matchers) in rules.rules().iter().zip(engine.compiled().all()) {
            for regex in matchers.all_regexes() {
                assert!(regex.get().is_some(), "{}: {regex:?}", rule.code);
                count += 1;
            }
        }
        assert!(count > 50, "{count}");
    }

    #[test]
    fn bad_regex_is_rejected() {
        let err = load("regexes = ['(unclosed']").unwrap_err();
        assert!(err.message.contains("bad regex"), "{err}");
    }

    #[test]
    fn requires_patterns_are_compiled_and_checked() {
        let err = load("patterns = [\"治る\"]\nrequires = [\"@missing\"]").unwrap_err();
        assert_eq!(err.line, 13);
        assert!(err.message.contains("unknown lexicon"), "{err}");
    }

    #[test]
    fn a_family_file_may_bring_lexicons() {
        let file = rule_file("patterns = [\"@cure\"]").replace(
            "title = \"t\"\n",
            "title = \"t\"\n[lexicon.cure]\ndescription = \"d\"\nentries = [\"治る\"]\n",
        );
        let compiled =
            |lexicons: &str| RuleSet::load(("lex.toml", lexicons), &[("pmd.toml", &file)]).and_then(Engine::new);
        assert!(compiled(LEXICONS).is_ok());
        let clash = format!("{LEXICONS}[lexicon.cure]\ndescription = \"d\"\nentries = [\"治す\"]\n");
        let err = compiled(&clash).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("pmd.toml", 3));
        assert!(err.message.contains("already defined"), "{err}");
    }
}
