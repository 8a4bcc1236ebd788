//! The context tails of lexicons.toml, and which contexts hold for a claim.

use std::ops::Range;

use super::clause::{
    Affixes, Around, CLOSE_QUOTES, Edge, MAX_VERB_TAIL, Searcher, TRAILING, is_faq_question, is_hiragana, last_clause,
    own_clause, quote_close, sentence_end, skip_quotations,
};
use super::context::Context;
use crate::rules::TailsDef;
use crate::span::SentenceSpan;
use crate::text::Token;

/// The context tails of `lexicons.toml`. A match is checked against every context, and
/// a page can hold thousands of matches: the lists a clause or sentence is searched for
/// anywhere get a searcher each, and those a text must start or end with are looked up
/// by that character.
#[derive(Debug, Clone)]
pub struct Tails {
    negation: Affixes,
    nominalizer: Affixes,
    negation_final: Affixes,
    instruction: Affixes,
    question: Affixes,
    mention: Affixes,
    mention_lead: Affixes,
    mention_unquoted: Affixes,
    hedge: Searcher,
    doubt: Searcher,
    risk_heading: Searcher,
    citation: Searcher,
    research: Searcher,
    future: Searcher,
    subject_body: Searcher,
    subject_other: Searcher,
    relay_source: Searcher,
    footer: Searcher,
    audience: Searcher,
}

impl Tails {
    pub fn new(def: TailsDef) -> Self {
        Self {
            negation: Affixes::new(def.negation, Edge::Start),
            nominalizer: Affixes::new(def.nominalizer, Edge::Start),
            negation_final: Affixes::new(def.negation_final, Edge::End),
            instruction: Affixes::new(def.instruction, Edge::End),
            question: Affixes::new(def.question, Edge::End),
            mention: Affixes::new(def.mention, Edge::Start),
            mention_lead: Affixes::new(def.mention_lead, Edge::Start),
            mention_unquoted: Affixes::new(def.mention_unquoted, Edge::Start),
            hedge: Searcher::new(&def.hedge),
            doubt: Searcher::new(&def.doubt),
            risk_heading: Searcher::new(&def.risk_heading),
            citation: Searcher::new(&def.citation),
            research: Searcher::new(&def.research),
            future: Searcher::new(&def.future),
            subject_body: Searcher::new(&def.subject_body),
            subject_other: Searcher::new(&def.subject_other),
            relay_source: Searcher::new(&def.relay_source),
            footer: Searcher::new(&def.footer),
            audience: Searcher::new(&def.audience),
        }
    }

    /// The contexts of `span` (a byte range of `sentence`, which stands under `heading`)
    /// that are present; `relaying` for affiliate copy, which passes on the maker's claims.
    /// Tails must end where a token of `tokens` ends (ず is no negation in ずつ).
    pub fn contexts(
        &self,
        sentence: &str,
        heading: Option<&str>,
        tokens: &[Token],
        span: SentenceSpan,
        relaying: bool,
    ) -> Vec<Context> {
        let span = span.range();
        let at = Around {
            sentence,
            heading,
            tokens,
        };
        let mut contexts: Vec<Context> = (Context::ALL.into_iter())
            .filter(|&c| self.holds(c, &at, span.clone()))
            .collect();
        // Quoting the maker's site is no discussion of its wording when the page is the
        // maker's affiliate.
        if relaying && contexts.contains(&Context::Mention) && self.relay_source.is_match(sentence) {
            contexts.retain(|&c| c != Context::Mention);
            contexts.push(Context::Relayed);
        }
        contexts
    }

    /// Whether the sentence is one of the lines that close a page (会社概要｜プライバシー
    /// ポリシー, Copyright ©, 販売者：…).
    pub fn closes_page(&self, sentence: &str) -> bool {
        self.footer.is_match(sentence)
    }

    /// Whether the sentence leads into a list of the readers a product is for (こんな方に,
    /// こんなお悩みはありませんか).
    pub fn addresses_readers(&self, sentence: &str) -> bool {
        self.audience.is_match(sentence)
    }

    /// Whether the sentence ends by denying what it says (〜ではありません): a page that
    /// says it is no 機能性表示食品 does not say it is one.
    pub fn denies(&self, sentence: &str) -> bool {
        self.negation_final.any_of(sentence_end(sentence))
    }

