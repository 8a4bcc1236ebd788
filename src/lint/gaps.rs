//! Page findings of the absence rules: where the page advertises what a rule is about
//! and lacks what it must then state, and each rule's verdict on the page.

use std::collections::BTreeSet;

use super::page::Page;
use super::phrases::{Reported, diagnose};
use super::report::{PageCheck, Verdict};
use crate::compile::Absence;
use crate::diagnostic::{Diagnostic, Missing};
use crate::documents::{Advert, Treatment};
use crate::judge::resolve;
use crate::rules::Rule;

/// Document findings of an absence rule: where the page advertises what the rule is
/// about (a trigger that survives its context, or a finding of a trigger rule) and
/// lacks required items; and the rule's verdict on the page.
pub(super) fn find_gaps(
    rule: &Rule,
    absence: &Absence,
    page: &Page,
    reported: &[Reported],
    treatments: &[Treatment],
    provided: &BTreeSet<String>,
) -> (Vec<Diagnostic>, PageCheck) {
    let views = page.views();
    // A trigger or a treatment's name counts unless its context drops it (a negated or
    // quoted mention).
    let claimed = |site: &Advert| {
        let contexts = page.contexts(site.sentence, site.range);
        resolve(rule.severity, &contexts, &rule.context).is_some()
    };
    let mut sites: Vec<Advert> = absence.triggers(&views).into_iter().filter(claimed).collect();
    sites.extend(
        reported
            .iter()
            .filter(|(code, _, _)| rule.trigger_rules.iter().any(|t| t == code))
            .map(|(_, sentence, range)| Advert {
                sentence: *sentence,
                range: *range,
                entry: None,
            }),
    );
    let offered = treatments
        .iter()
        .filter(|t| rule.trigger_treatments.contains(&t.status));
    sites.extend(offered.filter_map(|t| page.site_of(t.at)).filter(claimed));
    sites.sort_by_key(|site| (site.sentence, site.range.start));
    let gaps = absence.gaps(&views, &sites, provided);
    let mut check = PageCheck::not_applicable(rule);
    if !sites.is_empty() {
        check.about = absence.advertised(&views, &sites);
        check.verdict = Verdict::Present;
    }
    for key in gaps.iter().flat_map(|g| &g.missing).map(|item| &item.key) {
        check.verdict = Verdict::Missing;
        if !check.missing.contains(key) {
            check.missing.push(key.clone());
        }
    }
    let diagnostics = gaps.into_iter().map(|gap| {
        let missing = gap
            .missing
            .iter()
            .map(|item| Missing {
                key: item.key.clone(),
                name: item.name.clone(),
            })
            .collect();
        let span = page.to_source(gap.at.sentence, gap.at.range);
        diagnose(rule, rule.severity, span, (&[], &[]), missing)
    });
    (diagnostics.collect(), check)
}
