//! Completion: sections, resource attributes, resource types, property names (required ones
//! first, as snippets that fill them in), allowed values, `Ref`/`Fn::GetAtt`/`${}`/`Condition`/
//! `Fn::FindInMap`/`DependsOn` targets, `Fn::GetAtt` attributes, SAM event types and their
//! properties, intrinsic function tags.
//!
//! The cursor's context is read from the text (see [`crate::context`]) because completion runs
//! mid-edit; the names come from the parsed template when there is one, from the indentation
//! otherwise.

use serde_json::json;
use slint_linter::syntax::{Format, Node};
use slint_linter::template::{Template, PSEUDO_PARAMETERS};
use slint_linter::{LineIndex, Span};
use tower_lsp_server::gen_lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, CompletionItemTextEdit, CompletionList, CompletionResponse,
    Documentation, InsertTextFormat, InsertTextMode, MarkupContent, MarkupKind, Position, TextEdit,
};

use crate::capabilities;
use crate::context::{cursor_context, declared_names, CursorContext, Step, Typing};
use crate::describe;
use crate::documents::Snapshot;
use crate::knowledge;
use crate::place::globals_type;
use crate::position::Lines;
use crate::schema::{attributes, PathKey, Spot, TypeSchema};

/// Lists longer than this are cut, and marked incomplete so the client asks again as the user
/// types more.
const MAX_ITEMS: usize = 150;

/// A mapping's name, then its top-level keys with their second-level keys.
type MappingKeys = (String, Vec<(String, Vec<String>)>);

/// What completion knows about the template's names.
#[derive(Default)]
pub struct Names {
    parameters: Vec<(String, Option<String>)>,
    /// Name and type.
    resources: Vec<(String, Option<String>)>,
    /// Resources SAM generates: name, type, source.
    generated: Vec<(String, &'static str, String)>,
    conditions: Vec<String>,
    mappings: Vec<MappingKeys>,
    is_sam: bool,
}

impl Names {
    pub fn from_template(template: &Template) -> Names {
        let scalar = |node: &Node, key: &str| node.get(key).and_then(Node::as_str).map(str::to_owned);
        Names {
            parameters: template.parameters.iter().map(|p| (p.name.to_owned(), scalar(p.node, "Type"))).collect(),
            resources: template.resources.iter().map(|r| (r.name.to_owned(), r.type_name.map(str::to_owned))).collect(),
            generated: template.generated.iter().map(|(n, g)| (n.clone(), g.type_name, g.source.clone())).collect(),
            conditions: template.conditions.iter().map(|c| c.name.to_owned()).collect(),
            mappings: template
                .mappings
                .iter()
                .map(|m| {
                    let keys = m.node.as_map().map(|map| {
                        map.entries
                            .iter()
                            .map(|top| {
                                let second = top.value.as_map().map(|s| s.entries.iter().map(|e| e.key.to_string()).collect()).unwrap_or_default();
                                (top.key.to_string(), second)
                            })
                            .collect()
                    });
                    (m.name.to_owned(), keys.unwrap_or_default())
                })
                .collect(),
            is_sam: template.is_sam(),
        }
    }

    fn from_text(text: &str) -> Names {
        let mut names = Names::default();
        for (section, name, type_name) in declared_names(text) {
            match section.as_str() {
                "Parameters" => names.parameters.push((name, None)),
                "Resources" => {
                    names.is_sam |= type_name.as_deref().is_some_and(|t| t.starts_with("AWS::Serverless::"));
                    names.resources.push((name, type_name));
                }
                "Conditions" => names.conditions.push(name),
                "Mappings" => names.mappings.push((name, Vec::new())),
                _ => {}
            }
        }
        names.is_sam |= text.contains("AWS::Serverless-2016-10-31");
        names
    }

    fn resource_type(&self, name: &str) -> Option<&str> {
        self.resources
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, t)| t.as_deref())
            .or_else(|| self.generated.iter().find(|(n, ..)| n == name).map(|(_, t, _)| *t))
    }
}

/// Everything a completion item needs to know about where it goes.
struct Site<'a> {
    cx: &'a CursorContext,
    lines: &'a Lines<'a>,
    offset: usize,
    snippets: bool,
    json: bool,
    text: &'a str,
}

