//! slint's findings as protocol diagnostics: the rule code and name, related locations, and
//! whether a fix is on offer (the code action handler looks the fix up again by position).

use slint_linter::{Diagnostic, Severity};
use slint_rules::config::ConfigError;
use slint_rules::find_rule;
use tower_lsp_server::gen_lsp_types::{
    self as lsp, Code, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, Message, Position, Range,
};

use crate::position::Lines;
use crate::rule_pages;

pub const SOURCE: &str = "slint";

pub fn to_lsp_diagnostics(diagnostics: &[Diagnostic], lines: &Lines, uri: &lsp::Uri) -> Vec<lsp::Diagnostic> {
    diagnostics.iter().map(|d| to_lsp_diagnostic(d, lines, uri)).collect()
}

pub fn to_lsp_diagnostic(diagnostic: &Diagnostic, lines: &Lines, uri: &lsp::Uri) -> lsp::Diagnostic {
    let rule = find_rule(diagnostic.code);
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: lines.range(related.span) },
            message: related.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(Code::String(diagnostic.code.to_owned())),
        code_description: rule_pages::link(diagnostic.code).map(CodeDescription::new),
        // The rule's name beside the code: the client shows `slint(unknown-ref-target)(T201)`,
        // the code links to the rule's page, and hover explains the rule.
        source: Some(match rule {
            Some(rule) => format!("{SOURCE}({})", rule.name),
            None => SOURCE.to_owned(),
        }),
        message: Message::String(diagnostic.message.clone()),
        tags: is_unused_declaration(diagnostic.code).then(|| vec![DiagnosticTag::Unnecessary]),
        related_information: (!related.is_empty()).then_some(related),
        data: diagnostic.fix.as_ref().map(|fix| serde_json::json!({ "fix": fix.title })),
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Information,
    }
}

/// `T3xx` rules report declarations nothing uses; editors fade those out.
fn is_unused_declaration(code: &str) -> bool {
    code.starts_with("T3")
}

/// A `slint.toml` that cannot be used, shown at its line in the file itself.
pub fn config_error_diagnostic(error: &ConfigError) -> lsp::Diagnostic {
    let line = error.line.map_or(0, |line| line.saturating_sub(1) as u32);
    lsp::Diagnostic {
        range: Range { start: Position::new(line, 0), end: Position::new(line + 1, 0) },
        severity: Some(DiagnosticSeverity::Error),
        code: None,
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message: Message::String(error.message.clone()),
        tags: None,
        related_information: None,
        data: None,
    }
}
