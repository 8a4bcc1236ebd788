//! Small rule files for unit tests across the layers.

/// A lexicon file with empty context tails.
pub(crate) const LEXICONS: &str = "[tails]\nnegation = []\nhedge = []\ninstruction = []\nmention = []\nmention_lead = []\nmention_unquoted = []\nquestion = []\ndoubt = []\nnominalizer = []\nnegation_final = []\nrisk_heading = []\ncitation = []\n";

/// A `pmd` family file with one rule, PMD-01, whose fields go on with `body`.
pub(crate) fn rule_file(body: &str) -> String {
    format!(
        "family = \"pmd\"\ntitle = \"t\"\n\n[[rule]]\ncode = \"PMD-01\"\nid = \"a\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = [\"b\"]\nwhy = \"w\"\nsuggest = [\"s\"]\n{body}\n[rule.examples]\nflag = [\"x\"]\nclean = [\"y\"]\n"
    )
}
