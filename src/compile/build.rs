//! From rule definitions to matchers: the lexicons, then each rule's patterns,
//! literals, regexes and absence items, with errors that name file and line.

use std::collections::{BTreeMap, BTreeSet};

use super::absence::{Absence, Item};
use super::compiled::Compiled;
use super::lazy_regex::LazyRegex;
use super::matchers::{Literals, Matchers};
use super::pattern::{Lexicons, Pattern, lexicons_named as lexicons_named_in};
use crate::FileError;
use crate::rules::{Files, ItemDef, LexiconDef, Origin, Parsed, RuleDef, RuleFile, Spanned};
use crate::text::Normalized;

/// What a partial compile takes: the rules it picks (by their number in load order),
/// and lexicons to compile besides those the rules name.
pub(crate) type Part<'p> = (&'p dyn Fn(usize) -> bool, &'p [&'p str]);

/// Compiles what the user's files bring: their rules, and the lexicons they define
/// or extend. A mistake there is reported at load, with its file and line, though
/// the rules compile for documents as they need them. The built-in rules cannot be
/// broken by a user's file: a family's rules name only the lexicons of its own file
/// and of lexicons.toml, which a user's file cannot replace (a test keeps it so).
pub(crate) fn check_users(files: &Files) -> Result<(), FileError> {
    let by_user = |file: &Parsed<RuleFile>| file.origin == Origin::User;
    if !files.rule_files.iter().any(by_user) {
        return Ok(());
    }
    let user_rule: Vec<bool> = (files.rule_files.iter())
        .flat_map(|file| file.file.rules.iter().map(move |_| by_user(file)))
        .collect();
    let lexicons: Vec<&str> = (files.rule_files.iter().filter(|file| by_user(file)))
        .flat_map(|file| file.file.lexicon.keys().map(String::as_str))
        .collect();
    compile(files, Some((&|i| user_rule[i], &lexicons))).map(drop)
}

/// Compiles the matchers of the rules that `wanted` picks, with the lexicons they
/// name and those it lists besides; every rule and lexicon when it is `None`.
pub(crate) fn compile(files: &Files, wanted: Option<Part>) -> Result<Compiled, FileError> {
    let named = wanted.map(|(wanted, lexicons)| {
        let defs = files
            .rule_files
            .iter()
            .flat_map(|f| &f.file.rules)
            .map(Spanned::get_ref);
        let rules = defs.enumerate().filter(|&(i, _)| wanted(i)).map(|(_, def)| def);
        lexicons_named(files, rules, lexicons)
    });
    let wanted = wanted.map(|(wanted, _)| wanted);
    let lexicon_needed = |lexicon: &str| named.as_ref().is_none_or(|named| named.contains(lexicon));
    let mut lexicons = Lexicons::default();
    for (defs, name, source) in files.lexicon_tables() {
        add_lexicons(&mut lexicons, defs, &lexicon_needed, name, source)?;
    }
    let mut matchers = Vec::new();
    let mut index = 0..;
    for file in &files.rule_files {
        for (def, i) in file.file.rules.iter().zip(&mut index) {
            let at = |offset: usize, message: String| FileError::at(&file.name, &file.source, offset, message);
            matchers.push(match wanted.is_none_or(|wanted| wanted(i)) {
                true => Some(compile_matchers(def.get_ref(), &lexicons, file.origin, &at)?),
                false => None,
            });
        }
    }
    Ok(Compiled::new(matchers, lexicons.into_vocabulary()))
}

/// The lexicons the patterns of `rules` name, `also`, and those named in their
/// entries.
fn lexicons_named<'r>(
    files: &'r Files,
    rules: impl Iterator<Item = &'r RuleDef>,
    also: &[&'r str],
) -> BTreeSet<&'r str> {
    let names_in = |source: &'r Spanned<String>| lexicons_named_in(source.get_ref());
    let mut pending: Vec<&str> = rules.flat_map(RuleDef::pattern_sources).flat_map(names_in).collect();
    pending.extend(also);
    let mut named = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if named.insert(name) {
            let defs = files.lexicon_tables().filter_map(|(defs, _, _)| defs.get(name));
            pending.extend(defs.flat_map(|def| &def.get_ref().entries).flat_map(names_in));
        }
    }
    named
}

