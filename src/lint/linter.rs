//! The pipeline: document → normalised sentences → tokens → rule matches → diagnostics.

use std::collections::BTreeSet;
use std::ops::{Range, RangeInclusive};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::gaps::find_gaps;
use super::page::Page;
use super::phrases::{Findings, drop_superseded, find_phrases, merge_repeats};
use super::report::{PageCheck, Report};
use super::waivers::Waivers;
use crate::FileError;
use crate::compile::{Absence, Matchers};
use crate::diagnostic::Diagnostic;
use crate::documents::{DomainDetector, TreatmentDetector};
use crate::engine::{Analyser, Engine};
use crate::judge::{Tails, Topics};
use crate::parallel;
use crate::rules::{Domain, Rule, RuleSet, RuleSettings};
use crate::source::Document;
use crate::text::{Normalized, Token, Tokenizer, split_sentences};

/// Lints documents against a rule set. Build one and share it: the dictionary loads
/// here, once, and the built-in rules compile as the documents need them (see
/// [`Engine::compiled_for`]; a user's rule files compile when the linter is built).
pub struct Linter {
    engine: Engine,
    tokenizer: Tokenizer,
    tails: Tails,
    topics: Topics,
    domains: DomainDetector,
    treatments: TreatmentDetector,
    /// Whether sentences without the anchors of any pattern skip tokenizing.
    prefilter: Prefilter,
    /// Bytes of text linted so far, for [`Prefilter::Auto`].
    linted: AtomicUsize,
}

/// Below this much text a document's rules run on one thread: starting another costs
/// more than it saves.
const SHARE_RULES_FROM: usize = 2_000;

/// When the linter uses the prefilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefilter {
    /// Once the text linted so far pays for working out the anchors (about the cost of
    /// tokenizing [`PREFILTER_AFTER`] bytes): a pre-commit hook on one page is faster
    /// without it.
    Auto,
    On,
    Off,
}

const PREFILTER_AFTER: usize = 48 * 1024;

/// What the user chose for a document: how it is judged and which rules report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Domains to judge the document as (`--domain`, `profile`) instead of detecting them:
    /// a cosmetics page is then judged by the cosmetics rules whatever its vocabulary.
    pub domains: Option<BTreeSet<Domain>>,
    /// Rules turned off or given another severity.
    pub rules: RuleSettings,
    /// How many threads the document's rules may share (0 counts as 1). A run that
    /// checks one file, as a pre-commit hook often does, gives it every core; files
    /// checked side by side get one each.
    pub threads: usize,
    /// Only waivers that say why (`-- 理由`) waive anything (`require-reason`).
    pub require_reason: bool,
    /// Which lines findings are reported on (`--changed-since`).
    pub lines: Lines,
    /// Items of the page-level checks that the site provides outside the page (its
    /// template's footer with the contact details: `provided` in kokoku.toml), by key.
    pub provided: BTreeSet<String>,
}

/// Which lines of a document its findings are reported on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Lines {
    /// Every line.
    #[default]
    All,
    /// These 1-based lines, and the page's own findings (a missing disclosure) as long as
    /// the page changed at all (an empty list: only deletions).
    Only(Vec<RangeInclusive<usize>>),
    /// None: the document is as it was.
    None,
}

impl Lines {
    /// Whether a finding starting on 1-based `line` is reported; `page_level` for the
    /// page's own findings.
    pub fn keep(&self, line: usize, page_level: bool) -> bool {
        match self {
            Self::All => true,
            Self::Only(lines) => page_level || lines.iter().any(|r| r.contains(&line)),
            Self::None => false,
        }
    }
}

