//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

use std::io::{self, Write};

use slint_linter::Severity;

use super::{range, rule_name, FileReport};

pub fn write<W: Write + ?Sized>(reports: &[FileReport], out: &mut W) -> io::Result<()> {
    for report in reports {
        let file = escape_property(&report.path);
        for diagnostic in &report.linted.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let span = range(&report.linted, diagnostic.span);
            let title = escape_property(format!("{} {}", diagnostic.code, rule_name(diagnostic.code)).trim_end());
            writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={title}::{}",
                span.start.line,
                span.start.column,
                span.end.line,
                span.end.column,
                escape_data(&diagnostic.message)
            )?;
        }
    }
    Ok(())
}

/// The message part of a command: `%` and line breaks would end or corrupt it.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: additionally `:` and `,`, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("C:\\a,b%"), "C%3A\\a%2Cb%25");
    }
}
