//! The terminal format: each finding with the template excerpt it points at, related places as
//! secondary labels, then a one-line summary.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};
use slint_linter::{Diagnostic, Severity, Span};

use super::{plural, rule_name, FileReport, Summary};

pub fn write(reports: &[FileReport], summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
    let config = term::Config::default();
    for report in reports {
        let text = &report.linted.parsed.text;
        let file = SimpleFile::new(report.path.as_str(), text.as_str());
        for diagnostic in &report.linted.diagnostics {
            term::emit_to_write_style(out, &config, &file, &rendered(diagnostic, text)).map_err(into_io)?;
        }
    }
    writeln!(out, "{}", summary_line(summary))
}

fn rendered(diagnostic: &Diagnostic, text: &str) -> Rendered<()> {
    let severity = match diagnostic.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    let name = rule_name(diagnostic.code);
    let code = if name.is_empty() { diagnostic.code.to_owned() } else { format!("{} {name}", diagnostic.code) };
    let mut labels = vec![Label::primary((), byte_range(diagnostic.span, text))];
    labels.extend(diagnostic.related.iter().map(|related| Label::secondary((), byte_range(related.span, text)).with_message(&related.message)));
    let notes = diagnostic.fix.iter().map(|fix| format!("fix: {}", fix.title)).collect();
    Rendered::new(severity).with_code(code).with_message(&diagnostic.message).with_labels(labels).with_notes(notes)
}

/// The span as a range the renderer accepts: inside the text and on character boundaries, so
/// that a rule's slightly-off span still renders instead of failing the whole report.
fn byte_range(span: Span, text: &str) -> Range<usize> {
    let clamp = |offset: usize| {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = clamp(span.start as usize);
    start..clamp(span.end as usize).max(start)
}

fn into_io(error: codespan_reporting::files::Error) -> io::Error {
    match error {
        codespan_reporting::files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

/// `Found 3 errors, 1 warning and 0 infos in 2 files`, or `No problems found in 2 files`.
pub fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    if summary.problems() == 0 {
        format!("No problems found in {files}")
    } else {
        format!(
            "Found {}, {} and {} in {files}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        assert_eq!(summary_line(&Summary { files: 2, errors: 3, warnings: 1, infos: 0 }), "Found 3 errors, 1 warning and 0 infos in 2 files");
        assert_eq!(summary_line(&Summary { files: 1, ..Summary::default() }), "No problems found in 1 file");
    }

    #[test]
    fn spans_are_clamped_to_the_text() {
        assert_eq!(byte_range(Span::new(10, 20), "abc"), 3..3);
        assert_eq!(byte_range(Span::new(1, 2), "é"), 0..2);
        assert_eq!(byte_range(Span::new(0, 2), "é"), 0..2);
    }
}
