//! `kokoku rules`: the rule set as a table for people, or as JSON for tools.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::diagnostic::Severity;
use crate::rules::{Domain, Rule, RuleSet};

/// The rules by family, one line each, the columns as wide as their longest entry.
pub fn rules_table(rules: &RuleSet) -> String {
    let width = |column: fn(&Rule) -> &str| rules.rules().iter().map(|r| column(r).width()).max().unwrap_or(0);
    let (code_width, id_width) = (width(|r| &r.code), width(|r| &r.id));
    let severity_width = Severity::ALL.iter().map(|s| s.as_str().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (family, title) in rules.families() {
        out.push_str(&format!("{family}: {title}\n"));
        for rule in rules.rules().iter().filter(|r| &r.family == family) {
            out.push_str(&format!(
                "  {:<code_width$}  {:<id_width$}  {:<severity_width$}  {}\n",
                rule.code, rule.id, rule.severity, rule.message
            ));
        }
        out.push('\n');
    }
    out
}

/// One rule as `kokoku rules --format json` gives it.
#[derive(Serialize)]
struct RuleRecord<'a> {
    code: &'a str,
    id: &'a str,
    family: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_en: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    basis: &'a [String],
    /// What the rule catches and why, in Japanese.
    why: &'a str,
    /// The kinds of page the rule applies to (empty: all) and those it leaves out.
    domains: &'a [Domain],
    except_domains: &'a [Domain],
    /// The kinds of claim it reports that other rules report on other pages.
    claims: &'a [String],
    suggestions: Vec<&'a str>,
}

/// Every rule as a JSON array, in the order of `kokoku rules`.
pub fn rules_json(rules: &RuleSet) -> String {
    let records: Vec<RuleRecord> = rules
        .rules()
        .iter()
        .map(|rule| RuleRecord {
            code: &rule.code,
            id: &rule.id,
            family: &rule.family,
            severity: rule.severity,
            message: &rule.message,
            message_en: rule.message_en.as_deref(),
            category: rule.category.map(|c| c.as_str()),
            basis: &rule.basis,
            why: rule.why.trim(),
            domains: &rule.domains,
            except_domains: &rule.except_domains,
            claims: &rule.claims,
            suggestions: rule.suggest.iter().map(|w| &*w.text).collect(),
        })
        .collect();
    // Plain records of strings: serialising them cannot fail.
    serde_json::to_string_pretty(&records).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_keeps_its_columns_for_the_longest_id() {
        let rules = RuleSet::builtin().unwrap();
        let table = rules_table(&rules);
        // Where each rule's message starts, in display columns.
        let starts: Vec<usize> = rules
            .rules()
            .iter()
            .map(|rule| {
                let line = table
                    .lines()
                    .find(|l| l.starts_with(&format!("  {} ", rule.code)))
                    .unwrap();
                line[..line.find(&*rule.message).unwrap()].width()
            })
            .collect();
        assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}");
        let longest = rules.rules().iter().map(|r| r.id.len()).max().unwrap();
        assert!(starts[0] > longest, "the id column holds the longest id");
    }

    #[test]
    fn the_json_lists_every_rule_with_its_basis() {
        let rules = RuleSet::builtin().unwrap();
        let json: serde_json::Value = serde_json::from_str(&rules_json(&rules)).unwrap();
        let records = json.as_array().unwrap();
        assert_eq!(records.len(), rules.rules().len());
        let med01 = records.iter().find(|r| r["code"] == "MED-01").unwrap();
        assert_eq!(med01["domains"], serde_json::json!(["medical"]));
        assert!(
            med01["claims"]
                .as_array()
                .unwrap()
                .contains(&"guarantee-of-efficacy".into())
        );
        assert!(!med01["basis"].as_array().unwrap().is_empty());
    }
}
