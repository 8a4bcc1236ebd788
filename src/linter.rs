//! The pipeline: document → normalised sentences → tokens → rule matches → diagnostics.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Label, Suggestion};
use crate::rules::{Context, DictionaryError, resolve};
use crate::rules::{Domain, Match, Rule, RuleSet, Scope, clause_breaks};
use crate::source::Document;
use crate::text::{Normalized, Tokenizer, headings, split_sentences};

/// Lints documents against a rule set. Build one and share it: loading the
/// dictionary and compiling the rules happens here, once.
pub struct Linter {
    rules: RuleSet,
    tokenizer: Tokenizer,
    /// Domains set by the user (`--domain`) instead of detected ones.
    domains: Option<BTreeSet<Domain>>,
}

/// What linting one document found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The domains the document was judged as.
    pub domains: BTreeSet<Domain>,
    /// Findings in source order.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
pub enum SetupError {
    Dictionary(DictionaryError),
    Tokenizer(String),
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Dictionary(e) => e.fmt(f),
            Self::Tokenizer(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for SetupError {}

impl Linter {
    /// A linter with the built-in rules.
    pub fn builtin() -> Result<Self, SetupError> {
        Self::new(RuleSet::builtin().map_err(SetupError::Dictionary)?)
    }

    pub fn new(rules: RuleSet) -> Result<Self, SetupError> {
        Ok(Self {
            rules,
            tokenizer: Tokenizer::new().map_err(SetupError::Tokenizer)?,
            domains: None,
        })
    }

    /// Judges every document as these domains instead of detecting them (a cosmetics
    /// page is then judged by the cosmetics rules whatever its vocabulary).
    pub fn with_domains(mut self, domains: BTreeSet<Domain>) -> Self {
        self.domains = Some(domains);
        self
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Lints plain text (the whole text is prose).
    pub fn lint_text(&self, text: &str) -> Report {
        self.lint(&Document::plain(text))
    }

    pub fn lint(&self, document: &Document) -> Report {
        let normalized = Normalized::new(&document.text);
        let domains = match &self.domains {
            Some(domains) => domains.clone(),
            None => self.rules.domains().detect(&normalized.text),
        };
        let sentences: Vec<Analysed> = split_sentences(&normalized.text)
            .into_iter()
            .map(|range| {
                let tokens = self.tokenizer.tokenize(&normalized.text[range.clone()]);
                let breaks = clause_breaks(&tokens);
                Analysed { range, tokens, breaks }
            })
            .collect();
        let ranges: Vec<_> = sentences.iter().map(|s| s.range.clone()).collect();
        let headings = headings(&normalized.text, &ranges);
        let rules: Vec<&Rule> = self
            .rules
            .rules()
            .iter()
            .filter(|r| r.applies_to(&domains))
            .filter(|r| r.requirement_met(sentences.iter().map(|s| (s.tokens.as_slice(), s.breaks.as_slice()))))
            .collect();
        // Whether the section of sentence `index` meets a rule's `requires`.
        let section_names_requirement = |rule: &Rule, index: usize| {
            let mut section = (0..sentences.len()).filter(|&j| headings[j] == headings[index]);
            rule.requirement_met(
                section
                    .by_ref()
                    .map(|j| (sentences[j].tokens.as_slice(), sentences[j].breaks.as_slice())),
            )
        };
        let mut diagnostics = Vec::new();
        // Matches that a context or an `unless` cleared still supersede general rules:
        // where the specific rule found nothing to report, the general one has nothing either.
        let mut silenced: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        for (index, analysed) in sentences.iter().enumerate() {
            let Analysed {
                range: sentence_range,
                tokens,
                breaks,
            } = analysed;
            let sentence = &normalized.text[sentence_range.clone()];
            let heading = headings[index].clone().map(|h| &normalized.text[h]);
            for rule in &rules {
                if rule.requires_scope == Scope::Section && !section_names_requirement(rule, index) {
                    continue;
                }
                let found = rule.find(sentence, tokens, breaks);
                let first = index.saturating_sub(rule.unless_before);
                let near = || sentences[first..].iter().take(index - first + rule.unless_within + 1);
                if found.is_empty() {
                    continue;
                }
                let cleared = rule.cleared_by(near().map(|s| (s.tokens.as_slice(), s.breaks.as_slice())));
                for found in found {
                    let to_source = |range: std::ops::Range<usize>| {
                        let shifted = sentence_range.start + range.start..sentence_range.start + range.end;
                        document.map.to_source(normalized.to_input(shifted))
                    };
                    let contexts = self
                        .rules
                        .tails()
                        .contexts(sentence, heading, tokens, found.claim.clone());
                    match resolve(rule.severity, &contexts, &rule.context).filter(|_| !cleared) {
                        Some(severity) => diagnostics.push(diagnose(rule, severity, &found, &contexts, to_source)),
                        None => silenced.push((rule.code.as_str(), to_source(found.shown.clone()))),
                    }
                }
            }
        }
        self.drop_superseded(&mut diagnostics, &silenced);
        diagnostics.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
        Report { domains, diagnostics }
    }
}

impl Linter {
    /// One finding per claim: a finding that overlaps a match (reported or silenced) of a
    /// rule that supersedes its rule is dropped.
    fn drop_superseded(&self, diagnostics: &mut Vec<Diagnostic>, silenced: &[(&str, std::ops::Range<usize>)]) {
        let supersedes = |(code, span): (&str, &std::ops::Range<usize>), loser: &Diagnostic| {
            span.start < loser.span.end
                && loser.span.start < span.end
                && self.rules.get(code).is_some_and(|r| r.supersedes.contains(&loser.code))
        };
        let keep: Vec<bool> = diagnostics
            .iter()
            .map(|d| {
                let mut winners = diagnostics
                    .iter()
                    .map(|w| (w.code.as_str(), &w.span))
                    .chain(silenced.iter().map(|(c, s)| (*c, s)));
                !winners.any(|w| supersedes(w, d))
            })
            .collect();
        let mut keep = keep.into_iter();
        diagnostics.retain(|_| keep.next().unwrap_or(true));
    }
}

/// One sentence of a document: its range in the normalised text, tokens and clause breaks.
struct Analysed {
    range: std::ops::Range<usize>,
    tokens: Vec<crate::text::Token>,
    breaks: Vec<bool>,
}

fn diagnose(
    rule: &Rule,
    severity: crate::diagnostic::Severity,
    found: &Match,
    contexts: &[Context],
    to_source: impl Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
) -> Diagnostic {
    let span = to_source(found.shown.clone());
    let label = if severity == rule.severity {
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
        suggestions: rule.suggest.iter().map(|text| Suggestion::display_only(text)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEXICONS: &str = "[tails]\nnegation = []\nhedge = []\ninstruction = []\nmention = []\nmention_lead = []\nmention_unquoted = []\nquestion = []\ndoubt = []\nnominalizer = []\nnegation_final = []\nrisk_heading = []\ncitation = []\n";

    fn rule(code: &str, body: &str) -> String {
        format!(
            "[[rule]]\ncode = \"{code}\"\nid = \"rule-{}\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = [\"b\"]\nwhy = \"w\"\nsuggest = [\"s\"]\n{body}\n[rule.examples]\nflag = [\"x\"]\nclean = [\"y\"]\n",
            code.to_lowercase()
        )
    }

    fn codes(file: &str, text: &str) -> Vec<String> {
        let rules = RuleSet::load(("lex.toml", LEXICONS), &[("t.toml", file)]).unwrap();
        let linter = Linter::new(rules).unwrap();
        linter.lint_text(text).diagnostics.into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn unless_clears_a_match_within_the_window() {
        let file = format!(
            "family = \"kei\"\ntitle = \"t\"\n{}",
            rule(
                "KEI-01",
                "literals = [\"No.1\"]\nunless = [\"調べ\"]\nunless_within = 1"
            )
        );
        assert_eq!(codes(&file, "満足度No.1です。"), ["KEI-01"]);
        assert!(codes(&file, "満足度No.1※。※当社調べ。").is_empty());
        assert_eq!(codes(&file, "満足度No.1※。次の文。※当社調べ。"), ["KEI-01"]);
        assert_eq!(codes(&file, "当社調べ。満足度No.1です。"), ["KEI-01"]);
        let before = file.replace("unless_within = 1", "unless_before = 1");
        assert!(codes(&before, "当社調べ。満足度No.1です。").is_empty());
    }

    #[test]
    fn requires_may_be_scoped_to_the_section() {
        let file = |scope: &str| {
            format!(
                "family = \"regen\"\ntitle = \"t\"\n{}",
                rule(
                    "REGEN-01",
                    &format!("patterns = [\"若返る\"]\nrequires = [\"エクソソーム\"]\nrequires_scope = \"{scope}\"")
                )
            )
        };
        let page = "■エクソソーム点滴\n点滴で若返ります。\n■食事のコツ\n食事で若返ります。";
        assert_eq!(codes(&file("document"), page), ["REGEN-01", "REGEN-01"]);
        assert_eq!(codes(&file("section"), page), ["REGEN-01"]);
    }

    #[test]
    fn a_specific_rule_supersedes_an_overlapping_general_one() {
        let file = format!(
            "family = \"pmd\"\ntitle = \"t\"\n{}{}",
            rule("PMD-01", "patterns = [\"必ず 治る\"]"),
            rule("PMD-02", "patterns = [\"治る\"]\nsupersedes = [\"PMD-01\"]")
        );
        assert_eq!(codes(&file, "必ず治る。"), ["PMD-02"]);
    }
}
