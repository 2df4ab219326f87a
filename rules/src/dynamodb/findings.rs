//! What every DynamoDB rule does with its findings: point at parameters a value came from, and
//! say each thing once although a table is checked once per variant.

use std::collections::HashSet;

use slint_linter::model::tables::{Scalar, Table};
use slint_linter::Diagnostic;

use crate::{Context, Report};

/// The tables of the document, none when it has no template model.
pub(super) fn tables<'c, 't>(cx: &'c Context<'t>) -> &'c [Table<'t>] {
    cx.tables()
}

/// Adds a related location at the parameter value `scalar` was taken from, if any.
pub(super) fn note_parameter(diagnostic: &mut Diagnostic, scalar: &Scalar) {
    if let Some(source) = &scalar.parameter {
        if let Some(span) = source.value_span {
            diagnostic.add_related(span, format!("the value comes from parameter `{}`", source.name));
        }
    }
}

/// Drops findings that repeat an earlier one (same place, same message): a table with several
/// variants usually shows the same mistake in each.
pub(super) fn dedupe(report: &mut Report) {
    let mut seen = HashSet::new();
    report.diagnostics.retain(|d| {
        let related: Vec<_> = d.related.iter().map(|r| (r.span, r.message.clone())).collect();
        seen.insert((d.span, d.message.clone(), related))
    });
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
pub(super) fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
