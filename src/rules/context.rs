//! Whether a matched phrase is really claimed: negation, hedging, instructions,
//! quotation (mention) and questions, read from the sentence around the match.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::schema::{Action, ContextPolicy, TailsDef};
use crate::diagnostic::Severity;
use crate::text::Token;

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
}

impl Context {
    /// In the order their actions apply: a dropping context wins over a downgrade.
    const ALL: [Self; 8] = [
        Self::Negation,
        Self::Instruction,
        Self::Mention,
        Self::Doubt,
        Self::RiskSection,
        Self::Question,
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
        }
    }

    fn action(self, policy: &ContextPolicy) -> Action {
        match self {
            Self::Negation => policy.negation,
            Self::Instruction => policy.instruction,
            Self::Mention => policy.mention,
            Self::Question => policy.question,
            Self::Doubt => policy.doubt,
            Self::Hedge => policy.hedge,
            Self::RiskSection => policy.risk_section,
            Self::Citation => policy.citation,
        }
    }
}

const OPEN_QUOTES: [char; 4] = ['「', '『', '“', '"'];
const CLOSE_QUOTES: [char; 4] = ['」', '』', '”', '"'];
const TRAILING: &[char] = &['。', '.', '!', '?', '」', '』', ')', '）', ' ', '　', '\n'];

/// The context tails of `lexicons.toml`. The lists a clause or sentence is searched
/// for anywhere are also compiled into one automaton each: a match is checked against
/// every context, and a page can hold thousands of matches.
#[derive(Debug, Clone)]
pub struct Tails {
    def: TailsDef,
    hedge: AhoCorasick,
    doubt: AhoCorasick,
    risk_heading: AhoCorasick,
    citation: AhoCorasick,
}

impl Tails {
    pub fn new(def: TailsDef) -> Self {
        Self {
            hedge: searcher(&def.hedge),
            doubt: searcher(&def.doubt),
            risk_heading: searcher(&def.risk_heading),
            citation: searcher(&def.citation),
            def,
        }
    }

    /// The contexts of `span` (a byte range of `sentence`, which stands under `heading`)
    /// that are present.
    /// Tails must end where a token of `tokens` ends (ず is no negation in ずつ).
    pub fn contexts(
        &self,
        sentence: &str,
        heading: Option<&str>,
        tokens: &[Token],
        span: Range<usize>,
    ) -> Vec<Context> {
        let at = Site {
            sentence,
            heading,
            tokens,
        };
        Context::ALL
            .into_iter()
            .filter(|&c| self.holds(c, &at, span.clone()))
            .collect()
    }

    fn holds(&self, context: Context, at: &Site, span: Range<usize>) -> bool {
        let Site { sentence, heading, .. } = *at;
        let after = &sentence[span.end..];
        match context {
            // The text right after the match (past closing quotes) negates it, or the
            // claim is made a noun (〜ことが) and the sentence denies it at the end.
            Context::Negation => {
                let next = after.trim_start_matches(CLOSE_QUOTES);
                let from = sentence.len() - next.len();
                self.def
                    .negation
                    .iter()
                    .any(|t| next.starts_with(t.as_str()) && at.ends_token(from + t.len()))
                    || (self.def.nominalizer.iter().any(|t| next.starts_with(t.as_str()))
                        && self
                            .def
                            .negation_final
                            .iter()
                            .any(|t| sentence_end(sentence).ends_with(t.as_str()))
                        && span.start >= last_clause(sentence))
            }
            // Hedges and instructions count only in the claim's own clause: in
            // 「必ず治りますので、ご相談ください」 the request does not soften the claim.
            Context::Hedge => {
                let clause = own_clause(after);
                self.hedge.is_match(clause)
            }
            Context::Instruction => {
                let clause = own_clause(after).trim_end_matches(TRAILING);
                self.def.instruction.iter().any(|t| clause.ends_with(t.as_str()))
            }
            // Only the clause that asks: in 「若返ると言われていますが、本当でしょうか」 the
            // first clause still says it.
            Context::Question => self.is_question(sentence) && span.start >= last_clause(sentence),
            Context::Doubt => {
                self.is_question(sentence) && {
                    let asking = last_clause(sentence);
                    span.start >= asking && self.doubt.is_match(&sentence[asking..])
                }
            }
            Context::Mention => self.is_mention(sentence, span),
            Context::RiskSection => {
                // A label line: 「主な副作用：腫れ、内出血」.
                let label = sentence
                    .split_once(['：', ':'])
                    .map(|(label, _)| label)
                    .filter(|l| l.chars().count() <= 15);
                [heading, label]
                    .into_iter()
                    .flatten()
                    .any(|h| self.risk_heading.is_match(h))
            }
            Context::Citation => self.citation.is_match(sentence),
        }
    }

