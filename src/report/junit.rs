//! JUnit XML for CI test reports: one test suite per template, one test case per finding (a
//! failure for errors and warnings), and one passing case for a clean template.

use std::io::{self, Write};

use slint_linter::Severity;

use super::{range, rule_name, FileReport, Summary};

pub fn write<W: Write + ?Sized>(reports: &[FileReport], summary: &Summary, out: &mut W) -> io::Result<()> {
    let failures = summary.errors + summary.warnings;
    let tests: usize = reports.iter().map(|report| report.linted.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="slint" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for report in reports {
        let path = escape(&report.path);
        let diagnostics = &report.linted.diagnostics;
        let failed = diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{failed}" errors="0" skipped="0">"#,
            diagnostics.len().max(1)
        )?;
        if diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="no problems" classname="{path}" file="{path}"/>"#)?;
        }
        for diagnostic in diagnostics {
            let at = range(&report.linted, diagnostic.span).start;
            let title = escape(&format!("{} {} at {}:{}", diagnostic.code, rule_name(diagnostic.code), at.line, at.column));
            let message = escape(&diagnostic.message);
            writeln!(out, r#"    <testcase name="{title}" classname="{path}" file="{path}" line="{}">"#, at.line)?;
            if diagnostic.severity >= Severity::Warning {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{message}">{path}:{}:{}: {} {message}</failure>"#,
                    diagnostic.severity, at.line, at.column, diagnostic.code
                )?;
            } else {
                writeln!(out, "      <system-out>{path}:{}:{}: {} {message}</system-out>", at.line, at.column, diagnostic.code)?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text safe in XML content and attribute values. Characters XML 1.0 cannot carry at all (most
/// control characters) become U+FFFD; line breaks in attributes are kept as character references.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
        assert_eq!(escape("a\nb\u{1}c"), "a&#10;b\u{fffd}c");
    }
}
