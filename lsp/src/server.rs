//! The protocol surface: capabilities, document notifications, and each request routed to its
//! handler on a snapshot of the document, with panics turned into error responses.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use serde_json::Value;
use tower_lsp_server::gen_lsp_types::*;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities;
use crate::documents::{Documents, Snapshot};
use crate::handlers;
use crate::retire;
use crate::settings::{ClientOptions, FILE_NAME};

/// The protocol's codes for a request that was valid but could not be carried out (a rename to
/// a name that is taken), and for requests before `initialize`.
const REQUEST_FAILED: ErrorCode = ErrorCode::ServerError(-32803);
const SERVER_NOT_INITIALIZED: ErrorCode = ErrorCode::ServerError(-32002);

pub struct Backend {
    client: Client,
    state: OnceLock<State>,
}

struct State {
    documents: Documents,
    caps: capabilities::Client,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend { client, state: OnceLock::new() }
    }

    fn state(&self) -> Result<&State> {
        self.state.get().ok_or_else(|| Error::new(SERVER_NOT_INITIALIZED))
    }

    /// Runs `handler` on the current version of a template document, off the async workers and
    /// with panics caught: a bug in one feature answers that request with an error and the
    /// server carries on. Documents that are not templates get no answer (`null`).
    async fn with_template<T, F>(&self, uri: &Uri, handler: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot, &capabilities::Client) -> Option<T> + Send + 'static,
    {
        let state = self.state()?;
        let Some(snapshot) = state.documents.snapshot(uri).await else { return Ok(None) };
        if !snapshot.is_template {
            return Ok(None);
        }
        let caps = state.caps.clone();
        on_snapshot(snapshot, move |snapshot| handler(snapshot, &caps)).await
    }

    async fn with_template_fallible<T, F>(&self, uri: &Uri, handler: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot) -> std::result::Result<Option<T>, String> + Send + 'static,
    {
        let state = self.state()?;
        let Some(snapshot) = state.documents.snapshot(uri).await else { return Ok(None) };
        if !snapshot.is_template {
            return Ok(None);
        }
        match on_snapshot(snapshot, handler).await? {
            Ok(answer) => Ok(answer),
            Err(message) => Err(Error { code: REQUEST_FAILED, message: message.into(), data: None }),
        }
    }

    async fn register_config_watcher(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher { glob_pattern: GlobPattern::Pattern(format!("**/{FILE_NAME}")), kind: None }],
        };
        let registration = Registration {
            id: "slint-config-watcher".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = self.client.register_capability(vec![registration]).await {
            self.client.log_message(MessageType::Warning, format!("slint: cannot watch slint.toml files: {error}")).await;
        }
    }
}

/// Runs `handler` on one version off the protocol's threads, and lets go of the version there
/// too: it may hold the last reference to a version the document has moved past.
async fn on_snapshot<T: Send + 'static>(snapshot: Snapshot, handler: impl FnOnce(&Snapshot) -> T + Send + 'static) -> Result<T> {
    guarded(move || {
        let answer = handler(&snapshot);
        retire::later(snapshot);
        answer
    })
    .await
}

async fn guarded<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    match tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(work))).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(panic)) => {
            let reason = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown cause");
            Err(Error { code: ErrorCode::InternalError, message: format!("slint failed on this request: {reason}").into(), data: None })
        }
        Err(error) => Err(Error { code: ErrorCode::InternalError, message: error.to_string().into(), data: None }),
    }
}

