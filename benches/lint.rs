//! Work time of the linter, without process start: how long `lint_bytes` takes on single
//! templates, and on a whole set of templates sequentially and across all cores.
//!
//! ```text
//! cargo bench --bench lint -- --out target/bench/work.json \
//!     --file small examples/orders-api/template.yaml --set corpus target/bench/corpus-files.txt
//! ```
//!
//! `--file NAME PATH` times one template; `--set NAME LIST` times every file named in LIST (one
//! path a line); `--rules NAME PATH` times each rule alone on one template (fastest run), above
//! the cost of reading it and building the template model, to show where the time goes. Medians are printed
//! and, with `--out`, written as JSON for `bench/report.py`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::{json, Value};
use slint_rules::{lint_bytes, Settings};

/// A single template is linted until this much time has passed, and at least `MIN_RUNS` times.
const FILE_BUDGET: Duration = Duration::from_secs(2);
const MIN_RUNS: usize = 5;
const MAX_RUNS: usize = 1_000;
/// Whole sets are slow enough that a fixed number of runs gives a stable median.
const SET_RUNS: usize = 5;

enum Case {
    File { name: String, path: PathBuf },
    Set { name: String, list: PathBuf },
    Rules { name: String, path: PathBuf },
}

struct Args {
    out: Option<PathBuf>,
    cases: Vec<Case>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args { out: None, cases: Vec::new() };
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().ok_or(format!("{arg} needs {what}"));
        match arg.as_str() {
            "--out" => parsed.out = Some(PathBuf::from(value("a path")?)),
            "--file" => parsed.cases.push(Case::File { name: value("a name")?, path: PathBuf::from(value("a path")?) }),
            "--set" => parsed.cases.push(Case::Set { name: value("a name")?, list: PathBuf::from(value("a list file")?) }),
            "--rules" => parsed.cases.push(Case::Rules { name: value("a name")?, path: PathBuf::from(value("a path")?) }),
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if parsed.cases.is_empty() {
        return Err("nothing to measure: give --file NAME PATH, --set NAME LIST or --rules NAME PATH".to_owned());
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let mut results = Vec::new();
    for case in &args.cases {
        let measured = match case {
            Case::File { name, path } => measure_file(name, path),
            Case::Set { name, list } => measure_set(name, list),
            Case::Rules { name, path } => measure_rules(name, path),
        };
        match measured {
            Ok(result) => results.push(result),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(out) = &args.out {
        let text = serde_json::to_string_pretty(&json!({ "threads": rayon::current_num_threads(), "results": results }))
            .expect("a JSON value always serialises");
        if let Err(error) = std::fs::write(out, text) {
            eprintln!("error: cannot write {}: {error}", out.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure_file(name: &str, path: &Path) -> Result<Value, String> {
    let bytes = read(path)?;
    // The first run pays for what is built lazily (resource schemas); it is reported apart.
    let started = Instant::now();
    let findings = lint_bytes(&bytes, &Settings::default()).diagnostics.len();
    let first = started.elapsed();
    let mut samples = Vec::new();
    let budget = Instant::now();
    while samples.len() < MIN_RUNS || (budget.elapsed() < FILE_BUDGET && samples.len() < MAX_RUNS) {
        let started = Instant::now();
        std::hint::black_box(lint_bytes(std::hint::black_box(&bytes), &Settings::default()));
        samples.push(started.elapsed());
    }
    let runs = samples.len();
    let min = *samples.iter().min().expect("at least MIN_RUNS samples");
    let median = median(samples);
    println!(
        "{name:<12} {:>9} bytes {findings:>5} findings   first {:>8.2} ms   median {:>8.2} ms   min {:>8.2} ms   ({runs} runs)",
        bytes.len(),
        millis(first),
        millis(median),
        millis(min)
    );
    Ok(json!({
        "kind": "file", "name": name, "path": path.display().to_string(), "bytes": bytes.len(), "findings": findings,
        "first_ms": millis(first), "median_ms": millis(median), "min_ms": millis(min), "runs": runs,
    }))
}

fn measure_set(name: &str, list: &Path) -> Result<Value, String> {
    let listing = std::fs::read_to_string(list).map_err(|e| format!("cannot read {}: {e}", list.display()))?;
    let files: Vec<Vec<u8>> = listing.lines().filter(|l| !l.trim().is_empty()).map(|l| read(Path::new(l.trim()))).collect::<Result<_, _>>()?;
    if files.is_empty() {
        return Err(format!("{} names no files", list.display()));
    }
    let bytes: usize = files.iter().map(Vec::len).sum();
    let lint_all_sequentially = || files.iter().map(|b| lint_bytes(b, &Settings::default()).diagnostics.len()).sum::<usize>();
    // Warm-up, so both modes see the same lazily built state.
    let findings = lint_all_sequentially();
    let sequential = median(
        (0..SET_RUNS)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(lint_all_sequentially());
                started.elapsed()
            })
            .collect(),
    );
    let parallel = median(
        (0..SET_RUNS)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(files.par_iter().map(|b| lint_bytes(b, &Settings::default()).diagnostics.len()).sum::<usize>());
                started.elapsed()
            })
            .collect(),
    );
    let mut per_file: Vec<Duration> = files
        .iter()
        .map(|b| {
            let started = Instant::now();
            std::hint::black_box(lint_bytes(b, &Settings::default()));
            started.elapsed()
        })
        .collect();
    per_file.sort();
    let percentile = |p: usize| millis(per_file[(per_file.len() - 1) * p / 100]);
    let threads = rayon::current_num_threads();
    println!(
        "{name:<12} per file: p50 {:.2} ms   p90 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
        percentile(50),
        percentile(90),
        percentile(99),
        percentile(100)
    );
    println!(
        "{name:<12} {:>5} files {bytes:>9} bytes {findings:>6} findings   1 thread {:>8.1} ms   {threads} threads {:>8.1} ms",
        files.len(),
        millis(sequential),
        millis(parallel)
    );
    Ok(json!({
        "kind": "set", "name": name, "files": files.len(), "bytes": bytes, "findings": findings,
        "sequential_ms": millis(sequential), "parallel_ms": millis(parallel), "threads": threads, "runs": SET_RUNS,
        "file_p50_ms": percentile(50), "file_p90_ms": percentile(90), "file_p99_ms": percentile(99), "file_max_ms": percentile(100),
    }))
}

/// Fastest time of `lint_bytes` with these settings, over at least `MIN_RUNS` runs or `budget`.
/// The fastest run is the one least disturbed by other work on the machine, which matters when
/// small differences between two measurements are the result.
fn fastest_lint(bytes: &[u8], settings: &Settings, budget: Duration) -> Duration {
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < MIN_RUNS || (started.elapsed() < budget && samples.len() < MAX_RUNS) {
        let run = Instant::now();
        std::hint::black_box(lint_bytes(std::hint::black_box(bytes), settings));
        samples.push(run.elapsed());
    }
    samples.into_iter().min().expect("at least MIN_RUNS samples")
}

/// How many of the costliest rules are printed; the JSON has them all.
const RULES_SHOWN: usize = 10;

fn measure_rules(name: &str, path: &Path) -> Result<Value, String> {
    let bytes = read(path)?;
    let budget = Duration::from_millis(300);
    let every_rule = slint_rules::all_rules();
    let nothing = Settings { ignore: every_rule.iter().map(|r| r.code.to_owned()).collect(), ..Settings::default() };
    // Warm what is built lazily, so that no rule is charged for it.
    lint_bytes(&bytes, &Settings::default());
    let baseline = fastest_lint(&bytes, &nothing, budget);
    let everything = fastest_lint(&bytes, &Settings::default(), budget);
    let mut costs: Vec<(&slint_rules::Rule, f64)> = every_rule
        .iter()
        .map(|&rule| {
            let alone = Settings { select: vec![rule.code.to_owned()], ..Settings::default() };
            (rule, millis(fastest_lint(&bytes, &alone, budget).saturating_sub(baseline)))
        })
        .collect();
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "{name:<12} reading and model {:.2} ms, all rules {:.2} ms; costliest rules alone:",
        millis(baseline),
        millis(everything)
    );
    for (rule, cost) in costs.iter().take(RULES_SHOWN) {
        println!("{:>16} {cost:>8.2} ms  {}", rule.code, rule.name);
    }
    Ok(json!({
        "kind": "rules", "name": name, "path": path.display().to_string(), "bytes": bytes.len(),
        "baseline_ms": millis(baseline), "all_rules_ms": millis(everything),
        "rules": costs.iter().map(|(rule, cost)| json!({ "code": rule.code, "name": rule.name, "ms": cost })).collect::<Vec<_>>(),
    }))
}