/// Compiles the lexicons of one file that are `needed`; a name may be defined only
/// once in a rule set.
fn add_lexicons(
    lexicons: &mut Lexicons,
    defs: &BTreeMap<String, Spanned<LexiconDef>>,
    needed: &dyn Fn(&str) -> bool,
    file: &str,
    source: &str,
) -> Result<(), FileError> {
    for (name, def) in defs.iter().filter(|(name, _)| needed(name)) {
        let extend = def.get_ref().extend;
        if lexicons.contains(name) && !extend {
            return Err(FileError::at(
                file,
                source,
                def.span().start,
                format!("lexicon `{name}` is already defined"),
            ));
        }
        let entries: Vec<&str> = def.get_ref().entries.iter().map(|e| e.get_ref().as_str()).collect();
        lexicons.add(name, &entries, extend).map_err(|(index, message)| {
            let offset = def
                .get_ref()
                .entries
                .get(index)
                .map_or(def.span().start, |e| e.span().start);
            FileError::at(file, source, offset, format!("lexicon `{name}`: {message}"))
        })?;
    }
    Ok(())
}

/// What a rule, described already, looks for.
fn compile_matchers(
    def: &RuleDef,
    lexicons: &Lexicons,
    origin: Origin,
    at: &dyn Fn(usize, String) -> FileError,
) -> Result<Matchers, FileError> {
    let compile = |sources: &[Spanned<String>]| {
        sources
            .iter()
            .map(|p| Pattern::parse(p.get_ref(), lexicons).map_err(|e| at(p.span().start, e)))
            .collect::<Result<Vec<_>, _>>()
    };
    let patterns = compile(&def.patterns)?;
    let requires = compile(&def.requires)?;
    let unless = compile(&def.unless)?;
    let unless_page = compile(&def.unless_page)?;
    let mut permitted = Vec::new();
    for (domain, sources) in &def.permitted {
        permitted.extend(compile(sources)?.into_iter().map(|p| (*domain, p)));
    }
    let absence = if def.items.is_empty() {
        None
    } else {
        let items = def
            .items
            .iter()
            .map(|item| compile_item(item, lexicons, origin, at))
            .collect::<Result<Vec<_>, _>>()?;
        Some(Absence::new(compile(&def.triggers)?, items))
    };
    let regexes = def
        .regexes
        .iter()
        .map(|r| compile_regex(r, origin, at))
        .collect::<Result<_, _>>()?;
    let literals = if def.literals.is_empty() {
        None
    } else {
        let folded: Vec<String> = def.literals.iter().map(|l| Normalized::new(l).text).collect();
        let literals = Literals::new(folded).map_err(|e| {
            at(
                def.code.span().start,
                format!("rule `{}`: literals: {e}", def.code.get_ref()),
            )
        })?;
        Some(literals)
    };

    Ok(Matchers {
        patterns,
        requires,
        absence,
        unless,
        unless_page,
        permitted,
        literals,
        regexes,
    })
}

fn compile_item(
    def: &Spanned<ItemDef>,
    lexicons: &Lexicons,
    origin: Origin,
    at: &dyn Fn(usize, String) -> FileError,
) -> Result<Item, FileError> {
    let item = def.get_ref();
    if item.key.is_empty() || !item.key.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(at(
            def.span().start,
            format!("item key `{}` must be kebab-case", item.key),
        ));
    }
    if item.signals.is_empty() && item.regexes.is_empty() {
        return Err(at(
            def.span().start,
            format!("item `{}` has no `signals` or `regexes`", item.key),
        ));
    }
    let patterns = item
        .signals
        .iter()
        .map(|p| Pattern::parse(p.get_ref(), lexicons).map_err(|e| at(p.span().start, e)))
        .collect::<Result<_, _>>()?;
    let regexes = item
        .regexes
        .iter()
        .map(|r| compile_regex(r, origin, at))
        .collect::<Result<_, _>>()?;
    Ok(Item::new(&item.key, &item.name, item.page_wide, patterns, regexes))
}

