//! Phrase findings: each rule's matches, sentence by sentence, judged in context, and
//! one finding per claim where a specific rule supersedes a general one.

use super::page::Page;
use crate::compile::Matchers;
use crate::diagnostic::{Diagnostic, Label, Missing, Severity, Suggestion};
use crate::judge::{Context, resolve};
use crate::rules::{Rule, RuleSet, Scope, Wording};
use crate::span::{SentenceSpan, SourceSpan};

/// What the rules have found so far in one document.
#[derive(Default)]
pub(super) struct Findings<'r> {
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Matches that a context or an `unless` cleared (rule code, source span): they still
    /// supersede general rules, since where the specific rule found nothing to report,
    /// the general one has nothing either.
    pub(super) silenced: Vec<(&'r str, SourceSpan)>,
    /// Reported phrase findings, for absence rules that a finding triggers.
    pub(super) reported: Vec<Reported<'r>>,
}

/// A reported phrase finding: rule code, sentence, range in the sentence.
pub(super) type Reported<'r> = (&'r str, usize, SentenceSpan);

/// Phrase findings of one rule, sentence by sentence, with their contexts.
pub(super) fn find_phrases<'r>(rule: &'r Rule, matchers: &Matchers, page: &Page) -> Findings<'r> {
    let mut findings = Findings::default();
    // Whether the section of the sentences last asked about meets the rule's
    // `requires`: a section's sentences come one after another, and asking for each
    // sentence anew would read the section once per sentence.
    let mut section: Option<(usize, bool)> = None;
    for index in 0..page.sentences.len() {
        let found = matchers.find(page.words(index));
        if found.is_empty() {
            continue;
        }
        if rule.requires_scope == Scope::Section {
            let meets = match section {
                Some((asked, meets)) if page.headings[asked] == page.headings[index] => meets,
                _ => page.section_meets(matchers, index),
            };
            section = Some((index, meets));
            if !meets {
                continue;
            }
        }
        let first = index.saturating_sub(rule.unless_before);
        let last = (index + rule.unless_within).min(page.sentences.len() - 1);
        // A section's own sentences, and the page's opening, which speaks for every section
        // (a 【PR】 label under the title); not another post's label.
        let in_scope = |i: &usize| {
            rule.unless_scope == Scope::Document
                || [&page.headings[index], &page.headings[0]].contains(&&page.headings[*i])
        };
        let cleared = matchers.cleared_by((first..=last).filter(in_scope).map(|i| page.words(i)));
        for found in found {
            let contexts = page.contexts(index, found.claim);
            // Only a reported claim needs its section's text; where it stands is cheap.
            if !rule.reports_in(page.place(index, &contexts)) {
                continue;
            }
            let span = page.to_source(index, found.shown);
            let permitted = || matchers.permits(&page.domains, page.words(index), found.claim);
            match resolve(rule.severity, &contexts, &rule.context).filter(|_| !cleared && !permitted()) {
                Some(severity) => {
                    findings.reported.push((rule.code.as_str(), index, found.shown));
                    let mut diagnostic = diagnose(rule, severity, span, (&contexts, &page.topics(index)), Vec::new());
                    diagnostic.claim = Some(page.claim(index, &contexts));
                    findings.diagnostics.push(diagnostic);
                }
                None => findings.silenced.push((rule.code.as_str(), span)),
            }
        }
    }
    findings
}

/// One finding per claim: a finding that overlaps a match (reported or silenced) of a
/// rule that supersedes its rule is dropped.
pub(super) fn drop_superseded(rules: &RuleSet, diagnostics: &mut Vec<Diagnostic>, silenced: &[(&str, SourceSpan)]) {
    // Only the rules that supersede another can win; sorted by start, the winners
    // that may overlap a finding are found by binary search, so a page with
    // thousands of findings is not compared pair by pair.
    let mut winners: Vec<(&str, &SourceSpan)> = diagnostics
        .iter()
        .map(|w| (w.code.as_str(), &w.span))
        .chain(silenced.iter().map(|(c, s)| (*c, s)))
        .filter(|(code, _)| rules.get(code).is_some_and(|r| !r.supersedes.is_empty()))
        .collect();
    winners.sort_by_key(|(_, span)| span.start);
    let longest = winners.iter().map(|(_, s)| s.len()).max().unwrap_or(0);
    let keep: Vec<bool> = diagnostics
        .iter()
        .map(|loser| {
            let from = winners.partition_point(|(_, s)| s.start + longest <= loser.span.start);
            let to = winners.partition_point(|(_, s)| s.start < loser.span.end);
            !winners[from..to.max(from)].iter().any(|(code, span)| {
                loser.span.overlaps(span) && rules.get(code).is_some_and(|r| r.supersedes.contains(&loser.code))
            })
        })
        .collect();
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

/// The findings of a rule reported once per page become one, at the first match, with
/// the other matches as related places. `diagnostics` are in source order.
pub(super) fn merge_repeats(rules: &RuleSet, diagnostics: &mut Vec<Diagnostic>) {
    let mut first_of: Vec<(String, usize)> = Vec::new();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.drain(..) {
        let once = rules.get(&d.code).is_some_and(|r| r.once_per_page) && !d.is_document_level();
        match first_of.iter().find(|(code, _)| once && *code == d.code) {
            Some(&(_, first)) => {
                let first: &mut Diagnostic = &mut kept[first];
                first.labels.push(Label {
                    span: d.span,
                    message: "同じ指摘（ほかの箇所）".to_string(),
                });
            }
            None => {
                if once {
                    first_of.push((d.code.clone(), kept.len()));
                }
                kept.push(d);
            }
        }
    }
    *diagnostics = kept;
}

/// The rule's safer wordings that fit a claim on `topics`: those for any claim and those
/// about one of its topics; every wording when none fits (the claim's subject is not
/// one the wordings name).
fn wordings_for<'r>(rule: &'r Rule, topics: &[&str]) -> impl Iterator<Item = &'r Wording> {
    let any_fits = rule.suggest.iter().any(|w| w.fits(topics));
    rule.suggest.iter().filter(move |w| !any_fits || w.fits(topics))
}

pub(super) fn diagnose(
    rule: &Rule,
    severity: Severity,
    span: SourceSpan,
    (contexts, topics): (&[Context], &[&str]),
    missing: Vec<Missing>,
) -> Diagnostic {
    let label = if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|m| m.name.as_str()).collect();
        format!("記載がありません: {}", names.join("、"))
    } else if severity == rule.severity {
        String::new()
    } else {
        let why: Vec<&str> = contexts.iter().map(|c| c.describe()).collect();
        format!("{}ため {} としています", why.join("・"), severity)
    };
    Diagnostic {
        code: rule.code.clone(),
        id: rule.id.clone(),
        severity,
        span,
        message: rule.message.clone(),
        label,
        labels: Vec::<Label>::new(),
        basis: rule.basis.clone(),
        notes: rule.message_en.iter().cloned().collect(),
        suggestions: wordings_for(rule, topics)
            .map(|w| Suggestion::display_only(&w.text))
            .collect(),
        fix: None,
        missing,
        claim: None,
    }
}