    fn is_question(&self, sentence: &str) -> bool {
        let end = sentence_end(sentence);
        end.ends_with('?') || self.def.question.iter().any(|t| end.ends_with(t.as_str()))
    }

    /// Quoted and discussed (「必ず治る」といった表現), or in an NG-example line.
    fn is_mention(&self, sentence: &str, span: Range<usize>) -> bool {
        let lead = sentence.trim_start();
        let after = &sentence[span.end..];
        if self.def.mention_lead.iter().any(|m| lead.starts_with(m.as_str()))
            || self.def.mention_unquoted.iter().any(|m| after.starts_with(m.as_str()))
        {
            return true;
        }
        let Some(close) = quote_close(sentence, span) else {
            return false;
        };
        let after = skip_quotations(&sentence[close..]);
        let after = after
            .strip_prefix("など")
            .or_else(|| after.strip_prefix('等'))
            .unwrap_or(after);
        let after = after.trim_start_matches(['、', ',']);
        self.def.mention.iter().any(|m| after.starts_with(m.as_str()))
    }
}

/// Where a match stands: its sentence, the heading above it and the sentence's tokens.
struct Site<'a> {
    sentence: &'a str,
    heading: Option<&'a str>,
    tokens: &'a [Token],
}

impl Site<'_> {
    /// Whether a token ends at byte `offset` of the sentence (or the sentence does).
    fn ends_token(&self, offset: usize) -> bool {
        offset >= self.sentence.len() || self.tokens.iter().any(|t| t.span.end == offset)
    }
}

/// Where the last clause of a sentence starts: after its last contrastive が、けど、.
/// A question or a final denial covers only that clause.
fn last_clause(sentence: &str) -> usize {
    const CONTRASTIVE: [&str; 5] = ["が", "けど", "けれど", "けれども", "ものの"];
    sentence
        .rmatch_indices('、')
        .find(|&(i, _)| CONTRASTIVE.iter().any(|c| sentence[..i].ends_with(c)))
        .map_or(0, |(i, comma)| i + comma.len())
}

/// The sentence without its final punctuation.
fn sentence_end(sentence: &str) -> &str {
    sentence.trim_end_matches(['。', '.', '!', ' ', '\n'])
}

/// Skips the closing quote and any quotations listed after it, so that every item of
/// 「A」「B」といった表現 reaches the marker.
fn skip_quotations(mut rest: &str) -> &str {
    loop {
        rest = rest
            .trim_start_matches(CLOSE_QUOTES)
            .trim_start_matches(['、', '・', ',', ' ']);
        let next = rest
            .strip_prefix(['や', 'と'])
            .filter(|r| r.starts_with(OPEN_QUOTES))
            .unwrap_or(rest);
        let Some(open) = next.chars().next().filter(|c| OPEN_QUOTES.contains(c)) else {
            return rest;
        };
        let kind = OPEN_QUOTES.iter().position(|&q| q == open).unwrap_or(0);
        let body = &next[open.len_utf8()..];
        match body.find(CLOSE_QUOTES[kind]) {
            Some(end) => rest = &body[end..],
            None => return rest,
        }
    }
}

