//! What kokoku reports, independent of how it is printed: the finding, its severity,
//! suggestions and fixes, and the claim model's vocabulary (subject, modality, place).
//!
//! Layer 1: imports only `span`.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::span::SourceSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look, not a violation by itself. Called `note` everywhere (as SARIF and
    /// compilers do); `info`, its earlier name, is still read.
    #[serde(alias = "info")]
    Note,
    Warning,
    Error,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Self; 3] = [Self::Note, Self::Warning, Self::Error];

    /// One level lower; a note stays a note.
    pub fn downgraded(self) -> Self {
        match self {
            Self::Error => Self::Warning,
            Self::Warning | Self::Note => Self::Note,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How far a suggestion can be trusted to replace the flagged words by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Replacing the span keeps the meaning and the grammar.
    Safe,
    /// A correct rewording, but it changes what the copy says: review it.
    Unsafe,
    /// A model wording to adapt by hand; it cannot replace the span as it is.
    DisplayOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub text: Arc<str>,
    pub applicability: Applicability,
    /// The wording has blanks (○○) to fill in with the real figures or names.
    pub placeholder: bool,
    /// The wording can stand in for the flagged words as it is: no blanks, and not an
    /// instruction in brackets (（根拠のない数値を削除し…）). Editors and the web
    /// checker offer these as replacements.
    pub replaceable: bool,
}

impl Suggestion {
    /// A model wording for a person to adapt; ○○ marks a blank to fill in.
    pub fn display_only(text: &Arc<str>) -> Self {
        let placeholder = text.contains(['○', '〇', '◯']);
        Self {
            text: Arc::clone(text),
            applicability: Applicability::DisplayOnly,
            placeholder,
            replaceable: !placeholder && !text.starts_with('（'),
        }
    }
}

/// A change kokoku can make to the source by itself (`--fix`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the change does, for people: 「ボトックス」を「ボツリヌストキシン製剤」に.
    pub title: String,
    /// `Safe` or `Unsafe`.
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// Replace the source bytes `span` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: SourceSpan,
    pub text: String,
}

/// A secondary location with its own message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: SourceSpan,
    pub message: String,
}

/// One finding. Spans are byte ranges into the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: String,
    pub id: String,
    pub severity: Severity,
    pub span: SourceSpan,
    pub message: Arc<str>,
    /// What the primary label says (the matched wording, in context).
    pub label: String,
    pub labels: Vec<Label>,
    /// The law, article and guideline section the rule rests on.
    pub basis: Arc<[String]>,
    /// Background, one line each (the English message, for instance).
    pub notes: Vec<String>,
    pub suggestions: Vec<Suggestion>,
    /// A change that resolves the finding, where the rule has one for these words.
    pub fix: Option<Fix>,
    /// For a document-level finding (a page that lacks required statements), what is
    /// missing; empty for a finding about wording.
    pub missing: Vec<Missing>,
    /// For a finding about wording: how and where the claim is made.
    pub claim: Option<Claim>,
}

/// How and where a claim is made, as kokoku read it from the sentence and its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub subject: Subject,
    pub modality: Modality,
    pub place: Place,
    /// The heading the claim stands under, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// How a claim is said. A rule keeps only the modalities it reports; the others are
/// dropped before a finding is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    Asserted,
    /// Softened (場合があります, 期待できます).
    Hedged,
    /// Reported from research or a source (と報告されています).
    Reported,
    /// A prospect (将来的には〜かもしれません).
    Future,
    Question,
    Instruction,
    /// Quoted in order to be discussed (「必ず治る」といった表現).
    Quoted,
    Negated,
}

/// What a claim is about, read from its clause's topic and its sentence. A rule keeps
/// only the subjects it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    /// The treatment or product the page advertises (what a claim is taken to be about
    /// unless its clause says otherwise).
    Advertised,
    /// A study: animal or cell experiments, research reported in general.
    Research,
    /// The body's own workings or a disease's course (私たちの体には, がん細胞は).
    Body,
    /// Another treatment or a drug class (ステロイドは, 抗凝固薬を服用中の方は).
    OtherTreatment,
}

/// Where on the page a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    Body,
    /// The claim is itself a heading or headline.
    Heading,
    /// Under a heading about risks, side effects or who may not be treated.
    RiskSection,
    /// An item of a list that a line like 「こんなお悩みの方に」 leads into: the readers the
    /// product is offered to, named by their complaints.
    AudienceList,
    /// After the page's closing lines (company, contact, legal links): where a condition
    /// stands in for the small print a reader does not get to.
    Footer,
}

impl Place {
    /// The place as a reader names it.
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::Body => "本文",
            Self::Heading => "見出し",
            Self::RiskSection => "リスク・副作用の説明",
            Self::AudienceList => "「こんな方に」の列挙",
            Self::Footer => "ページ末尾（会社情報・リンクの後）",
        }
    }
}

impl Diagnostic {
    /// Whether the finding is about the page as a whole rather than its wording.
    pub fn is_document_level(&self) -> bool {
        !self.missing.is_empty()
    }

    /// The message, naming what is missing for a document finding (for outputs that
    /// have one text field).
    pub fn full_message(&self) -> String {
        let mut message = self.message.to_string();
        if !self.missing.is_empty() {
            let names: Vec<&str> = self.missing.iter().map(|m| m.name.as_str()).collect();
            message.push_str(&format!("（記載がありません: {}）", names.join("、")));
        }
        message
    }

    /// [`Self::full_message`] and the first safer wording, for annotations and review
    /// comments that a person reads next to the copy.
    pub fn message_with_help(&self) -> String {
        let mut message = self.full_message();
        if let Some(s) = self.suggestions.first() {
            message.push_str(&format!("\n言い換え例: {}", s.text));
        }
        message
    }
}

/// A required statement a page lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// Stable key for machines: `cost`, `risk`, `unapproved-status`, …
    pub key: String,
    /// What a person reads: 費用, 主なリスク・副作用, …
    pub name: String,
}
