//! Rule fixtures: `tests/fixtures/<CODE>/*.{yaml,json}` are linted with only that rule selected
//! and the rendered findings are snapshotted next to them.
//!
//! Files named `bad*` must produce at least one finding of the rule and files named `good*`
//! none, so a rule that stops firing (or starts firing on good input) fails even if someone
//! accepts the snapshot.
//!
//! Files next to a fixture adjust how it is linted:
//! * `<name>.parameters`: `Key=Value` lines, parameter values as given at deployment;
//! * `<name>.as-of`: the day (`YYYY-MM-DD`) date-dependent rules judge by, so that the snapshot
//!   of a runtime deprecation does not change as time passes — every fixture of such a rule
//!   needs one;
//! * `<name>.slint.toml`: rule options (`[rules.L018]`), read the way `slint.toml` is.

use std::fmt::Write;
use std::path::Path;

use slint_linter::Diagnostic;
use slint_rules::{lint_bytes, Settings};

#[test]
fn fixtures() {
    insta::glob!("fixtures/*/*.*", |path| {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(extension, "yaml" | "yml" | "json" | "template") {
            return;
        }
        let code = path.parent().and_then(Path::file_name).and_then(|n| n.to_str()).unwrap().to_owned();
        let bytes = std::fs::read(path).unwrap();
        let mut settings = Settings { select: vec![code.clone()], ..Settings::default() };
        if let Ok(parameters) = std::fs::read_to_string(path.with_extension("parameters")) {
            for line in parameters.lines().filter(|l| !l.trim().is_empty()) {
                let (key, value) = line.split_once('=').expect("parameters file lines are Key=Value");
                settings.parameters.insert(key.trim().to_owned(), value.trim().to_owned());
            }
        }
        // `<name>.baseline` holds the previous version of the template, for change-aware rules.
        if let Ok(previous) = std::fs::read(path.with_extension("baseline")) {
            settings.baseline = Some(std::sync::Arc::new(slint_rules::Baseline::from_bytes("baseline", &previous)));
        }
        if let Ok(day) = std::fs::read_to_string(path.with_extension("as-of")) {
            settings.as_of = Some(day.trim().parse().expect("an .as-of file holds one YYYY-MM-DD day"));
        }
        let options_path = path.with_extension("slint.toml");
        if let Ok(text) = std::fs::read_to_string(&options_path) {
            let config = slint_rules::config::Config::parse(&text, &options_path).unwrap_or_else(|e| panic!("{e}"));
            settings.rule_options = config.rules;
        }
        let linted = lint_bytes(&bytes, &settings);
        let file_name = path.file_name().unwrap().to_str().unwrap();
        let own: Vec<&Diagnostic> = linted.diagnostics.iter().filter(|d| d.code == code).collect();
        if file_name.starts_with("bad") {
            assert!(!own.is_empty(), "{code}/{file_name} should trigger {code} but does not");
        }
        if file_name.starts_with("good") {
            assert!(own.is_empty(), "{code}/{file_name} should not trigger {code}:\n{}", render(&linted.parsed.text, &linted));
        }
        check_fixes(&code, file_name, &linted, &settings);
        insta::assert_snapshot!(render(&linted.parsed.text, &linted));
    });
}

#[test]
fn every_rule_has_fixtures_that_trigger_and_stay_silent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in slint_rules::all_rules() {
        let folder = root.join(rule.code);
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|_| panic!("{} ({}) has no fixture folder {}", rule.code, rule.name, folder.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().any(|n| n.starts_with("bad")), "{} has no bad* fixture", rule.code);
        assert!(names.iter().any(|n| n.starts_with("good")), "{} has no good* fixture", rule.code);
    }
}

/// Every fix a finding offers, applied on its own, must remove that finding and leave a file that
/// still reads without a syntax error.
fn check_fixes(code: &str, file_name: &str, linted: &slint_rules::Linted, settings: &Settings) {
    let own = |l: &slint_rules::Linted| l.diagnostics.iter().filter(|d| d.code == code).count();
    for diagnostic in linted.diagnostics.iter().filter(|d| d.code == code) {
        let Some(fix) = &diagnostic.fix else { continue };
        let mut text = linted.parsed.text.clone();
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for edit in edits {
            text.replace_range(edit.span.range(), &edit.replacement);
        }
        let fixed = slint_rules::lint_str(&text, settings);
        assert!(
            fixed.parsed.errors.is_empty(),
            "{code}/{file_name}: the fix `{}` leaves a file that does not read:\n{text}",
            fix.title
        );
        assert!(own(&fixed) < own(linted), "{code}/{file_name}: the fix `{}` does not remove its finding:\n{text}", fix.title);
    }
}

/// `line:column code severity: message`, the source line with carets, and related locations.
fn render(text: &str, linted: &slint_rules::Linted) -> String {
    let index = &linted.parsed.line_index;
    let mut out = String::new();
    for diagnostic in &linted.diagnostics {
        let start = index.line_column(diagnostic.span.start as usize, text);
        let _ = writeln!(out, "{}:{} {} {}: {}", start.line, start.column, diagnostic.code, diagnostic.severity, diagnostic.message);
        let line = index.line_range(start.line as usize - 1, text);
        let source_line = &text[line.clone()];
        let end = (diagnostic.span.end as usize).min(line.end).max(diagnostic.span.start as usize);
        let width = text[diagnostic.span.start as usize..end].chars().count().max(1);
        let _ = writeln!(out, "  | {source_line}");
        let _ = writeln!(out, "  | {}{}", " ".repeat(start.column as usize - 1), "^".repeat(width));
        for related in &diagnostic.related {
            let at = index.line_column(related.span.start as usize, text);
            let _ = writeln!(out, "  = {}:{}: {}", at.line, at.column, related.message);
        }
        if let Some(fix) = &diagnostic.fix {
            let _ = writeln!(out, "  fix: {}", fix.title);
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}
