//! How a matched phrase is claimed and what it is about: negation, hedging, instructions,
//! quotation (mention), questions and prospects, read from the sentence around the match,
//! and the subject, read from the topic of the claim's clause (dictionaries/REVIEWING.md).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::schema::{Action, ContextPolicy, TailsDef};
use crate::diagnostic::{Modality, Severity, Subject};
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

const OPEN_QUOTES: [char; 4] = ['「', '『', '“', '"'];
const CLOSE_QUOTES: [char; 4] = ['」', '』', '”', '"'];
const TRAILING: &[char] = &['。', '.', '!', '?', '」', '』', ')', '）', ' ', '　', '\n'];

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
        span: Range<usize>,
        relaying: bool,
    ) -> Vec<Context> {
        let at = Site {
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

    fn holds(&self, context: Context, at: &Site, span: Range<usize>) -> bool {
        let Site { sentence, heading, .. } = *at;
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

/// Which end of a text a list of tails is compared with.
#[derive(Debug, Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// Tails a text must start (or end) with, sorted by the character at that edge, so
/// that a text is compared with the few sharing its own instead of the whole list.
#[derive(Debug, Clone)]
struct Affixes {
    /// The edge character (`None` for an empty tail, which every text has) and tail.
    tails: Vec<(Option<char>, String)>,
    edge: Edge,
}

impl Affixes {
    fn new(tails: Vec<String>, edge: Edge) -> Self {
        let mut tails: Vec<_> = tails.into_iter().map(|t| (Self::edge_of(&t, edge), t)).collect();
        tails.sort_by_key(|&(c, _)| c);
        Self { tails, edge }
    }

    fn edge_of(text: &str, edge: Edge) -> Option<char> {
        match edge {
            Edge::Start => text.chars().next(),
            Edge::End => text.chars().next_back(),
        }
    }

    /// The tails `text` starts (or ends) with.
    fn of<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let sharing = |key: Option<char>| {
            let from = self.tails.partition_point(|&(c, _)| c < key);
            let to = self.tails.partition_point(|&(c, _)| c <= key);
            &self.tails[from..to]
        };
        let key = Self::edge_of(text, self.edge);
        let empty = if key.is_some() { sharing(None) } else { &[] };
        (empty.iter().chain(sharing(key)))
            .map(|(_, t)| t.as_str())
            .filter(move |t| match self.edge {
                Edge::Start => text.starts_with(t),
                Edge::End => text.ends_with(t),
            })
    }

    fn any_of(&self, text: &str) -> bool {
        self.of(text).next().is_some()
    }
}

/// Where a match stands: its sentence, the heading above it and the sentence's tokens.
struct Site<'a> {
    sentence: &'a str,
    heading: Option<&'a str>,
    tokens: &'a [Token],
}

impl<'a> Site<'a> {
    /// Whether a token ends at byte `offset` of the sentence (or the sentence does).
    fn ends_token(&self, offset: usize) -> bool {
        offset >= self.sentence.len() || self.tokens.iter().any(|t| t.span.end == offset)
    }

    /// The topic of the clause that says what stands at byte `at`: the words before the
    /// last は/が (or では, には, も) ahead of it, back to the previous particle or
    /// punctuation mark. In 「私たちの体には、組織を修復する力が…」 the repair belongs
    /// to 私たちの体; in 「エクソソームは組織を修復し…」 to the treatment.
    fn topic(&self, at: usize) -> Option<&'a str> {
        let before = &self.tokens[..self.tokens.partition_point(|t| t.span.end <= at)];
        let marker = before.iter().rposition(|t| is_topic_marker(t, self.sentence))?;
        let start = before[..marker]
            .iter()
            .rposition(|t| ends_phrase(t, self.sentence))
            .map_or(0, |i| before[i].span.end);
        let end = before[marker].span.start;
        (start < end).then(|| &self.sentence[start..end])
    }
}

/// は, も, and が as a case particle: what comes before them is what the clause is about.
fn is_topic_marker(token: &Token, sentence: &str) -> bool {
    let pos = &*token.word.pos;
    pos.starts_with("助詞-係助詞") && matches!(token.surface(sentence), "は" | "も")
        || pos.starts_with("助詞-格助詞") && token.surface(sentence) == "が"
}

