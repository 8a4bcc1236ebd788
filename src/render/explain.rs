//! `kokoku explain`: a rule's documentation, from its dictionary entry.

use crate::judge::Context;
use crate::rules::{Rule, RuleSet, Wording};

impl Rule {
    /// What the rule catches and why, its legal basis, domains, safer wordings and its
    /// examples, in Japanese with English headings.
    /// `rules` is the set it belongs to, which says what other rules report its kinds
    /// of claim.
    pub fn explain(&self, rules: &RuleSet) -> String {
        let mut out = format!("{} {} ({})\n\n{}\n", self.code, self.id, self.severity, self.message);
        if let Some(en) = &self.message_en {
            out.push_str(&format!("{en}\n"));
        }
        out.push_str(&self.shared_claims(rules));
        if let Some(category) = self.category {
            out.push_str(&format!("ネットパトロール分類 (category): {}\n", category.as_str()));
        }
        out.push_str(&format!("\n{}\n", self.why));
        for (i, (heading, bullet, items)) in self.lists().into_iter().enumerate() {
            out.push_str(&format!("\n{heading}:\n"));
            for item in items {
                out.push_str(&format!("  {bullet} {item}\n"));
            }
            // Where the rule applies follows its basis.
            if i == 0 {
                out.push_str(&self.applies());
            }
        }
        out
    }

    /// The explanation in Markdown, for viewers that render it (SARIF's `help`).
    pub fn explain_markdown(&self) -> String {
        let mut out = format!("**{}** ({} `{}`)\n\n", self.message, self.code, self.id);
        if let Some(en) = &self.message_en {
            out.push_str(&format!("{en}\n\n"));
        }
        out.push_str(self.why.trim());
        out.push('\n');
        for (heading, bullet, items) in self.lists() {
            out.push_str(&format!("\n#### {heading}\n\n"));
            for item in items {
                out.push_str(&format!("- {bullet} {item}\n"));
            }
        }
        out
    }

    /// The explanation's lists: (heading, bullet, items).
    fn lists(&self) -> [(&'static str, &'static str, Vec<String>); 5] {
        let contexts = Context::ALL.into_iter().map(|context| {
            let action = context.action(&self.context).describe();
            format!("{}ため → {action}  [{}]", context.describe(), context.key())
        });
        [
            ("根拠 (basis)", "-", self.basis.to_vec()),
            (
                "文脈による扱い (context: what the claim is about and how it is said)",
                "-",
                contexts.collect(),
            ),
            (
                "言い換え例 (suggestions)",
                "-",
                self.suggest.iter().map(wording_line).collect(),
            ),
            ("指摘される例 (flagged)", "✗", self.examples.flag.clone()),
            ("指摘されない例 (not flagged)", "✓", self.examples.clean.clone()),
        ]
    }

    /// The kinds of claim this rule reports that other rules report on other pages, and
    /// the rules that report its own: the names a waiver or setting may use for either.
    fn shared_claims(&self, rules: &RuleSet) -> String {
        let code_of = |id: &str| {
            rules
                .rules()
                .iter()
                .find(|r| r.id == id)
                .map_or("", |r| r.code.as_str())
        };
        let mut out = String::new();
        if !self.claims.is_empty() {
            let kinds: Vec<String> = self.claims.iter().map(|id| format!("{id} ({})", code_of(id))).collect();
            out.push_str(&format!("主張の種類 (also claims): {}\n", kinds.join(", ")));
        }
        let others: Vec<&str> = (rules.rules().iter())
            .filter(|r| r.claims.contains(&self.id))
            .map(|r| r.code.as_str())
            .collect();
        if !others.is_empty() {
            out.push_str(&format!(
                "同じ主張を報告するルール (also reported by, on other pages): {}\n",
                others.join(", ")
            ));
        }
        out
    }

    /// The domains the rule is limited to or left out of, a line each.
    fn applies(&self) -> String {
        let names = |domains: &[crate::rules::Domain]| {
            let names: Vec<&str> = domains.iter().map(|d| d.as_str()).collect();
            names.join(", ")
        };
        let mut out = String::new();
        if !self.domains.is_empty() {
            out.push_str(&format!("\n対象 (domains): {}\n", names(&self.domains)));
        }
        if !self.except_domains.is_empty() {
            out.push_str(&format!("対象外 (except): {}\n", names(&self.except_domains)));
        }
        if !self.requires_treatments.is_empty() {
            let standings: Vec<&str> = self.requires_treatments.iter().map(|s| s.name_ja()).collect();
            out.push_str(&format!(
                "対象の治療 (requires_treatments): {} の治療を行うページ\n",
                standings.join("・")
            ));
        }
        if !self.places.is_empty() {
            let places: Vec<&str> = self.places.iter().map(|p| p.name_ja()).collect();
            out.push_str(&format!("対象の箇所 (places): {}\n", places.join("・")));
        }
        out
    }
}

/// A safer wording, with the topics of the claims it fits when it fits only some.
fn wording_line(wording: &Wording) -> String {
    match wording.about.is_empty() {
        true => wording.text.to_string(),
        false => format!("{}  [{}]", wording.text, wording.about.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    #[test]
    fn every_rule_explains_its_basis_and_examples() {
        let rules = RuleSet::builtin().unwrap();
        for rule in rules.rules() {
            let text = rule.explain(&rules);
            assert!(text.starts_with(&format!("{} {}", rule.code, rule.id)), "{text}");
            assert!(text.contains(rule.why.trim()), "{}: why missing", rule.code);
            for basis in rule.basis.iter() {
                assert!(text.contains(basis.as_str()), "{}: basis missing", rule.code);
            }
            let research = format!("研究の紹介であるため → {}", rule.context.research.describe());
            assert!(text.contains(&research), "{}: context policy missing", rule.code);
            assert!(
                text.contains("  ✗ ") && text.contains("  ✓ "),
                "{}: examples missing",
                rule.code
            );
        }
    }
}