impl Site<'_> {
    /// What has been typed between `start` and the cursor, for filtering long lists here rather
    /// than sending thousands of names.
    fn typed(&self, start: usize) -> &str {
        self.text.get(start..self.offset).unwrap_or_default().trim_matches(['"', '\''])
    }

    fn range_from(&self, start: usize) -> tower_lsp_server::gen_lsp_types::Range {
        self.lines.range(Span::new(start, self.offset))
    }

    fn item(&self, label: &str, kind: CompletionItemKind, start: usize, new_text: String) -> CompletionItem {
        CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            text_edit: Some(CompletionItemTextEdit::TextEdit(TextEdit { range: self.range_from(start), new_text })),
            ..CompletionItem::default()
        }
    }

    /// A plain value replacing the word being typed.
    fn value(&self, label: &str, kind: CompletionItemKind) -> CompletionItem {
        self.item(label, kind, self.cx.partial_start, label.to_owned())
    }

    /// A key, written with its value's opening: `Name: `, or a snippet that opens the mapping
    /// or list and fills in what is required.
    fn key(&self, name: &str, spot: Option<&Spot>, kind: CompletionItemKind) -> CompletionItem {
        let (start, end_quote) = match self.cx.json_quote {
            Some(quote) => (quote, self.text[self.offset..].starts_with('"')),
            None => (self.cx.partial_start, false),
        };
        let (new_text, is_snippet) = if self.json {
            json_key(name, spot, self.snippets)
        } else {
            let column = self.lines.position(self.cx.partial_start).character as usize;
            yaml_key(name, spot, self.snippets, column)
        };
        let end = if end_quote { self.offset + 1 } else { self.offset };
        let mut item = self.item(name, kind, start, new_text);
        item.text_edit =
            Some(CompletionItemTextEdit::TextEdit(TextEdit { range: self.lines.range(Span::new(start, end)), new_text: item_text(&item) }));
        if is_snippet {
            item.insert_text_format = Some(InsertTextFormat::Snippet);
            item.insert_text_mode = Some(InsertTextMode::AsIs);
        }
        if self.cx.json_quote.is_some() {
            item.filter_text = Some(format!("\"{name}"));
        }
        item
    }
}

fn item_text(item: &CompletionItem) -> String {
    match &item.text_edit {
        Some(CompletionItemTextEdit::TextEdit(edit)) => edit.new_text.clone(),
        _ => item.label.clone(),
    }
}

fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

fn yaml_key(name: &str, spot: Option<&Spot>, snippets: bool, column: usize) -> (String, bool) {
    let Some(spot) = spot.filter(|_| snippets) else { return (format!("{name}: "), false) };
    let child = " ".repeat(column + 2);
    let name = escape_snippet(name);
    if spot.is_array() {
        let items = spot.items();
        let required = items.as_ref().filter(|i| i.is_object()).map(|i| i.required()).unwrap_or_default();
        if let Some((first, rest)) = required.split_first() {
            let mut body = format!("{child}- {}: $1", escape_snippet(first));
            for (i, r) in rest.iter().enumerate() {
                body.push_str(&format!("\n{child}  {}: ${}", escape_snippet(r), i + 2));
            }
            return (format!("{name}:\n{body}"), true);
        }
        return (format!("{name}:\n{child}- $0"), true);
    }
    if spot.is_object() {
        let required = spot.required();
        if required.is_empty() {
            return (format!("{name}:\n{child}$0"), true);
        }
        let body: Vec<String> = required.iter().enumerate().map(|(i, r)| format!("{child}{}: ${}", escape_snippet(r), i + 1)).collect();
        return (format!("{name}:\n{}", body.join("\n")), true);
    }
    let values = spot.enum_values();
    if !values.is_empty() && values.len() <= 30 && values.iter().all(|v| !v.contains([',', '|'])) {
        return (format!("{name}: ${{1|{}|}}", values.iter().map(|v| escape_snippet(v)).collect::<Vec<_>>().join(",")), true);
    }
    (format!("{name}: $0"), true)
}

fn json_key(name: &str, spot: Option<&Spot>, snippets: bool) -> (String, bool) {
    let Some(spot) = spot.filter(|_| snippets) else { return (format!("\"{name}\": "), false) };
    let name = escape_snippet(name);
    let value = if spot.is_array() {
        "[$0]"
    } else if spot.is_object() {
        "{$0}"
    } else if spot.types().contains(&"string") {
        "\"$0\""
    } else {
        "$0"
    };
    (format!("\"{name}\": {value}"), true)
}

fn markdown(value: String) -> Option<Documentation> {
    Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value }))
}

