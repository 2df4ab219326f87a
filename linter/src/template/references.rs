//! The reference index: every place the template names another part of itself.

use std::borrow::Cow;

use rayon::prelude::*;

use super::{Template, SHARED_OUT_FROM};
use crate::span::Span;
use crate::syntax::{Entry, Node, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferenceKind {
    /// `Ref: Name` — a parameter, resource or pseudo parameter.
    Ref,
    /// `Fn::GetAtt: [Resource, Attribute]`.
    GetAtt,
    /// `${Name}` or `${Resource.Attribute}` inside `Fn::Sub`.
    SubVariable,
    /// A resource's `DependsOn`.
    DependsOn,
    /// A condition named by a resource or output `Condition`, `Fn::If`, or `Condition` inside `Conditions`.
    Condition,
    /// The mapping named by `Fn::FindInMap`.
    FindInMap,
}

#[derive(Clone, Debug)]
pub struct Reference<'a> {
    pub kind: ReferenceKind,
    /// The name referred to: a logical id, parameter, condition or mapping.
    pub target: Cow<'a, str>,
    /// GetAtt's attribute, a Sub variable's part after the first dot, FindInMap's top-level key.
    pub attribute: Option<Cow<'a, str>>,
    /// Where the target's name is written.
    pub span: Span,
    /// The intrinsic function's arguments (`[Mapping, Key, Key]` for FindInMap, the string of a
    /// Sub), or the name itself for `DependsOn` and `Condition`.
    pub node: &'a Node,
    /// The section the reference is written in (`Resources`, `Outputs`, `Conditions`, …).
    pub section: &'a str,
    /// The resource, output or condition the reference is written in.
    pub owner: Option<&'a str>,
}

pub(super) fn collect<'a>(template: &Template<'a>, source: &'a str) -> Vec<Reference<'a>> {
    let mut out = Vec::new();
    for entry in &template.root.entries {
        let section = entry.key.as_str();
        match section {
            "Resources" | "Outputs" | "Conditions" => {
                let Some(map) = entry.value.as_map() else { continue };
                let item = |item: &'a Entry| {
                    let mut collector = Collector::new(source, section, Some(&item.key));
                    if item.key.starts_with(FOR_EACH) {
                        collector.for_each(&item.value, Collector::walk);
                    } else if section == "Conditions" {
                        collector.walk_condition(&item.value);
                    } else {
                        collector.attributes(&item.value);
                        collector.walk(&item.value);
                    }
                    collector.out
                };
                // Each item is walked alone, so many of them share the cores; their references
                // are put together in source order.
                if map.len() >= SHARED_OUT_FROM {
                    out.par_extend(map.entries.par_iter().flat_map_iter(item));
                } else {
                    out.extend(map.entries.iter().flat_map(item));
                }
            }
            "Globals" | "Rules" => {
                let mut collector = Collector::new(source, section, None);
                collector.walk(&entry.value);
                out.append(&mut collector.out);
            }
            _ => {}
        }
    }
    out
}

/// The prefix of `Fn::ForEach` keys (the `AWS::LanguageExtensions` transform).
pub(crate) const FOR_EACH: &str = "Fn::ForEach::";

struct Collector<'a> {
    source: &'a str,
    out: Vec<Reference<'a>>,
    section: &'a str,
    owner: Option<&'a str>,
    /// Identifiers of the enclosing `Fn::ForEach` loops: `${Id}` and `Ref: Id` name them.
    loop_variables: Vec<&'a str>,
}

impl<'a> Collector<'a> {
    fn new(source: &'a str, section: &'a str, owner: Option<&'a str>) -> Self {
        Collector { source, out: Vec::new(), section, owner, loop_variables: Vec::new() }
    }
}

impl<'a> Collector<'a> {
    fn push(
        &mut self,
        kind: ReferenceKind,
        target: impl Into<Cow<'a, str>>,
        attribute: Option<Cow<'a, str>>,
        span: Span,
        node: &'a Node,
    ) {
        let target = target.into();
        if self.loop_variables.contains(&target.as_ref()) {
            return;
        }
        self.out.push(Reference { kind, target, attribute, span, node, section: self.section, owner: self.owner });
    }

