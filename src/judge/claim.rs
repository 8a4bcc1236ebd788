//! The claim model: how a claim is said (its modality) and what it is about (its
//! subject), from the contexts it stands in (dictionaries/REVIEWING.md).

use super::context::Context;
use crate::diagnostic::{Modality, Subject};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