/// Finds any of `needles`; tails are plain strings, so building cannot fail. A
/// contiguous NFA builds in a fraction of the time of the DFA the default would pick
/// for so few strings, and start-up counts for a pre-commit hook.
fn searcher(needles: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(needles)
        .expect("plain strings make an automaton")
}

/// The rest of the match's clause: `after` up to the first clause separator
/// (、 , ので から ため けど けれど). Looked up for every match, so one pass.
fn own_clause(after: &str) -> &str {
    let end = after
        .char_indices()
        .find(|&(i, c)| {
            let rest = &after[i + c.len_utf8()..];
            match c {
                '、' | ',' => true,
                'の' => rest.starts_with('で'),
                'か' => rest.starts_with('ら'),
                'た' => rest.starts_with('め'),
                'け' => rest.starts_with('ど') || rest.starts_with("れど"),
                _ => false,
            }
        })
        .map_or(after.len(), |(i, _)| i);
    &after[..end]
}

/// The end of the quotation that encloses `span`, if one does.
fn quote_close(sentence: &str, span: Range<usize>) -> Option<usize> {
    let before = &sentence[..span.start];
    let (open_at, open) = before
        .char_indices()
        .rev()
        .find(|(_, c)| OPEN_QUOTES.contains(c) || CLOSE_QUOTES.contains(c))?;
    let kind = OPEN_QUOTES.iter().position(|&q| q == open)?;
    // A straight quote is both opening and closing: count them to tell which.
    if open == '"' && before[..open_at].matches('"').count() % 2 == 1 {
        return None;
    }
    let close = CLOSE_QUOTES[kind];
    sentence[span.end..].find(close).map(|i| span.end + i)
}

