//! The open documents, owned by one task.
//!
//! Every edit, every lint result and every request for a document's state goes through that
//! task's queue, in the order the client sent them, so an edit can never race a read. Requests
//! get an immutable [`Snapshot`] of one version and work on it off the task.
//!
//! Linting runs in a worker per document that always takes the newest version: edits arriving
//! while it waits out the debounce or while a run is in flight replace the pending version, so
//! superseded versions are never linted and a result that arrives for an old version is dropped.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use slint_linter::{Diagnostic, LineIndex};
use slint_rules::{Baseline, Memo, Settings};
use tokio::sync::{mpsc, oneshot, watch};
use tower_lsp_server::gen_lsp_types::{
    self as lsp, MessageType, TextDocumentContentChangeEvent, Uri,
};
use tower_lsp_server::Client;

use slint_linter::detect::looks_like_template;
use crate::handlers::diagnostics::{config_error_diagnostic, to_lsp_diagnostics};
use crate::model::Model;
use crate::position::{Encoding, Lines};
use crate::retire;
use crate::settings::{ClientOptions, Configuration, Resolved};
use crate::uri;

/// One version of one document, as a request sees it.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub is_template: bool,
    pub encoding: Encoding,
    pub settings: Arc<Settings>,
    pub options: Arc<ClientOptions>,
    text: Arc<String>,
    model: Arc<OnceLock<Arc<Model>>>,
    /// The newest earlier version that was read, for answers that may lag one edit behind
    /// rather than wait for this version to be read (the names completion offers).
    previous: Option<Arc<Model>>,
    /// The findings of exactly this version, once its lint run has finished.
    pub diagnostics: Option<Arc<Vec<Diagnostic>>>,
}

impl Snapshot {
    /// The read document, read on first use if no lint run has read it yet.
    pub fn model(&self) -> &Model {
        self.model.get_or_init(|| Arc::new(Model::reparse(&self.text, self.previous.as_deref(), &self.settings.parameters)))
    }

    pub fn lines(&self) -> Lines<'_> {
        let model = self.model();
        Lines::new(model.text(), model.line_index(), self.encoding)
    }

    /// A snapshot of a document that no store holds, for exercising the handlers directly.
    #[cfg(test)]
    pub fn detached(uri: &str, text: &str, encoding: Encoding) -> Snapshot {
        Snapshot {
            uri: Uri(uri.to_owned()),
            is_template: true,
            encoding,
            settings: Arc::new(Settings::default()),
            options: Arc::new(ClientOptions::default()),
            text: Arc::new(text.to_owned()),
            model: Arc::new(OnceLock::new()),
            previous: None,
            diagnostics: None,
        }
    }

    /// This version's text, without reading it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// This version, if it has been read already.
    pub fn model_if_read(&self) -> Option<&Model> {
        self.model.get().map(Arc::as_ref)
    }

    /// A read version without waiting: this one if it has been read, else the newest earlier
    /// one; `None` when neither is.
    pub fn model_without_waiting(&self) -> Option<&Model> {
        self.model_if_read().or(self.previous.as_deref())
    }
}

enum Message {
    Open { uri: Uri, version: i32, text: String },
    Change { uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent> },
    Close { uri: Uri },
    Snapshot { uri: Uri, reply: oneshot::Sender<Option<Snapshot>> },
    All { reply: oneshot::Sender<Vec<Snapshot>> },
    Linted { uri: Uri, version: i32, diagnostics: Arc<Vec<Diagnostic>>, published: Vec<lsp::Diagnostic> },
    Reconfigure { options: ClientOptions },
    ConfigFilesChanged,
    Saved { uri: Uri },
    Baseline { uri: Uri, baseline: Option<Arc<Baseline>> },
}

/// A handle on the document task; cheap to clone.
#[derive(Clone)]
pub struct Documents {
    tx: mpsc::UnboundedSender<Message>,
}

impl Documents {
    pub fn spawn(client: Client, options: ClientOptions, encoding: Encoding) -> Documents {
        let (tx, rx) = mpsc::unbounded_channel();
        let (configuration, problems) = Configuration::new(options);
        let store = Store {
            publisher: Publisher::spawn(client.clone()),
            client,
            encoding,
            configuration,
            docs: HashMap::new(),
            tx: tx.clone(),
            config_files_with_errors: HashSet::new(),
        };
        tokio::spawn(store.run(rx, problems));
        Documents { tx }
    }