    /// `DependsOn` and `Condition` of a resource or output.
    fn attributes(&mut self, item: &'a Node) {
        let Some(map) = item.as_map() else { return };
        if let Some(depends_on) = map.get("DependsOn") {
            let names = match &depends_on.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![depends_on],
            };
            for name in names {
                if let Some(target) = name.as_str() {
                    self.push(ReferenceKind::DependsOn, target, None, name.span, name);
                }
            }
        }
        if let Some(condition) = map.get("Condition").filter(|c| c.as_str().is_some()) {
            self.push(ReferenceKind::Condition, condition.as_str().unwrap_or_default(), None, condition.span, condition);
        }
    }

    /// Inside `Conditions`, a one-entry `{Condition: Name}` names another condition.
    fn walk_condition(&mut self, node: &'a Node) {
        if let Some(map) = node.as_map() {
            if let [entry] = map.entries.as_slice() {
                if entry.key == "Condition" {
                    if let Some(name) = entry.value.as_str() {
                        self.push(ReferenceKind::Condition, name, None, entry.value.span, &entry.value);
                    }
                    return;
                }
            }
        }
        self.visit_intrinsic(node, Self::walk_condition);
    }

    fn walk(&mut self, node: &'a Node) {
        self.visit_intrinsic(node, Self::walk);
    }

    /// Records the reference `node` makes, if any, then descends with `descend`.
    fn visit_intrinsic(&mut self, node: &'a Node, descend: fn(&mut Self, &'a Node)) {
        if let Some((function, args)) = node.intrinsic() {
            match function {
                "Ref" => {
                    if let Some(target) = args.as_str() {
                        self.push(ReferenceKind::Ref, target, None, args.span, args);
                    }
                    return;
                }
                "Fn::GetAtt" => self.get_att(args),
                "Fn::Sub" => self.sub(args),
                "Fn::FindInMap" => {
                    if let Some([map, key, ..]) = args.as_seq() {
                        if let Some(name) = map.as_str() {
                            self.push(ReferenceKind::FindInMap, name, key.as_str().map(Cow::Borrowed), map.span, args);
                        }
                    }
                }
                "Fn::If" => {
                    if let Some([condition, ..]) = args.as_seq() {
                        if let Some(name) = condition.as_str() {
                            self.push(ReferenceKind::Condition, name, None, condition.span, condition);
                        }
                    }
                }
                _ => {}
            }
        }
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|item| descend(self, item)),
            Value::Map(map) => {
                for entry in &map.entries {
                    if entry.key.starts_with(FOR_EACH) {
                        self.for_each(&entry.value, descend);
                    } else {
                        descend(self, &entry.value);
                    }
                }
            }
            _ => {}
        }
    }

    /// `Fn::ForEach::Name: [Identifier, Collection, Fragment]`: the identifier is defined
    /// inside the collection and fragment.
    fn for_each(&mut self, args: &'a Node, descend: fn(&mut Self, &'a Node)) {
        let Some([identifier, rest @ ..]) = args.as_seq() else { return };
        let Some(name) = identifier.as_str() else { return };
        self.loop_variables.push(name);
        rest.iter().for_each(|node| descend(self, node));
        self.loop_variables.pop();
    }

    fn get_att(&mut self, args: &'a Node) {
        match &args.value {
            Value::Seq(items) => {
                if let Some(target) = items.first().and_then(Node::as_str) {
                    let attribute = items.get(1).and_then(Node::as_str).map(Cow::Borrowed);
                    self.push(ReferenceKind::GetAtt, target, attribute, items[0].span, args);
                }
            }
            // The long form also accepts "Resource.Attribute" as one string.
            Value::String(text) => {
                let (target, attribute) = text.split_once('.').unwrap_or((text, ""));
                let span = self.text_span(args, target, 0).unwrap_or(args.span);
                self.push(ReferenceKind::GetAtt, target, Some(Cow::Borrowed(attribute)), span, args);
            }
            _ => {}
        }
    }

    fn sub(&mut self, args: &'a Node) {
        let (template, locals) = match &args.value {
            Value::String(_) => (args, None),
            Value::Seq(items) => match items.as_slice() {
                [template, locals, ..] => (template, locals.as_map()),
                [template] => (template, None),
                [] => return,
            },
            _ => return,
        };
        let Some(text) = template.as_str() else { return };
        for variable in sub_variables(text) {
            if locals.is_some_and(|l| l.get(variable.name).is_some()) {
                continue;
            }
            let (target, attribute) = match variable.name.split_once('.') {
                Some((target, attribute)) => (target, Some(Cow::Borrowed(attribute))),
                None => (variable.name, None),
            };
            let span = self.text_span(template, &format!("${{{}}}", variable.name), 2).unwrap_or(template.span);
            self.push(
                ReferenceKind::SubVariable,
                target,
                attribute,
                Span::new(span.start as usize, span.start as usize + target.len()),
                template,
            );
        }
        if let Some(locals) = locals {
            locals.entries.iter().for_each(|e| self.walk(&e.value));
        }
    }

    /// The span of `needle` inside the source text of a string node, skipping `skip` bytes of it,
    /// when it is written there verbatim (quoted strings with escapes may not be).
    fn text_span(&self, node: &Node, needle: &str, skip: usize) -> Option<Span> {
        let raw = node.raw(self.source);
        let at = raw.find(needle)?;
        let start = node.span.start as usize + at + skip;
        Some(Span::new(start, start + needle.len() - skip))
    }
}

/// A `${Name}` placeholder of an `Fn::Sub` string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubVariable<'t> {
    pub name: &'t str,
    /// Byte range of the whole `${Name}` within the string.
    pub start: usize,
    pub end: usize,
}

/// The placeholders of an `Fn::Sub` string; `${!Literal}` is an escape, not a variable.
pub fn sub_variables(text: &str) -> Vec<SubVariable<'_>> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find("${") {
        let start = rest + found;
        let Some(len) = text[start + 2..].find('}') else { break };
        let name = &text[start + 2..start + 2 + len];
        let end = start + 3 + len;
        if !name.starts_with('!') {
            out.push(SubVariable { name: name.trim(), start, end });
        }
        rest = end;
    }
    out
}
