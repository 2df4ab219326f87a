//! Outputs exported under a literal name and the `Fn::ImportValue`s that read them, across the
//! open templates: outputs have no other users.

use slint_linter::syntax::{Node, Value};
use slint_linter::template::Template;
use slint_linter::Span;
use tower_lsp_server::gen_lsp_types::Location;

use crate::documents::Snapshot;
use crate::names::name_span;

/// The literal name an output is exported under.
pub fn export_name(output: &Node) -> Option<(&str, Span)> {
    let name = output.get("Export")?.get("Name")?;
    Some((name.as_str()?, name.span))
}

/// Every `Fn::ImportValue` of a literal name, with the name's node.
pub fn imports(root: &Node) -> Vec<(&str, &Node)> {
    let mut out = Vec::new();
    root.walk(&mut |node| {
        if let Some(("Fn::ImportValue", argument)) = node.intrinsic() {
            if let Value::String(name) = &argument.value {
                out.push((name.as_str(), argument));
            }
        }
    });
    out
}

/// The name of the `Fn::ImportValue` at `offset`.
pub fn import_at(root: &Node, offset: usize) -> Option<String> {
    imports(root)
        .into_iter()
        .find(|(_, node)| node.span.start as usize <= offset && offset <= node.span.end as usize)
        .map(|(name, _)| name.to_owned())
}

/// The outputs of open templates exported as `name`, at their logical id.
pub fn exporters<'s>(open: &'s [Snapshot], name: &'s str) -> impl Iterator<Item = Location> + 's {
    open.iter().filter(|s| s.is_template).flat_map(move |snapshot| {
        let model = snapshot.model();
        let lines = snapshot.lines();
        let found: Vec<Location> = model
            .template()
            .map(|template: &Template| {
                template
                    .outputs
                    .iter()
                    .filter(|output| export_name(output.node).is_some_and(|(n, _)| n == name))
                    .map(|output| Location {
                        uri: snapshot.uri.clone(),
                        range: lines.range(name_span(model.text(), output.name_span, output.name).0),
                    })
                    .collect()
            })
            .unwrap_or_default();
        found
    })
}

/// The `Fn::ImportValue`s of open templates that read `name`.
pub fn importers<'s>(open: &'s [Snapshot], name: &'s str) -> impl Iterator<Item = Location> + 's {
    open.iter().filter(|s| s.is_template).flat_map(move |snapshot| {
        let model = snapshot.model();
        let lines = snapshot.lines();
        let found: Vec<Location> = model
            .root()
            .map(|root| {
                imports(root)
                    .into_iter()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, node)| Location { uri: snapshot.uri.clone(), range: lines.range(node.span) })
                    .collect()
            })
            .unwrap_or_default();
        found
    })
}
