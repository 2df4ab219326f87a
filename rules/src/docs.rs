//! The rule reference, `docs/rules.md`, generated from the rules themselves.

use std::fmt::Write;

use crate::registry::all_rules;
use crate::rule::{Area, Rule};

pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule sources by `UPDATE_DOCS=1 cargo test -p slint-rules --test docs`; do not edit by hand.\n\n\
         | code | name | severity | cfn-lint | summary |\n| --- | --- | --- | --- | --- |\n",
    );
    for rule in all_rules() {
        let _ = writeln!(
            out,
            "| [{code}](#{anchor}) | {name} | {severity} | {cfn} | {summary} |",
            code = rule.code,
            anchor = anchor(rule.code, rule.name),
            name = rule.name,
            severity = rule.severity,
            cfn = rule.cfn_lint.join(", "),
            summary = rule.summary,
        );
    }
    let mut area: Option<Area> = None;
    for rule in all_rules() {
        if area != Some(rule.area) {
            area = Some(rule.area);
            let _ = write!(out, "\n## {}\n", rule.area.title());
        }
        let _ = write!(out, "\n### {} {}\n\n", rule.code, rule.name);
        let _ = writeln!(out, "Default severity: {}. ", rule.severity);
        if !rule.cfn_lint.is_empty() {
            let _ = writeln!(out, "cfn-lint: {}.", rule.cfn_lint.join(", "));
        }
        // Rule docs use `##` sections; nest them below the rule's own heading.
        for line in rule.docs.trim().lines() {
            if line.starts_with("## ") {
                let _ = writeln!(out, "\n##{line}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// One rule's page, as `slint explain` prints it and the language server's diagnostics link to.
pub fn rule_page(rule: &Rule) -> String {
    let mut out = format!("# {} {}\n\n{}\n\n", rule.code, rule.name, rule.summary);
    let _ = writeln!(out, "- Area: {}", rule.area.title());
    let _ = writeln!(out, "- Default severity: {}", rule.severity);
    if !rule.cfn_lint.is_empty() {
        let _ = writeln!(out, "- cfn-lint: {}", rule.cfn_lint.join(", "));
    }
    let docs = rule.docs.trim();
    if !docs.is_empty() {
        let _ = write!(out, "\n{docs}\n");
    }
    out
}

fn anchor(code: &str, name: &str) -> String {
    format!("{}-{}", code.to_ascii_lowercase(), name)
}
