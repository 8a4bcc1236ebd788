//! A rule's description from its definition, once its fields are checked.

use std::collections::BTreeSet;
use std::mem::take;

use super::rule::{Rule, Wording};
use super::schema::{RuleDef, Spanned, SuggestDef};
use crate::FileError;

/// Where something is defined in a rule file: (file name, its contents, byte offset).
pub(crate) type Defined<'a> = (&'a str, &'a str, usize);

/// Every code named in `supersedes` or `trigger_rules` must be a rule of the set, and
/// every kind of claim in `claims` the id of one.
pub(crate) fn check_references(
    rules: &[Rule],
    codes: &[(String, Defined)],
    claims: &[(String, Defined)],
) -> Result<(), FileError> {
    let unknown_code = codes.iter().find(|(code, _)| !rules.iter().any(|r| &r.code == code));
    let unknown_claim = claims.iter().find(|(id, _)| !rules.iter().any(|r| &r.id == id));
    let (wrong, message) = match (unknown_code, unknown_claim) {
        (Some(wrong @ (code, _)), _) => (wrong, format!("`supersedes` or `trigger_rules` names no rule `{code}`")),
        (None, Some(wrong @ (id, _))) => (wrong, format!("`claims` names no rule id `{id}`")),
        (None, None) => return Ok(()),
    };
    let (_, (name, source, offset)) = wrong;
    Err(FileError::at(name, source, *offset, message))
}

/// A rule's description, once its fields are checked. What only the description needs
/// (messages, basis, examples, …) is moved out of `def`; what the compile needs stays.
pub(crate) fn describe_rule(
    family: &str,
    def: &mut RuleDef,
    topics: &BTreeSet<&str>,
    at: &dyn Fn(usize, String) -> FileError,
) -> Result<Rule, FileError> {
    let code = def.code.get_ref();
    let id = def.id.get_ref();
    let prefix = format!("{}-", family.to_uppercase());
    if !code.starts_with(&prefix) || !code[prefix.len()..].chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(at(
            def.code.span().start,
            format!("rule code `{code}` must look like `{prefix}01` in family `{family}`"),
        ));
    }
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(at(
            def.id.span().start,
            format!("rule id `{id}` must be kebab-case (a-z, 0-9, -)"),
        ));
    }
    let examples = def.examples.get_ref();
    if examples.flag.is_empty() || examples.clean.is_empty() {
        return Err(at(
            def.examples.span().start,
            format!("rule `{code}` needs at least one `flag` and one `clean` example"),
        ));
    }
    for (field, empty) in [("basis", def.basis.is_empty()), ("suggest", def.suggest.is_empty())] {
        if empty {
            return Err(at(def.code.span().start, format!("rule `{code}` needs a `{field}`")));
        }
    }
    let matches_phrases = !(def.patterns.is_empty() && def.literals.is_empty() && def.regexes.is_empty());
    let absence = !def.items.is_empty();
    let triggered = !(def.triggers.is_empty() && def.trigger_rules.is_empty() && def.trigger_treatments.is_empty());
    let shape_error = match (matches_phrases, absence, triggered) {
        (true, false, false) | (false, true, true) => None,
        (false, false, _) => Some("has no `patterns`, `literals` or `regexes` (or `item`s for an absence rule)"),
        (false, true, false) => Some("is an absence rule without `triggers` or `trigger_rules`"),
        (true, _, _) => Some("mixes phrase `patterns` with an absence rule's `triggers` and `item`s"),
    };
    let phrase_only = [
        (
            "requires_treatments",
            def.requires_treatments.is_empty(),
            "it is triggered by `trigger_treatments`",
        ),
        (
            "places",
            def.places.is_empty(),
            "it reports the page, not a place on it",
        ),
    ];
    if let Some((field, _, instead)) = phrase_only.iter().find(|(_, empty, _)| absence && !empty) {
        return Err(at(
            def.code.span().start,
            format!("rule `{code}` is an absence rule: {instead}, so it takes no `{field}`"),
        ));
    }
    if let Some(problem) = shape_error {
        return Err(at(def.code.span().start, format!("rule `{code}` {problem}")));
    }
    Ok(Rule {
        code: code.clone(),
        id: id.clone(),
        family: family.to_string(),
        severity: def.severity,
        message: take(&mut def.message).into(),
        message_en: take(&mut def.message_en),
        category: def.category,
        basis: take(&mut def.basis).into(),
        why: def.why.trim().to_string(),
        suggest: wordings(take(&mut def.suggest), topics, at)?,
        fixes: take(&mut def.fixes),
        domains: take(&mut def.domains),
        except_domains: take(&mut def.except_domains),
        context: def.context,
        examples: take(def.examples.get_mut()),
        requires_scope: def.requires_scope,
        trigger_rules: def.trigger_rules.iter().map(|c| c.get_ref().clone()).collect(),
        trigger_treatments: take(&mut def.trigger_treatments),
        requires_treatments: take(&mut def.requires_treatments),
        places: take(&mut def.places),
        unless_within: def.unless_within,
        unless_before: def.unless_before,
        unless_scope: def.unless_scope,
        once_per_page: def.once_per_page,
        supersedes: def.supersedes.iter().map(|c| c.get_ref().clone()).collect(),
        claims: def.claims.iter().map(|c| c.get_ref().clone()).collect(),
    })
}

/// A rule's safer wordings; each topic named must be one of `[topic.*]`.
fn wordings(
    defs: Vec<Spanned<SuggestDef>>,
    topics: &BTreeSet<&str>,
    at: &dyn Fn(usize, String) -> FileError,
) -> Result<Vec<Wording>, FileError> {
    let wording = |def: Spanned<SuggestDef>| {
        let offset = def.span().start;
        let (text, about) = match def.into_inner() {
            SuggestDef::Any(text) => (text, Vec::new()),
            SuggestDef::About { text, about } => (text, about),
        };
        match about.iter().find(|topic| !topics.contains(topic.as_str())) {
            Some(topic) => Err(at(
                offset,
                format!("`about` names no topic `{topic}`; [topic.*] in lexicons.toml lists them"),
            )),
            None => Ok(Wording {
                text: text.into(),
                about,
            }),
        }
    };
    defs.into_iter().map(wording).collect()
}
