//! Lints every corpus template once, in parallel, keeping what each run found or how it failed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use slint_linter::Severity;
use slint_rules::{lint_bytes, Linted, Settings};

use crate::manifest::Entry;

/// One diagnostic, reduced to what the checks and the report need.
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Finding {
    /// The reader could not make a usable tree of the file (codes `T001`–`T004`).
    pub fn is_parse_failure(&self) -> bool {
        matches!(self.code, "T001" | "T002" | "T003" | "T004")
    }
}

#[derive(Debug)]
pub enum Outcome {
    Linted { findings: Vec<Finding>, elapsed: Duration },
    /// The linter panicked; the payload's message.
    Panicked(String),
    /// The file listed in the manifest could not be read.
    Unreadable(String),
}

/// What linting one template gave.
#[derive(Debug)]
pub struct Run {
    pub entry: Entry,
    pub outcome: Outcome,
}

impl Run {
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Linted { findings, .. } => findings,
            Outcome::Panicked(_) | Outcome::Unreadable(_) => &[],
        }
    }
}

pub struct Sweep {
    /// In manifest order.
    pub runs: Vec<Run>,
    pub wall_time: Duration,
}

/// The day runtime deprecation is judged by, so that the ceiling does not move as Lambda runtimes
/// reach their block dates; move it forward together with the ceiling.
const AS_OF: &str = "2026-11-25";

pub fn run(dir: &Path, entries: &[Entry]) -> Sweep {
    let settings = Settings { as_of: Some(AS_OF.parse().expect("AS_OF is a YYYY-MM-DD date")), ..Settings::default() };
    let started = Instant::now();
    let runs = entries.par_iter().map(|entry| lint_one(dir, entry, &settings)).collect();
    Sweep { runs, wall_time: started.elapsed() }
}

fn lint_one(dir: &Path, entry: &Entry, settings: &Settings) -> Run {
    let path = dir.join(&entry.local_path);
    let outcome = match std::fs::read(&path) {
        Err(error) => Outcome::Unreadable(format!("{}: {error}", path.display())),
        Ok(bytes) => {
            let started = Instant::now();
            // One template that panics must not hide what the others do.
            match catch_unwind(AssertUnwindSafe(|| lint_bytes(&bytes, settings))) {
                Ok(linted) => Outcome::Linted { findings: findings_of(&linted), elapsed: started.elapsed() },
                Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
            }
        }
    };
    Run { entry: entry.clone(), outcome }
}

fn findings_of(linted: &Linted) -> Vec<Finding> {
    let parsed = &linted.parsed;
    linted
        .diagnostics
        .iter()
        .map(|d| {
            let at = parsed.line_index.line_column(d.span.start as usize, &parsed.text);
            Finding { code: d.code, severity: d.severity, line: at.line, column: at.column, message: d.message.clone() }
        })
        .collect()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}
