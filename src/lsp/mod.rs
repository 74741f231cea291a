//! `accord lsp`: a language server over the same library as `accord check`, so an editor gets
//! every finding the checker gives (YAML, schema, dataset rules, quotes) as the text is typed,
//! and the fixes of `--fix` as quick fixes.
//!
//! The protocol is spoken with `lsp-server` and `lsp-types`, rust-analyzer's crates: a
//! synchronous loop over a channel of messages, which suits a server whose work is one check of
//! the dataset after a burst of edits, and which `Connection::memory` tests without a process.
//! The loop never writes to stdout itself (the connection owns it) and logs to the sink it is
//! given.
//!
//! The workspace is the dataset: the data paths of the `accord.toml` above the workspace folder
//! (or its `data` directory), with every open buffer standing in for its file through an
//! [`crate::check::Overlay`]. After each burst of changes (messages that arrive within
//! [`DEBOUNCE`] of each other) the dataset is checked again and every file's findings are
//! published, so renaming an id in one file gives the files that use it their findings.

pub mod convert;
mod fields;
mod index;
mod workspace;

use std::io::Write;
use std::time::Duration;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;

pub use convert::Encoding;
use workspace::Workspace;

/// How long the server waits after a change for more before checking again: about the time
/// between two keys of fast typing, so that a burst of keys is one check.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    /// The client broke the protocol (no `initialize` first, the connection closed).
    #[error("protocol error: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// A message could not be sent: the client is gone.
    #[error("the client closed the connection")]
    Disconnected,
}

/// Serves one client on `connection` until it sends `shutdown` and `exit`, or goes away. Logs go
/// to `log`.
pub fn serve(connection: &Connection, log: &mut dyn Write) -> Result<(), LspError> {
    serve_with(connection, log, None)
}

/// [`serve`], with each diagnostic linking to its code's explanation in `explanations`, a
/// directory of `<code>.md` files (the binary writes `accord explain`'s pages there).
pub fn serve_with(
    connection: &Connection,
    log: &mut dyn Write,
    explanations: Option<&std::path::Path>,
) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| folder.uri.clone())
        .or_else(|| {
            #[allow(deprecated)]
            params.root_uri.clone()
        })
        .and_then(|uri| convert::path(&uri));
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp_types::ServerInfo {
            name: "accord".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result).unwrap_or_default())?;
    // Files changed on disk (a `git pull`, another editor, a source text) are checked again
    // when the client can tell; its answer to the registration is not needed.
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watches {
        let registration = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "accord-watched-files".to_owned(),
                method: lsp_types::notification::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: Some(serde_json::json!({
                    "watchers": [{"globPattern": "**/*.{yaml,yml,txt,toml}"}]
                })),
            }],
        };
        connection
            .sender
            .send(Message::Request(Request::new(
                RequestId::from("accord-watched-files".to_owned()),
                lsp_types::request::RegisterCapability::METHOD.to_owned(),
                registration,
            )))
            .map_err(|_| LspError::Disconnected)?;
    }
    let mut workspace = Workspace::new(folder, encoding, log);
    workspace.explanations = explanations.map(std::path::Path::to_path_buf);
    let mut server = Server {
        connection,
        workspace: &mut workspace,
        dirty: true,
    };
    server.run()
}