/// Where a topic phrase starts after: a particle other than の (which joins a phrase:
/// 私たちの体) or a punctuation mark.
fn ends_phrase(token: &Token, sentence: &str) -> bool {
    let pos = &*token.word.pos;
    (pos.starts_with("助詞") && !pos.starts_with("助詞-連体化") && !matches!(token.surface(sentence), "で" | "に"))
        || pos.starts_with("記号")
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

/// How many kana of a verb's ending may stand between a claim and its nominalizer.
const MAX_VERB_TAIL: usize = 5;

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// A question of an FAQ: 「Q. …？」, 「Q：…」, 「質問：…」.
fn is_faq_question(sentence: &str) -> bool {
    let lead = sentence.trim_start_matches(['・', ' ', '■', '●', '◆', '【']);
    let after_q = lead.strip_prefix(['Q', 'q']);
    after_q.is_some_and(|rest| rest.starts_with(|c: char| ".:：． 、".contains(c) || c.is_ascii_digit()))
        || lead.starts_with("質問")
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

/// Finds any of a short list of tails in a clause or sentence.
#[derive(Debug, Clone)]
enum Searcher {
    /// SIMD (Teddy): scans a sentence several times faster than an automaton, which
    /// steps through Japanese text a byte at a time, and builds faster too.
    Packed(aho_corasick::packed::Searcher),
    /// Where the CPU lacks the instructions or the list is too long for it. A
    /// contiguous NFA builds in a fraction of the time of a DFA, and start-up counts
    /// for a pre-commit hook.
    Automaton(AhoCorasick),
}

impl Searcher {
    fn new(needles: &[String]) -> Self {
        match aho_corasick::packed::Config::new().builder().extend(needles).build() {
            Some(packed) => Self::Packed(packed),
            None => Self::automaton(needles),
        }
    }

    /// Tails are plain strings, so building cannot fail.
    fn automaton(needles: &[String]) -> Self {
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(needles)
            .expect("plain strings make an automaton");
        Self::Automaton(automaton)
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Self::Packed(searcher) => searcher.find(text).is_some(),
            Self::Automaton(automaton) => automaton.is_match(text),
        }
    }
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

/// How a claim in these contexts is said: the strongest reading first (a quoted and
/// hedged claim is quoted).
pub fn modality(contexts: &[Context]) -> Modality {
    const ORDER: [(Context, Modality); 9] = [
        (Context::Negation, Modality::Negated),
        (Context::Mention, Modality::Quoted),
        (Context::Doubt, Modality::Question),
        (Context::Question, Modality::Question),
        (Context::Instruction, Modality::Instruction),
        (Context::Future, Modality::Future),
        (Context::Relayed, Modality::Reported),
        (Context::Citation, Modality::Reported),
        (Context::Hedge, Modality::Hedged),
    ];
    (ORDER.iter())
        .find(|(context, _)| contexts.contains(context))
        .map_or(Modality::Asserted, |&(_, modality)| modality)
}

/// What the claim of a match with these contexts is about.
pub fn subject(contexts: &[Context]) -> Subject {
    const ORDER: [(Context, Subject); 3] = [
        (Context::Research, Subject::Research),
        (Context::OtherTreatment, Subject::OtherTreatment),
        (Context::Body, Subject::Body),
    ];
    (ORDER.iter())
        .find(|(context, _)| contexts.contains(context))
        .map_or(Subject::Advertised, |&(_, subject)| subject)
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
        })
    }

    fn contexts(sentence: &str, claim: &str) -> Vec<Context> {
        let start = sentence.find(claim).unwrap();
        let tokens = crate::text::Tokenizer::new().unwrap().tokenize(sentence);
        tails().contexts(sentence, None, &tokens, start..start + claim.len(), false)
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

    /// dictionaries/REVIEWING.md is the guideline for people; it must describe every
    /// judgement the code makes.
    #[test]
    fn the_reviewer_guideline_describes_every_context_subject_and_modality() {
        let guideline = include_str!("../../dictionaries/REVIEWING.md");
        let described = |name: &str| guideline.contains(&format!("`{name}`"));
        let serialized = |value: serde_json::Value| value.as_str().unwrap().to_string();
        for context in Context::ALL {
            assert!(described(context.key()), "context {} is not described", context.key());
            let modality = serialized(serde_json::json!(modality(&[context])));
            let subject = serialized(serde_json::json!(subject(&[context])));
            for name in [modality, subject] {
                assert!(described(&name), "{name} is not described");
            }
        }
        assert!(described("asserted") && described("advertised"));
    }

    #[test]
    fn on_affiliate_copy_the_makers_quoted_claim_is_passed_on() {
        let sentence = "公式サイトには「脂肪燃焼効果を実証」と書いてありました。";
        let (start, claim) = (sentence.find("脂肪").unwrap(), "脂肪燃焼効果を実証".len());
        let tokens = crate::text::Tokenizer::new().unwrap().tokenize(sentence);
        let read = |relaying| tails().contexts(sentence, None, &tokens, start..start + claim, relaying);
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
        let risk = |sentence: &str, heading| tails.contexts(sentence, heading, &[], 0..3, false);
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

    /// Texts of every length around a few tails: shorter than the SIMD searcher's
    /// minimum, ASCII, and a tail at either end or in the middle.
    const TEXTS: [&str; 9] = [
        "",
        "?",
        "あ",
        "効果はない",
        "場合があります",
        "必ず治るわけではありません",
        "改善したと報告されています。",
        "N=30の調査では、効果に個人差があるとされ、医師にご相談ください?",
        "ないはずはありませんが、ずっと使っていると肌が白くなると言われています",
    ];

    #[test]
    fn affixes_are_the_tails_a_text_starts_or_ends_with() {
        let list: Vec<String> = ["ない", "ません", "", "ず", "ください", "?", "ありません", "な"]
            .map(String::from)
            .into();
        let starts: fn(&str, &str) -> bool = |text, tail| text.starts_with(tail);
        let ends: fn(&str, &str) -> bool = |text, tail| text.ends_with(tail);
        for (edge, fits) in [(Edge::Start, starts), (Edge::End, ends)] {
            let affixes = Affixes::new(list.clone(), edge);
            for text in TEXTS {
                let mut found: Vec<&str> = affixes.of(text).collect();
                let mut expected: Vec<&str> = list.iter().map(String::as_str).filter(|t| fits(text, t)).collect();
                found.sort_unstable();
                expected.sort_unstable();
                assert_eq!(found, expected, "{edge:?} of {text:?}");
            }
        }
    }

    #[test]
    fn both_searchers_find_a_tail_anywhere() {
        let list: Vec<String> = ["個人差", "と報告されています", "N=", "場合があ", "?"]
            .map(String::from)
            .into();
        let searchers = [Searcher::new(&list), Searcher::automaton(&list)];
        for text in TEXTS {
            let expected = list.iter().any(|t| text.contains(t.as_str()));
            for searcher in &searchers {
                assert_eq!(searcher.is_match(text), expected, "{text:?} with {searcher:?}");
            }
        }
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
