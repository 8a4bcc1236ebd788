//! The lint worker: it owns the open documents, the configs and their linters, and
//! answers everything that needs a lint, on a thread of its own so that the message loop
//! never waits for one. Edits that come while it works are folded into one lint: a
//! newer version of a document replaces a stale one before it is linted.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification, RequestId, Response};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{
    CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic as LspDiagnostic, Hover, HoverContents,
    HoverParams, MarkupContent, MarkupKind, Position, PublishDiagnosticsParams, Range, Url,
};

use super::convert::{FIX_ALL, Positions, diagnostic, quick_fixes, whole_text_edit};
use crate::config::{ConfigSource, Setups};
use crate::rules::{Domain, RuleSettings};
use crate::source::{Format, SourceFile, Units};
use crate::{Options, Report};

/// What the message loop hands the worker.
pub enum Job {
    Open {
        uri: Url,
        text: String,
        version: i32,
        language: String,
    },
    Change {
        uri: Url,
        text: String,
        version: i32,
    },
    /// Saved, or asked to lint again (a config changed).
    Lint(Url),
    Close(Url),
    /// A config file changed on disk: every document's linter is built again.
    ConfigChanged,
    CodeActions(RequestId, CodeActionParams),
    Hover(RequestId, HoverParams),
}

/// The settings an editor passes at initialization (`initializationOptions`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub domain: Vec<Domain>,
}

struct Document {
    text: String,
    version: i32,
    format: Format,
    /// The last lint of this version, and the diagnostics it was shown as.
    linted: Option<(Report, Vec<LspDiagnostic>)>,
}

impl Document {
    /// The document as the linter reads a file, named by its path.
    fn source(&self, path: &Path) -> SourceFile {
        SourceFile {
            name: path.display().to_string(),
            text: self.text.clone(),
            format: self.format,
            encoding: "UTF-8",
        }
    }
}

pub struct Worker {
    to_client: Sender<Message>,
    units: Units,
    settings: Settings,
    setups: Setups,
    documents: HashMap<Url, Document>,
    /// Config files whose last load failed, with the diagnostic shown on them.
    broken_configs: BTreeSet<Url>,
}

impl Worker {
    pub fn new(to_client: Sender<Message>, units: Units, settings: Settings) -> Self {
        Self {
            to_client,
            units,
            settings,
            setups: Setups::new(ConfigSource::Discover, Vec::new()),
            documents: HashMap::new(),
            broken_configs: BTreeSet::new(),
        }
    }

    /// Works until the message loop hangs up.
    pub fn run(mut self, jobs: &Receiver<Job>) {
        while let Ok(job) = jobs.recv() {
            let mut stale = BTreeSet::new();
            let mut requests = Vec::new();
            // Everything queued meanwhile is taken in before linting: edits replace edits.
            for job in std::iter::once(job).chain(jobs.try_iter()) {
                match job {
                    Job::CodeActions(..) | Job::Hover(..) => requests.push(job),
                    other => stale.extend(self.take(other)),
                }
            }
            for uri in stale {
                self.lint(&uri);
            }
            for request in requests {
                self.answer(request);
            }
        }
    }

    /// Applies a document or config change; returns the documents to lint again.
    fn take(&mut self, job: Job) -> Vec<Url> {
        match job {
            Job::Open {
                uri,
                text,
                version,
                language,
            } => {
                let format = format_of(&uri, &language);
                let document = Document {
                    text,
                    version,
                    format,
                    linted: None,
                };
                self.documents.insert(uri.clone(), document);
                vec![uri]
            }
            Job::Change { uri, text, version } => match self.documents.get_mut(&uri) {
                Some(document) => {
                    *document = Document {
                        text,
                        version,
                        linted: None,
                        ..*document
                    };
                    vec![uri]
                }
                None => Vec::new(),
            },
            Job::Lint(uri) => vec![uri],
            Job::Close(uri) => {
                self.documents.remove(&uri);
                self.publish(uri, Vec::new(), None);
                Vec::new()
            }
            Job::ConfigChanged => {
                self.reload_configs();
                self.documents.keys().cloned().collect()
            }
            Job::CodeActions(..) | Job::Hover(..) => Vec::new(),
        }
    }

    /// Builds every config and linter again; while a config does not load, the documents
    /// it governs keep the last good one, and the error shows on the config file.
    fn reload_configs(&mut self) {
        let mut fresh = Setups::new(ConfigSource::Discover, Vec::new());
        let mut errors: BTreeSet<(Url, u32, String)> = BTreeSet::new();
        for uri in self.documents.keys() {
            if let Err(error) = fresh.for_file(&path_of(uri)) {
                errors.extend(config_error(&error));
            }
        }
        for uri in std::mem::take(&mut self.broken_configs) {
            self.publish(uri, Vec::new(), None);
        }
        if errors.is_empty() {
            self.setups = fresh;
        }
        for (uri, line, message) in errors {
            let range = Range::new(Position::new(line, 0), Position::new(line, u32::MAX));
            let shown = LspDiagnostic {
                range,
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                source: Some("kokoku".to_string()),
                message: format!("{message}（修正するまで、前の設定で検査します）"),
                ..Default::default()
            };
            self.broken_configs.insert(uri.clone());
            self.publish(uri, vec![shown], None);
        }
    }

