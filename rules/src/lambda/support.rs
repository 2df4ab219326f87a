//! Shared by the Lambda and event source rules: the numbers a property can take, where each is
//! written, and how to name the functions a finding is about.

use slint_linter::model::Function;
use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::{Diagnostic, Span};

use crate::Report;

/// One value a property can take at deploy time, and where that value is written: the
/// property itself, or a parameter's `Default`/`AllowedValues` entry, or a mapping entry.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub value: f64,
    pub span: Span,
}

/// Every number `node` can be. `None` when the value cannot be known; values that are not
/// numbers are left to the schema rules.
pub(crate) fn numbers(template: &Template, node: &Node) -> Option<Vec<Candidate>> {
    let possible = template.possible_values(node)?;
    Some(possible.values.iter().filter_map(|v| Some(Candidate { value: v.as_f64()?, span: v.span })).collect())
}

/// Every string `node` can be, with where each is written; `None` when any is unknown.
pub(crate) fn strings(template: &Template, node: &Node) -> Option<Vec<(String, Span)>> {
    template.possible_strings(node)
}

/// Records a finding at `property` about one of its values. When the value is written somewhere
/// else (a parameter's default or allowed values, a mapping), that place is added as a related
/// location, so both ends of the problem can be found.
pub(crate) fn add_value_finding<'r>(
    report: &'r mut Report,
    template: &Template,
    property: &Node,
    value_span: Span,
    message: String,
) -> &'r mut Diagnostic {
    let diagnostic = report.add(property.span, message);
    if !property.span.contains(value_span) {
        diagnostic.add_related(value_span, value_origin(template, value_span));
    }
    diagnostic
}

/// "the value comes from parameter `Memory`", for a span inside a section other than the property.
pub(crate) fn value_origin(template: &Template, span: Span) -> String {
    if let Some(parameter) = template.parameters.iter().find(|p| p.node.span.contains(span)) {
        return format!("the value comes from parameter `{}`", parameter.name);
    }
    if let Some(mapping) = template.mappings.iter().find(|m| m.node.span.contains(span)) {
        return format!("the value comes from mapping `{}`", mapping.name);
    }
    "the value comes from here".to_owned()
}

/// Functions grouped by the node one of their properties is: a value set once in SAM Globals
/// is shared by every function that inherits it, and is checked and reported once.
pub(crate) fn by_node<'f, 't>(
    functions: impl IntoIterator<Item = &'f Function<'t>>,
    property: impl Fn(&Function<'t>) -> Option<&'t Node>,
) -> Vec<(&'t Node, Vec<&'f Function<'t>>)>
where
    't: 'f,
{
    let mut groups: Vec<(&'t Node, Vec<&'f Function<'t>>)> = Vec::new();
    for function in functions {
        let Some(node) = property(function) else { continue };
        match groups.iter_mut().find(|(seen, _)| seen.span == node.span) {
            Some((_, members)) => members.push(function),
            None => groups.push((node, vec![function])),
        }
    }
    groups
}

/// "function `A`", "functions `A` and `B`", with "(inherited from Globals)" when `node` is not
/// written in the functions' own resources.
pub(crate) fn subject(node: &Node, functions: &[&Function]) -> String {
    let names: Vec<String> = functions.iter().map(|f| format!("`{}`", f.name)).collect();
    let mut out = match names.as_slice() {
        [] => "no function".to_owned(),
        [one] => format!("function {one}"),
        [rest @ .., last] => format!("functions {} and {last}", rest.join(", ")),
    };
    if functions.first().is_some_and(|f| !f.declares(node)) {
        out.push_str(" (inherited from Globals)");
    }
    out
}

/// The text with its first letter in upper case, to start a message with a label.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A number as people write it: `1200`, `0.5`, `10,240` for thousands.
pub(crate) fn show(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return value.to_string();
    }
    let digits = (value.abs() as u64).to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0.0 {
        grouped.insert(0, '-');
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn numbers_read_like_the_aws_docs() {
        assert_eq!(show(900.0), "900");
        assert_eq!(show(10240.0), "10,240");
        assert_eq!(show(-1.0), "-1");
        assert_eq!(show(1_000_000.0), "1,000,000");
        assert_eq!(show(0.5), "0.5");
    }
}

/// How a function's code is packaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Package {
    Zip,
    Image,
}

/// The package type a function deploys as: its `PackageType`, or Zip when it has none (the
/// default for both SAM and CloudFormation). `None` when the value cannot be known or differs
/// between the values it can take.
pub(crate) fn package(template: &Template, function: &Function) -> Option<Package> {
    let Some(node) = function.package_type else { return Some(Package::Zip) };
    let values = strings(template, node)?;
    let mut kinds = values.iter().map(|(value, _)| match value.as_str() {
        "Zip" => Some(Package::Zip),
        "Image" => Some(Package::Image),
        _ => None,
    });
    let first = kinds.next()??;
    kinds.all(|k| k == Some(first)).then_some(first)
}