#[derive(Debug)]
pub enum SetupError {
    Dictionary(FileError),
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
        Self::with_tokenizer(rules, Tokenizer::new().map_err(SetupError::Tokenizer)?)
    }

    /// A linter with a tokenizer of the caller's (one with a user dictionary). What the
    /// user's rule files bring is compiled now, so that their mistakes name file and line.
    pub fn with_tokenizer(rules: RuleSet, tokenizer: Tokenizer) -> Result<Self, SetupError> {
        // Anchors come from the forms IPADIC writes its lemmas in; a user dictionary's
        // words are not among them, so with one every sentence is tokenized.
        let prefilter = match tokenizer.has_user_dictionary() {
            true => Prefilter::Off,
            false => Prefilter::Auto,
        };
        Ok(Self {
            tails: Tails::new(rules.tails().clone()),
            topics: Topics::new(rules.topics()),
            domains: DomainDetector::new(rules.signals().to_vec()),
            treatments: TreatmentDetector::new(rules.treatments().to_vec()),
            engine: Engine::new(rules).map_err(SetupError::Dictionary)?,
            tokenizer,
            prefilter,
            linted: AtomicUsize::new(0),
        })
    }

    /// Uses the prefilter for every document, or never (every sentence is then
    /// tokenized), instead of once enough text was linted. The findings are the same
    /// either way; this is for measuring and testing that.
    pub fn with_prefilter(mut self, on: bool) -> Self {
        self.prefilter = match on && !self.tokenizer.has_user_dictionary() {
            true => Prefilter::On,
            false => Prefilter::Off,
        };
        self
    }

    pub fn rules(&self) -> &RuleSet {
        self.engine.rules()
    }

    /// The rules' compiled state.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// What the claims of `text` are about (`[topic.*]`), as safer wordings are chosen.
    pub fn topics_of(&self, text: &str) -> Vec<&str> {
        self.topics.of(&Normalized::new(text).text)
    }

    /// Lints plain text (the whole text is prose).
    pub fn lint_text(&self, text: &str) -> Report {
        self.lint(&Document::plain(text), &Options::default())
    }

    pub fn lint(&self, document: &Document, options: &Options) -> Report {
        let threads = match document.text.len() >= SHARE_RULES_FROM {
            true => options.threads.max(1),
            false => 1,
        };
        let linted = self.linted.fetch_add(document.text.len(), Ordering::Relaxed) + document.text.len();
        let normalized = Normalized::new(&document.text);
        let domains = match &options.domains {
            Some(domains) => domains.clone(),
            None => self.domains.detect(&normalized.text),
        };
        // Only a clinic's page offers treatments; an article about the rules names them
        // as examples.
        let treatments = match domains.contains(&Domain::Medical) && !domains.contains(&Domain::Editorial) {
            true => self.treatments.detect(&normalized.text),
            false => Vec::new(),
        };
        let ranges = split_sentences(&normalized.text);
        // Without the prefilter nearly every sentence is tokenized for some rule: on
        // several threads, tokenized while the rules compile, so that threads sharing
        // the rules do not wait on each other.
        let prefiltered = match self.prefilter {
            Prefilter::Auto => linted >= PREFILTER_AFTER,
            Prefilter::On => true,
            Prefilter::Off => false,
        };
        let tokens = (threads > 1 && !prefiltered)
            .then(|| self.tokenize_while_compiling(&normalized.text, &ranges, &domains, threads));
        // Every rule that applies to the domains has its matchers in `compiled`.
        let compiled = self.engine.compiled_for(&domains);
        let rules: Vec<(&Rule, &Matchers)> = (self.rules().rules().iter().enumerate())
            .filter(|(_, r)| options.rules.is_on(r) && r.applies_to(&domains))
            .map(|(i, r)| (r, compiled.matchers(i).expect("compiled for these domains")))
            .collect();
        let anchors = match self.prefilter {
            Prefilter::On => Some(compiled.anchors()),
            Prefilter::Auto if prefiltered => compiled.anchors_unless_being_built(),
            Prefilter::Auto | Prefilter::Off => None,
        };
        let analyser = Analyser::new(&self.tokenizer, compiled.vocabulary(), anchors);
        let page = Page::analyse(
            document,
            domains.clone(),
            normalized,
            ranges,
            tokens,
            analyser,
            (&self.tails, &self.topics),
        );
        // Rules are independent but for absence rules, which read the phrase rules'
        // findings; each phase shares its rules out, its findings kept in rule order.
        let phrase_rules: Vec<(&Rule, &Matchers)> =
            rules.iter().copied().filter(|(_, m)| m.absence.is_none()).collect();
        let mut findings = Findings::default();
        // Whether a rule's requirement is met is asked in its turn, so that the sentences
        // it needs are tokenized by whichever thread gets there first.
        let met = |matchers: &Matchers| matchers.requirement_met(page.all_words()) && !page.clears(matchers);
        let offered = || treatments.iter().map(|t| t.status);
        for found in parallel::in_order(&phrase_rules, threads, |&(rule, matchers)| {
            match rule.applies_to_offer(offered()) && met(matchers) {
                true => find_phrases(rule, matchers, &page),
                false => Findings::default(),
            }
        }) {
            findings.diagnostics.extend(found.diagnostics);
            findings.silenced.extend(found.silenced);
            findings.reported.extend(found.reported);
        }
        // An article about the rules is not an ad: nothing is missing from it.
        let absence_rules: Vec<(&Rule, &Matchers, &Absence)> = match domains.contains(&Domain::Editorial) {
            true => Vec::new(),
            false => (rules.iter())
                .filter_map(|&(r, m)| Some((r, m, m.absence.as_ref()?)))
                .collect(),
        };
        let gaps = parallel::in_order(&absence_rules, threads, |&(rule, matchers, absence)| {
            match met(matchers) {
                true => find_gaps(rule, absence, &page, &findings.reported, &treatments, &options.provided),
                false => (Vec::new(), PageCheck::not_applicable(rule)),
            }
        });
        let (gaps, checks): (Vec<Vec<Diagnostic>>, Vec<PageCheck>) = gaps.into_iter().unzip();
        let Findings {
            mut diagnostics,
            silenced,
            ..
        } = findings;
        diagnostics.extend(gaps.into_iter().flatten());
        drop_superseded(self.rules(), &mut diagnostics, &silenced);
        for d in &mut diagnostics {
            if let Some(severity) = self
                .rules()
                .get(&d.code)
                .and_then(|r| options.rules.severity_override(r))
            {
                d.severity = severity;
            }
        }
        diagnostics.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
        merge_repeats(self.rules(), &mut diagnostics);
        Report {
            domains,
            treatments,
            diagnostics,
            checks,
            waivers: Waivers::default(),
        }
    }

    /// The tokens of each sentence of `text`, tokenized on `threads` threads, one of
    /// which first compiles the rules of `domains`.
    fn tokenize_while_compiling(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        domains: &BTreeSet<Domain>,
        threads: usize,
    ) -> Vec<Vec<Token>> {
        let work: Vec<Option<&Range<usize>>> = std::iter::once(None).chain(sentences.iter().map(Some)).collect();
        let done = parallel::in_order(&work, threads, |sentence| match sentence {
            Some(range) => Some(self.tokenizer.tokenize(&text[(*range).clone()])),
            None => {
                self.engine.compiled_for(domains);
                None
            }
        });
        done.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::testing::LEXICONS;

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
    fn unless_page_clears_every_match_of_a_page_that_says_it() {
        let file = format!(
            "family = \"food\"\ntitle = \"t\"\n{}",
            rule("FOOD-07", "patterns = [\"高め の 方\"]\nunless_page = [\"届出 番号\"]")
        );
        assert_eq!(codes(&file, "血圧が高めの方に。黒酢です。"), ["FOOD-07"]);
        assert!(codes(&file, "血圧が高めの方に。黒酢です。\n届出番号：A123").is_empty());
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

    /// A free-care rule: triggered by `triggers` (ボトックス or ヒアルロン酸注入 by default),
    /// requiring a cost and a risk in the treatment's sections and a 自由診療 statement
    /// anywhere.
    fn free_care_rule(lexicon: &str, triggers: &str) -> String {
        format!(
            "family = \"med\"\ntitle = \"t\"\n{lexicon}{}",
            rule(
                "MED-D2",
                &format!(
                    "triggers = [{triggers}]\n\
                     [[rule.item]]\nkey = \"free-care-statement\"\nname = \"自由診療\"\npage_wide = true\nregexes = ['自由診療']\n\
                     [[rule.item]]\nkey = \"cost\"\nname = \"費用\"\nregexes = ['\\d+円']\n\
                     [[rule.item]]\nkey = \"risk\"\nname = \"リスク\"\nsignals = [\"副作用\", \"腫れ\"]\n"
                )
            )
        )
    }

    fn missing_with(file: &str, text: &str) -> Vec<Vec<String>> {
        let rules = RuleSet::load(("lex.toml", LEXICONS), &[("t.toml", file)]).unwrap();
        let report = Linter::new(rules).unwrap().lint_text(text);
        report
            .diagnostics
            .iter()
            .map(|d| d.missing.iter().map(|m| m.key.clone()).collect())
            .collect()
    }

    fn missing(text: &str) -> Vec<Vec<String>> {
        missing_with(&free_care_rule("", "\"ボトックス\", \"ヒアルロン 酸 注入\""), text)
    }

    #[test]
    fn an_absence_rule_lists_each_missing_item() {
        let full = "ボトックスの施術です。\n1回 30000円です。\n副作用として腫れがあります。\n自由診療です。";
        assert!(missing(full).is_empty());
        assert_eq!(missing(&full.replace("30000円", "お問い合わせください")), [["cost"]]);
        assert_eq!(
            missing(&full.replace("副作用として腫れがあります", "ご安心ください")),
            [["risk"]]
        );
        assert_eq!(
            missing(&full.replace("自由診療です", "ご予約ください")),
            [["free-care-statement"]]
        );
        assert!(
            missing("美容医療の広告を見るときは、費用とリスクを確かめましょう。").is_empty(),
            "nothing advertised"
        );
    }

    #[test]
    fn another_treatments_disclosure_does_not_count() {
        let page = "■ボトックス\nボトックスの施術です。1回 30000円。副作用として腫れがあります。\n\
                    ■ヒアルロン酸注入\nヒアルロン酸注入の施術です。副作用として腫れがあります。\n\
                    ■料金について\nすべて自由診療です。";
        assert_eq!(missing(page), [["cost"]], "the ヒアルロン酸注入 section has no price");
        let shared = page.replace(
            "すべて自由診療です。",
            "ヒアルロン酸注入は1回 50000円、すべて自由診療です。",
        );
        assert!(missing(&shared).is_empty(), "a shared price section names it");
    }

    #[test]
    fn one_treatment_under_two_names_is_checked_once() {
        let page = "■HIFU\nHIFUの施術です。1回 30000円。\n■ご予約\nハイフのご予約はこちら。自由診療です。";
        let synonyms = "[lexicon.treatment]\ndescription = \"d\"\nentries = [\"HIFU|ハイフ\", \"ボトックス\"]\n";
        assert_eq!(
            missing_with(&free_care_rule(synonyms, "\"@treatment\""), page),
            [["risk"]],
            "one finding for HIFU, at its first mention"
        );
        let apart = "[lexicon.treatment]\ndescription = \"d\"\nentries = [\"HIFU\", \"ハイフ\"]\n";
        assert_eq!(
            missing_with(&free_care_rule(apart, "\"@treatment\""), page),
            [vec!["risk"], vec!["cost", "risk"]],
            "listed apart, the names are two treatments"
        );
    }

    #[test]
    fn a_user_file_extends_a_lexicon_of_a_built_in_one() {
        let builtin = format!(
            "family = \"med\"\ntitle = \"t\"\n[lexicon.treatment]\ndescription = \"d\"\nentries = [\"ボトックス\"]\n{}",
            rule("MED-01", "patterns = [\"@treatment で 若返る\"]")
        );
        let user = "family = \"house\"\ntitle = \"t\"\n[lexicon.treatment]\ndescription = \"d\"\nextend = true\nentries = [\"水 光 注射\"]\n";
        let rules = RuleSet::load(("lex.toml", LEXICONS), &[("med.toml", &builtin), ("house.toml", user)]).unwrap();
        let linter = Linter::new(rules).unwrap();
        let codes: Vec<String> = linter
            .lint_text("水光注射で若返る。")
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["MED-01"]);
        let orphan = user.replace("treatment", "nothing");
        let rules = RuleSet::load(
            ("lex.toml", LEXICONS),
            &[("med.toml", &builtin), ("house.toml", &orphan)],
        );
        let err = Linter::new(rules.unwrap()).err().unwrap();
        assert!(err.to_string().contains("no lexicon `nothing` to extend"), "{err}");
    }

    /// A wording `about` a topic is offered only for claims on it; a plain one for any.
    #[test]
    fn safer_wordings_follow_the_topic_of_the_claim() {
        let lexicons = format!("{LEXICONS}[topic.pain]\nwords = [\"痛み\"]\n[topic.price]\nwords = [\"円\"]\n");
        let file = format!(
            "family = \"med\"\ntitle = \"t\"\n{}",
            rule("MED-01", "patterns = [\"少ない\"]")
        )
        .replace(
            "suggest = [\"s\"]",
            "suggest = [{ text = \"麻酔\", about = [\"pain\"] }, { text = \"料金表\", about = [\"price\"] }]",
        );
        let linter = Linter::new(RuleSet::load(("lex.toml", &lexicons), &[("t.toml", &file)]).unwrap()).unwrap();
        let offered = |text: &str| -> Vec<String> {
            let report = linter.lint_text(text);
            report.diagnostics[0]
                .suggestions
                .iter()
                .map(|s| s.text.to_string())
                .collect()
        };
        assert_eq!(offered("痛みが少ない施術です。"), ["麻酔"]);
        assert_eq!(offered("1,000円と負担が少ない。"), ["料金表"]);
        assert_eq!(
            offered("ダウンタイムが少ない。"),
            ["麻酔", "料金表"],
            "no topic: every wording"
        );
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