    fn lint(&mut self, uri: &Url) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let (path, version) = (path_of(uri), document.version);
        let file = document.source(&path);
        let linted = match self.options_for(&path) {
            Ok((index, options)) => {
                let setup = self.setups.get(index);
                let report = setup.linter.check(&file, &options);
                let at = Positions::new(&file.text, self.units);
                let help = setup.config.as_ref().and_then(|c| c.help_uri.as_deref());
                let shown: Vec<LspDiagnostic> = report
                    .diagnostics
                    .iter()
                    .map(|d| diagnostic(d, uri, &at, help))
                    .collect();
                Some((report, shown))
            }
            Err(error) => {
                eprintln!("kokoku server: {error}");
                None
            }
        };
        let shown = linted.as_ref().map(|(_, shown)| shown.clone()).unwrap_or_default();
        if let Some(document) = self.documents.get_mut(uri) {
            document.linted = linted;
        }
        self.publish(uri.clone(), shown, Some(version));
    }

    /// The linter (by setup) and options for a file: its config's, then the editor's.
    fn options_for(&mut self, path: &Path) -> Result<(usize, Options), String> {
        let index = self.setups.for_file(path)?;
        let setup = self.setups.get(index);
        let mut options = setup.config.as_ref().map(|c| c.options_for(path)).unwrap_or_default();
        let Settings { select, ignore, domain } = &self.settings;
        let chosen = RuleSettings::chosen(select, ignore, setup.linter.rules(), ["select", "ignore"])?;
        options.rules = options.rules.then(&chosen);
        if !domain.is_empty() {
            options.domains = Some(domain.iter().copied().collect());
        }
        Ok((index, options))
    }

    fn answer(&mut self, request: Job) {
        let (id, result) = match request {
            Job::CodeActions(id, params) => (id, serde_json::to_value(self.code_actions(&params))),
            Job::Hover(id, params) => (id, serde_json::to_value(self.hover(&params))),
            _ => return,
        };
        let response = Response::new_ok(id, result.unwrap_or_default());
        let _ = self.to_client.send(Message::Response(response));
    }

    fn code_actions(&mut self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(document) = self.documents.get(uri) else {
            return Vec::new();
        };
        let Some((report, shown)) = &document.linted else {
            return Vec::new();
        };
        let at = Positions::new(&document.text, self.units);
        let (start, end) = (at.offset(params.range.start), at.offset(params.range.end));
        let wanted = |kind: &str| {
            (params.context.only.as_ref()).is_none_or(|only| only.iter().any(|k| kind.starts_with(k.as_str())))
        };
        let mut actions = Vec::new();
        if wanted(CodeActionKind::QUICKFIX.as_str()) {
            for (d, lsp) in report.diagnostics.iter().zip(shown) {
                let touches = d.span.start <= end && start <= d.span.end;
                if touches || (d.is_document_level() && params.range.start.line == 0) {
                    actions.extend(quick_fixes(d, lsp, uri, &at, document.format));
                }
            }
        }
        let fixable = report.diagnostics.iter().any(|d| d.fix.is_some());
        if wanted(FIX_ALL) && fixable {
            actions.extend(self.fix_all(uri));
        }
        actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()
    }

    /// Every safe fix of the document at once (`source.fixAll.kokoku`).
    fn fix_all(&mut self, uri: &Url) -> Option<lsp_types::CodeAction> {
        let path = path_of(uri);
        let (index, options) = self.options_for(&path).ok()?;
        let document = self.documents.get(uri)?;
        let (report, _) = document.linted.as_ref()?;
        let file = document.source(&path);
        let fixed = self.setups.get(index).linter.fix(&file, report, &options, false)?;
        let at = Positions::new(&document.text, self.units);
        let edit = whole_text_edit(&at, &document.text, fixed.file.text);
        Some(lsp_types::CodeAction {
            title: format!("kokoku: 安全な修正をすべて適用（{} 件）", fixed.applied),
            kind: Some(CodeActionKind::new(FIX_ALL)),
            edit: Some(lsp_types::WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// The rule's explanation, over a finding.
    fn hover(&mut self, params: &HoverParams) -> Option<Hover> {
        let place = &params.text_document_position_params;
        let document = self.documents.get(&place.text_document.uri)?;
        let (report, _) = document.linted.as_ref()?;
        let at = Positions::new(&document.text, self.units);
        let offset = at.offset(place.position);
        let found = report
            .diagnostics
            .iter()
            .find(|d| !d.is_document_level() && d.span.range().contains(&offset))?;
        let (explanation, range) = (found.code.clone(), at.range(found.span));
        let index = self.setups.for_file(&path_of(&place.text_document.uri)).ok()?;
        let rule = self.setups.get(index).linter.rules().get(&explanation)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: rule.explain_markdown(),
            }),
            range: Some(range),
        })
    }

    fn publish(&self, uri: Url, diagnostics: Vec<LspDiagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        let _ = self.to_client.send(Message::Notification(notification));
    }
}

/// A document's path; an unsaved one is taken to be in the working directory.
fn path_of(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .unwrap_or_else(|()| PathBuf::from(uri.path().rsplit('/').next().unwrap_or("untitled")))
}

/// HTML, Markdown or text, by the editor's language id, else by the file's extension.
fn format_of(uri: &Url, language: &str) -> Format {
    match language {
        "markdown" | "mdx" => Format::Markdown,
        "html" => Format::Html,
        "plaintext" => Format::Text,
        _ => Format::of_path(&path_of(uri)),
    }
}

/// The config file, 0-based line and message of a config error (`path:line: message`).
fn config_error(error: &str) -> Option<(Url, u32, String)> {
    let (path, rest) = error.split_once(".toml:")?;
    let (line, message) = rest.split_once(": ")?;
    let uri = Url::from_file_path(format!("{path}.toml")).ok()?;
    Some((uri, line.parse::<u32>().ok()?.saturating_sub(1), message.to_string()))
}
