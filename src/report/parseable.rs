//! One line per finding, for editors' error parsers and `grep`:
//! `path:line:column:end_line:end_column:code:severity:message`.

use std::io::{self, Write};

use super::{range, single_line, FileReport};

pub fn write<W: Write + ?Sized>(reports: &[FileReport], out: &mut W) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.linted.diagnostics {
            let span = range(&report.linted, diagnostic.span);
            writeln!(
                out,
                "{}:{}:{}:{}:{}:{}:{}:{}",
                single_line(&report.path),
                span.start.line,
                span.start.column,
                span.end.line,
                span.end.column,
                diagnostic.code,
                diagnostic.severity,
                single_line(&diagnostic.message)
            )?;
        }
    }
    Ok(())
}
