//! The human-readable summary of a sweep: findings per rule and per group of templates, the
//! slowest templates, and every error on a known-good template.

use std::collections::BTreeMap;
use std::fmt::Write;

use slint_linter::Severity;

use crate::sweep::{Outcome, Run, Sweep};

/// Findings of one rule in one group, by severity.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Tally {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

pub fn render(sweep: &Sweep, corpus: &std::path::Path) -> String {
    let mut out = String::new();
    let threads = rayon::current_num_threads();
    let _ = writeln!(
        out,
        "slint corpus sweep: {} templates from {}, linted in {} ms on {threads} threads (this build's profile).\n",
        sweep.runs.len(),
        corpus.display(),
        sweep.wall_time.as_millis(),
    );
    write_failures(&mut out, sweep);
    write_groups(&mut out, sweep);
    write_slowest(&mut out, sweep);
    write_known_good_errors(&mut out, sweep);
    out
}

fn rule_name(code: &str) -> &'static str {
    slint_rules::find_rule(code).map_or("?", |rule| rule.name)
}

fn write_failures(out: &mut String, sweep: &Sweep) {
    for run in &sweep.runs {
        match &run.outcome {
            Outcome::Panicked(message) => _ = writeln!(out, "PANIC {}: {message}", run.entry.local_path),
            Outcome::Unreadable(message) => _ = writeln!(out, "UNREADABLE {message}"),
            Outcome::Linted { .. } => {}
        }
    }
}

fn write_groups(out: &mut String, sweep: &Sweep) {
    let mut groups: BTreeMap<String, Vec<&Run>> = BTreeMap::new();
    for run in &sweep.runs {
        groups.entry(run.entry.group()).or_default().push(run);
    }
    let _ = writeln!(out, "== Findings per group, per rule (errors / warnings / infos) ==");
    for (group, runs) in &groups {
        let with_findings = runs.iter().filter(|r| !r.findings().is_empty()).count();
        let _ = writeln!(out, "\n{group}: {} templates, {with_findings} with findings", runs.len());
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        for finding in runs.iter().flat_map(|r| r.findings()) {
            tallies.entry(finding.code).or_default().add(finding.severity);
        }
        for (code, t) in &tallies {
            let _ = writeln!(out, "  {code:<6} {:<32} {:>5} / {:>5} / {:>5}", rule_name(code), t.errors, t.warnings, t.infos);
        }
    }
    out.push('\n');
}

fn write_slowest(out: &mut String, sweep: &Sweep) {
    let mut timed: Vec<(&Run, std::time::Duration)> = sweep
        .runs
        .iter()
        .filter_map(|run| match run.outcome {
            Outcome::Linted { elapsed, .. } => Some((run, elapsed)),
            _ => None,
        })
        .collect();
    timed.sort_by_key(|&(_, elapsed)| std::cmp::Reverse(elapsed));
    let _ = writeln!(out, "== Slowest templates ==");
    for (run, elapsed) in timed.iter().take(10) {
        let _ = writeln!(out, "  {:>8.2} ms  {}", elapsed.as_secs_f64() * 1000.0, run.entry.local_path);
    }
    out.push('\n');
}

fn write_known_good_errors(out: &mut String, sweep: &Sweep) {
    let _ = writeln!(out, "== Errors on known-good templates (counted against tests/corpus-ceiling.toml) ==");
    for run in sweep.runs.iter().filter(|r| r.entry.is_known_good()) {
        for finding in run.findings().iter().filter(|f| f.severity == Severity::Error) {
            let _ = writeln!(
                out,
                "  {}:{}:{} {} {}",
                run.entry.local_path,
                finding.line,
                finding.column,
                finding.code,
                finding.message
            );
        }
    }
}
