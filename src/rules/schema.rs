//! The TOML shape of rule and lexicon files (see dictionaries/README.md).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Deserializer};

use super::domain::Domain;
use super::treatment::Status;
use crate::diagnostic::{Place, Severity};

/// A value and where it stands in its file, for errors. A user's TOML file gives the
/// span; the built-in files, packed as MessagePack by build.rs, have none (an error in
/// them is looked for again in their TOML, see `RuleSet::builtin_with`).
#[derive(Debug)]
pub struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    pub fn into_inner(self) -> T {
        self.value
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }

    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// Byte range in the file; empty at 0 in a packed file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // TOML is the human-readable format; MessagePack, the binary one, has no spans.
        match deserializer.is_human_readable() {
            true => {
                let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
                Ok(Self {
                    span: spanned.span(),
                    value: spanned.into_inner(),
                })
            }
            false => Ok(Self {
                span: 0..0,
                value: T::deserialize(deserializer)?,
            }),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub family: String,
    pub title: String,
    /// Word lists of this family, usable by every rule file loaded with it.
    #[serde(default)]
    pub lexicon: BTreeMap<String, Spanned<LexiconDef>>,
    #[serde(rename = "rule", default)]
    pub rules: Vec<Spanned<RuleDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub code: Spanned<String>,
    pub id: Spanned<String>,
    pub severity: Severity,
    pub message: String,
    pub message_en: Option<String>,
    /// For medical-advertising rules, the MHLW ネットパトロール category.
    pub category: Option<Category>,
    pub basis: Vec<String>,
    pub why: String,
    pub suggest: Vec<Spanned<SuggestDef>>,
    /// Machine-applicable changes to the flagged words (`--fix`).
    #[serde(default, rename = "fix")]
    pub fixes: Vec<FixDef>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Absence rules: token patterns for what the page advertises…
    #[serde(default)]
    pub triggers: Vec<Spanned<String>>,
    /// …or codes of rules whose findings show it…
    #[serde(default)]
    pub trigger_rules: Vec<Spanned<String>>,
    /// …or the standing of treatments (`[treatment.*]`) a clinic page offers…
    #[serde(default)]
    pub trigger_treatments: Vec<Status>,
    /// …and the items the page must then state.
    #[serde(default, rename = "item")]
    pub items: Vec<Spanned<ItemDef>>,
    #[serde(default)]
    pub literals: Vec<String>,
    #[serde(default)]
    pub regexes: Vec<Spanned<String>>,
    #[serde(default)]
    pub domains: Vec<Domain>,
    /// Domains where the rule does not apply even if one of `domains` is present (a
    /// clinic page that mentions 美容液 is still judged as a clinic page).
    #[serde(default)]
    pub except_domains: Vec<Domain>,
    /// Token patterns of which one must occur somewhere in the document for the rule to
    /// apply (the product a claim is about may be named in another sentence).
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    /// Where `requires` must be met: anywhere in the document, or in the match's section.
    #[serde(default)]
    pub requires_scope: Scope,
    /// The standings of which the page must offer a treatment (`[treatment.*]`) for the
    /// rule to apply: what may be said of an approved drug may not of an unapproved one.
    #[serde(default)]
    pub requires_treatments: Vec<Status>,
    /// The places on the page where the rule reports a match (none: anywhere): a
    /// subscription condition is a problem where nobody reads it.
    #[serde(default)]
    pub places: Vec<Place>,
    /// Token patterns that clear a match when found in its sentence or in the
    /// `unless_within` sentences after it (a source note under a No.1 claim).
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless_within: usize,
    /// Token patterns of which one anywhere in the document clears every match: what a
    /// page that says so may write (a 機能性表示食品 addresses 「血圧が高めの方」).
    #[serde(default)]
    pub unless_page: Vec<Spanned<String>>,
    /// Wording a kind of page may use, by domain: on such a page a match overlapping one
    /// of these patterns is not a claim (a 医薬部外品's approved 「シミ・そばかすを防ぐ」).
    #[serde(default)]
    pub permitted: BTreeMap<Domain, Vec<Spanned<String>>>,
    /// How many sentences before the match `unless` also looks at (a 【PR】 label at the
    /// top of an article).
    #[serde(default)]
    pub unless_before: usize,
    /// Where the `unless` window may reach: the whole window, or only the match's own
    /// section and the page's opening (one post of several has its own PR label).
    #[serde(default)]
    pub unless_scope: Scope,
    /// The finding is about the page (an unapproved drug it offers), not each mention:
    /// reported once, at the first, the others as related places.
    #[serde(default)]
    pub once_per_page: bool,
    /// Codes of less specific rules: where both match overlapping words, only this
    /// rule is reported.
    #[serde(default)]
    pub supersedes: Vec<Spanned<String>>,
    /// The kinds of claim the rule reports besides its own, each the id of the rule that
    /// reports it on other pages (`guarantee-of-efficacy` for MED-01, which reports on a
    /// clinic's page what PMD-01 reports elsewhere): a waiver, `--select` or `[rules]`
    /// naming the kind holds whichever family reports it.
    #[serde(default)]
    pub claims: Vec<Spanned<String>>,
    #[serde(default)]
    pub context: ContextPolicy,
    pub examples: Spanned<Examples>,
}

