//! Where function output and the runtime's own lines (START, END, REPORT) go. Nothing a function
//! prints ever reaches a response.

use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Receives log lines, each labelled with the function that wrote it.
pub trait LogSink: Send + Sync {
    fn line(&self, function: &str, text: &str);
}

/// Writes lines to standard error; with `label`, each line starts with `[Function]`, which helps
/// when several functions share one terminal (`slint serve`).
pub struct Stderr {
    pub label: bool,
    lock: Mutex<()>,
}

impl Stderr {
    pub fn new(label: bool) -> Self {
        Stderr { label, lock: Mutex::new(()) }
    }
}

impl LogSink for Stderr {
    fn line(&self, function: &str, text: &str) {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        let _ = if self.label { writeln!(err, "[{function}] {text}") } else { writeln!(err, "{text}") };
    }
}

/// Keeps lines in memory; for tests and for callers that show logs their own way.
#[derive(Default)]
pub struct Memory {
    lines: Mutex<Vec<(String, String)>>,
}

impl Memory {
    pub fn lines(&self) -> Vec<(String, String)> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Every line as one text, for assertions.
    pub fn text(&self) -> String {
        self.lines().into_iter().map(|(_, line)| line + "\n").collect()
    }
}

impl LogSink for Memory {
    fn line(&self, function: &str, text: &str) {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).push((function.to_owned(), text.to_owned()));
    }
}

/// Lambda's summary line for one invocation.
pub fn report_line(
    request_id: &str,
    duration: Duration,
    memory_mb: u32,
    max_memory_mb: Option<u64>,
    init: Option<Duration>,
    status: Option<&str>,
) -> String {
    let millis = duration.as_secs_f64() * 1000.0;
    let mut line = format!(
        "REPORT RequestId: {request_id}\tDuration: {millis:.2} ms\tBilled Duration: {} ms\tMemory Size: {memory_mb} MB\tMax Memory Used: {} MB",
        millis.ceil().max(1.0) as u64,
        max_memory_mb.map_or_else(|| "?".to_owned(), |m| m.to_string()),
    );
    if let Some(init) = init {
        line.push_str(&format!("\tInit Duration: {:.2} ms", init.as_secs_f64() * 1000.0));
    }
    if let Some(status) = status {
        line.push_str(&format!("\tStatus: {status}"));
    }
    line
}