    // A send fails only once the task has stopped, when the server is shutting down anyway.

    pub fn open(&self, uri: Uri, version: i32, text: String) {
        let _ = self.tx.send(Message::Open { uri, version, text });
    }

    pub fn change(&self, uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let _ = self.tx.send(Message::Change { uri, version, changes });
    }

    pub fn close(&self, uri: Uri) {
        let _ = self.tx.send(Message::Close { uri });
    }

    pub fn reconfigure(&self, options: ClientOptions) {
        let _ = self.tx.send(Message::Reconfigure { options });
    }

    pub fn config_files_changed(&self) {
        let _ = self.tx.send(Message::ConfigFilesChanged);
    }

    /// A saved document may have been committed since it was opened: its baseline is read again.
    pub fn saved(&self, uri: Uri) {
        let _ = self.tx.send(Message::Saved { uri });
    }

    /// The current version of an open document.
    pub async fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(Message::Snapshot { uri: uri.clone(), reply }).ok()?;
        answer.await.ok().flatten()
    }

    /// The current version of every open document.
    pub async fn all(&self) -> Vec<Snapshot> {
        let (reply, answer) = oneshot::channel();
        if self.tx.send(Message::All { reply }).is_err() {
            return Vec::new();
        }
        answer.await.unwrap_or_default()
    }
}

struct Doc {
    version: i32,
    text: Arc<String>,
    model: Arc<OnceLock<Arc<Model>>>,
    /// The newest version that was read before the current one.
    previous: Option<Arc<Model>>,
    /// Once a document is seen to be a template it stays one while open, so that deleting a
    /// line does not make its findings flicker away.
    is_template: bool,
    resolved: Resolved,
    /// The version change-aware rules compare with: the file at the configured git revision.
    baseline: Option<Arc<Baseline>>,
    /// `resolved.settings` with the baseline, what the document is linted with.
    settings: Arc<Settings>,
    diagnostics: Option<(i32, Arc<Vec<Diagnostic>>)>,
    /// The worker linting this document; created when it is first seen to be a template.
    jobs: Option<watch::Sender<Option<Job>>>,
}

impl Doc {
    /// Sets the current version to be read anew, keeping its reading, if any, as the previous one.
    fn read_again(&mut self) {
        if let Some(read) = self.model.get() {
            if let Some(older) = self.previous.replace(Arc::clone(read)) {
                retire::later(older);
            }
        }
        self.model = Arc::new(OnceLock::new());
    }
}

#[derive(Clone)]
struct Job {
    version: i32,
    text: Arc<String>,
    settings: Arc<Settings>,
    model: Arc<OnceLock<Arc<Model>>>,
    /// The newest earlier version that was read, whose unchanged resources are reused.
    previous: Option<Arc<Model>>,
    /// How long to wait for more edits first: nothing when opening or reconfiguring, the
    /// configured pause while typing.
    debounce: Duration,
}

struct Store {
    client: Client,
    publisher: Publisher,
    encoding: Encoding,
    configuration: Configuration,
    docs: HashMap<Uri, Doc>,
    tx: mpsc::UnboundedSender<Message>,
    /// `slint.toml` files whose errors are on show in the editor.
    config_files_with_errors: HashSet<PathBuf>,
}

