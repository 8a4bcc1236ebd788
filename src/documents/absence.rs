//! The absence check: a page that advertises something (a 自由診療 treatment, an
//! unapproved drug) must also state certain items (cost, risks, …). What triggers the
//! check, the items and their presence signals are data (`compile::absence`); where
//! the page advertises and which sections each item is looked for in is here.

use std::cell::Cell;
use std::collections::BTreeSet;

use crate::compile::{Absence, Item};
use crate::engine::{Words, candidates};
use crate::span::SentenceSpan;

/// A sentence as the absence check sees it.
pub struct SentenceView<'a> {
    pub words: Words<'a>,
    /// Sentences with the same section number stand under the same heading.
    pub section: usize,
}

/// A place where the page advertises what an absence rule is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advert {
    pub sentence: usize,
    pub range: SentenceSpan,
    /// The trigger alternative that matched; `None` for a site found by a trigger rule.
    pub entry: Option<usize>,
}

/// Something advertised without all its items.
#[derive(Debug, Clone)]
pub struct Gap<'a> {
    pub at: Advert,
    pub missing: Vec<&'a Item>,
}

/// One advertised thing and the names it goes by on the page.
struct Thing<'s> {
    /// The longest wording, so 幹細胞培養上清液 and 培養上清液 are one thing.
    name: &'s str,
    entries: Vec<usize>,
}

impl Absence {
    /// Trigger matches in the document, in order.
    pub fn triggers(&self, sentences: &[SentenceView]) -> Vec<Advert> {
        let mut found = Vec::new();
        for (sentence, s) in sentences.iter().enumerate() {
            for (entry, pattern) in candidates(&self.triggers, s.words) {
                for range in pattern.find(s.words) {
                    let tokens = s.words.tokens();
                    found.push(Advert {
                        sentence,
                        range: SentenceSpan::new(tokens[range.start].span.start..tokens[range.end - 1].span.end),
                        entry: Some(entry),
                    });
                }
            }
        }
        found.sort_by_key(|site| (site.sentence, site.range.start));
        found
    }

    /// The names of the things the sites advertise, in order of first mention.
    pub fn advertised(&self, sentences: &[SentenceView], sites: &[Advert]) -> Vec<String> {
        let (things, _) = group(sentences, sites);
        things.into_iter().map(|t| t.name.to_string()).collect()
    }

    /// The gaps of a document given the sites where it advertises the thing (triggers
    /// that survived their context). Each advertised thing (ヒアルロン酸注入, ボトックス) is
    /// checked once, at its first site, against the sections that name it (advertising it
    /// or not) and the
    /// sections that name nothing advertised (a shared 料金 or リスク section); a page
    /// about one thing is so checked as a whole. Page-wide items are checked once for the
    /// page and reported with the first thing. Items the site provides outside the page
    /// (`provided`, by key) are never missing.
    pub fn gaps<'a>(
        &'a self,
        sentences: &[SentenceView],
        sites: &[Advert],
        provided: &BTreeSet<String>,
    ) -> Vec<Gap<'a>> {
        let (things, owner) = group(sentences, sites);
        let advertising: Vec<usize> = sites.iter().map(|s| sentences[s.sentence].section).collect();
        // Whether item i is present in sentence j, worked out once: every advertised
        // thing asks again about the shared sections.
        let known: Vec<Cell<Option<bool>>> = vec![Cell::new(None); self.items.len() * sentences.len()];
        let present = |i: usize, j: usize| {
            let cell = &known[i * sentences.len() + j];
            cell.get().unwrap_or_else(|| {
                let found = self.items[i].present_in(&sentences[j]);
                cell.set(Some(found));
                found
            })
        };
        let missing_in = |item: usize, scope: &dyn Fn(&SentenceView) -> bool| {
            !(0..sentences.len()).any(|j| scope(&sentences[j]) && present(item, j))
        };
        let mut gaps = Vec::new();
        for (thing, Thing { name, .. }) in things.iter().enumerate() {
            // Its own sections: where it is advertised, and where it is named outside
            // another claim (a 料金 table listing it among things advertised there; not
            // the アレルギーテスト済み inside another, footnoted アレルギーテスト済み※).
            let own: Vec<usize> = (0..sites.len())
                .filter(|&i| owner[i] == thing)
                .map(|i| sentences[sites[i].sentence].section)
                .chain(named_apart(sentences, sites, name))
                .collect();
            let in_scope = |s: &SentenceView| own.contains(&s.section) || !advertising.contains(&s.section);
            let missing: Vec<&Item> = (0..self.items.len())
                .filter(|&i| !provided.contains(&self.items[i].key))
                .filter(|&i| match self.items[i].page_wide {
                    true => thing == 0 && missing_in(i, &|_| true),
                    false => missing_in(i, &in_scope),
                })
                .map(|i| &self.items[i])
                .collect();
            let Some(first) = owner.iter().position(|&o| o == thing) else {
                continue;
            };
            let at = sites[first].clone();
            // Two things named side by side and lacking the same items are one finding.
            let keys = |items: &[&Item]| items.iter().map(|i| i.key.clone()).collect::<Vec<_>>();
            let repeated = gaps
                .iter()
                .any(|g: &Gap| g.at.sentence == at.sentence && keys(&g.missing) == keys(&missing));
            if !missing.is_empty() && !repeated {
                gaps.push(Gap { at, missing });
            }
        }
        gaps
    }
}

/// Groups sites into the things they advertise, in order of first mention: sites of one
/// trigger entry, or whose wordings contain one another, are one thing. Returns the things
/// and, for each site, its thing.
/// The sections of the sentences that name `name` where no site stands.
fn named_apart<'a>(
    sentences: &'a [SentenceView],
    sites: &'a [Advert],
    name: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    (sentences.iter().enumerate())
        .filter(move |(j, s)| {
            (s.words.text().match_indices(name)).any(|(at, _)| {
                let named = at..at + name.len();
                !(sites.iter())
                    .any(|site| site.sentence == *j && site.range.start < named.end && named.start < site.range.end)
            })
        })
        .map(|(_, s)| s.section)
}

fn group<'s>(sentences: &'s [SentenceView], sites: &[Advert]) -> (Vec<Thing<'s>>, Vec<usize>) {
    let mut things: Vec<Thing> = Vec::new();
    let mut owner = Vec::with_capacity(sites.len());
    for site in sites {
        let wording = &sentences[site.sentence].words.text()[site.range.range()];
        let same = |t: &Thing| {
            site.entry.is_some_and(|e| t.entries.contains(&e)) || t.name.contains(wording) || wording.contains(t.name)
        };
        let index = match things.iter().position(same) {
            Some(i) => i,
            None => {
                things.push(Thing {
                    name: wording,
                    entries: Vec::new(),
                });
                things.len() - 1
            }
        };
        let thing = &mut things[index];
        if wording.len() > thing.name.len() {
            thing.name = wording;
        }
        thing.entries.extend(site.entry.filter(|e| !thing.entries.contains(e)));
        owner.push(index);
    }
    (things, owner)
}

impl Item {
    fn present_in(&self, sentence: &SentenceView) -> bool {
        candidates(&self.patterns, sentence.words).any(|(_, p)| !p.find(sentence.words).is_empty())
            || self
                .regexes
                .iter()
                .filter_map(|r| r.for_words(sentence.words))
                .any(|r| r.is_match(sentence.words.text()))
    }
}
