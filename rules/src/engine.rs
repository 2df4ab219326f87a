//! Runs the selected rules over one document and applies severities and suppressions.

use slint_linter::syntax::{self, Parsed, SyntaxErrorKind};
use slint_linter::template::Template;
use rayon::prelude::*;
use slint_linter::Diagnostic;

use crate::context::Context;
use crate::registry::all_rules;
use crate::memo::Memo;
use crate::rule::{Area, Report, Rule};
use crate::settings::Settings;

/// From this size on a template's rules share the cores; below it, handing them out would cost
/// more than it saves.
const SHARED_OUT_FROM: usize = 64 * 1024;

/// Rules handed to a thread at a time: enough that a small template is not slowed by handing
/// out work, few enough that two cores share a large one evenly.
const RULES_PER_TASK: usize = 8;

/// One linted document: its text (for rendering) and its findings in source order.
#[derive(Debug)]
pub struct Linted {
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn lint_bytes(bytes: &[u8], settings: &Settings) -> Linted {
    lint_parsed(syntax::parse(bytes), settings)
}

pub fn lint_str(text: &str, settings: &Settings) -> Linted {
    lint_parsed(syntax::parse_str(text), settings)
}

fn lint_parsed(parsed: Parsed, settings: &Settings) -> Linted {
    let template = parsed.root.as_ref().and_then(|root| Template::new(root, &parsed.text, settings.parameters.clone()));
    let diagnostics = lint_read(&parsed, template.as_ref(), settings);
    drop(template);
    Linted { parsed, diagnostics }
}

/// Lints a document already read, with its template model (built with `settings.parameters`),
/// for callers that keep both, as the language server does for the requests that follow.
pub fn lint_read(parsed: &Parsed, template: Option<&Template>, settings: &Settings) -> Vec<Diagnostic> {
    lint_context(Context::new(parsed, template, settings))
}

/// [`lint_read`] for one version after another of a document: reuses what `memo` kept from an
/// earlier version where this one is the same, and keeps what the next version may reuse.
pub fn lint_read_remembering(parsed: &Parsed, template: Option<&Template>, settings: &Settings, memo: &Memo) -> Vec<Diagnostic> {
    lint_context(Context::new(parsed, template, settings).remembering(memo))
}

fn lint_context(cx: Context) -> Vec<Diagnostic> {
    let (parsed, settings) = (cx.parsed, cx.settings);
    // After a syntax error the tree holds only what came before it: checks of the template's
    // content would report things missing that are merely unread, so only reading rules run.
    let read_whole = !parsed.errors.iter().any(|e| e.kind == SyntaxErrorKind::InvalidSyntax);
    let runnable: Vec<&Rule> = all_rules()
        .iter()
        .copied()
        .filter(|rule| read_whole || rule.code.starts_with("T0"))
        .filter(|rule| is_selected(rule, settings))
        .collect();
    let run = |rule: &&Rule| {
        let mut report = Report::new(rule);
        (rule.check)(&cx, &mut report);
        report.diagnostics
    };
    // Rules are independent readers of one context, so a large template's rules share the
    // cores; the findings come back in rule order whichever thread ran them.
    let mut diagnostics: Vec<Diagnostic> = if parsed.text.len() >= SHARED_OUT_FROM {
        build_shared_models(&cx, &runnable);
        runnable.par_iter().with_min_len(RULES_PER_TASK).flat_map_iter(run).collect()
    } else {
        runnable.iter().flat_map(run).collect()
    };
    for diagnostic in &mut diagnostics {
        if let Some(root) = &parsed.root {
            diagnostic.path = root.path_to(diagnostic.span);
        }
        if let Some(severity) = severity_override(diagnostic.code, settings) {
            diagnostic.severity = severity;
        }
    }
    drop_schema_findings_explained_elsewhere(&mut diagnostics);
    crate::suppression::apply(parsed, &mut diagnostics);
    diagnostics.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    diagnostics
}

/// Builds the models the rules share, side by side, before the rules run side by side. Built
/// from inside a rule, a model keeps every other rule that needs it waiting; and the schema
/// findings, shared out among the cores themselves, could have their thread take up, while it
/// waits for its share, another rule asking for them, and wait for itself.
fn build_shared_models(cx: &Context, rules: &[&Rule]) {
    let wants = |areas: &[Area]| rules.iter().any(|rule| areas.contains(&rule.area));
    rayon::join(
        || wants(&[Area::Schema]).then(|| crate::schema::document::errors(cx)),
        || {
            rayon::join(
                || wants(&[Area::DynamoDb]).then(|| cx.tables()),
                || {
                    if wants(&[Area::Lambda, Area::ApiGateway, Area::DynamoDb, Area::Events]) {
                        cx.functions();
                    }
                    if wants(&[Area::ApiGateway]) {
                        cx.apis();
                    }
                    if wants(&[Area::Lambda, Area::Events]) {
                        cx.event_sources();
                    }
                    if wants(&[Area::Template]) {
                        cx.usage();
                    }
                },
            )
        },
    );
}

/// Whether `pattern` names the rule: its code, its name, or a prefix of its code (`L`, `T2`).
pub fn matches_rule(rule: &Rule, pattern: &str) -> bool {
    rule.name.eq_ignore_ascii_case(pattern)
        || rule.code.len() >= pattern.len() && rule.code[..pattern.len()].eq_ignore_ascii_case(pattern)
}

fn is_selected(rule: &Rule, settings: &Settings) -> bool {
    (settings.select.is_empty() || settings.select.iter().any(|p| matches_rule(rule, p)))
        && !settings.ignore.iter().any(|p| matches_rule(rule, p))
}

fn severity_override(code: &str, settings: &Settings) -> Option<slint_linter::Severity> {
    let rule = crate::find_rule(code)?;
    settings.severity.iter().find(|(pattern, _)| matches_rule(rule, pattern)).map(|(_, s)| *s)
}

/// One mistake, one finding: where a service rule (Lambda, API Gateway, DynamoDB, …) reports a
/// value, it says more than the generic schema rule on the same span, which is dropped.
fn drop_schema_findings_explained_elsewhere(diagnostics: &mut Vec<Diagnostic>) {
    let is_schema = |d: &Diagnostic| d.code.starts_with('S');
    let explained: std::collections::HashSet<slint_linter::Span> =
        diagnostics.iter().filter(|d| !is_schema(d) && !d.code.starts_with('T')).map(|d| d.span).collect();
    if !explained.is_empty() {
        diagnostics.retain(|d| !is_schema(d) || !explained.contains(&d.span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_a_service_rule_explains_gets_no_second_schema_finding() {
        let text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/x\n      Code: {ZipFile: x}\n      Architectures: [x86_64, arm64]\n";
        let codes = |select: &[&str]| -> Vec<&'static str> {
            let settings = Settings { select: select.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
            lint_str(text, &settings).diagnostics.iter().map(|d| d.code).collect()
        };
        assert_eq!(codes(&["S008"]), ["S008"], "the schema rule finds the mistake on its own");
        assert_eq!(codes(&["S008", "L015"]), ["L015"], "and stays quiet when the Lambda rule explains it");
    }
}
