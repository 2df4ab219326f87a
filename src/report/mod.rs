//! Rendering the findings of a run, one module per output format.

mod github;
mod json;
mod junit;
mod parseable;
mod sarif;
mod text;

use std::io;

use clap::ValueEnum;
use codespan_reporting::term::termcolor::WriteColor;
use slint_linter::{LineColumn, Severity, Span};
use slint_rules::{find_rule, Linted, Rule};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding with the template excerpt it points at, then a summary.
    Text,
    /// One JSON document (version 1) for scripts.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, one test suite per template, for CI test reports.
    Junit,
    /// GitHub Actions workflow commands, shown as annotations on the pull request.
    Github,
    /// One line per finding: path:line:column:end_line:end_column:code:severity:message.
    Parseable,
}

/// One linted template and the name to show it under.
pub struct FileReport {
    pub path: String,
    pub linted: Linted,
}

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary { files: reports.len(), ..Summary::default() };
        for diagnostic in reports.iter().flat_map(|report| &report.linted.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Writes the whole report. Only the text format uses colour, and only when `out` supports it.
pub fn write(format: Format, reports: &[FileReport], out: &mut dyn WriteColor) -> io::Result<()> {
    let summary = Summary::of(reports);
    match format {
        Format::Text => text::write(reports, &summary, out)?,
        Format::Json => json::write(reports, &summary, out)?,
        Format::Sarif => sarif::write(reports, out)?,
        Format::Junit => junit::write(reports, &summary, out)?,
        Format::Github => github::write(reports, out)?,
        Format::Parseable => parseable::write(reports, out)?,
    }
    out.flush()
}

/// Start and end of a span for people: 1-based lines, 1-based columns in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: LineColumn,
    pub end: LineColumn,
}

pub fn range(linted: &Linted, span: Span) -> Range {
    let text = &linted.parsed.text;
    let index = &linted.parsed.line_index;
    Range { start: index.line_column(span.start as usize, text), end: index.line_column(span.end as usize, text) }
}

/// The rule behind a diagnostic code; `None` only for a code no rule has, which renders with
/// what the diagnostic itself says.
pub fn rule(code: &str) -> Option<&'static Rule> {
    find_rule(code)
}

pub fn rule_name(code: &str) -> &'static str {
    rule(code).map_or("", |rule| rule.name)
}

/// `n thing` or `n things`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The text with every line break replaced by a space, for formats that are one line per finding.
pub fn single_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(0, "info"), "0 infos");
        assert_eq!(plural(1, "warning"), "1 warning");
        assert_eq!(plural(2, "file"), "2 files");
    }

    #[test]
    fn single_lines() {
        assert_eq!(single_line("a\r\nb\nc\rd"), "a b c d");
    }
}
