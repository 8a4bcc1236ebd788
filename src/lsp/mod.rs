//! `kokoku server`: a Language Server (LSP 3.17) over the same linting core as the
//! command line. Findings are pushed as diagnostics when a document opens, changes or is
//! saved; fixes, safer wordings and waivers are code actions; hovering a finding shows
//! its rule's explanation. Each document gets the linter of its nearest kokoku.toml.
//!
//! A front end (the top layer): may import any layer of the library.

mod convert;
mod transport;
mod worker;

use crossbeam_channel::unbounded;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, HoverProviderCapability,
    InitializeParams, PositionEncodingKind, Registration, RegistrationParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use crate::config::FILE_NAMES;
use crate::source::Units;
use convert::FIX_ALL;
use worker::{Job, Settings, Worker};

/// Serves an editor over standard input and output until it says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, threads) = transport::stdio();
    serve(connection)?;
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
}

/// Serves one client over `connection`: the handshake, then messages until `exit`.
pub fn serve(connection: Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let offered = (params.capabilities.general.as_ref()).and_then(|g| g.position_encodings.clone());
    let units = match offered.is_some_and(|o| o.contains(&PositionEncodingKind::UTF8)) {
        true => Units::Utf8,
        false => Units::Utf16,
    };
    let settings: Settings = (params.initialization_options.clone())
        .and_then(|options| serde_json::from_value(options).ok())
        .unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(units),
        "serverInfo": { "name": "kokoku", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let watches = (params.capabilities.workspace.as_ref())
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watches {
        let _ = connection.sender.send(Message::Request(watch_configs()));
    }

    let (jobs, queue) = unbounded();
    let worker = Worker::new(connection.sender.clone(), units, settings);
    let lints = std::thread::spawn(move || worker.run(&queue));
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    break;
                }
                if let Some(response) = dispatch_request(request, &jobs) {
                    let _ = connection.sender.send(Message::Response(response));
                }
            }
            Message::Notification(notification) => dispatch_notification(notification, &jobs),
            Message::Response(_) => {}
        }
    }
    drop(jobs);
    let _ = lints.join();
    Ok(())
}

/// Asks the editor to say when a kokoku.toml changes on disk (one edited in the editor
/// is seen when it is saved).
fn watch_configs() -> Request {
    let watchers: Vec<FileSystemWatcher> = (FILE_NAMES.iter())
        .map(|name| FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{name}")),
            kind: None,
        })
        .collect();
    let registration = Registration {
        id: "kokoku-config".to_string(),
        method: DidChangeWatchedFiles::METHOD.to_string(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
    };
    let params = RegistrationParams {
        registrations: vec![registration],
    };
    Request::new(
        RequestId::from("kokoku-watch".to_string()),
        RegisterCapability::METHOD.to_string(),
        params,
    )
}

fn capabilities(units: Units) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match units {
            Units::Utf8 => PositionEncodingKind::UTF8,
            _ => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// Hands a request to the worker; answers at once one it cannot take.
fn dispatch_request(request: Request, jobs: &crossbeam_channel::Sender<Job>) -> Option<Response> {
    let job = match request.method.as_str() {
        CodeActionRequest::METHOD => {
            serde_json::from_value(request.params).map(|p| Job::CodeActions(request.id.clone(), p))
        }
        HoverRequest::METHOD => serde_json::from_value(request.params).map(|p| Job::Hover(request.id.clone(), p)),
        _ => {
            let message = format!("kokoku does not answer `{}`", request.method);
            return Some(Response::new_err(request.id, ErrorCode::MethodNotFound as i32, message));
        }
    };
    match job {
        Ok(job) => {
            let _ = jobs.send(job);
            None
        }
        Err(e) => Some(Response::new_err(
            request.id,
            ErrorCode::InvalidParams as i32,
            e.to_string(),
        )),
    }
}

fn dispatch_notification(notification: Notification, jobs: &crossbeam_channel::Sender<Job>) {
    let params = notification.params;
    let job = match notification.method.as_str() {
        DidOpenTextDocument::METHOD => serde_json::from_value::<DidOpenTextDocumentParams>(params)
            .ok()
            .map(|p| Job::Open {
                uri: p.text_document.uri,
                text: p.text_document.text,
                version: p.text_document.version,
                language: p.text_document.language_id,
            }),
        DidChangeTextDocument::METHOD => serde_json::from_value::<DidChangeTextDocumentParams>(params)
            .ok()
            .and_then(|p| {
                let text = p.content_changes.into_iter().last()?.text;
                Some(Job::Change {
                    uri: p.text_document.uri,
                    text,
                    version: p.text_document.version,
                })
            }),
        DidSaveTextDocument::METHOD => serde_json::from_value::<DidSaveTextDocumentParams>(params)
            .ok()
            .map(|p| match is_config(&p.text_document.uri) {
                true => Job::ConfigChanged,
                false => Job::Lint(p.text_document.uri),
            }),
        DidCloseTextDocument::METHOD => serde_json::from_value::<DidCloseTextDocumentParams>(params)
            .ok()
            .map(|p| Job::Close(p.text_document.uri)),
        DidChangeWatchedFiles::METHOD => serde_json::from_value::<DidChangeWatchedFilesParams>(params)
            .ok()
            .filter(|p| p.changes.iter().any(|change| is_config(&change.uri)))
            .map(|_| Job::ConfigChanged),
        _ => None,
    };
    if let Some(job) = job {
        let _ = jobs.send(job);
    }
}

fn is_config(uri: &lsp_types::Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .is_some_and(|name| FILE_NAMES.contains(&name))
}