impl RuleDef {
    /// Every pattern of the rule: what it finds, requires, is cleared by and triggered
    /// by, and its items' signals.
    pub fn pattern_sources(&self) -> impl Iterator<Item = &Spanned<String>> {
        let signals = self.items.iter().flat_map(|item| &item.get_ref().signals);
        let patterns = (self.patterns.iter().chain(&self.requires))
            .chain(&self.unless)
            .chain(&self.unless_page);
        let permitted = self.permitted.values().flatten();
        patterns.chain(&self.triggers).chain(signals).chain(permitted)
    }
}

/// A change that takes the problem out of the flagged words.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixDef {
    /// Words as they are written inside the flagged text.
    pub replace: String,
    /// What to put instead; empty deletes them.
    #[serde(default)]
    pub with: String,
    /// The change keeps what the copy says (a brand name to its generic name), so
    /// `--fix` applies it; otherwise only `--unsafe-fixes` does.
    #[serde(default)]
    pub safe: bool,
}

/// An item an absence rule requires, with the signals that show it is there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub key: String,
    pub name: String,
    /// Present anywhere on the page counts, not only in the advertising section.
    #[serde(default)]
    pub page_wide: bool,
    #[serde(default)]
    pub signals: Vec<Spanned<String>>,
    #[serde(default)]
    pub regexes: Vec<Spanned<String>>,
}

/// How far from a match a rule's `requires` may be met, or its `unless` looked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Document,
    /// The sentences under the same heading.
    Section,
}

/// What each context does to a match of the rule.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContextPolicy {
    pub negation: Action,
    pub mention: Action,
    pub instruction: Action,
    pub hedge: Action,
    pub question: Action,
    pub doubt: Action,
    pub risk_section: Action,
    pub citation: Action,
    pub research: Action,
    pub future: Action,
    /// The clause is about the body's own workings or a disease's course.
    pub body: Action,
    /// The clause is about another treatment or a drug class (ステロイドは…).
    pub other_treatment: Action,
    pub relayed: Action,
}

impl Default for ContextPolicy {
    fn default() -> Self {
        Self {
            negation: Action::Drop,
            mention: Action::Drop,
            instruction: Action::Drop,
            hedge: Action::Downgrade,
            question: Action::Downgrade,
            doubt: Action::Drop,
            risk_section: Action::Keep,
            citation: Action::Keep,
            research: Action::Keep,
            future: Action::Note,
            body: Action::Keep,
            other_treatment: Action::Keep,
            relayed: Action::Keep,
        }
    }
}

/// The categories of the MHLW 医療機関ネットパトロール reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Category {
    #[serde(rename = "虚偽")]
    False,
    #[serde(rename = "比較優良")]
    ComparativeSuperiority,
    #[serde(rename = "誇大")]
    Exaggeration,
    #[serde(rename = "公序良俗")]
    PublicOrder,
    #[serde(rename = "広告可能事項外・限定解除不備")]
    OutsideAllowedContent,
    #[serde(rename = "体験談")]
    Testimonial,
    #[serde(rename = "治療前後写真")]
    BeforeAfterPhoto,
    #[serde(rename = "その他")]
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::False => "虚偽",
            Self::ComparativeSuperiority => "比較優良",
            Self::Exaggeration => "誇大",
            Self::PublicOrder => "公序良俗",
            Self::OutsideAllowedContent => "広告可能事項外・限定解除不備",
            Self::Testimonial => "体験談",
            Self::BeforeAfterPhoto => "治療前後写真",
            Self::Other => "その他",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Drop,
    /// Report as a note (`info`, the earlier name, is still read).
    #[serde(alias = "info")]
    Note,
    Downgrade,
    Keep,
}