/// Whether `candidate` holds the characters of `typed` in order, ignoring case.
fn fuzzy(candidate: &str, typed: &str) -> bool {
    let mut candidate = candidate.chars().flat_map(char::to_lowercase);
    typed.chars().flat_map(char::to_lowercase).all(|t| candidate.any(|c| c == t))
}

pub fn completion(snapshot: &Snapshot, position: Position, caps: &capabilities::Client) -> Option<CompletionResponse> {
    // Completion comes right after a keystroke, before the new version is read: the cursor's
    // context comes from the text itself, and the names from the newest version read so far,
    // which at worst misses a name typed in the last edit.
    let text = snapshot.text();
    let own_index;
    let index = match snapshot.model_if_read() {
        Some(model) => model.line_index(),
        None => {
            own_index = LineIndex::new(text);
            &own_index
        }
    };
    let lines = Lines::new(text, index, snapshot.encoding);
    let offset = lines.offset(position);
    let json = slint_linter::syntax::Format::detect(text) == Format::Json;
    let cx = cursor_context(text, index, offset, json);
    let model = snapshot.model_without_waiting().unwrap_or_else(|| snapshot.model());
    let from_text;
    let names = match model.names() {
        Some(names) => names,
        None => {
            from_text = Names::from_text(text);
            &from_text
        }
    };
    let site = Site { cx: &cx, lines: &lines, offset, snippets: caps.snippets, json, text };
    let mut items = intrinsic_targets(&site, &names).unwrap_or_else(|| structural(&site, &names));
    let incomplete = items.len() > MAX_ITEMS;
    items.truncate(MAX_ITEMS);
    Some(CompletionResponse::CompletionList(CompletionList { is_incomplete: incomplete, item_defaults: None, apply_kind: None, items }))
}

/// Adds the documentation of a resource type, left out of the list because reading every
/// type's schema up front would be slow.
pub fn resolve(mut item: CompletionItem) -> CompletionItem {
    if let Some(type_name) = item.data.as_ref().and_then(|d| d.get("resourceType")).and_then(|t| t.as_str()) {
        item.documentation = markdown(describe::resource_type(type_name));
    }
    item
}

