//! Hover: what the thing under the cursor is — a reference's target and its value, a resource
//! type, a property from the type's schema, an intrinsic function, a section — and the rule
//! behind any finding there.

use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Span;
use tower_lsp_server::gen_lsp_types::{Contents, Hover, MarkupContent, MarkupKind, Position};

use crate::capabilities;
use crate::describe;
use crate::documents::Snapshot;
use crate::knowledge;
use crate::locate::{locate, Located, Step};
use crate::names::{reference_symbol, symbol_at};
use crate::place::{is_function_key, property_place};
use crate::schema::{attributes, TypeSchema};

pub fn hover(snapshot: &Snapshot, position: Position, caps: &capabilities::Client) -> Option<Hover> {
    let model = snapshot.model();
    let lines = snapshot.lines();
    let offset = lines.offset(position);
    let text = model.text();
    let mut sections = Vec::new();
    let mut range = None;
    if let (Some(root), Some(template)) = (model.root(), model.template()) {
        if let Some((markdown, span)) = describe_at(template, root, text, offset) {
            sections.push(markdown);
            range = Some(lines.range(span));
        }
    }
    sections.extend(rule_explanations(snapshot, offset));
    if sections.is_empty() {
        return None;
    }
    let kind = if caps.markdown_hover { MarkupKind::Markdown } else { MarkupKind::PlainText };
    Some(Hover { contents: Contents::MarkupContent(MarkupContent { kind, value: sections.join("\n\n---\n\n") }), range })
}

fn describe_at(template: &Template, root: &Node, text: &str, offset: usize) -> Option<(String, Span)> {
    let located = locate(root, offset);
    if let Some(found) = get_att_attribute(template, &located).or_else(|| dotted_attribute(template, text, offset)) {
        return Some(found);
    }
    if let Some((symbol, span)) = symbol_at(template, text, offset) {
        return Some((describe::symbol(template, text, &symbol)?, span));
    }
    if let Some(entry) = located.key_entry() {
        let mut markdown = describe_key(template, &located, &entry.key)?;
        if is_function_key(&entry.key) {
            let call = match located.steps.len() {
                0 | 1 => root,
                n => located.steps[n - 2].node(),
            };
            markdown.push_str(&resolved_values(template, call));
        }
        return Some((markdown, entry.key_span));
    }
    let node = located.node()?;
    describe_value(template, &located, node).map(|markdown| (markdown, node.span))
}

/// The attribute half of `!GetAtt Resource.Attribute` (list form, second item).
fn get_att_attribute(template: &Template, located: &Located) -> Option<(String, Span)> {
    let [.., Step::Entry(function), Step::Item(1, attribute)] = located.steps.as_slice() else { return None };
    if function.key != "Fn::GetAtt" {
        return None;
    }
    let resource = function.value.as_seq()?.first()?.as_str()?;
    let name = attribute.as_str()?;
    Some((attribute_markdown(template, resource, name), attribute.span))
}

/// What an intrinsic function call evaluates to, when the template alone decides it.
fn resolved_values(template: &Template, call: &Node) -> String {
    const SHOWN: usize = 8;
    let Some(values) = template.possible_strings(call) else { return String::new() };
    let mut distinct: Vec<&str> = Vec::new();
    for (value, _) in &values {
        if !distinct.contains(&value.as_str()) {
            distinct.push(value);
        }
    }
    if distinct.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = distinct.iter().take(SHOWN).map(|v| format!("`{v}`")).collect();
    let more = if distinct.len() > SHOWN { format!(" and {} more", distinct.len() - SHOWN) } else { String::new() };
    let label = if distinct.len() == 1 { "Resolves to" } else { "Can resolve to" };
    format!("\n\n{label}: {}{more}", shown.join(", "))
}

