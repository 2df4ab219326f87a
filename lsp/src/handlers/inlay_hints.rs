//! Inlay hints: the value a `!Ref` (or `${Name}`) to a parameter takes — the value configured
//! in `slint.toml`, else the parameter's `Default` — shown after the reference.

use slint_linter::syntax::Node;
use slint_linter::template::ReferenceKind;
use tower_lsp_server::gen_lsp_types::{InlayHint, InlayHintKind, Label, Range, Tooltip};

use crate::documents::Snapshot;
use crate::names::reference_symbol;

/// Longer values are cut so that a hint never pushes the line off screen.
const MAX_LABEL: usize = 40;

pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Option<Vec<InlayHint>> {
    if snapshot.options.inlay_hints == Some(false) {
        return None;
    }
    let model = snapshot.model();
    let template = model.template()?;
    let text = model.text();
    let lines = snapshot.lines();
    let window = lines.span(range);
    let mut hints = Vec::new();
    for reference in template.references() {
        let is_value_read = match reference.kind {
            ReferenceKind::Ref => true,
            ReferenceKind::SubVariable => reference.attribute.is_none(),
            _ => false,
        };
        if !is_value_read || reference.span.end < window.start || reference.span.start > window.end {
            continue;
        }
        let (symbol, span, _) = reference_symbol(template, text, reference);
        let Some(parameter) = template.parameter(&symbol.name) else { continue };
        let (value, source) = match template.parameter_overrides.get(parameter.name) {
            Some(value) => (value.clone(), "the value set in slint.toml"),
            None => match parameter.node.get("Default") {
                Some(default) => (default_text(default, text), "the parameter's Default"),
                None => continue,
            },
        };
        let label = if value.chars().count() > MAX_LABEL {
            format!("= {}…", value.chars().take(MAX_LABEL).collect::<String>())
        } else {
            format!("= {value}")
        };
        hints.push(InlayHint {
            position: lines.position(span.end as usize),
            label: Label::String(label),
            kind: Some(InlayHintKind::Parameter),
            text_edits: None,
            tooltip: Some(Tooltip::String(format!("`{}` is `{value}`: {source}", parameter.name))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Some(hints)
}

fn default_text(node: &Node, text: &str) -> String {
    match node.as_scalar_string() {
        Some(value) => value.into_owned(),
        None => node.raw(text).split_whitespace().collect::<Vec<_>>().join(" "),
    }
}