impl Store {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Message>, problems: Vec<String>) {
        self.report_option_problems(problems).await;
        while let Some(message) = rx.recv().await {
            match message {
                Message::Open { uri, version, text } => self.open(uri, version, text).await,
                Message::Change { uri, version, changes } => self.change(uri, version, changes).await,
                Message::Close { uri } => self.close(uri),
                Message::Snapshot { uri, reply } => {
                    let _ = reply.send(self.docs.get(&uri).map(|doc| self.snapshot(&uri, doc)));
                }
                Message::All { reply } => {
                    let _ = reply.send(self.docs.iter().map(|(uri, doc)| self.snapshot(uri, doc)).collect());
                }
                Message::Linted { uri, version, diagnostics, published } => {
                    self.linted(uri, version, diagnostics, published);
                }
                Message::Reconfigure { options } => {
                    let (configuration, problems) = Configuration::new(options);
                    self.configuration = configuration;
                    self.report_option_problems(problems).await;
                    self.relint_all().await;
                }
                Message::ConfigFilesChanged => {
                    self.configuration.reload();
                    self.relint_all().await;
                }
                Message::Saved { uri } => self.read_baseline(&uri),
                Message::Baseline { uri, baseline } => self.baseline_read(uri, baseline),
            }
        }
    }

    fn snapshot(&self, uri: &Uri, doc: &Doc) -> Snapshot {
        Snapshot {
            uri: uri.clone(),
            is_template: doc.is_template,
            encoding: self.encoding,
            settings: Arc::clone(&doc.settings),
            options: Arc::new(self.configuration.options().clone()),
            text: Arc::clone(&doc.text),
            model: Arc::clone(&doc.model),
            previous: doc.previous.clone(),
            diagnostics: doc.diagnostics.as_ref().filter(|(v, _)| *v == doc.version).map(|(_, d)| Arc::clone(d)),
        }
    }

    async fn open(&mut self, uri: Uri, version: i32, text: String) {
        let resolved = self.configuration.resolve(uri::to_path(&uri).as_deref());
        self.show_config_error(&resolved).await;
        let doc = Doc {
            version,
            is_template: looks_like_template(&text),
            text: Arc::new(text),
            model: Arc::new(OnceLock::new()),
            previous: None,
            settings: Arc::clone(&resolved.settings),
            resolved,
            baseline: None,
            diagnostics: None,
            jobs: None,
        };
        self.docs.insert(uri.clone(), doc);
        self.schedule(&uri, false);
        self.read_baseline(&uri);
    }

    /// Lints again with the new baseline, unless it is the one the document already has.
    fn baseline_read(&mut self, uri: Uri, baseline: Option<Arc<Baseline>>) {
        let Some(doc) = self.docs.get_mut(&uri) else { return };
        let unchanged = match (&doc.baseline, &baseline) {
            (None, None) => true,
            (Some(old), Some(new)) => old.parsed().text == new.parsed().text,
            _ => false,
        };
        if !unchanged {
            doc.baseline = baseline;
            doc.settings = with_baseline(&doc.resolved.settings, &doc.baseline);
            self.schedule(&uri, false);
        }
    }

    /// Reads the document's version at the configured git revision off the task; the result
    /// comes back as a message and triggers a new lint run when it differs.
    fn read_baseline(&self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri).filter(|doc| doc.is_template) else { return };
        let (Some(path), Some(revision)) = (uri::to_path(uri), self.configuration.options().baseline_revision()) else {
            if doc.baseline.is_some() {
                let _ = self.tx.send(Message::Baseline { uri: uri.clone(), baseline: None });
            }
            return;
        };
        let revision = revision.to_owned();
        let (uri, tx, client) = (uri.clone(), self.tx.clone(), self.client.clone());
        tokio::spawn(async move {
            let read = tokio::task::spawn_blocking(move || Baseline::from_git(&revision, &path)).await;
            let baseline = match read {
                Ok(Ok(found)) => found.map(Arc::new),
                Ok(Err(reason)) => {
                    // Most often the file is not in a git repository: nothing to compare with.
                    client.log_message(MessageType::Log, format!("slint: no baseline for {}: {reason}", uri.0)).await;
                    None
                }
                Err(_) => None,
            };
            let _ = tx.send(Message::Baseline { uri, baseline });
        });
    }

    async fn change(&mut self, uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            self.client.log_message(MessageType::Warning, format!("slint: a change to {} which is not open", uri.0)).await;
            return;
        };
        let mut text = String::clone(&doc.text);
        for change in changes {
            apply_change(&mut text, change, encoding);
        }
        let became_template = !doc.is_template && looks_like_template(&text);
        doc.is_template |= became_template;
        doc.text = Arc::new(text);
        doc.version = version;
        doc.read_again();
        self.schedule(&uri, true);
        if became_template {
            self.read_baseline(&uri);
        }
    }

    fn close(&mut self, uri: Uri) {
        // Dropping the document drops its worker's queue, which ends the worker.
        if let Some(doc) = self.docs.remove(&uri) {
            let was_template = doc.is_template;
            retire::later(doc);
            if was_template {
                self.publisher.publish(uri, Vec::new(), None);
            }
        }
    }

    /// Hands the document's newest version to its lint worker.
    fn schedule(&mut self, uri: &Uri, typing: bool) {
        let debounce = if typing { self.configuration.options().debounce() } else { Duration::ZERO };
        let Some(doc) = self.docs.get_mut(uri) else { return };
        if !doc.is_template {
            return;
        }
        let job = Job {
            version: doc.version,
            text: Arc::clone(&doc.text),
            settings: Arc::clone(&doc.settings),
            model: Arc::clone(&doc.model),
            previous: doc.previous.clone(),
            debounce,
        };
        match &doc.jobs {
            Some(jobs) => retire::later(jobs.send_replace(Some(job))),
            None => {
                let (jobs, pending) = watch::channel(Some(job));
                doc.jobs = Some(jobs);
                let worker = Worker { uri: uri.clone(), encoding: self.encoding, store: self.tx.clone(), memo: Arc::default() };
                tokio::spawn(worker.run(pending));
            }
        }
    }

    fn linted(&mut self, uri: Uri, version: i32, diagnostics: Arc<Vec<Diagnostic>>, published: Vec<lsp::Diagnostic>) {
        let Some(doc) = self.docs.get_mut(&uri) else { return };
        if doc.version != version {
            return;
        }
        doc.diagnostics = Some((version, diagnostics));
        // This version is read now, so requests no longer need the one before it.
        if let Some(previous) = doc.previous.take() {
            retire::later(previous);
        }
        self.publisher.publish(uri, published, Some(version));
    }

    async fn relint_all(&mut self) {
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let resolved = self.configuration.resolve(uri::to_path(&uri).as_deref());
            self.show_config_error(&resolved).await;
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.settings = with_baseline(&resolved.settings, &doc.baseline);
                doc.resolved = resolved;
                doc.read_again();
            }
            self.schedule(&uri, false);
            self.read_baseline(&uri);
        }
        // Files that had errors and no longer do get their findings cleared.
        let still_broken: HashSet<PathBuf> =
            self.docs.values().filter_map(|doc| doc.resolved.error.as_ref().map(|e| e.path.clone())).collect();
        for path in self.config_files_with_errors.clone() {
            if !still_broken.contains(&path) {
                self.config_files_with_errors.remove(&path);
                self.publisher.publish(uri::from_path(&path), Vec::new(), None);
            }
        }
    }

    /// A broken `slint.toml` is shown in the file itself, and the documents under it are linted
    /// with the defaults meanwhile.
    async fn show_config_error(&mut self, resolved: &Resolved) {
        let Some(error) = &resolved.error else { return };
        if !self.config_files_with_errors.insert(error.path.clone()) {
            return;
        }
        self.client
            .show_message(MessageType::Warning, format!("slint: {error}; linting with the default settings until it is fixed"))
            .await;
        self.publisher.publish(uri::from_path(&error.path), vec![config_error_diagnostic(error)], None);
    }

    async fn report_option_problems(&self, problems: Vec<String>) {
        for problem in problems {
            self.client.show_message(MessageType::Warning, format!("slint settings: {problem}")).await;
        }
    }
}

