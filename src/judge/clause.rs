//! Reading a sentence around a claim: its clauses, topic, quotations and end, and the
//! tail lists compared with them.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::text::Token;

pub(super) const OPEN_QUOTES: [char; 4] = ['「', '『', '“', '"'];
pub(super) const CLOSE_QUOTES: [char; 4] = ['」', '』', '”', '"'];
pub(super) const TRAILING: &[char] = &['。', '.', '!', '?', '」', '』', ')', '）', ' ', '　', '\n'];

/// Which end of a text a list of tails is compared with.
#[derive(Debug, Clone, Copy)]
pub(super) enum Edge {
    Start,
    End,
}

/// Tails a text must start (or end) with, sorted by the character at that edge, so
/// that a text is compared with the few sharing its own instead of the whole list.
#[derive(Debug, Clone)]
pub(super) struct Affixes {
    /// The edge character (`None` for an empty tail, which every text has) and tail.
    tails: Vec<(Option<char>, String)>,
    edge: Edge,
}

impl Affixes {
    pub(super) fn new(tails: Vec<String>, edge: Edge) -> Self {
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
    pub(super) fn of<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
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

    pub(super) fn any_of(&self, text: &str) -> bool {
        self.of(text).next().is_some()
    }
}

/// Where a match stands: its sentence, the heading above it and the sentence's tokens.
pub(super) struct Around<'a> {
    pub(super) sentence: &'a str,
    pub(super) heading: Option<&'a str>,
    pub(super) tokens: &'a [Token],
}

impl<'a> Around<'a> {
    /// Whether a token ends at byte `offset` of the sentence (or the sentence does).
    pub(super) fn ends_token(&self, offset: usize) -> bool {
        offset >= self.sentence.len() || self.tokens.iter().any(|t| t.span.end == offset)
    }

    /// The topic of the clause that says what stands at byte `at`: the words before the
    /// last は/が (or では, には, も) ahead of it, back to the previous particle or
    /// punctuation mark. In 「私たちの体には、組織を修復する力が…」 the repair belongs
    /// to 私たちの体; in 「エクソソームは組織を修復し…」 to the treatment.
    pub(super) fn topic(&self, at: usize) -> Option<&'a str> {
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
pub(super) fn is_topic_marker(token: &Token, sentence: &str) -> bool {
    let pos = &*token.word.pos;
    pos.starts_with("助詞-係助詞") && matches!(token.surface(sentence), "は" | "も")
        || pos.starts_with("助詞-格助詞") && token.surface(sentence) == "が"
}

/// Where a topic phrase starts after: a particle other than の (which joins a phrase:
/// 私たちの体) or a punctuation mark.
pub(super) fn ends_phrase(token: &Token, sentence: &str) -> bool {
    let pos = &*token.word.pos;
    (pos.starts_with("助詞") && !pos.starts_with("助詞-連体化") && !matches!(token.surface(sentence), "で" | "に"))
        || pos.starts_with("記号")
}

/// Where the last clause of a sentence starts: after its last contrastive が、けど、.
/// A question or a final denial covers only that clause.
pub(super) fn last_clause(sentence: &str) -> usize {
    const CONTRASTIVE: [&str; 5] = ["が", "けど", "けれど", "けれども", "ものの"];
    sentence
        .rmatch_indices('、')
        .find(|&(i, _)| CONTRASTIVE.iter().any(|c| sentence[..i].ends_with(c)))
        .map_or(0, |(i, comma)| i + comma.len())
}

/// How many kana of a verb's ending may stand between a claim and its nominalizer.
pub(super) const MAX_VERB_TAIL: usize = 5;

pub(super) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// A question of an FAQ: 「Q. …？」, 「Q：…」, 「質問：…」.
pub(super) fn is_faq_question(sentence: &str) -> bool {
    let lead = sentence.trim_start_matches(['・', ' ', '■', '●', '◆', '【']);
    let after_q = lead.strip_prefix(['Q', 'q']);
    after_q.is_some_and(|rest| rest.starts_with(|c: char| ".:：． 、".contains(c) || c.is_ascii_digit()))
        || lead.starts_with("質問")
}

/// The sentence without its final punctuation.
pub(super) fn sentence_end(sentence: &str) -> &str {
    sentence.trim_end_matches(['。', '.', '!', ' ', '\n'])
}

/// Skips the closing quote and any quotations listed after it, so that every item of
/// 「A」「B」といった表現 reaches the marker.
pub(super) fn skip_quotations(mut rest: &str) -> &str {
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
pub(super) enum Searcher {
    /// SIMD (Teddy): scans a sentence several times faster than an automaton, which
    /// steps through Japanese text a byte at a time, and builds faster too.
    Packed(aho_corasick::packed::Searcher),
    /// Where the CPU lacks the instructions or the list is too long for it. A
    /// contiguous NFA builds in a fraction of the time of a DFA, and start-up counts
    /// for a pre-commit hook.
    Automaton(AhoCorasick),
}

impl Searcher {
    pub(super) fn new(needles: &[String]) -> Self {
        match aho_corasick::packed::Config::new().builder().extend(needles).build() {
            Some(packed) => Self::Packed(packed),
            None => Self::automaton(needles),
        }
    }

    /// Tails are plain strings, so building cannot fail.
    pub(super) fn automaton(needles: &[String]) -> Self {
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(needles)
            .expect("plain strings make an automaton");
        Self::Automaton(automaton)
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        match self {
            Self::Packed(searcher) => searcher.find(text).is_some(),
            Self::Automaton(automaton) => automaton.is_match(text),
        }
    }
}

/// The rest of the match's clause: `after` up to the first clause separator
/// (、 , ので から ため けど けれど). Looked up for every match, so one pass.
pub(super) fn own_clause(after: &str) -> &str {
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
pub(super) fn quote_close(sentence: &str, span: Range<usize>) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
