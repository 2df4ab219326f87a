//! Semantic tokens: intrinsic functions, and every name by what it names — parameters,
//! resources, pseudo parameters, conditions, mappings, outputs — marked where it is declared.
//! Editors colour YAML and JSON by syntax only; these make `!Ref Stage` and `${Table.Arn}` read
//! as references.

use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Span;
use tower_lsp_server::gen_lsp_types::{Range, SemanticToken, SemanticTokens, SemanticTokensLegend};

use crate::documents::Snapshot;
use crate::names::{name_span, reference_symbol, Declared};
use crate::place::is_function_key;

pub const TYPES: &[&str] = &["function", "parameter", "variable", "type", "enumMember", "namespace", "property"];
pub const MODIFIERS: &[&str] = &["declaration", "defaultLibrary"];

const FUNCTION: u32 = 0;
const PARAMETER: u32 = 1;
const VARIABLE: u32 = 2;
const TYPE: u32 = 3;
const CONDITION: u32 = 4;
const MAPPING: u32 = 5;
const OUTPUT: u32 = 6;
const DECLARATION: u32 = 1;
const DEFAULT_LIBRARY: u32 = 2;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.iter().map(|t| (*t).to_owned()).collect(),
        token_modifiers: MODIFIERS.iter().map(|m| (*m).to_owned()).collect(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Token {
    span: Span,
    kind: u32,
    modifiers: u32,
}

pub fn tokens(snapshot: &Snapshot, range: Option<Range>) -> Option<SemanticTokens> {
    let model = snapshot.model();
    let template = model.template()?;
    let text = model.text();
    let lines = snapshot.lines();
    let window = range.map(|r| lines.span(r));
    let mut found = collect(template, model.root()?, text);
    found.sort_by_key(|t| (t.span.start, t.span.end));
    let mut data = Vec::with_capacity(found.len());
    let (mut previous_line, mut previous_start, mut previous_end) = (0u32, 0u32, 0usize);
    for token in found {
        if token.span.is_empty() || (token.span.start as usize) < previous_end {
            continue;
        }
        if window.is_some_and(|w| token.span.end < w.start || token.span.start > w.end) {
            continue;
        }
        let Some(written) = text.get(token.span.range()) else { continue };
        if written.contains('\n') {
            continue;
        }
        let start = lines.position(token.span.start as usize);
        let length = snapshot.encoding.len(written);
        let delta_line = start.line - previous_line;
        let delta_start = if delta_line == 0 { start.character - previous_start } else { start.character };
        data.push(SemanticToken { delta_line, delta_start, length, token_type: token.kind, token_modifiers_bitset: token.modifiers });
        previous_line = start.line;
        previous_start = start.character;
        previous_end = token.span.end as usize;
    }
    Some(SemanticTokens { result_id: None, data })
}

fn collect(template: &Template, root: &Node, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut push = |span: Span, kind: u32, modifiers: u32| out.push(Token { span, kind, modifiers });
    root.walk(&mut |node| {
        if let Some(map) = node.as_map() {
            if let [entry] = map.entries.as_slice() {
                if is_function_key(&entry.key) || entry.key == "Condition" && node.short_form.is_some() {
                    // `!Sub` as written, or `Fn::Sub` without the quotes of a JSON key.
                    push(name_span(text, entry.key_span, &entry.key).0, FUNCTION, 0);
                }
            }
        }
    });
    for reference in template.references() {
        let (symbol, span, verbatim) = reference_symbol(template, text, reference);
        if !verbatim {
            continue;
        }
        let (kind, modifiers) = match symbol.declared(template) {
            Some(Declared::Parameter(_)) => (PARAMETER, 0),
            Some(Declared::Resource(_) | Declared::Generated { .. }) => (VARIABLE, 0),
            Some(Declared::Pseudo(_)) => (VARIABLE, DEFAULT_LIBRARY),
            Some(Declared::Condition(_)) => (CONDITION, 0),
            Some(Declared::Mapping(_)) => (MAPPING, 0),
            Some(Declared::Output(_)) | None => continue,
        };
        push(span, kind, modifiers);
    }
    for parameter in &template.parameters {
        push(name_span(text, parameter.name_span, parameter.name).0, PARAMETER, DECLARATION);
    }
    for condition in &template.conditions {
        push(name_span(text, condition.name_span, condition.name).0, CONDITION, DECLARATION);
    }
    for mapping in &template.mappings {
        push(name_span(text, mapping.name_span, mapping.name).0, MAPPING, DECLARATION);
    }
    for output in &template.outputs {
        push(name_span(text, output.name_span, output.name).0, OUTPUT, DECLARATION);
    }
    for resource in &template.resources {
        push(name_span(text, resource.name_span, resource.name).0, VARIABLE, DECLARATION);
        if let (Some(type_node), Some(type_name)) = (resource.node.get("Type"), resource.type_name) {
            push(name_span(text, type_node.span, type_name).0, TYPE, 0);
        }
    }
    out
}
