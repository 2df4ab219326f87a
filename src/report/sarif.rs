//! SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it: one run, the rules that
//! fired with their documentation, and one result per finding.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};
use slint_linter::{Severity, Span};
use slint_rules::{Linted, Rule};

use super::{range, rule, FileReport};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write<W: Write + ?Sized>(reports: &[FileReport], out: &mut W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(reports))?;
    writeln!(out)
}

fn document(reports: &[FileReport]) -> Value {
    // Only the rules that fired are described, in code order, so that the output stays small and
    // each result's `ruleIndex` points into this list.
    let mut rules: Vec<&'static Rule> =
        reports.iter().flat_map(|report| &report.linted.diagnostics).filter_map(|diagnostic| rule(diagnostic.code)).collect();
    rules.sort_by_key(|rule| rule.code);
    rules.dedup_by_key(|rule| rule.code);
    let rules = &rules;

    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            let uri = artifact_uri(&report.path);
            report.linted.diagnostics.iter().map(move |diagnostic| {
                let mut result = json!({
                    "ruleId": diagnostic.code,
                    "level": level(diagnostic.severity),
                    "message": { "text": diagnostic.message },
                    "locations": [location(&uri, &report.linted, diagnostic.span, None)],
                });
                if let Some(index) = rules.iter().position(|rule| rule.code == diagnostic.code) {
                    result["ruleIndex"] = json!(index);
                }
                if !diagnostic.related.is_empty() {
                    result["relatedLocations"] = diagnostic
                        .related
                        .iter()
                        .enumerate()
                        .map(|(id, related)| {
                            let mut location = location(&uri, &report.linted, related.span, Some(&related.message));
                            location["id"] = json!(id);
                            location
                        })
                        .collect();
                }
                result
            })
        })
        .collect();

    let mut driver = json!({
        "name": "slint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>(),
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            // Columns count characters, as everywhere in slint's output.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The project's web address, from the package metadata.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")].into_iter().find(|uri| !uri.is_empty())
}

fn descriptor(rule: &Rule) -> Value {
    let docs = rule.docs.trim();
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": first_section(docs).unwrap_or(rule.summary) },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": [rule.area.title()],
            "cfn-lint": rule.cfn_lint,
        },
    })
}

/// The prose of the docs' first section (*What it does*), as plain text.
fn first_section(docs: &str) -> Option<&str> {
    let body = docs.strip_prefix("## ").and_then(|rest| rest.split_once('\n')).map(|(_, body)| body)?;
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(body[..end].trim()).filter(|text| !text.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(uri: &str, linted: &Linted, span: Span, message: Option<&str>) -> Value {
    let range = range(linted, span);
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": {
                "startLine": range.start.line,
                "startColumn": range.start.column,
                "endLine": range.end.line,
                "endColumn": range.end.column,
            },
        },
    });
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    location
}

/// A URI reference for the file: relative to the current folder with `/` separators when the file
/// is below it (what code scanning resolves against the repository), an absolute `file:` URI
/// otherwise. Characters outside URI syntax are percent-encoded.
fn artifact_uri(display_path: &str) -> String {
    let path = Path::new(display_path);
    if path.is_absolute() {
        let relative = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_owned));
        return match relative {
            Some(relative) => percent_encode(&relative.to_string_lossy().replace('\\', "/")),
            None => format!("file://{}", percent_encode(&display_path.replace('\\', "/"))),
        };
    }
    percent_encode(display_path)
}

fn percent_encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(artifact_uri("templates/app.yaml"), "templates/app.yaml");
        assert_eq!(artifact_uri("my templates/ü.yaml"), "my%20templates/%C3%BC.yaml");
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        let inside = std::env::current_dir().unwrap().join("a/b.yaml");
        assert_eq!(artifact_uri(&inside.to_string_lossy()), "a/b.yaml");
    }

    #[test]
    fn first_section_is_the_prose_under_the_first_heading() {
        assert_eq!(first_section("## What it does\nFinds X.\nAnd Y.\n\n## Why\nBecause."), Some("Finds X.\nAnd Y."));
        assert_eq!(first_section("No headings"), None);
    }
}
