//! Find references and document highlights: every place a parameter, resource, condition or
//! mapping is named — `Ref`, `Fn::GetAtt`, `${}` in `Fn::Sub`, `DependsOn`, `Condition`,
//! `Fn::If`, `Fn::FindInMap`, SAM connectors — and, for an exported output, the open templates
//! that import it.

use tower_lsp_server::gen_lsp_types::{DocumentHighlight, DocumentHighlightKind, Location, Position};

use crate::documents::Snapshot;
use crate::handlers::exports;
use crate::names::{occurrences, symbol_at, Declared, Namespace};

pub fn references(snapshot: &Snapshot, position: Position, include_declaration: bool, open: &[Snapshot]) -> Option<Vec<Location>> {
    let model = snapshot.model();
    let template = model.template()?;
    let lines = snapshot.lines();
    let text = model.text();
    let (symbol, _) = symbol_at(template, text, lines.offset(position))?;
    let mut locations: Vec<Location> = occurrences(template, text, &symbol, false)
        .into_iter()
        .filter(|o| include_declaration || !o.is_declaration)
        .map(|o| Location { uri: snapshot.uri.clone(), range: lines.range(o.span) })
        .collect();
    if symbol.namespace == Namespace::Output {
        if let Some(Declared::Output(output)) = symbol.declared(template) {
            if let Some((name, _)) = exports::export_name(output.node) {
                locations.extend(exports::importers(open, name));
            }
        }
    }
    Some(locations)
}

pub fn highlights(snapshot: &Snapshot, position: Position) -> Option<Vec<DocumentHighlight>> {
    let model = snapshot.model();
    let template = model.template()?;
    let lines = snapshot.lines();
    let text = model.text();
    let (symbol, _) = symbol_at(template, text, lines.offset(position))?;
    let highlights = occurrences(template, text, &symbol, false)
        .into_iter()
        .map(|o| DocumentHighlight {
            range: lines.range(o.span),
            kind: Some(if o.is_declaration { DocumentHighlightKind::Write } else { DocumentHighlightKind::Read }),
        })
        .collect();
    Some(highlights)
}