/// Inside an intrinsic function or `DependsOn`: the names it can take.
fn intrinsic_targets(site: &Site, names: &Names) -> Option<Vec<CompletionItem>> {
    let cx = site.cx;
    let value = cx.line_value.as_str();
    let keys = cx.keys();
    let last_key = keys.iter().rev().find(|k| **k != "-").copied();

    // `${Name` inside a Sub string.
    let before = &site.text[site.text[..site.offset].rfind('\n').map_or(0, |i| i + 1)..site.offset];
    if let Some(open) = before.rfind("${") {
        let inside = &before[open + 2..];
        if !inside.contains('}') && !inside.starts_with('!') {
            let start = site.offset - inside.len();
            return Some(match inside.split_once('.') {
                Some((resource, _)) => attribute_items(site, names, resource, start + resource.len() + 1),
                None => ref_items(site, names, start, true),
            });
        }
    }
    // JSON's list forms: `{"Fn::GetAtt": ["Queue", "`, `{"Fn::If": ["`, `{"Fn::FindInMap": [`.
    if let (Some(items), Some(function)) = (&cx.list_items, last_key) {
        let index = items.len();
        let arguments: Vec<String> = items.iter().map(|item| item.clone().unwrap_or_default()).collect();
        match function {
            "Fn::GetAtt" if index == 0 => return Some(resource_items(site, names, cx.partial_start, None)),
            "Fn::GetAtt" => return Some(attribute_items(site, names, &arguments[0], cx.partial_start)),
            "Fn::If" if index == 0 => {
                return Some(names.conditions.iter().map(|c| site.value(c, CompletionItemKind::EnumMember)).collect())
            }
            "Fn::FindInMap" => return Some(find_in_map_items(site, names, index, &arguments)),
            _ => {}
        }
    }
    let tag_argument = |tag: &str| -> Option<&str> {
        let at = value.rfind(tag)?;
        let rest = &value[at + tag.len()..];
        (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
    };
    if let Some(argument) = tag_argument("!Ref").or_else(|| (cx.typing == Typing::Value && last_key == Some("Ref")).then_some(value)) {
        if !argument.contains(' ') {
            return Some(ref_items(site, names, cx.partial_start, false));
        }
    }
    if let Some(argument) = tag_argument("!GetAtt").or_else(|| (cx.typing == Typing::Value && last_key == Some("Fn::GetAtt")).then_some(value)) {
        let argument = argument.trim_start_matches(['"', '\'']);
        return Some(match argument.split_once('.') {
            Some((resource, _)) => {
                let start = site.offset - (argument.len() - resource.len() - 1);
                attribute_items(site, names, resource, start)
            }
            None => resource_items(site, names, cx.partial_start, None),
        });
    }
    if tag_argument("!Condition").is_some()
        || (cx.typing == Typing::Value && last_key == Some("Condition"))
        || flow_argument(value, "!If").is_some_and(|(index, _)| index == 0)
    {
        return Some(names.conditions.iter().map(|c| site.value(c, CompletionItemKind::EnumMember)).collect());
    }
    if let Some((index, arguments)) = flow_argument(value, "!FindInMap") {
        return Some(find_in_map_items(site, names, index, &arguments));
    }
    let in_depends_on = last_key == Some("DependsOn") && (cx.typing == Typing::Value || keys.last() == Some(&"-"));
    if in_depends_on {
        let own = match keys.as_slice() {
            ["Resources", own, ..] => Some(*own),
            _ => None,
        };
        return Some(resource_items(site, names, cx.partial_start, own));
    }
    if cx.typing == Typing::Value && cx.partial.starts_with('!') {
        return Some(tag_items(site));
    }
    None
}

/// For `!Tag [a, b, c` before the cursor: the index of the argument being typed and those
/// before it.
fn flow_argument(value: &str, tag: &str) -> Option<(usize, Vec<String>)> {
    let rest = value[value.rfind(tag)? + tag.len()..].trim_start();
    let list = rest.strip_prefix('[')?;
    if list.contains(']') {
        return None;
    }
    let parts: Vec<String> = list.split(',').map(|p| p.trim().trim_matches(['"', '\'']).to_owned()).collect();
    Some((parts.len() - 1, parts))
}

fn find_in_map_items(site: &Site, names: &Names, index: usize, arguments: &[String]) -> Vec<CompletionItem> {
    let mapping = names.mappings.iter().find(|(n, _)| Some(n) == arguments.first());
    match index {
        0 => names.mappings.iter().map(|(n, _)| site.value(n, CompletionItemKind::Module)).collect(),
        1 => mapping.into_iter().flat_map(|(_, keys)| keys.iter().map(|(k, _)| site.value(k, CompletionItemKind::Field))).collect(),
        _ => {
            let mut seen: Vec<&str> = Vec::new();
            let tops = mapping.into_iter().flat_map(|(_, keys)| keys.iter());
            let chosen: Vec<_> = match arguments.get(1) {
                Some(top) if tops.clone().any(|(k, _)| k == top) => tops.filter(|(k, _)| k == top).collect(),
                _ => tops.collect(),
            };
            for (_, second) in chosen {
                for key in second {
                    if !seen.contains(&key.as_str()) {
                        seen.push(key);
                    }
                }
            }
            seen.into_iter().map(|k| site.value(k, CompletionItemKind::Field)).collect()
        }
    }
}

fn ref_items(site: &Site, names: &Names, start: usize, in_sub: bool) -> Vec<CompletionItem> {
    let typed = site.typed(start);
    let wanted = |name: &str| fuzzy(name, typed);
    let item = |label: &str, kind, detail: String, sort: &str| {
        let mut item = site.item(label, kind, start, label.to_owned());
        item.label_details = Some(CompletionItemLabelDetails { detail: None, description: Some(detail) });
        item.sort_text = Some(format!("{sort}{label}"));
        item
    };
    debug_assert!(PSEUDO_PARAMETERS.len() == knowledge::PSEUDO_PARAMETERS.len());
    // Items are made lazily: a large template has more names than a list holds.
    let parameters = names.parameters.iter().filter(|(n, _)| wanted(n)).map(|(name, kind)| {
        item(name, CompletionItemKind::Variable, format!("parameter{}", kind.as_ref().map(|k| format!(": {k}")).unwrap_or_default()), "0")
    });
    let resources = names.resources.iter().filter(|(n, _)| wanted(n)).map(|(name, type_name)| {
        item(name, CompletionItemKind::Reference, type_name.clone().unwrap_or_default(), "1")
    });
    let generated = names.generated.iter().filter(|(n, ..)| wanted(n)).map(|(name, type_name, source)| {
        item(name, CompletionItemKind::Reference, format!("{type_name} (SAM, from {source})"), "2")
    });
    let pseudo = knowledge::PSEUDO_PARAMETERS.iter().filter(|(name, _)| !(in_sub && *name == "AWS::NoValue") && wanted(name)).map(
        |(name, description)| {
            let mut pseudo = item(name, CompletionItemKind::Constant, "pseudo parameter".to_owned(), "3");
            pseudo.documentation = markdown((*description).to_owned());
            pseudo
        },
    );
    parameters.chain(resources).chain(generated).chain(pseudo).take(MAX_ITEMS + 1).collect()
}

fn resource_items(site: &Site, names: &Names, start: usize, except: Option<&str>) -> Vec<CompletionItem> {
    let typed = site.typed(start);
    names
        .resources
        .iter()
        .filter(|(name, _)| Some(name.as_str()) != except && fuzzy(name, typed))
        .map(|(name, type_name)| {
            let mut item = site.item(name, CompletionItemKind::Reference, start, name.clone());
            item.label_details = Some(CompletionItemLabelDetails { detail: None, description: type_name.clone() });
            item
        })
        .take(MAX_ITEMS + 1)
        .collect()
}

fn attribute_items(site: &Site, names: &Names, resource: &str, start: usize) -> Vec<CompletionItem> {
    let Some(type_name) = names.resource_type(resource) else { return Vec::new() };
    attributes(type_name)
        .into_iter()
        .map(|(name, description)| {
            let mut item = site.item(&name, CompletionItemKind::Field, start, name.clone());
            item.detail = Some(format!("{type_name} attribute"));
            item.documentation = description.map(|d| describe::first_paragraph(&d)).and_then(markdown);
            item
        })
        .collect()
}

fn tag_items(site: &Site) -> Vec<CompletionItem> {
    knowledge::FUNCTIONS
        .iter()
        .filter(|f| !f.is_rules_only())
        .map(|function| {
            let label = format!("!{}", function.tag);
            let mut item = site.value(&label, CompletionItemKind::Function);
            item.text_edit = Some(CompletionItemTextEdit::TextEdit(TextEdit {
                range: site.range_from(site.cx.partial_start),
                new_text: format!("{label} "),
            }));
            item.detail = Some(function.name.to_owned());
            item.documentation = markdown(function.markdown());
            item
        })
        .collect()
}

/// Completion from the template's structure and the resource schemas.
fn structural(site: &Site, names: &Names) -> Vec<CompletionItem> {
    let cx = site.cx;
    let keys = cx.keys();
    let absent = |name: &&str| !cx.siblings.iter().any(|s| s == name);
    match (&cx.typing, keys.as_slice()) {
        (Typing::Key, []) => knowledge::SECTIONS
            .iter()
            .filter(|(name, _)| absent(name))
            .filter(|(name, _)| *name != "Globals" || names.is_sam)
            .map(|(name, description)| {
                let mut item = site.key(name, None, CompletionItemKind::Module);
                item.documentation = markdown((*description).to_owned());
                item
            })
            .collect(),
        (Typing::Key, ["Resources", _]) => knowledge::RESOURCE_ATTRIBUTES
            .iter()
            .filter(|(name, _)| absent(name))
            .map(|(name, description)| {
                let mut item = site.key(name, None, CompletionItemKind::Keyword);
                item.documentation = markdown((*description).to_owned());
                item.sort_text = Some(format!("{}{name}", if matches!(*name, "Type" | "Properties") { 0 } else { 1 }));
                item
            })
            .collect(),
        (Typing::Key, ["Parameters", _]) => plain_keys(site, knowledge::PARAMETER_ATTRIBUTES, &absent),
        (Typing::Key, ["Outputs", _]) => plain_keys(site, knowledge::OUTPUT_ATTRIBUTES, &absent),
        (Typing::Key, ["Globals"]) => {
            let kinds: Vec<&str> = crate::place::GLOBALS_TYPES.iter().map(|(k, _)| *k).collect();
            plain_keys(site, &kinds, &absent)
        }
        (Typing::Key, ["Resources", _, "DependsOn", "-"]) => {
            resource_items(site, names, cx.partial_start, keys.get(1).copied())
        }
        (Typing::Value, ["Resources", _, "Type"]) => resource_types(site, names),
        (Typing::Value, ["Parameters", _, "Type"]) => {
            knowledge::PARAMETER_TYPES.iter().map(|t| site.value(t, CompletionItemKind::Class)).collect()
        }
        (Typing::Value, ["Resources", _, "DeletionPolicy"]) => {
            values(site, &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"])
        }
        (Typing::Value, ["Resources", _, "UpdateReplacePolicy"]) => values(site, &["Delete", "Retain", "Snapshot"]),
        (Typing::Value, ["Transform"]) => values(site, &["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]),
        (Typing::Value, ["AWSTemplateFormatVersion"]) => values(site, &["2010-09-09"]),
        _ => properties(site, names).unwrap_or_default(),
    }
}

fn plain_keys(site: &Site, keys: &[&str], absent: &dyn Fn(&&str) -> bool) -> Vec<CompletionItem> {
    keys.iter().filter(|k| absent(k)).map(|k| site.key(k, None, CompletionItemKind::Keyword)).collect()
}

fn values(site: &Site, values: &[&str]) -> Vec<CompletionItem> {
    values.iter().map(|v| site.value(v, CompletionItemKind::EnumMember)).collect()
}

fn resource_types(site: &Site, names: &Names) -> Vec<CompletionItem> {
    let typed = site.cx.partial.trim_matches(['"', '\'']);
    let sam = knowledge::SAM_TYPES.iter().map(|(n, ..)| *n);
    let all = sam.chain(slint_schemas::type_names().filter(|n| !n.starts_with("AWS::Serverless::")));
    all.filter(|name| fuzzy(name, typed))
        .map(|name| {
            let mut item = site.value(name, CompletionItemKind::Class);
            let is_sam = name.starts_with("AWS::Serverless::");
            item.sort_text = Some(format!("{}{name}", if is_sam && names.is_sam { 0 } else { 1 }));
            item.data = Some(json!({ "resourceType": name }));
            item
        })
        .take(MAX_ITEMS + 1)
        .collect()
}

/// Property names, or allowed values, from the resource type's schema.
fn properties(site: &Site, names: &Names) -> Option<Vec<CompletionItem>> {
    let cx = site.cx;
    let (type_name, start) = match cx.path.as_slice() {
        [Step::Key(resources), Step::Key(resource), Step::Key(properties), ..] if resources == "Resources" && properties == "Properties" => {
            let type_name = names.resource_type(resource).map(str::to_owned).or_else(|| cx.type_at(2).map(str::to_owned))?;
            (type_name, 3)
        }
        [Step::Key(globals), Step::Key(kind), ..] if globals == "Globals" => (globals_type(kind)?.to_owned(), 2),
        _ => return None,
    };
    let schema = TypeSchema::of(&type_name)?;
    let path: Vec<PathKey> = cx.path[start..]
        .iter()
        .map(|step| match step {
            Step::Key(key) => PathKey::Key(key.as_str()),
            Step::Item => PathKey::Item,
        })
        .collect();
    let discriminator = |i: usize| cx.type_at(start + i).map(str::to_owned);
    match cx.typing {
        Typing::Key => {
            let mapping = schema.properties().descend(&path, discriminator)?.narrowed(cx.type_at(cx.path.len()));
            let present = &cx.siblings;
            Some(
                mapping
                    .property_names()
                    .into_iter()
                    .filter(|(name, _)| !present.iter().any(|p| p == name))
                    .filter_map(|(name, required)| {
                        let spot = mapping.property(name)?;
                        let mut item = site.key(name, Some(&spot), CompletionItemKind::Property);
                        item.detail = Some(format!("{}{}", spot.type_label(), if required { " (required)" } else { "" }));
                        item.documentation = spot.description().map(describe::first_paragraph).and_then(markdown);
                        item.sort_text = Some(format!("{}{name}", if required { 0 } else { 1 }));
                        Some(item)
                    })
                    .collect(),
            )
        }
        Typing::Value => {
            let spot = schema.properties().descend(&path, discriminator)?;
            let mut values: Vec<String> = spot.enum_values();
            if values.is_empty() && spot.types().contains(&"boolean") {
                values = vec!["true".to_owned(), "false".to_owned()];
            }
            let typed = cx.partial.trim_matches(['"', '\'']);
            let start = if site.json { cx.json_quote.map_or(cx.partial_start, |q| q + 1) } else { cx.partial_start };
            Some(
                values
                    .iter()
                    .filter(|v| fuzzy(v, typed))
                    .map(|v| site.item(v, CompletionItemKind::EnumMember, start, v.clone()))
                    .collect(),
            )
        }
    }
}
