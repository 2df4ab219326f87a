//! The JSON format, version 1. Its shape is a promise to scripts: fields are only ever added in a
//! new version.

use std::io::{self, Write};

use serde::Serialize;
use slint_linter::syntax::PathSegment;
use slint_linter::LineColumn;

use super::{range, rule, FileReport, Summary};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: Counts,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    range: Range,
    path: Vec<Segment<'a>>,
    cfn_lint: &'a [&'a str],
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

impl From<LineColumn> for Position {
    fn from(position: LineColumn) -> Self {
        Position { line: position.line, column: position.column }
    }
}

/// Keys as strings, indexes as numbers.
#[derive(Serialize)]
#[serde(untagged)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Serialize)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub fn write<W: Write + ?Sized>(reports: &[FileReport], summary: &Summary, out: &mut W) -> io::Result<()> {
    let document = Document {
        version: 1,
        files: reports.iter().map(file).collect(),
        summary: Counts { files: summary.files, errors: summary.errors, warnings: summary.warnings, infos: summary.infos },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn file(report: &FileReport) -> File<'_> {
    let diagnostics = report
        .linted
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let rule = rule(diagnostic.code);
            let span = range(&report.linted, diagnostic.span);
            Finding {
                code: diagnostic.code,
                name: rule.map_or("", |rule| rule.name),
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                range: Range { start: span.start.into(), end: span.end.into() },
                path: diagnostic
                    .path
                    .iter()
                    .map(|segment| match segment {
                        PathSegment::Key(key) => Segment::Key(key),
                        PathSegment::Index(index) => Segment::Index(*index),
                    })
                    .collect(),
                cfn_lint: rule.map_or(&[], |rule| rule.cfn_lint),
            }
        })
        .collect();
    File { path: &report.path, diagnostics }
}
