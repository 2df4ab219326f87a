//! Code actions: the fixes rules attach to their findings, "fix all" for the file, and
//! suppressing a finding for its resource (`Metadata: slint: ignore:`) or for its line
//! (`# slint-ignore CODE`), written in the template's own style.

use std::collections::HashMap;

use slint_linter::syntax::{Format, Node, PathSegment, Value};
use slint_linter::{Diagnostic, Edit, Span};
use tower_lsp_server::gen_lsp_types::{
    self as lsp, CodeAction, CodeActionContext, CodeActionKind, CodeActionResponse, Range, TextEdit, WorkspaceEdit,
};

use crate::documents::Snapshot;
use crate::handlers::diagnostics::to_lsp_diagnostic;
use crate::locate::locate;
use crate::model::Model;
use crate::position::Lines;

pub fn code_actions(snapshot: &Snapshot, range: Range, context: &CodeActionContext) -> Option<Vec<CodeActionResponse>> {
    let model = snapshot.model();
    let lines = snapshot.lines();
    // Actions are about findings of this very version; if its lint run has not finished yet,
    // lint it here rather than offer edits computed on other text.
    let diagnostics = match &snapshot.diagnostics {
        Some(diagnostics) => diagnostics.as_ref().clone(),
        None => slint_rules::lint_str(model.text(), &snapshot.settings).diagnostics,
    };
    let wanted = |kind: &CodeActionKind| match &context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            let o: String = o.clone().into();
            let k: String = kind.clone().into();
            k == o || k.starts_with(&format!("{o}."))
        }),
    };
    let span = lines.span(range);
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QuickFix) {
        for diagnostic in diagnostics.iter().filter(|d| d.span.start <= span.end && span.start <= d.span.end) {
            let lsp_diagnostic = to_lsp_diagnostic(diagnostic, &lines, &snapshot.uri);
            if let Some(fix) = &diagnostic.fix {
                actions.push(action(snapshot, &lines, fix.title.clone(), &fix.edits, &lsp_diagnostic, true));
            }
            if let Some(edit) = suppress_for_resource(model, diagnostic) {
                let title = format!("Ignore {} for this resource", diagnostic.code);
                actions.push(action(snapshot, &lines, title, &[edit], &lsp_diagnostic, false));
            }
            if let Some(edit) = suppress_for_line(model, diagnostic) {
                let title = format!("Ignore {} on this line", diagnostic.code);
                actions.push(action(snapshot, &lines, title, &[edit], &lsp_diagnostic, false));
            }
        }
    }
    if wanted(&CodeActionKind::SourceFixAll) {
        if let Some(all) = fix_all(snapshot, &lines, &diagnostics) {
            actions.push(all);
        }
    }
    Some(actions.into_iter().map(CodeActionResponse::CodeAction).collect())
}

fn workspace_edit(snapshot: &Snapshot, lines: &Lines, edits: &[Edit]) -> WorkspaceEdit {
    let edits = edits.iter().map(|e| TextEdit { range: lines.range(e.span), new_text: e.replacement.clone() }).collect();
    WorkspaceEdit { changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

fn action(snapshot: &Snapshot, lines: &Lines, title: String, edits: &[Edit], diagnostic: &lsp::Diagnostic, preferred: bool) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QuickFix),
        diagnostics: Some(vec![diagnostic.clone()]),
        is_preferred: preferred.then_some(true),
        edit: Some(workspace_edit(snapshot, lines, edits)),
        ..CodeAction::default()
    }
}

/// Every fix of the file whose edits do not overlap an earlier one's.
fn fix_all(snapshot: &Snapshot, lines: &Lines, diagnostics: &[Diagnostic]) -> Option<CodeAction> {
    let mut taken: Vec<Span> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        let overlaps = fix.edits.iter().any(|e| taken.iter().any(|t| e.span.start < t.end && t.start < e.span.end || e.span == *t));
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().cloned());
    }
    if edits.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: "Apply every slint fix in this file".to_owned(),
        kind: Some(CodeActionKind::SourceFixAll),
        edit: Some(workspace_edit(snapshot, lines, &edits)),
        ..CodeAction::default()
    })
}

/// The column of the first character of the line holding `offset`.
fn indentation_at(text: &str, offset: usize) -> usize {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len()
}

fn column_of(text: &str, offset: usize) -> usize {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..offset].chars().count()
}

fn is_flow(node: &Node, text: &str) -> bool {
    node.raw(text).starts_with(['{', '['])
}

/// Adds the code to the resource's `Metadata: slint: ignore:` list, creating what is missing.
fn suppress_for_resource(model: &Model, diagnostic: &Diagnostic) -> Option<Edit> {
    let [PathSegment::Key(section), PathSegment::Key(name), ..] = diagnostic.path.as_slice() else { return None };
    if section != "Resources" {
        return None;
    }
    let text = model.text();
    let resource = model.root()?.get("Resources")?.as_map()?.entry(name)?;
    let code = diagnostic.code;
    match model.parsed().format {
        Format::Yaml => yaml_resource_ignore(text, &resource.value, code),
        Format::Json => json_resource_ignore(text, &resource.value, code),
    }
}