fn with_baseline(settings: &Arc<Settings>, baseline: &Option<Arc<Baseline>>) -> Arc<Settings> {
    match baseline {
        Some(baseline) => Arc::new(Settings { baseline: Some(Arc::clone(baseline)), ..Settings::clone(settings) }),
        None => Arc::clone(settings),
    }
}

/// Applies one change event; ranges are in the negotiated encoding, whole-document events
/// replace the text.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change {
        TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => *text = whole.text,
        TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
            let index = LineIndex::new(text);
            let span = Lines::new(text, &index, encoding).span(partial.range);
            text.replace_range(span.range(), &partial.text);
        }
    }
}

/// Sends findings to the client in the order they were decided, without holding up the
/// document task while they are encoded and written.
struct Publisher {
    queue: mpsc::UnboundedSender<(Uri, Vec<lsp::Diagnostic>, Option<i32>)>,
}

impl Publisher {
    fn spawn(client: Client) -> Publisher {
        let (queue, mut pending) = mpsc::unbounded_channel::<(Uri, Vec<lsp::Diagnostic>, Option<i32>)>();
        tokio::spawn(async move {
            while let Some((uri, diagnostics, version)) = pending.recv().await {
                client.publish_diagnostics(uri, diagnostics, version).await;
            }
        });
        Publisher { queue }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        // Fails only once the server is shutting down.
        let _ = self.queue.send((uri, diagnostics, version));
    }
}