impl Action {
    /// What the action does to a finding, for `kokoku explain`.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Drop => "報告しない (drop)",
            Self::Note => "note として報告 (note)",
            Self::Downgrade => "一段階下げて報告 (downgrade)",
            Self::Keep => "そのまま報告 (keep)",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub clean: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub lexicon: BTreeMap<String, Spanned<LexiconDef>>,
    pub tails: TailsDef,
    #[serde(default)]
    pub domain: BTreeMap<Domain, DomainDef>,
    #[serde(default)]
    pub treatment: BTreeMap<String, TreatmentTableDef>,
    #[serde(default)]
    pub topic: BTreeMap<String, TopicDef>,
}

/// A safer wording: a plain string fits any claim of its rule; one with `about` only
/// claims on those topics (`[topic.*]`), so that a guarantee of a cure is not answered
/// with a wording about pain.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SuggestDef {
    Any(String),
    About { text: String, about: Vec<String> },
}

/// What a claim can be about (pain, price, ranking…), and the words that show it in the
/// claim's sentence (`[topic.*]` in lexicons.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconDef {
    /// For people reading the file; kokoku does not use it.
    #[serde(rename = "description")]
    pub _description: String,
    pub entries: Vec<Spanned<String>>,
    /// Add the entries to a lexicon defined in an earlier file (a user's treatment names
    /// for a built-in list) instead of defining a new one.
    #[serde(default)]
    pub extend: bool,
}

/// Plain-text tails that decide a match's context (see `judge::tails`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TailsDef {
    pub negation: Vec<String>,
    pub hedge: Vec<String>,
    pub instruction: Vec<String>,
    pub mention: Vec<String>,
    pub mention_lead: Vec<String>,
    /// Right after the match, without quotation marks, these still make it a mention
    /// (シワが消えると表現することはできません).
    pub mention_unquoted: Vec<String>,
    pub question: Vec<String>,
    /// In a question, words that doubt the claim (本当に): the question is no claim.
    pub doubt: Vec<String>,
    /// Followed by one of these, the claim is a noun phrase (若返ることが…)…
    pub nominalizer: Vec<String>,
    /// …that a sentence ending with one of these denies (…とは言えません).
    pub negation_final: Vec<String>,
    /// A heading (or a 「…：」 line label) with one of these opens a risk section (L6).
    pub risk_heading: Vec<String>,
    /// A line with one of these (会社概要, プライバシーポリシー, ©) closes the page: what
    /// follows it, up to the end, is the footer.
    #[serde(default)]
    pub footer: Vec<String>,
    /// A line with one of these, followed by list items, addresses the reader by their
    /// complaints (こんなお悩みの方に): its items are the audience a product is offered to.
    #[serde(default)]
    pub audience: Vec<String>,
    /// A sentence with one of these cites research or a source (L7).
    pub citation: Vec<String>,
    /// A sentence (or its heading) with one of these reports laboratory research
    /// (動物実験, 培養細胞): its subject is the study, not the advertised treatment.
    #[serde(default)]
    pub research: Vec<String>,
    /// A sentence with one of these speaks of what may come (将来的には, 実用化が期待):
    /// a prospect, not what the treatment does today.
    #[serde(default)]
    pub future: Vec<String>,
    /// A clause whose topic (the words before its は/が) holds one of these is about the
    /// body's own workings or a disease (私たちの体には, がん細胞は)…
    #[serde(default)]
    pub subject_body: Vec<String>,
    /// …or about another treatment or a drug class (ステロイドは, 抗凝固薬を服用中の方は).
    #[serde(default)]
    pub subject_other: Vec<String>,
    /// On affiliate copy, a quotation in a sentence with one of these passes on the maker's
    /// claim (公式サイトには「…」と書いてありました) instead of discussing it.
    #[serde(default)]
    pub relay_source: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainDef {
    pub signals: Vec<String>,
    /// How many distinct signals make a page of this kind (default 2).
    #[serde(default = "two")]
    pub min_signals: usize,
}

/// A treatment clinics offer and its standing under the 薬機法 (see `documents::treatments`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentTableDef {
    pub name: String,
    pub status: Status,
    /// Plain words that name it on a page.
    pub words: Vec<String>,
}

fn two() -> usize {
    2
}