fn compile_regex(
    source: &Spanned<String>,
    origin: Origin,
    at: &dyn Fn(usize, String) -> FileError,
) -> Result<LazyRegex, FileError> {
    match origin {
        Origin::BuiltIn => Ok(LazyRegex::lazy(source.get_ref())),
        Origin::User => LazyRegex::eager(source.get_ref())
            .map_err(|e| at(source.span().start, format!("bad regex `{}`: {e}", source.get_ref()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::TextMatcher;
    use crate::rules::testing::{LEXICONS, rule_file};
    use crate::rules::{BUILTIN_RULE_FILES, LEXICON_FILE, LexiconFile, RuleSet, parse_rule_files};
    use crate::text::WordId;

    /// Replacing a family takes its lexicons away, so a family's rules and lexicons name
    /// only its own lexicons and lexicons.toml's, which cannot be replaced: then no
    /// user's file can break a built-in rule, and [`Files::check_users`] need not
    /// compile any.
    #[test]
    fn a_family_names_only_its_own_lexicons_and_the_shared_ones() {
        let shared_file = LEXICON_FILE.unpack::<LexiconFile>().unwrap();
        let shared: BTreeSet<&str> = shared_file.file.lexicon.keys().map(String::as_str).collect();
        let entries = |lexicons: &BTreeMap<String, Spanned<LexiconDef>>| -> Vec<String> {
            let entries = lexicons.values().flat_map(|def| &def.get_ref().entries);
            entries.map(|e| e.get_ref().clone()).collect()
        };
        let named = |sources: Vec<String>| -> BTreeSet<String> {
            let names = sources.iter().flat_map(|s| lexicons_named_in(s));
            names.map(str::to_string).collect()
        };
        let named_by_shared = named(entries(&shared_file.file.lexicon));
        assert!(
            named_by_shared.iter().all(|n| shared.contains(n.as_str())),
            "{named_by_shared:?}"
        );
        for file in BUILTIN_RULE_FILES {
            let parsed = file.unpack::<RuleFile>().unwrap();
            let rules = parsed.file.rules.iter().flat_map(|r| r.get_ref().pattern_sources());
            let sources = rules.map(|s| s.get_ref().clone()).chain(entries(&parsed.file.lexicon));
            for name in named(sources.collect()) {
                let own = parsed.file.lexicon.contains_key(&name);
                assert!(own || shared.contains(name.as_str()), "{}: @{name}", file.name);
            }
        }
    }

    #[test]
    fn a_partial_compile_takes_the_lexicons_its_rules_name_and_those_they_name() {
        let lexicon =
            |name: &str, entries: &str| format!("[lexicon.{name}]\ndescription = \"d\"\nentries = [{entries}]\n");
        let lexicons = [
            lexicon("inner", "\"治る\""),
            lexicon("outer", "\"必ず @inner\""),
            lexicon("extra", "\"効く\""),
            lexicon("trigger", "\"エクソソーム\""),
            lexicon("signal", "\"料金\""),
            lexicon("unused", "\"若返る\""),
        ];
        let lexicons = format!("{LEXICONS}{}", lexicons.concat());
        // PMD-01 names @outer, which a later file extends with an entry naming @extra;
        // PMD-02 names @trigger and @signal only in its absence check; PMD-03 is left out.
        let rule = |code: &str, body: &str| {
            let file = rule_file(body)
                .replace("PMD-01", code)
                .replace("id = \"a\"", &format!("id = \"{code}\"").to_lowercase());
            file[file.find("[[rule]]").unwrap()..].to_string()
        };
        let absence =
            "triggers = [\"@trigger\"]\n[[rule.item]]\nkey = \"cost\"\nname = \"費用\"\nsignals = [\"@signal\"]";
        let rules = format!(
            "family = \"pmd\"\ntitle = \"t\"\n{}{}{}",
            rule("PMD-01", "patterns = [\"@outer\"]"),
            rule("PMD-02", absence),
            rule("PMD-03", "patterns = [\"@unused\"]"),
        );
        let extension = "family = \"house\"\ntitle = \"t\"\n[lexicon.outer]\ndescription = \"d\"\nextend = true\nentries = [\"絶対 @extra\"]\n";
        let files = Files::new(
            Parsed::toml("lex.toml", &lexicons).unwrap(),
            parse_rule_files(&[("pmd.toml", &rules), ("house.toml", extension)]).unwrap(),
        );
        let compiled = compile(&files, Some((&|rule| rule != 2, &[]))).unwrap();
        assert!(compiled.matchers(1).is_some() && compiled.matchers(2).is_none());
        let known = |word: &str| compiled.vocabulary().get(word) != WordId::UNKNOWN;
        for word in ["治る", "効く", "エクソソーム", "料金"] {
            assert!(known(word), "{word}");
        }
        assert!(!known("若返る"));
        assert_ne!(
            compile(&files, None).unwrap().vocabulary().get("若返る"),
            WordId::UNKNOWN
        );
    }

    #[test]
    fn built_in_alternations_of_literals_match_as_their_regexes_do() {
        let rules = RuleSet::builtin().unwrap();
        let texts: Vec<String> = rules
            .rules()
            .iter()
            .flat_map(|r| r.examples.flag.iter().chain(&r.examples.clean))
            .map(|e| Normalized::new(e).text)
            .collect();
        let mut literal = 0;
        let compiled = compile(&rules.files, None).unwrap();
        for regex in compiled.all().flat_map(Matchers::all_regexes) {
            let Some(literals @ TextMatcher::Literals(_)) = regex.for_text("") else {
                continue;
            };
            literal += 1;
            let regex_matcher = TextMatcher::Regex(regex.get().unwrap());
            for text in &texts {
                let found: Vec<_> = literals.find_iter(text).collect();
                assert_eq!(
                    found,
                    regex_matcher.find_iter(text).collect::<Vec<_>>(),
                    "{regex:?} in {text}"
                );
            }
        }
        assert!(literal >= 10, "only {literal} regexes are alternations of literals");
    }
}