fn yaml_resource_ignore(text: &str, resource: &Node, code: &str) -> Option<Edit> {
    let map = resource.as_map().filter(|_| !is_flow(resource, text))?;
    let indent = " ".repeat(column_of(text, map.entries.first()?.key_span.start as usize));
    let Some(metadata) = map.get("Metadata") else {
        let insertion = format!("\n{indent}Metadata:\n{indent}  slint:\n{indent}    ignore:\n{indent}      - {code}");
        return Some(Edit { span: Span::empty(resource.span.end as usize), replacement: insertion });
    };
    let metadata_map = metadata.as_map().filter(|m| !m.is_empty() && !is_flow(metadata, text))?;
    let child = " ".repeat(column_of(text, metadata_map.entries[0].key_span.start as usize));
    let Some(slint) = metadata_map.get("slint") else {
        let insertion = format!("\n{child}slint:\n{child}  ignore:\n{child}    - {code}");
        return Some(Edit { span: Span::empty(metadata.span.end as usize), replacement: insertion });
    };
    let Some(ignore) = slint.get("ignore") else {
        let slint_map = slint.as_map().filter(|m| !m.is_empty() && !is_flow(slint, text))?;
        let grandchild = " ".repeat(column_of(text, slint_map.entries[0].key_span.start as usize));
        return Some(Edit { span: Span::empty(slint.span.end as usize), replacement: format!("\n{grandchild}ignore:\n{grandchild}  - {code}") });
    };
    append_to_list(text, ignore, code, false)
}

fn json_resource_ignore(text: &str, resource: &Node, code: &str) -> Option<Edit> {
    let map = resource.as_map()?;
    let Some(metadata) = map.get("Metadata") else {
        let first = map.entries.first()?;
        let indent = " ".repeat(column_of(text, first.key_span.start as usize));
        let same_line = indentation_at(text, first.key_span.start as usize) != column_of(text, first.key_span.start as usize);
        let separator = if same_line { " ".to_owned() } else { format!("\n{indent}") };
        let insertion = format!("\"Metadata\": {{\"slint\": {{\"ignore\": [\"{code}\"]}}}},{separator}");
        return Some(Edit { span: Span::empty(first.key_span.start as usize), replacement: insertion });
    };
    let metadata_map = metadata.as_map()?;
    let Some(slint) = metadata_map.get("slint") else {
        return Some(insert_first_entry(metadata, metadata_map.entries.first().map(|e| e.key_span), &format!("\"slint\": {{\"ignore\": [\"{code}\"]}}")));
    };
    let slint_map = slint.as_map()?;
    let Some(ignore) = slint_map.get("ignore") else {
        return Some(insert_first_entry(slint, slint_map.entries.first().map(|e| e.key_span), &format!("\"ignore\": [\"{code}\"]")));
    };
    append_to_list(text, ignore, code, true)
}

/// A JSON entry written before the first one of an object, or inside an empty one.
fn insert_first_entry(object: &Node, first_key: Option<Span>, entry: &str) -> Edit {
    match first_key {
        Some(key) => Edit { span: Span::empty(key.start as usize), replacement: format!("{entry}, ") },
        None => Edit { span: Span::empty(object.span.start as usize + 1), replacement: entry.to_owned() },
    }
}

/// The code added to an `ignore` value: a flow list, a block list, or a single string.
fn append_to_list(text: &str, ignore: &Node, code: &str, json: bool) -> Option<Edit> {
    let quoted = if json { format!("\"{code}\"") } else { code.to_owned() };
    match &ignore.value {
        Value::Seq(items) if is_flow(ignore, text) => {
            let close = ignore.span.end as usize - 1;
            let separator = if items.is_empty() { "" } else { ", " };
            Some(Edit { span: Span::empty(close), replacement: format!("{separator}{quoted}") })
        }
        Value::Seq(items) => {
            let last = items.last()?;
            let dash = indentation_at(text, last.span.start as usize);
            Some(Edit { span: Span::empty(last.span.end as usize), replacement: format!("\n{}- {quoted}", " ".repeat(dash)) })
        }
        Value::String(_) => {
            Some(Edit { span: ignore.span, replacement: format!("[{}, {quoted}]", ignore.raw(text)) })
        }
        _ => None,
    }
}

