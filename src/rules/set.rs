//! The rule set: every rule kokoku knows, as its file describes it, with the shared
//! data of lexicons.toml (context tails, the words that show each kind of page, the
//! treatment table). Data only: what the rules look for is compiled by the `compile`
//! layer, and the compiled state is kept by `engine::Engine`.

use std::collections::{BTreeSet, HashMap};
use std::mem::take;

use super::describe::{Defined, check_references, describe_rule};
use super::domain::Signals;
use super::load::{BUILTIN_RULE_FILES, BuiltinFile, Files, LEXICON_FILE, Parsed, parse_rule_files};
use super::rule::Rule;
use super::schema::{RuleFile, TailsDef};
use super::treatment::TreatmentDef;
use crate::FileError;
use crate::text::Normalized;

/// A topic of claims and the words (normalised) that show it.
#[derive(Debug, Clone)]
pub struct Topic {
    pub key: String,
    pub words: Vec<String>,
}

/// Every rule kokoku knows, with the shared context tails, page-kind signals and
/// treatments.
#[derive(Debug)]
pub struct RuleSet {
    /// (family, title) in load order.
    families: Vec<(String, String)>,
    rules: Vec<Rule>,
    /// Positions in `rules` by lower-case code and by id, for [`RuleSet::get`], which
    /// the linter calls for every pair of overlapping findings.
    by_code: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    tails: TailsDef,
    signals: Vec<Signals>,
    treatments: Vec<TreatmentDef>,
    topics: Vec<Topic>,
    /// The files, kept for the compile (which reads what the description left).
    pub(crate) files: Files<'static>,
    /// Whether the rules compile as documents need them (the packed built-in files,
    /// whose compile the tests vouch for), rather than all at once.
    pub(crate) on_demand: bool,
}

impl RuleSet {
    /// The rules embedded in the binary: described now, compiled as documents need them.
    pub fn builtin() -> Result<Self, FileError> {
        Self::builtin_with(&[])
    }

    /// The built-in rules plus rule files of the user's, each given as (name, contents).
    /// A user file of a built-in family replaces that family, so a team can fork one.
    pub fn builtin_with(user_files: &[(&str, &str)]) -> Result<Self, FileError> {
        // A user's file that is not valid TOML is refused with its line straight away.
        let user = parse_rule_files(user_files)?;
        // The packed files keep no positions, so any other error is looked for again in
        // the TOML of every file, which names its line.
        Self::load_packed(user).or_else(|_| Self::load_toml(user_files))
    }

    /// The built-in files and the user's, the built-in ones read from their TOML.
    pub(crate) fn load_toml(user_files: &[(&str, &str)]) -> Result<Self, FileError> {
        let builtin = BUILTIN_RULE_FILES.iter().map(|f| (f.name, f.toml));
        let files: Vec<(&str, &str)> = builtin.chain(user_files.iter().copied()).collect();
        Self::load((LEXICON_FILE.name, LEXICON_FILE.toml), &files)
    }

    /// A lexicon file and rule files, each given as (name, TOML). When two files
    /// declare the same family, the later one replaces the earlier.
    pub fn load(lexicon_file: (&str, &str), rule_files: &[(&str, &str)]) -> Result<Self, FileError> {
        let (name, source) = lexicon_file;
        let files = Files::new(Parsed::toml(name, source)?, parse_rule_files(rule_files)?);
        Self::describe(files.into_owned(), false)
    }

    /// [`RuleSet::builtin_with`] from the packed built-in files and the user's, parsed.
    pub(crate) fn load_packed(user: Vec<Parsed<RuleFile>>) -> Result<Self, FileError> {
        let builtin: Vec<Parsed<'static, RuleFile>> = BUILTIN_RULE_FILES
            .iter()
            .map(BuiltinFile::unpack)
            .collect::<Result<_, _>>()?;
        let lexicon_file = LEXICON_FILE.unpack()?;
        // The set keeps the files for later compiles: the built-in ones are in the
        // binary, the user's are copied.
        let user = user.into_iter().map(Parsed::into_owned);
        let files = Files::new(lexicon_file, builtin.into_iter().chain(user).collect());
        Self::describe(files, true)
    }

