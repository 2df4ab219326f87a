//! The corpus sweep: lints every template of the shared corpus (`../shared/corpus`, or
//! `$SLINT_CORPUS`) with default settings and holds slint to three promises:
//!
//! - no template makes it panic;
//! - only the files known to be broken fail to parse, apart from the syntax findings listed with
//!   their reason in `tests/corpus-syntax-exceptions.toml`;
//! - error findings on known-good templates never grow beyond `tests/corpus-ceiling.toml`, where
//!   each remaining one is explained.
//!
//! A summary for people is written to `target/corpus-report.txt`.

// A test crate's root resolves modules beside it; these live in their own folder.
#[path = "corpus/ceiling.rs"]
mod ceiling;
#[path = "corpus/manifest.rs"]
mod manifest;
#[path = "corpus/report.rs"]
mod report;
#[path = "corpus/sweep.rs"]
mod sweep;
#[path = "corpus/syntax_exceptions.rs"]
mod syntax_exceptions;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use slint_linter::Severity;

use sweep::{Outcome, Sweep};

/// How many findings a failure message lists per rule before pointing at the report.
const SHOWN_PER_RULE: usize = 40;

struct Swept {
    corpus: PathBuf,
    sweep: Sweep,
}

/// The sweep runs once per test binary and every check reads it; `None` when skipped on purpose.
fn swept() -> Option<&'static Swept> {
    static SWEPT: OnceLock<Result<Option<Swept>, String>> = OnceLock::new();
    match SWEPT.get_or_init(run_sweep) {
        Ok(swept) => swept.as_ref(),
        Err(error) => panic!("{error}"),
    }
}

fn run_sweep() -> Result<Option<Swept>, String> {
    let Some(corpus) = manifest::locate()? else { return Ok(None) };
    let entries = manifest::read(&corpus)?;
    let sweep = sweep::run(&corpus, &entries);
    let report_path = report_path();
    match std::fs::write(&report_path, report::render(&sweep, &corpus)) {
        Ok(()) => eprintln!("corpus report: {}", report_path.display()),
        Err(error) => eprintln!("could not write the corpus report to {}: {error}", report_path.display()),
    }
    Ok(Some(Swept { corpus, sweep }))
}

