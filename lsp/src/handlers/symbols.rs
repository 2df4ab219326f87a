//! The outline: sections, their entries, resources with their type (and a SAM function's
//! events), and the same names searched across every open template.

use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Span;
use tower_lsp_server::gen_lsp_types::{
    BaseSymbolInformation, DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, WorkspaceSymbol,
    WorkspaceSymbolLocation, WorkspaceSymbolResponse,
};

use crate::documents::Snapshot;
use crate::names::name_span;
use crate::position::Lines;

/// Workspace symbol searches answer at most this many names.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

/// One name of the outline, before conversion to the protocol's two shapes.
struct Outline {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    /// The whole entry.
    span: Span,
    /// The name only.
    name_span: Span,
    children: Vec<Outline>,
}

pub fn document_symbols(snapshot: &Snapshot, hierarchical: bool) -> Option<DocumentSymbolResponse> {
    let model = snapshot.model();
    let template = model.template()?;
    let outline = outline(template, model.text());
    let lines = snapshot.lines();
    if hierarchical {
        return Some(DocumentSymbolResponse::DocumentSymbolList(outline.iter().map(|o| to_document_symbol(o, &lines)).collect()));
    }
    let mut flat = Vec::new();
    for section in &outline {
        flatten(section, None, snapshot, &lines, &mut flat);
    }
    Some(DocumentSymbolResponse::SymbolInformationList(flat))
}

pub fn workspace_symbols(snapshots: &[Snapshot], query: &str) -> Option<WorkspaceSymbolResponse> {
    let mut found = Vec::new();
    for snapshot in snapshots {
        let model = snapshot.model();
        let Some(template) = model.template() else { continue };
        let lines = snapshot.lines();
        for section in outline(template, model.text()) {
            for entry in &section.children {
                if matches_query(&entry.name, query) {
                    found.push(WorkspaceSymbol {
                        location: WorkspaceSymbolLocation::Location(Location {
                            uri: snapshot.uri.clone(),
                            range: lines.range(entry.name_span),
                        }),
                        data: None,
                        base_symbol_information: BaseSymbolInformation {
                            name: entry.name.clone(),
                            kind: entry.kind,
                            tags: None,
                            container_name: Some(match &entry.detail {
                                Some(detail) => format!("{} ({detail})", section.name),
                                None => section.name.clone(),
                            }),
                        },
                    });
                    if found.len() == MAX_WORKSPACE_SYMBOLS {
                        return Some(WorkspaceSymbolResponse::WorkspaceSymbolList(found));
                    }
                }
            }
        }
    }
    Some(WorkspaceSymbolResponse::WorkspaceSymbolList(found))
}

/// Every character of the query, in order, case-insensitively: `ordfn` finds `OrdersFunction`.
fn matches_query(name: &str, query: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    query.chars().flat_map(char::to_lowercase).all(|q| name.any(|n| n == q))
}

fn outline(template: &Template, text: &str) -> Vec<Outline> {
    let mut sections = Vec::new();
    for entry in &template.root.entries {
        let children = match entry.key.as_str() {
            "Parameters" => named(&template.parameters, text, SymbolKind::Variable, |node| scalar(node, "Type")),
            "Mappings" => named(&template.mappings, text, SymbolKind::Namespace, |_| None),
            "Conditions" => named(&template.conditions, text, SymbolKind::Boolean, |_| None),
            "Outputs" => named(&template.outputs, text, SymbolKind::Property, |node| scalar(node, "Description")),
            "Resources" => template
                .resources
                .iter()
                .map(|resource| Outline {
                    name: resource.name.to_owned(),
                    detail: resource.type_name.map(str::to_owned),
                    kind: resource_kind(resource.type_name.unwrap_or_default()),
                    span: resource.name_span.cover(resource.node.span),
                    name_span: name_span(text, resource.name_span, resource.name).0,
                    children: events(resource.node),
                })
                .collect(),
            _ => Vec::new(),
        };
        sections.push(Outline {
            name: entry.key.to_string(),
            detail: (!children.is_empty()).then(|| format!("{}", children.len())),
            kind: SymbolKind::Module,
            span: entry.key_span.cover(entry.value.span),
            name_span: entry.key_span,
            children,
        });
    }
    sections
}

fn named(entries: &[slint_linter::template::Named], text: &str, kind: SymbolKind, detail: impl Fn(&Node) -> Option<String>) -> Vec<Outline> {
    entries
        .iter()
        .map(|named| Outline {
            name: named.name.to_owned(),
            detail: detail(named.node),
            kind,
            span: named.name_span.cover(named.node.span),
            name_span: name_span(text, named.name_span, named.name).0,
            children: Vec::new(),
        })
        .collect()
}

fn scalar(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(Node::as_scalar_string).map(|s| s.into_owned())
}

/// A SAM function's or state machine's events, with their type.
fn events(resource: &Node) -> Vec<Outline> {
    let Some(events) = resource.get("Properties").and_then(|p| p.get("Events")).and_then(Node::as_map) else {
        return Vec::new();
    };
    events
        .entries
        .iter()
        .map(|event| Outline {
            name: event.key.to_string(),
            detail: scalar(&event.value, "Type"),
            kind: SymbolKind::Event,
            span: event.key_span.cover(event.value.span),
            name_span: event.key_span,
            children: Vec::new(),
        })
        .collect()
}

/// The closest symbol kind, so outlines show functions, tables and APIs apart.
fn resource_kind(type_name: &str) -> SymbolKind {
    let service = type_name.split("::").nth(1).unwrap_or_default();
    match type_name {
        "AWS::Serverless::Function" | "AWS::Lambda::Function" => SymbolKind::Function,
        "AWS::Serverless::StateMachine" | "AWS::StepFunctions::StateMachine" => SymbolKind::Function,
        "AWS::Serverless::SimpleTable" | "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" => SymbolKind::Struct,
        "AWS::Serverless::Api" | "AWS::Serverless::HttpApi" | "AWS::ApiGateway::RestApi" | "AWS::ApiGatewayV2::Api" => {
            SymbolKind::Interface
        }
        _ if service == "IAM" => SymbolKind::Key,
        _ if matches!(service, "SQS" | "SNS" | "Events" | "Kinesis") => SymbolKind::Event,
        _ => SymbolKind::Object,
    }
}

fn to_document_symbol(outline: &Outline, lines: &Lines) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: outline.name.clone(),
        detail: outline.detail.clone(),
        kind: outline.kind,
        tags: None,
        deprecated: None,
        range: lines.range(outline.span),
        selection_range: lines.range(outline.name_span),
        children: (!outline.children.is_empty()).then(|| outline.children.iter().map(|c| to_document_symbol(c, lines)).collect()),
    }
}

fn flatten(outline: &Outline, container: Option<&str>, snapshot: &Snapshot, lines: &Lines, out: &mut Vec<SymbolInformation>) {
    #[allow(deprecated)]
    out.push(SymbolInformation {
        deprecated: None,
        location: Location { uri: snapshot.uri.clone(), range: lines.range(outline.span) },
        base_symbol_information: BaseSymbolInformation {
            name: outline.name.clone(),
            kind: outline.kind,
            tags: None,
            container_name: container.map(str::to_owned),
        },
    });
    for child in &outline.children {
        flatten(child, Some(&outline.name), snapshot, lines, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_match_in_order_ignoring_case() {
        assert!(matches_query("OrdersFunction", "ordfn"));
        assert!(matches_query("OrdersFunction", ""));
        assert!(!matches_query("OrdersFunction", "fnord"));
    }
}