fn is_config_file(uri: &Uri) -> bool {
    uri.0.rsplit('/').next() == Some(FILE_NAME)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = capabilities::Client::from_params(&params);
        let (options, problem) = ClientOptions::from_json(params.initialization_options.as_ref());
        if let Some(problem) = problem {
            self.client.show_message(MessageType::Warning, format!("slint: {problem}")).await;
        }
        let documents = Documents::spawn(self.client.clone(), options, caps.encoding);
        let capabilities = handlers::capabilities(caps.encoding);
        // A second `initialize` is a protocol error the transport already refuses; keeping the
        // first state is the safe answer if one slips through.
        let _ = self.state.set(State { documents, caps });
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo { name: "slint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.state.get().is_some_and(|state| state.caps.watch_files_dynamically) {
            self.register_config_watcher().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        if let Ok(state) = self.state() {
            let doc = params.text_document;
            state.documents.open(doc.uri, doc.version, doc.text);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        if let Ok(state) = self.state() {
            let doc = params.text_document;
            state.documents.change(doc.text_document_identifier.uri, doc.version, params.content_changes);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Ok(state) = self.state() {
            state.documents.close(params.text_document.uri);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Ok(state) = self.state() {
            if is_config_file(&params.text_document.uri) {
                state.documents.config_files_changed();
            } else {
                state.documents.saved(params.text_document.uri);
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let Ok(state) = self.state() else { return };
        // Clients that only signal a change send `null`; they keep their initial options.
        if params.settings.is_null() {
            return;
        }
        let (options, problem) = ClientOptions::from_json(Some(&params.settings));
        if let Some(problem) = problem {
            self.client.show_message(MessageType::Warning, format!("slint: {problem}")).await;
            return;
        }
        state.documents.reconfigure(options);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if let Ok(state) = self.state() {
            if params.changes.iter().any(|change| is_config_file(&change.uri)) {
                state.documents.config_files_changed();
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.with_template(&at.text_document.uri, move |snapshot, caps| handlers::hover::hover(snapshot, at.position, caps)).await
    }

    async fn goto_definition(&self, params: DefinitionParams) -> Result<Option<DefinitionResponse>> {
        let at = params.text_document_position_params;
        let others = self.state()?.documents.all().await;
        self.with_template(&at.text_document.uri, move |snapshot, _| handlers::definition::definition(snapshot, at.position, &others))
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position_params;
        let include_declaration = params.context.include_declaration;
        let others = self.state()?.documents.all().await;
        self.with_template(&at.text_document.uri, move |snapshot, _| {
            handlers::references::references(snapshot, at.position, include_declaration, &others)
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        self.with_template(&at.text_document.uri, move |snapshot, _| handlers::references::highlights(snapshot, at.position)).await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResult>> {
        self.with_template_fallible(&params.text_document.uri, move |snapshot| handlers::rename::prepare(snapshot, params.position))
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position_params;
        let new_name = params.new_name;
        self.with_template_fallible(&at.text_document.uri, move |snapshot| handlers::rename::rename(snapshot, at.position, &new_name))
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position_params;
        self.with_template(&at.text_document.uri, move |snapshot, caps| handlers::completion::completion(snapshot, at.position, caps))
            .await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        guarded(move || handlers::completion::resolve(item)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<Vec<CodeActionResponse>>> {
        self.with_template(&params.text_document.uri.clone(), move |snapshot, _| {
            handlers::code_action::code_actions(snapshot, params.range, &params.context)
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.with_template(&params.text_document.uri, |snapshot, caps| {
            handlers::symbols::document_symbols(snapshot, caps.hierarchical_symbols)
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshots: Vec<Snapshot> = self.state()?.documents.all().await.into_iter().filter(|s| s.is_template).collect();
        let query = params.query;
        guarded(move || handlers::symbols::workspace_symbols(&snapshots, &query)).await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokens>> {
        self.with_template(&params.text_document.uri, |snapshot, _| handlers::semantic_tokens::tokens(snapshot, None)).await
    }

    async fn semantic_tokens_range(&self, params: SemanticTokensRangeParams) -> Result<Option<SemanticTokens>> {
        let range = params.range;
        self.with_template(&params.text_document.uri, move |snapshot, _| handlers::semantic_tokens::tokens(snapshot, Some(range)))
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.with_template(&params.text_document.uri, move |snapshot, _| handlers::inlay_hints::inlay_hints(snapshot, range)).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.with_template(&params.text_document.uri, |snapshot, _| handlers::code_lens::code_lenses(snapshot)).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command == handlers::invoke::INVOKE {
            let (template, function) = handlers::invoke::arguments(&params).map_err(Error::invalid_params)?;
            let invocation = guarded(move || handlers::invoke::invoke(&template, &function))
                .await?
                .map_err(|message| Error { code: REQUEST_FAILED, message: message.into(), data: None })?;
            self.client.log_message(MessageType::Info, &invocation.log).await;
            let kind = if invocation.succeeded { MessageType::Info } else { MessageType::Error };
            self.client.show_message(kind, &invocation.summary).await;
            return Ok(Some(invocation.result));
        }
        match handlers::code_lens::execute(&params) {
            Some(Ok(message)) => {
                self.client.show_message(MessageType::Info, message).await;
                Ok(None)
            }
            Some(Err(message)) => Err(Error::invalid_params(message)),
            None => Err(Error::invalid_params(format!("unknown command `{}`", params.command))),
        }
    }
}