/// A `# slint-ignore CODE` comment alone on the line above the finding (YAML only), or the code
/// added to one that is already there. Not offered where a comment line would become part of a
/// multi-line string.
fn suppress_for_line(model: &Model, diagnostic: &Diagnostic) -> Option<Edit> {
    if model.parsed().format != Format::Yaml {
        return None;
    }
    let text = model.text();
    let index = model.line_index();
    let start = diagnostic.span.start as usize;
    let line = index.line_of(start);
    let line_start = index.line_start(line, text);
    if let Some(root) = model.root() {
        let located = locate(root, start);
        let inside_multiline_scalar = located.node().is_some_and(|node| {
            !matches!(node.value, Value::Map(_) | Value::Seq(_)) && index.line_of(node.span.start as usize) < line
        });
        if inside_multiline_scalar {
            return None;
        }
    }
    if line > 0 {
        let above = index.line_range(line - 1, text);
        let previous = &text[above.clone()];
        if let Some(at) = previous.find("# slint-ignore") {
            if previous[..at].trim().is_empty() {
                let codes = previous[at + "# slint-ignore".len()..].split(" --").next().unwrap_or_default();
                let end = above.start + at + "# slint-ignore".len() + codes.trim_end().len();
                let separator = if codes.trim().is_empty() { " " } else { ", " };
                return Some(Edit { span: Span::empty(end), replacement: format!("{separator}{}", diagnostic.code) });
            }
        }
    }
    let indent = &text[line_start..line_start + indentation_at(text, line_start)];
    let indent: String = indent.chars().filter(|c| *c == ' ' || *c == '\t').collect();
    Some(Edit { span: Span::empty(line_start), replacement: format!("{indent}# slint-ignore {}\n", diagnostic.code) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_owned();
        out.replace_range(edit.span.range(), &edit.replacement);
        out
    }

    fn diagnostic(model: &Model, code: &'static str, needle: &str) -> Diagnostic {
        let at = model.text().find(needle).unwrap();
        let mut d = Diagnostic::new(code, slint_linter::Severity::Error, Span::new(at, at + needle.len()), "m");
        d.path = model.root().unwrap().path_to(d.span);
        d
    }

    fn reparsed_ignores(text: &str, resource: &str) -> Vec<String> {
        let model = Model::parse(text, &Default::default());
        let ignore = model.root().unwrap().get("Resources").unwrap().get(resource).unwrap().get("Metadata").unwrap().get("slint").unwrap().get("ignore").unwrap().clone();
        match ignore.value {
            Value::Seq(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => panic!("not a list: {ignore:?}"),
        }
    }

    #[test]
    fn yaml_resource_suppression_creates_or_extends_the_list() {
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !Ref Nope\n  R:\n    Type: AWS::SNS::Topic\n    Metadata:\n      slint:\n        ignore: [T301]\n    Properties:\n      X: !Ref Nope\n";
        let model = Model::parse(text, &Default::default());
        let created = apply(text, &suppress_for_resource(&model, &diagnostic(&model, "T201", "Nope")).unwrap());
        assert_eq!(reparsed_ignores(&created, "Q"), ["T201"], "{created}");
        let model = Model::parse(text, &Default::default());
        let d = Diagnostic { path: vec![PathSegment::Key("Resources".into()), PathSegment::Key("R".into())], ..diagnostic(&model, "T201", "X: !Ref") };
        let extended = apply(text, &suppress_for_resource(&model, &d).unwrap());
        assert_eq!(reparsed_ignores(&extended, "R"), ["T301", "T201"], "{extended}");
    }

    #[test]
    fn json_resource_suppression_stays_valid_json() {
        let text = "{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\"DelaySeconds\": {\"Ref\": \"Nope\"}}\n    }\n  }\n}\n";
        let model = Model::parse(text, &Default::default());
        let edited = apply(text, &suppress_for_resource(&model, &diagnostic(&model, "T201", "\"Nope\"")).unwrap());
        let value: serde_json::Value = serde_json::from_str(&edited).unwrap();
        assert_eq!(value["Resources"]["Q"]["Metadata"]["slint"]["ignore"][0], "T201", "{edited}");
    }

    #[test]
    fn line_suppression_adds_a_comment_above_or_extends_it() {
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !Ref Nope\n";
        let model = Model::parse(text, &Default::default());
        let edited = apply(text, &suppress_for_line(&model, &diagnostic(&model, "T201", "Nope")).unwrap());
        assert!(edited.contains("    Properties:\n      # slint-ignore T201\n      DelaySeconds"), "{edited}");
        let model = Model::parse(&edited, &Default::default());
        let again = apply(&edited, &suppress_for_line(&model, &diagnostic(&model, "T202", "Nope")).unwrap());
        assert!(again.contains("# slint-ignore T201, T202\n"), "{again}");
    }

    #[test]
    fn no_line_suppression_inside_block_scalars() {
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Name: !Sub |\n        first\n        ${Nope}\n";
        let model = Model::parse(text, &Default::default());
        assert_eq!(suppress_for_line(&model, &diagnostic(&model, "T203", "Nope")), None);
    }
}
