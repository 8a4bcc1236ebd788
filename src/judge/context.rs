//! The contexts a claim can stand in, and what a rule's policy makes of them.

use crate::diagnostic::Severity;
use crate::rules::{Action, ContextPolicy};

/// The contexts a match can stand in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Negation,
    Instruction,
    Mention,
    Question,
    /// A question that doubts the claim (「本当に若返るのでしょうか？」).
    Doubt,
    Hedge,
    /// Under a heading about risks and side effects, or on a 「主な副作用：」 line, where
    /// diseases and side effects must be named.
    RiskSection,
    /// The sentence cites research or a source (〜と報告されています, 論文, 出典).
    Citation,
    /// The sentence reports laboratory research (動物実験や培養細胞を使った研究では…):
    /// what it says is about the study, not what the advertised treatment does.
    Research,
    /// A prospect (将来的には〜かもしれません, 実用化が期待されています).
    Future,
    /// The clause's topic is the body's own workings or a disease (がん細胞は増殖し…).
    Body,
    /// The clause's topic is another treatment or a drug class (ステロイドは炎症を抑える…).
    OtherTreatment,
    /// On affiliate copy, the maker's own claim passed on as a quotation (公式サイトには
    /// 「脂肪燃焼効果を実証」と書いてありました): the quotation is the ad, not a mention.
    Relayed,
}

impl Context {
    /// In the order their actions apply: a dropping context wins over a downgrade.
    pub const ALL: [Self; 13] = [
        Self::Negation,
        Self::Instruction,
        Self::Relayed,
        Self::Mention,
        Self::Doubt,
        Self::RiskSection,
        Self::Question,
        Self::Research,
        Self::Body,
        Self::OtherTreatment,
        Self::Future,
        Self::Hedge,
        Self::Citation,
    ];

    /// Why the context changed the severity, to be followed by 「ため」.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Negation => "否定されている",
            Self::Instruction => "指示・依頼の文である",
            Self::Mention => "引用・言及として扱われている",
            Self::Question => "疑問文である",
            Self::Doubt => "真偽を問う疑問文である",
            Self::Hedge => "断定を避ける表現（「場合があります」等）を伴う",
            Self::RiskSection => "リスク・副作用の説明箇所にある",
            Self::Citation => "研究や出典の引用である",
            Self::Research => "動物・細胞などの研究の紹介である",
            Self::Future => "将来の見通しとして述べられている",
            Self::Body => "体のしくみや病気そのものについての記述である",
            Self::OtherTreatment => "ほかの治療や薬についての記述である",
            Self::Relayed => "広告主の表示をそのまま伝えている",
        }
    }

    /// The context's name as `[rule.context]` spells it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Negation => "negation",
            Self::Instruction => "instruction",
            Self::Mention => "mention",
            Self::Question => "question",
            Self::Doubt => "doubt",
            Self::Hedge => "hedge",
            Self::RiskSection => "risk_section",
            Self::Citation => "citation",
            Self::Research => "research",
            Self::Future => "future",
            Self::Body => "body",
            Self::OtherTreatment => "other_treatment",
            Self::Relayed => "relayed",
        }
    }

    pub fn action(self, policy: &ContextPolicy) -> Action {
        match self {
            Self::Negation => policy.negation,
            Self::Instruction => policy.instruction,
            Self::Mention => policy.mention,
            Self::Question => policy.question,
            Self::Doubt => policy.doubt,
            Self::Hedge => policy.hedge,
            Self::RiskSection => policy.risk_section,
            Self::Citation => policy.citation,
            Self::Research => policy.research,
            Self::Future => policy.future,
            Self::Body => policy.body,
            Self::OtherTreatment => policy.other_treatment,
            Self::Relayed => policy.relayed,
        }
    }
}

/// Applies a rule's policy to the contexts of a match: `None` drops it.
pub fn resolve(severity: Severity, contexts: &[Context], policy: &ContextPolicy) -> Option<Severity> {
    contexts
        .iter()
        .try_fold(severity, |severity, &context| match context.action(policy) {
            Action::Drop => None,
            Action::Note => Some(Severity::Note),
            Action::Downgrade => Some(severity.downgraded()),
            Action::Keep => Some(severity),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_resolution() {
        let policy = ContextPolicy::default();
        assert_eq!(
            resolve(Severity::Error, &[Context::Hedge], &policy),
            Some(Severity::Warning)
        );
        assert_eq!(
            resolve(Severity::Error, &[Context::Negation, Context::Hedge], &policy),
            None
        );
        assert_eq!(resolve(Severity::Error, &[], &policy), Some(Severity::Error));
    }
}