/// What the server offers.
fn capabilities(encoding: Encoding) -> lsp_types::ServerCapabilities {
    lsp_types::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp_types::TextDocumentSyncCapability::Options(
            lsp_types::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp_types::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp_types::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        definition_provider: Some(lsp_types::OneOf::Left(true)),
        references_provider: Some(lsp_types::OneOf::Left(true)),
        rename_provider: Some(lsp_types::OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

struct Server<'a, 'l> {
    connection: &'a Connection,
    workspace: &'a mut Workspace<'l>,
    /// Whether a change has not been checked yet.
    dirty: bool,
}

impl Server<'_, '_> {
    fn run(&mut self) -> Result<(), LspError> {
        loop {
            let message = if self.dirty {
                match self.connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(message) => message,
                    Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {
                        self.publish()?;
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.request(request)?;
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    /// Checks the dataset again and publishes every file's findings.
    fn publish(&mut self) -> Result<(), LspError> {
        self.dirty = false;
        for params in self.workspace.check() {
            self.send(Message::Notification(Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_owned(),
                params,
            )))?;
        }
        Ok(())
    }

    fn send(&self, message: Message) -> Result<(), LspError> {
        self.connection
            .sender
            .send(message)
            .map_err(|_| LspError::Disconnected)
    }

    fn respond(
        &self,
        id: RequestId,
        result: Result<serde_json::Value, (ErrorCode, String)>,
    ) -> Result<(), LspError> {
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response))
    }

    fn request(&mut self, request: Request) -> Result<(), LspError> {
        let Request { id, method, params } = request;
        use lsp_types::request as r;
        if self.dirty {
            self.publish()?;
        }
        let workspace = &mut *self.workspace;
        let result = match method.as_str() {
            r::CodeActionRequest::METHOD => parse::<lsp_types::CodeActionParams>(params)
                .map(|params| json(workspace.code_actions(&params))),
            r::GotoDefinition::METHOD => parse::<lsp_types::GotoDefinitionParams>(params)
                .map(|p| json(workspace.definition(&p.text_document_position_params))),
            r::References::METHOD => {
                parse::<lsp_types::ReferenceParams>(params).map(|p| json(workspace.references(&p)))
            }
            r::PrepareRenameRequest::METHOD => {
                parse::<lsp_types::TextDocumentPositionParams>(params)
                    .map(|p| json(workspace.prepare_rename(&p)))
            }
            r::Rename::METHOD => parse::<lsp_types::RenameParams>(params).and_then(|p| {
                workspace
                    .rename(&p)
                    .map(json)
                    .map_err(|message| (ErrorCode::InvalidParams, message))
            }),
            r::DocumentSymbolRequest::METHOD => parse::<lsp_types::DocumentSymbolParams>(params)
                .map(|p| json(workspace.symbols(Some(&p.text_document.uri), ""))),
            r::WorkspaceSymbolRequest::METHOD => parse::<lsp_types::WorkspaceSymbolParams>(params)
                .map(|p| json(workspace.symbols(None, &p.query))),
            r::HoverRequest::METHOD => parse::<lsp_types::HoverParams>(params)
                .map(|p| json(workspace.hover(&p.text_document_position_params))),
            r::Completion::METHOD => parse::<lsp_types::CompletionParams>(params)
                .map(|p| json(workspace.completion(&p.text_document_position))),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("accord does not handle `{method}`"),
            )),
        };
        self.respond(id, result)
    }

    fn notification(&mut self, notification: Notification) {
        use lsp_types::notification as n;
        let Notification { method, params } = notification;
        let changed = match method.as_str() {
            n::DidOpenTextDocument::METHOD => parse::<lsp_types::DidOpenTextDocumentParams>(params)
                .map(|p| {
                    self.workspace
                        .open(p.text_document.uri, p.text_document.text)
                }),
            n::DidChangeTextDocument::METHOD => {
                parse::<lsp_types::DidChangeTextDocumentParams>(params).map(|p| {
                    self.workspace
                        .change(&p.text_document.uri, p.content_changes)
                })
            }
            n::DidCloseTextDocument::METHOD => {
                parse::<lsp_types::DidCloseTextDocumentParams>(params)
                    .map(|p| self.workspace.close(&p.text_document.uri))
            }
            // Saved, or changed on disk: the next check reads the file.
            n::DidSaveTextDocument::METHOD | n::DidChangeWatchedFiles::METHOD => Ok(true),
            _ => Ok(false),
        };
        match changed {
            Ok(changed) => self.dirty |= changed,
            Err((_, message)) => self.workspace.log(&format!("{method}: {message}")),
        }
    }
}

/// A result as the protocol's JSON.
fn json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// The params of a message as `T`, or the protocol's error for params that are not.
fn parse<T: serde::de::DeserializeOwned>(
    params: serde_json::Value,
) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}
