//! The JSON API the page calls: `POST /api/check` lints a text sent in the body (no
//! path is ever read from the disk), `GET /api/rules` lists the rules.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use serde::Deserialize;

use super::guard::Refusal;
use crate::config::Setup;
use crate::render::{Checked, json_for_browser, rules_json};
use crate::rules::Domain;
use crate::source::{Format, SourceFile};

/// The body of `POST /api/check`.
#[derive(Deserialize)]
struct CheckRequest {
    text: String,
    /// What the text would be saved as: its extension picks HTML or Markdown, and
    /// kokoku.toml's `[per-file]` globs match it.
    #[serde(default = "default_filename")]
    filename: String,
    /// The kind of page (`medical`, `cosmetic`, …); none: detect it.
    #[serde(default)]
    domain: Option<String>,
}

fn default_filename() -> String {
    "page.txt".to_string()
}

/// The check of the text in `body`, as the page reads it ([`json_for_browser`]).
pub fn check(body: &[u8], setup: &Setup) -> Result<String, Refusal> {
    let request: CheckRequest =
        serde_json::from_slice(body).map_err(|e| Refusal::new(400, &format!("malformed request: {e}")))?;
    let path = Path::new(&request.filename);
    let mut options = (setup.config.as_ref()).map_or_else(Default::default, |c| c.options_for(path));
    if let Some(name) = request.domain.as_deref() {
        let domain = (Domain::ALL.into_iter().find(|d| d.as_str() == name))
            .ok_or_else(|| Refusal::new(400, &format!("unknown domain `{name}`")))?;
        options.domains = Some(BTreeSet::from([domain]));
    }
    let format = Format::of_path(path);
    let file = SourceFile::from_bytes(
        request.filename.clone(),
        request.text.as_bytes(),
        format,
        Some(encoding_rs::UTF_8),
    )
    .map_err(|e| Refusal::new(400, &e.to_string()))?;
    // A fault in a rule must cost one answer, not the server the user has open.
    let report = catch_unwind(AssertUnwindSafe(|| setup.linter.check(&file, &options)))
        .map_err(|_| Refusal::new(500, "kokoku failed on this text; please report it"))?;
    Ok(json_for_browser(&Checked { file, report, fixed: 0 }))
}

/// Every rule, with its explanation, as `kokoku rules --format json` lists them.
pub fn rules(setup: &Setup) -> String {
    rules_json(setup.linter.rules())
}
