//! `kokoku explain`: a rule's documentation, from its dictionary entry.

use crate::judge::Context;
use crate::rules::Rule;

impl Rule {
    /// What the rule catches and why, its legal basis, domains, safer wordings and its
    /// examples, in Japanese with English headings.
    pub fn explain(&self) -> String {
        let mut out = format!("{} {} ({})\n\n{}\n", self.code, self.id, self.severity, self.message);
        if let Some(en) = &self.message_en {
            out.push_str(&format!("{en}\n"));
        }
        if let Some(category) = self.category {
            out.push_str(&format!("ネットパトロール分類 (category): {}\n", category.as_str()));
        }
        out.push_str(&format!("\n{}\n\n根拠 (basis):\n", self.why));
        for basis in &self.basis {
            out.push_str(&format!("  - {basis}\n"));
        }
        if !self.domains.is_empty() {
            let domains: Vec<String> = self.domains.iter().map(ToString::to_string).collect();
            out.push_str(&format!("\n対象 (domains): {}\n", domains.join(", ")));
        }
        if !self.except_domains.is_empty() {
            let domains: Vec<String> = self.except_domains.iter().map(ToString::to_string).collect();
            out.push_str(&format!("対象外 (except): {}\n", domains.join(", ")));
        }
        out.push_str("\n文脈による扱い (context: what the claim is about and how it is said):\n");
        for context in Context::ALL {
            let action = context.action(&self.context).describe();
            out.push_str(&format!(
                "  - {}ため → {action}  [{}]\n",
                context.describe(),
                context.key()
            ));
        }
        out.push_str("\n言い換え例 (suggestions):\n");
        for s in &self.suggest {
            out.push_str(&format!("  - {s}\n"));
        }
        out.push_str("\n指摘される例 (flagged):\n");
        for e in &self.examples.flag {
            out.push_str(&format!("  ✗ {e}\n"));
        }
        out.push_str("\n指摘されない例 (not flagged):\n");
        for e in &self.examples.clean {
            out.push_str(&format!("  ✓ {e}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    #[test]
    fn every_rule_explains_its_basis_and_examples() {
        let rules = RuleSet::builtin().unwrap();
        for rule in rules.rules() {
            let text = rule.explain();
            assert!(text.starts_with(&format!("{} {}", rule.code, rule.id)), "{text}");
            assert!(text.contains(rule.why.trim()), "{}: why missing", rule.code);
            for basis in &rule.basis {
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