/// Applies a rule's policy to the contexts of a match: `None` drops it.
pub fn resolve(severity: Severity, contexts: &[Context], policy: &ContextPolicy) -> Option<Severity> {
    contexts
        .iter()
        .try_fold(severity, |severity, &context| match context.action(policy) {
            Action::Drop => None,
            Action::Info => Some(Severity::Info),
            Action::Downgrade => Some(severity.downgraded()),
            Action::Keep => Some(severity),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tails() -> Tails {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Tails::new(TailsDef {
            negation: list(&["ない", "ません", "わけではありません", "ず"]),
            hedge: list(&["場合があります", "個人差があります"]),
            instruction: list(&["ください", "しましょう"]),
            mention: list(&["といった", "という表現"]),
            mention_lead: list(&["NG例"]),
            mention_unquoted: list(&["と表現"]),
            question: list(&["でしょうか"]),
            doubt: list(&["本当に"]),
            nominalizer: list(&["ことが", "効果は", "は"]),
            negation_final: list(&["とは言えません", "ていません"]),
            risk_heading: list(&["副作用", "リスク"]),
            citation: list(&["と報告されています"]),
        })
    }

    fn contexts(sentence: &str, claim: &str) -> Vec<Context> {
        let start = sentence.find(claim).unwrap();
        let tokens = crate::text::Tokenizer::new().unwrap().tokenize(sentence);
        tails().contexts(sentence, None, &tokens, start..start + claim.len())
    }

    #[test]
    fn a_negation_tail_ends_a_word() {
        assert_eq!(contexts("治らず困っています", "治ら"), [Context::Negation]);
        assert!(contexts("毎日2粒ずつ飲めば痩せる", "2粒").is_empty());
    }

    #[test]
    fn negation_must_follow_the_match() {
        assert_eq!(
            contexts("必ず治るわけではありません。", "必ず治る"),
            [Context::Negation]
        );
        assert!(contexts("必ず治るので悩まなくていいのではありません", "必ず治る").is_empty());
    }

    #[test]
    fn quoted_and_discussed_is_a_mention() {
        let c = contexts("『絶対若返る』といった表現には注意しましょう。", "絶対若返る");
        assert_eq!(c, [Context::Instruction, Context::Mention]);
        assert!(contexts("「絶対若返る」と話題の施術です。", "絶対若返る").is_empty());
    }

    #[test]
    fn every_item_of_a_quoted_list_is_a_mention() {
        let sentence = "『必ず治る』『絶対若返る』といった表現は禁止です。";
        assert_eq!(contexts(sentence, "必ず治る"), [Context::Mention]);
        assert_eq!(
            contexts("「必ず治る」や「完治」という表現", "必ず治る"),
            [Context::Mention]
        );
        assert!(contexts("「必ず治る」「安心」の当院へ。", "必ず治る").is_empty());
        assert_eq!(
            contexts("シワが消えると表現できません", "シワが消える"),
            [Context::Mention]
        );
    }

    #[test]
    fn a_claim_as_subject_of_a_denial_is_negated() {
        let sentence = "研究段階であり、シワの改善効果は確認されていません。";
        assert_eq!(contexts(sentence, "シワの改善"), [Context::Negation]);
        let contrast = "シワの改善はできますが、保険は適用されていません。";
        assert!(contexts(contrast, "シワの改善").is_empty());
    }

    #[test]
    fn a_nominalised_claim_denied_at_the_end_is_negated() {
        let sentence = "点滴で若返ることが確かめられているとは言えません。";
        assert_eq!(contexts(sentence, "若返る"), [Context::Negation]);
        assert!(contexts("点滴で若返ることが当院の自慢です。", "若返る").is_empty());
    }

    #[test]
    fn risk_sections_and_citations() {
        let tails = tails();
        let risk = |sentence: &str, heading| tails.contexts(sentence, heading, &[], 0..3);
        assert_eq!(
            risk("がんの方はご相談を", Some("■副作用・リスク")),
            [Context::RiskSection]
        );
        assert_eq!(risk("主な副作用：腫れ", None), [Context::RiskSection]);
        assert!(risk("がんの治療に", Some("■当院の特徴")).is_empty());
        assert_eq!(contexts("改善したと報告されています", "改善"), [Context::Citation]);
    }

    #[test]
    fn a_later_clause_does_not_soften_the_claim() {
        assert!(contexts("必ず治りますので、ぜひご相談ください。", "必ず治り").is_empty());
        assert!(contexts("必ず治りますが、個人差があります。", "必ず治り").is_empty());
        assert_eq!(
            contexts("必ず治るまで通院してください。", "必ず治る"),
            [Context::Instruction]
        );
    }

    #[test]
    fn a_clause_ends_at_the_first_separator() {
        for (after, clause) in [
            ("ます、個人差があります", "ます"),
            ("ますので場合があります", "ます"),
            ("るから場合がある", "る"),
            ("るため場合がある", "る"),
            ("るけど場合がある", "る"),
            ("るけれど場合がある", "る"),
            ("る場合があります。", "る場合があります。"),
            ("のでし", ""),
        ] {
            assert_eq!(own_clause(after), clause, "in {after}");
        }
        assert_eq!(own_clause("たけのこ"), "たけのこ", "た・け alone do not separate");
    }

    #[test]
    fn the_last_clause_follows_the_last_contrastive_comma() {
        let start = |s: &str, clause: &str| s.len() - clause.len();
        let s = "効きますが、痛みもありますけれども、若返るのでしょうか";
        assert_eq!(last_clause(s), start(s, "若返るのでしょうか"));
        let s = "高価なものの、確かな効果、若返る";
        assert_eq!(last_clause(s), start(s, "確かな効果、若返る"));
        assert_eq!(last_clause("若返る、本当に?"), 0, "a plain comma is no contrast");
    }

    #[test]
    fn only_the_last_clause_is_a_question() {
        let hearsay = "若返ると言われていますが、本当に若返るのでしょうか?";
        assert!(contexts(hearsay, "若返る").is_empty(), "the first clause asserts");
    }

    #[test]
    fn questions_and_hedges() {
        assert_eq!(contexts("若返るのでしょうか?", "若返る"), [Context::Question]);
        assert_eq!(
            contexts("本当に若返るのでしょうか?", "若返る"),
            [Context::Doubt, Context::Question]
        );
        assert_eq!(contexts("改善する場合があります。", "改善"), [Context::Hedge]);
    }

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