struct Worker {
    uri: Uri,
    encoding: Encoding,
    store: mpsc::UnboundedSender<Message>,
    /// What linting one version keeps for the next.
    memo: Arc<Memo>,
}

impl Worker {
    async fn run(self, mut jobs: watch::Receiver<Option<Job>>) {
        // The first job is already in the channel, marked as seen by `watch::channel`; treat it
        // as new.
        jobs.mark_changed();
        while jobs.changed().await.is_ok() {
            let debounce = jobs.borrow().as_ref().map_or(Duration::ZERO, |job| job.debounce);
            if !debounce.is_zero() {
                tokio::time::sleep(debounce).await;
            }
            let Some(job) = jobs.borrow_and_update().clone() else { continue };
            let encoding = self.encoding;
            let uri = self.uri.clone();
            let store = self.store.clone();
            let memo = Arc::clone(&self.memo);
            // On the linter's own threads, which yield the cores to requests.
            let (done, outcome) = oneshot::channel();
            rayon::spawn(move || {
                let outcome = catch_unwind(AssertUnwindSafe(|| lint(&job, &uri, encoding, &store, &memo)));
                retire::later(job);
                let _ = done.send(outcome);
            });
            match outcome.await {
                Ok(Ok(true)) => {}
                // The document task has stopped: the server is shutting down.
                Ok(Ok(false)) => return,
                // The panic message went to stderr through the panic hook; the document keeps
                // its previous findings and the next edit tries again.
                Ok(Err(_)) | Err(_) => {}
            }
        }
    }
}

/// Reads one version (unless a request already has), lints it and hands the findings, converted
/// for the protocol, to the document task. The read version stays for the requests that follow.
/// False when the document task has stopped.
fn lint(job: &Job, uri: &Uri, encoding: Encoding, store: &mpsc::UnboundedSender<Message>, memo: &Memo) -> bool {
    let parameters = &job.settings.parameters;
    let model = job.model.get_or_init(|| Arc::new(Model::reparse(&job.text, job.previous.as_deref(), parameters)));
    let diagnostics = slint_rules::lint_read_remembering(model.parsed(), model.template(), &job.settings, memo);
    let lines = Lines::new(model.text(), model.line_index(), encoding);
    let published = to_lsp_diagnostics(&diagnostics, &lines, uri);
    let message = Message::Linted { uri: uri.clone(), version: job.version, diagnostics: Arc::new(diagnostics), published };
    store.send(message).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::gen_lsp_types::{Position, Range, TextDocumentContentChangePartial};

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        #[allow(deprecated)]
        TextDocumentContentChangeEvent::TextDocumentContentChangePartial(TextDocumentContentChangePartial {
            range: Range { start: Position::new(start.0, start.1), end: Position::new(end.0, end.1) },
            range_length: None,
            text: text.to_owned(),
        })
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let mut text = "a: é😀\nb: 1\n".to_owned();
        apply_change(&mut text, edit((0, 6), (0, 6), "!"), Encoding::Utf16);
        assert_eq!(text, "a: é😀!\nb: 1\n");
        apply_change(&mut text, edit((1, 3), (1, 4), "22"), Encoding::Utf16);
        assert_eq!(text, "a: é😀!\nb: 22\n");
        apply_change(&mut text, edit((0, 0), (2, 0), ""), Encoding::Utf16);
        assert_eq!(text, "");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut text = "a: é\n".to_owned();
        apply_change(&mut text, edit((0, 5), (0, 5), "x"), Encoding::Utf8);
        assert_eq!(text, "a: éx\n");
    }
}