fn report_path() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`; the report sits beside the build outputs.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("corpus-report.txt")
}

fn ceiling_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus-ceiling.toml")
}

#[test]
fn no_template_makes_the_linter_panic() {
    let Some(swept) = swept() else { return };
    let failures: Vec<String> = swept
        .sweep
        .runs
        .iter()
        .filter_map(|run| match &run.outcome {
            Outcome::Panicked(message) => Some(format!("  {}: panicked: {message}", run.entry.local_path)),
            Outcome::Unreadable(message) => Some(format!("  unreadable: {message}")),
            Outcome::Linted { .. } => None,
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus templates could not be linted (corpus: {}):\n{}",
        failures.len(),
        swept.sweep.runs.len(),
        swept.corpus.display(),
        failures.join("\n")
    );
}

#[test]
fn only_known_broken_templates_fail_to_parse() {
    let Some(swept) = swept() else { return };
    let exceptions = read_syntax_exceptions();
    let mut unexpected = Vec::new();
    let mut reported = BTreeSet::new();
    let mut accepted_broken = Vec::new();
    for run in &swept.sweep.runs {
        let Outcome::Linted { findings, .. } = &run.outcome else { continue };
        let failures: Vec<_> = findings.iter().filter(|f| f.is_parse_failure()).collect();
        if run.entry.is_known_broken() {
            if failures.is_empty() {
                accepted_broken.push(format!("  {}", run.entry.local_path));
            }
            continue;
        }
        for f in failures {
            reported.insert((run.entry.local_path.clone(), f.code.to_owned()));
            if !syntax_exceptions::allows(&exceptions, &run.entry.local_path, f.code) {
                unexpected.push(format!("  {}:{}:{} {} {}", run.entry.local_path, f.line, f.column, f.code, f.message));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "{} syntax findings on templates that are neither marked parse-error in MANIFEST.tsv nor listed \
         in tests/corpus-syntax-exceptions.toml:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    let stale: Vec<String> =
        syntax_exceptions::stale(&exceptions, &reported).iter().map(|(path, code)| format!("  {path}: {code}")).collect();
    assert!(
        stale.is_empty(),
        "tests/corpus-syntax-exceptions.toml expects syntax findings that slint no longer reports; \
         remove them so the files are checked again:\n{}",
        stale.join("\n")
    );
    assert!(
        accepted_broken.is_empty(),
        "templates marked parse-error in MANIFEST.tsv were read without a syntax finding; \
         the reader has become too lenient, or the manifest is out of date:\n{}",
        accepted_broken.join("\n")
    );
}

fn read_syntax_exceptions() -> syntax_exceptions::Exceptions {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus-syntax-exceptions.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    syntax_exceptions::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Error findings per rule code on known-good templates.
fn known_good_error_counts(sweep: &Sweep) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for run in sweep.runs.iter().filter(|r| r.entry.is_known_good()) {
        for finding in run.findings().iter().filter(|f| f.severity == Severity::Error) {
            *counts.entry(finding.code.to_owned()).or_insert(0) += 1;
        }
    }
    counts
}

fn read_ceiling() -> ceiling::Ceiling {
    let path = ceiling_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    ceiling::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn updating_ceiling() -> bool {
    std::env::var(ceiling::UPDATE_ENV).is_ok_and(|v| v == "1")
}

#[test]
fn known_good_errors_stay_within_the_ceiling() {
    let Some(swept) = swept() else { return };
    let counts = known_good_error_counts(&swept.sweep);
    if updating_ceiling() {
        let path = ceiling_path();
        let old = if path.exists() { read_ceiling() } else { ceiling::Ceiling::new() };
        let new = ceiling::updated(&old, &counts);
        std::fs::write(&path, ceiling::render(&new)).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("rewrote {} from the current counts", path.display());
        let unexplained = ceiling::unexplained(&new);
        if !unexplained.is_empty() {
            eprintln!("explain {} in the ceiling file: the sweep fails until then", unexplained.join(", "));
        }
        return;
    }
    let (above, below) = ceiling::compare(&read_ceiling(), &counts);
    for change in &below {
        eprintln!(
            "note: {} now has {} error(s) on known-good templates, below its ceiling of {}; \
             lower it with {}=1",
            change.code,
            change.count,
            change.ceiling,
            ceiling::UPDATE_ENV
        );
    }
    if above.is_empty() {
        return;
    }
    let mut message = String::from("error findings on known-good corpus templates rose above tests/corpus-ceiling.toml:\n");
    for change in &above {
        message.push_str(&format!("\n{} ({}): {} findings, ceiling {}\n", change.code, rule_name(&change.code), change.count, change.ceiling));
        message.push_str(&findings_listing(&swept.sweep, &change.code));
    }
    message.push_str(&format!(
        "\nFix the false positives, or, if the findings are right, run with {}=1 and explain them in the ceiling file.",
        ceiling::UPDATE_ENV
    ));
    panic!("{message}");
}

fn rule_name(code: &str) -> &'static str {
    slint_rules::find_rule(code).map_or("unknown rule", |rule| rule.name)
}

/// The known-good error findings of one rule, one per line, the list cut after a while.
fn findings_listing(sweep: &Sweep, code: &str) -> String {
    let lines: Vec<String> = sweep
        .runs
        .iter()
        .filter(|r| r.entry.is_known_good())
        .flat_map(|run| {
            run.findings()
                .iter()
                .filter(|f| f.code == code && f.severity == Severity::Error)
                .map(move |f| format!("  {}:{}:{} {}\n", run.entry.local_path, f.line, f.column, f.message))
        })
        .collect();
    let mut listing: String = lines.iter().take(SHOWN_PER_RULE).map(String::as_str).collect();
    if lines.len() > SHOWN_PER_RULE {
        listing.push_str(&format!("  … and {} more in {}\n", lines.len() - SHOWN_PER_RULE, report_path().display()));
    }
    listing
}

#[test]
fn every_accepted_finding_is_explained() {
    if swept().is_none() || updating_ceiling() {
        return;
    }
    let ceiling = read_ceiling();
    let unexplained = ceiling::unexplained(&ceiling);
    assert!(
        unexplained.is_empty(),
        "tests/corpus-ceiling.toml accepts findings of {} without a reason; write why they are acceptable",
        unexplained.join(", ")
    );
}
