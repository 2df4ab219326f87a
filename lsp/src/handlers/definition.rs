//! Go to definition: from any use of a name to the entry that declares it; from a resource SAM
//! generates to the resource it comes from; from `Fn::ImportValue` to the output of an open
//! template that exports that name.

use tower_lsp_server::gen_lsp_types::{Definition, DefinitionResponse, Location, Position};

use crate::documents::Snapshot;
use crate::handlers::exports;
use crate::names::{symbol_at, Declared, Namespace, Symbol};

pub fn definition(snapshot: &Snapshot, position: Position, open: &[Snapshot]) -> Option<DefinitionResponse> {
    let model = snapshot.model();
    let template = model.template()?;
    let lines = snapshot.lines();
    let offset = lines.offset(position);
    let text = model.text();
    if let Some((symbol, _)) = symbol_at(template, text, offset) {
        let span = match symbol.declared(template)? {
            Declared::Generated { source, .. } => Symbol::new(Namespace::Logical, source).declaration(template, text)?,
            _ => symbol.declaration(template, text)?,
        };
        return Some(DefinitionResponse::Definition(Definition::Location(Location { uri: snapshot.uri.clone(), range: lines.range(span) })));
    }
    let import = exports::import_at(model.root()?, offset)?;
    let locations: Vec<Location> = exports::exporters(open, &import).collect();
    match locations.len() {
        0 => None,
        1 => locations.into_iter().next().map(|l| DefinitionResponse::Definition(Definition::Location(l))),
        _ => Some(DefinitionResponse::Definition(Definition::LocationList(locations))),
    }
}