/// The attribute half of `${Resource.Attribute}` in a Sub string, or of `Fn::GetAtt:
/// Resource.Attribute` written as one string.
fn dotted_attribute(template: &Template, text: &str, offset: usize) -> Option<(String, Span)> {
    template.references().iter().find_map(|reference| {
        let attribute = reference.attribute.as_deref().filter(|a| !a.is_empty())?;
        let (symbol, span, verbatim) = reference_symbol(template, text, reference);
        let start = span.end as usize + 1;
        let attribute_span = Span::new(start, start + attribute.len());
        let touches = attribute_span.start as usize <= offset && offset <= attribute_span.end as usize;
        if !verbatim || !touches || text.get(attribute_span.range()) != Some(attribute) {
            return None;
        }
        Some((attribute_markdown(template, &symbol.name, attribute), attribute_span))
    })
}

fn attribute_markdown(template: &Template, resource: &str, name: &str) -> String {
    let Some(type_name) = template.type_of(resource) else {
        return format!("`{resource}` is not a resource of this template.");
    };
    match attributes(type_name).into_iter().find(|(n, _)| n == name) {
        Some((_, description)) => format!(
            "**Attribute** `{name}` of `{resource}` ({type_name})\n\n{}",
            description.map(|d| describe::first_paragraph(&d)).unwrap_or_default()
        )
        .trim_end()
        .to_owned(),
        None => format!("`{type_name}` has no attribute `{name}` that slint knows of."),
    }
}

fn describe_key(template: &Template, located: &Located, key: &str) -> Option<String> {
    let keys = located.keys();
    if is_function_key(key) || (key == "Condition" && keys.first() == Some(&"Conditions")) {
        return knowledge::function(key).map(knowledge::Function::markdown);
    }
    match keys.as_slice() {
        [section] => knowledge::section(section).map(|d| format!("**{section}**\n\n{d}")),
        ["Resources", _, attribute] => knowledge::resource_attribute(attribute).map(|d| format!("**{attribute}**\n\n{d}")),
        _ => describe_property(template, located, None),
    }
}

fn describe_value(template: &Template, located: &Located, node: &Node) -> Option<String> {
    let keys = located.keys();
    let value = node.as_str();
    match keys.as_slice() {
        ["Resources", _, "Type"] => Some(format!("**{}**\n\n{}", value?, describe::resource_type(value?))),
        [.., "Events", _, "Type"] => knowledge::sam_event_type(value?).map(|d| format!("**{} event**\n\n{d}", value.unwrap_or_default())),
        _ => describe_property(template, located, value),
    }
}

fn describe_property(template: &Template, located: &Located, current: Option<&str>) -> Option<String> {
    let place = property_place(located, |name| template.type_of(name).map(str::to_owned))?;
    let schema = TypeSchema::of(&place.type_name)?;
    let (last, parent_path) = place.path.split_last()?;
    let crate::schema::PathKey::Key(name) = last else { return None };
    let parent = schema.properties().descend(parent_path, |i| place.discriminator(i))?;
    let parent = parent.narrowed(place.discriminator(place.path.len() - 1).as_deref());
    let spot = parent.property(name)?;
    let required = parent.required().contains(name);
    Some(describe::property(name, &spot, required, current))
}

/// The rules behind the findings at the cursor, from the lint run of this very version.
fn rule_explanations(snapshot: &Snapshot, offset: usize) -> Vec<String> {
    let Some(diagnostics) = &snapshot.diagnostics else { return Vec::new() };
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.span.start as usize <= offset && offset <= d.span.end as usize)
        .map(|d| d.code)
        .collect();
    codes.dedup();
    codes
        .into_iter()
        .filter_map(slint_rules::find_rule)
        .map(|rule| {
            let mut out = format!("**{}** `{}` — {}", rule.code, rule.name, rule.summary);
            for heading in ["What it does", "Why it matters"] {
                if let Some(body) = docs_section(rule.docs, heading) {
                    out.push_str(&format!("\n\n*{heading}*: {body}"));
                }
            }
            out.push_str(&format!("\n\n`slint explain {}` shows the examples.", rule.code));
            out
        })
        .collect()
}

/// The text of a `## Heading` section of a rule's documentation.
fn docs_section(docs: &str, heading: &str) -> Option<String> {
    let marker = format!("## {heading}");
    let start = docs.find(&marker)? + marker.len();
    let rest = &docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    let body = rest[..end].trim();
    (!body.is_empty()).then(|| body.split_whitespace().collect::<Vec<_>>().join(" "))
}