    fn holds(&self, context: Context, at: &Around, span: Range<usize>) -> bool {
        let Around { sentence, heading, .. } = *at;
        let after = &sentence[span.end..];
        match context {
            // The text right after the match (past closing quotes) negates it, or the
            // claim is made a noun (〜ことが) and the sentence denies it at the end.
            Context::Negation => {
                let next = after.trim_start_matches(CLOSE_QUOTES);
                let from = sentence.len() - next.len();
                self.negation.of(next).any(|t| at.ends_token(from + t.len()))
                    || (self.nominalized(next)
                        && self.negation_final.any_of(sentence_end(sentence))
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
                self.instruction.any_of(clause)
            }
            // Only the clause that asks: in 「若返ると言われていますが、本当でしょうか」 the
            // first clause still says it.
            Context::Question => self.is_question(sentence) && span.start >= last_clause(sentence),
            // An FAQ question (Q. 飲めばすぐに下がりますか？) asks the advertiser; the
            // answer under it is what the page claims.
            Context::Doubt => {
                self.is_question(sentence) && {
                    let asking = last_clause(sentence);
                    span.start >= asking && (self.doubt.is_match(&sentence[asking..]) || is_faq_question(sentence))
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
            Context::Research => [Some(sentence), heading]
                .into_iter()
                .flatten()
                .any(|t| self.research.is_match(t)),
            Context::Future => self.future.is_match(sentence),
            Context::Body => at.topic(span.start).is_some_and(|t| self.subject_body.is_match(t)),
            Context::OtherTreatment => at.topic(span.start).is_some_and(|t| self.subject_other.is_match(t)),
            // Decided from the page, in `contexts`.
            Context::Relayed => false,
        }
    }

    fn is_question(&self, sentence: &str) -> bool {
        let end = sentence_end(sentence);
        end.ends_with('?') || self.question.any_of(end)
    }

    /// Quoted and discussed (「必ず治る」といった表現), or in an NG-example line.
    fn is_mention(&self, sentence: &str, span: Range<usize>) -> bool {
        let lead = sentence.trim_start();
        let after = &sentence[span.end..];
        if self.mention_lead.any_of(lead) || self.mention_unquoted.any_of(after) {
            return true;
        }
        let Some(close) = quote_close(sentence, span) else {
            return false;
        };
        let after = skip_quotations(&sentence[close..]);
        // Quoted wordings listed as examples (「A」「B」など、…) are being talked about.
        let Some(after) = after.strip_prefix("など").or_else(|| after.strip_prefix('等')) else {
            return self.mention.any_of(after);
        };
        let listed = after.is_empty() || after.starts_with(['、', ',', 'は', 'も', 'を', 'が', 'の', 'と']);
        listed || self.mention.any_of(after)
    }

    /// Whether the claim is made a noun (〜ことが, 〜というのは), right after the match or
    /// after the few kana that end its verb (生えてこ|ないことを).
    fn nominalized(&self, next: &str) -> bool {
        let tail_ends = (next.char_indices())
            .take_while(|&(_, c)| is_hiragana(c))
            .map(|(i, c)| i + c.len_utf8());
        std::iter::once(0).chain(tail_ends).take(MAX_VERB_TAIL + 1).any(|i| {
            let rest = &next[i..];
            match i {
                0 => self.nominalizer.any_of(rest),
                // After a verb tail, only a real nominalizer (こと, というの), not a bare は.
                _ => self.nominalizer.of(rest).any(|t| t.chars().count() >= 2),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Modality, Subject};
    use crate::judge::{modality, subject};

    fn tails() -> Tails {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Tails::new(TailsDef {
            negation: list(&["ない", "ません", "わけではありません", "ず"]),
            hedge: list(&["場合があります", "個人差があります"]),
            instruction: list(&["ください", "しましょう"]),
            mention: list(&["といった", "という表現", "と書い"]),
            mention_lead: list(&["NG例"]),
            mention_unquoted: list(&["と表現"]),
            question: list(&["でしょうか"]),
            doubt: list(&["本当に"]),
            nominalizer: list(&["ことが", "効果は", "は"]),
            negation_final: list(&["とは言えません", "ていません"]),
            risk_heading: list(&["副作用", "リスク"]),
            citation: list(&["と報告されています"]),
            research: list(&["動物実験"]),
            future: list(&["将来的"]),
            subject_body: list(&["私たちの体", "がん細胞"]),
            subject_other: list(&["ステロイド"]),
            relay_source: list(&["公式サイト"]),
            footer: list(&["会社概要", "©"]),
            audience: list(&["こんな方"]),
        })
    }

    fn contexts(sentence: &str, claim: &str) -> Vec<Context> {
        let start = sentence.find(claim).unwrap();
        let tokens = crate::text::Tokenizer::new().unwrap().tokenize(sentence);
        tails().contexts(
            sentence,
            None,
            &tokens,
            SentenceSpan::new(start..start + claim.len()),
            false,
        )
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
    fn quoted_wordings_listed_as_examples_are_mentions() {
        let sentence = "「地域No.1」「日本一の症例数」「最高の技術」などは比較優良広告として禁止されています。";
        assert_eq!(contexts(sentence, "地域No.1」「日本一"), [Context::Mention]);
        assert_eq!(
            contexts("「必ず」「絶対」「No.1」など、言い切る言葉が多用されていないか", "No.1"),
            [Context::Mention]
        );
        assert!(contexts("「美肌」「若返り」をあなたに。", "若返り").is_empty());
    }

    #[test]
    fn an_faq_question_asks_rather_than_claims() {
        // Text reaches the contexts normalised: ？ is ?.
        let c = contexts("Q. 飲めばすぐに血圧が下がりますか?", "血圧が下がり");
        assert!(c.contains(&Context::Doubt), "{c:?}");
        assert!(!contexts("血圧が下がりますか?", "血圧が下がり").contains(&Context::Doubt));
    }

    #[test]
    fn the_topic_of_the_claims_clause_is_its_subject() {
        let body = contexts("私たちの体には、傷ついた細胞を修復する力があります。", "細胞を修復");
        assert_eq!(subject(&body), Subject::Body);
        let drug = contexts("ステロイドは炎症を抑えますが、副作用もあります。", "炎症を抑え");
        assert_eq!(subject(&drug), Subject::OtherTreatment);
        // The nearest topic decides: here the treatment takes over from the body.
        let ours = "私たちの体には修復力があり、エクソソームは細胞を修復します。";
        assert_eq!(subject(&contexts(ours, "細胞を修復")), Subject::Advertised);
        // A subject word inside the claim itself is no topic.
        assert_eq!(
            subject(&contexts("がん細胞が消える", "がん細胞が消える")),
            Subject::Advertised
        );
    }

    #[test]
    fn on_affiliate_copy_the_makers_quoted_claim_is_passed_on() {
        let sentence = "公式サイトには「脂肪燃焼効果を実証」と書いてありました。";
        let (start, claim) = (sentence.find("脂肪").unwrap(), "脂肪燃焼効果を実証".len());
        let tokens = crate::text::Tokenizer::new().unwrap().tokenize(sentence);
        let read = |relaying| {
            tails().contexts(
                sentence,
                None,
                &tokens,
                SentenceSpan::new(start..start + claim),
                relaying,
            )
        };
        assert_eq!(read(false), [Context::Mention]);
        assert_eq!(read(true), [Context::Relayed]);
        assert_eq!(modality(&read(true)), Modality::Reported);
    }

    #[test]
    fn a_prospect_is_said_in_the_future() {
        let c = contexts("将来的には軟骨の再生が期待されます。", "軟骨の再生");
        assert_eq!(modality(&c), Modality::Future);
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
        let after_its_verb = "毛が二度と生えてこないことが約束されているとは言えません。";
        assert_eq!(contexts(after_its_verb, "二度と生え"), [Context::Negation]);
        assert!(contexts("毛が二度と生えてこないことが自慢です。", "二度と生え").is_empty());
    }

    #[test]
    fn risk_sections_and_citations() {
        let tails = tails();
        let risk = |sentence: &str, heading| tails.contexts(sentence, heading, &[], SentenceSpan::new(0..3), false);
        assert_eq!(
            risk("がんの方はご相談を", Some("■副作用・リスク")),
            [Context::RiskSection]
        );
        assert_eq!(risk("主な副作用：腫れ", None), [Context::RiskSection]);
        assert!(risk("がんの治療に", Some("■当院の特徴")).is_empty());
        assert_eq!(contexts("改善したと報告されています", "改善"), [Context::Citation]);
        assert_eq!(risk("炎症を抑える", Some("■動物実験の結果")), [Context::Research]);
        assert_eq!(contexts("動物実験では炎症を抑えた", "炎症を抑え"), [Context::Research]);
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
}