    /// Checks and describes the rules of `files`, moving out of them what only the
    /// description needs (the compile reads the rest).
    fn describe(mut files: Files<'static>, on_demand: bool) -> Result<Self, FileError> {
        let lexicon_def = &mut files.lexicon_file.file;
        let signals = lexicon_def
            .domain
            .iter()
            .map(|(domain, def)| Signals {
                domain: *domain,
                words: def.signals.iter().map(|s| Normalized::new(s).text).collect(),
                min_distinct: def.min_signals,
            })
            .collect();
        let treatments = (take(&mut lexicon_def.treatment).into_iter())
            .map(|(key, def)| TreatmentDef {
                key,
                name: def.name,
                status: def.status,
                words: def.words,
            })
            .collect();
        let tails = take(&mut lexicon_def.tails);
        let topics: Vec<Topic> = (take(&mut lexicon_def.topic).into_iter())
            .map(|(key, def)| Topic {
                key,
                words: def.words.iter().map(|w| Normalized::new(w).text).collect(),
            })
            .collect();
        let topic_keys: BTreeSet<&str> = topics.iter().map(|t| t.key.as_str()).collect();

        let mut rules = Vec::new();
        let mut families = Vec::new();
        // Where each code or id was defined, and where codes are referred to: the line
        // is counted only when there is an error to report.
        let mut seen: HashMap<String, Defined> = HashMap::new();
        let mut references: Vec<(String, Defined)> = Vec::new();
        let mut claims: Vec<(String, Defined)> = Vec::new();
        for Parsed { name, source, file, .. } in &mut files.rule_files {
            let (name, source) = (&**name, &**source);
            for def in &mut file.rules {
                let at = |offset: usize, message: String| FileError::at(name, source, offset, message);
                for code in def.get_ref().supersedes.iter().chain(&def.get_ref().trigger_rules) {
                    references.push((code.get_ref().clone(), (name, source, code.span().start)));
                }
                for id in &def.get_ref().claims {
                    claims.push((id.get_ref().clone(), (name, source, id.span().start)));
                }
                let rule = describe_rule(&file.family, def.get_mut(), &topic_keys, &at)?;
                for key in [&rule.code, &rule.id] {
                    if let Some((first_name, first_source, first_offset)) =
                        seen.insert(key.to_lowercase(), (name, source, def.span().start))
                    {
                        let first = FileError::at(first_name, first_source, first_offset, String::new());
                        return Err(at(
                            def.span().start,
                            format!("duplicate rule `{key}` (first defined at {first_name}:{})", first.line),
                        ));
                    }
                }
                rules.push(rule);
            }
            families.push((file.family.clone(), file.title.clone()));
        }
        check_references(&rules, &references, &claims)?;
        let by_code = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.to_ascii_lowercase(), i))
            .collect();
        let by_id = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        Ok(Self {
            families,
            rules,
            by_code,
            by_id,
            tails,
            signals,
            treatments,
            topics,
            files,
            on_demand,
        })
    }

    /// The families as (name, title), in load order.
    pub fn families(&self) -> &[(String, String)] {
        &self.families
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by code (`PMD-01`, any case) or id (`guarantee-of-efficacy`).
    pub fn get(&self, key: &str) -> Option<&Rule> {
        let index = self
            .by_code
            .get(&key.to_ascii_lowercase())
            .or_else(|| self.by_id.get(key))?;
        self.rules.get(*index)
    }

    /// The plain-text tails that decide a claim's context.
    pub fn tails(&self) -> &TailsDef {
        &self.tails
    }

    /// The words that show each kind of page.
    pub fn signals(&self) -> &[Signals] {
        &self.signals
    }

    /// The treatment table.
    pub fn treatments(&self) -> &[TreatmentDef] {
        &self.treatments
    }

    /// What claims can be about, for choosing the safer wordings that fit a claim.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The keys of the items the page-level checks look for (`cost`, `contact`, …).
    pub fn item_keys(&self) -> BTreeSet<&str> {
        let defs = self.files.rule_files.iter().flat_map(|f| &f.file.rules);
        let items = defs.flat_map(|def| &def.get_ref().items);
        items.map(|item| item.get_ref().key.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{LEXICONS, rule_file};

    fn load(body: &str) -> Result<RuleSet, FileError> {
        RuleSet::load(("lex.toml", LEXICONS), &[("pmd.toml", &rule_file(body))])
    }

    #[test]
    fn builtin_rules_load() {
        let rules = RuleSet::builtin().expect("built-in dictionaries are valid");
        assert!(rules.get("PMD-01").is_some());
        assert!(rules.get("guarantee-of-efficacy").is_some());
    }

    #[test]
    fn unknown_field_names_file_and_line() {
        let err = load("patterns = [\"治る\"]\nflavour = 1").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("pmd.toml", 13));
        assert!(err.message.contains("flavour"), "{err}");
    }

    #[test]
    fn an_error_beside_the_packed_files_names_the_line_of_the_toml() {
        let pmd = BUILTIN_RULE_FILES
            .iter()
            .find(|f| f.name.ends_with("/pmd.toml"))
            .unwrap();
        let line = pmd
            .toml
            .lines()
            .position(|l| l.starts_with("code = \"PMD-01\""))
            .unwrap();
        // A house family reusing PMD-01's id.
        let house = rule_file("patterns = [\"治る\"]")
            .replace("\"pmd\"", "\"house\"")
            .replace("PMD-01", "HOUSE-01")
            .replace("id = \"a\"", "id = \"guarantee-of-efficacy\"");
        let err = RuleSet::builtin_with(&[("house.toml", &house)]).unwrap_err();
        // A rule is where its [[rule]] header is, the line before its code.
        assert_eq!((err.file.as_str(), err.line), ("house.toml", 4), "{err}");
        let first = format!("first defined at {}:{})", pmd.name, line);
        assert!(err.message.contains(&first), "{err}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let one = rule_file("patterns = [\"治る\"]");
        let two = one.replace("\"pmd\"", "\"med\"").replace("PMD-01", "MED-01");
        let err = RuleSet::load(("lex.toml", LEXICONS), &[("a.toml", &one), ("b.toml", &two)]).unwrap_err();
        assert_eq!(err.file, "b.toml");
        assert!(err.message.contains("duplicate rule `a`"), "{err}");
    }

    #[test]
    fn a_later_file_of_the_same_family_replaces_the_earlier() {
        let fork = rule_file("patterns = [\"治す\"]").replace("\"PMD-01\"", "\"PMD-99\"");
        let rules = RuleSet::load(
            ("lex.toml", LEXICONS),
            &[("a.toml", &rule_file("patterns = [\"治る\"]")), ("b.toml", &fork)],
        )
        .unwrap();
        let codes: Vec<&str> = rules.rules().iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["PMD-99"]);
    }

    #[test]
    fn every_medical_advertising_rule_has_a_net_patrol_category() {
        let rules = RuleSet::builtin().unwrap();
        let missing: Vec<&str> = rules
            .rules()
            .iter()
            .filter(|r| r.family == "med" && r.category.is_none())
            .map(|r| r.code.as_str())
            .collect();
        assert!(missing.is_empty(), "no category: {missing:?}");
    }

    #[test]
    fn unknown_categories_are_rejected() {
        let err = load("patterns = [\"治る\"]\ncategory = \"誇張\"").unwrap_err();
        assert_eq!(err.line, 13);
    }

    #[test]
    fn a_wording_is_about_known_topics() {
        let lexicons = format!("{LEXICONS}[topic.pain]\nwords = [\"痛み\"]\n");
        let file = |about: &str| {
            rule_file("patterns = [\"治る\"]").replace(
                "suggest = [\"s\"]",
                &format!("suggest = [\"s\", {{ text = \"t\", about = [\"{about}\"] }}]"),
            )
        };
        let rules = RuleSet::load(("lex.toml", &lexicons), &[("pmd.toml", &file("pain"))]).unwrap();
        let about: Vec<&Vec<String>> = rules.rules()[0].suggest.iter().map(|w| &w.about).collect();
        assert_eq!(about, [&Vec::<String>::new(), &vec!["pain".to_string()]]);
        let err = RuleSet::load(("lex.toml", &lexicons), &[("pmd.toml", &file("price"))]).unwrap_err();
        assert_eq!(err.line, 11, "the line of the suggestions");
        assert!(err.message.contains("`about` names no topic `price`"), "{err}");
    }

    #[test]
    fn claimed_kinds_must_be_rule_ids() {
        let err = load("patterns = [\"治る\"]\nclaims = [\"no-such-claim\"]").unwrap_err();
        assert_eq!(err.line, 13);
        assert!(
            err.message.contains("`claims` names no rule id `no-such-claim`"),
            "{err}"
        );
        assert!(
            load("patterns = [\"治る\"]\nclaims = [\"a\"]").is_ok(),
            "its own id is one"
        );
    }

    #[test]
    fn superseded_codes_must_exist() {
        let err = load("patterns = [\"治る\"]\nsupersedes = [\"PMD-77\"]").unwrap_err();
        assert_eq!(err.line, 13);
        assert!(err.message.contains("names no rule `PMD-77`"), "{err}");
    }

    #[test]
    fn a_rule_needs_examples_and_patterns() {
        assert!(load("").unwrap_err().message.contains("no `patterns`"));
        let no_clean = rule_file("patterns = [\"治る\"]").replace("clean = [\"y\"]", "");
        let err = RuleSet::load(("lex.toml", LEXICONS), &[("pmd.toml", &no_clean)]).unwrap_err();
        assert!(err.message.contains("`clean` example"), "{err}");
    }
}
