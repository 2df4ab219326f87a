//! The walk of a [`Node`] tree against a [`CompiledSchema`].

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::Value as Json;

use super::compile::{Additional, CompiledSchema, Dependency, Id, Keywords, Types};
use super::words::{and_list, code, or_list};
use crate::suggest::did_you_mean;
use super::{Detail, ErrorKind, Resolve, SchemaError};
use crate::span::Span;
use crate::syntax::{format_number, Map, Node, Value};

/// Checks `properties` (a resource's `Properties`, or any value) against the schema's root.
/// `anchor` is where to report what the value as a whole lacks: the `Properties` key, or the
/// resource's name when it has no `Properties`. Findings come back in source order, one per
/// mistake.
pub fn validate(schema: &CompiledSchema, properties: &Node, anchor: Span, resolver: &dyn Resolve) -> Vec<SchemaError> {
    let mut walker = Walker { schema, resolver, unsure: 0 };
    let at = At { label: Label::Root(&schema.type_name), anchor, depth: 0, hops: 0, explain: true };
    let mut out = Vec::new();
    walker.check(properties, schema.root, at, &mut out);
    out.sort_by(|a, b| (a.span.start, a.span.end, a.kind).cmp(&(b.span.start, b.span.end, b.kind)));
    out.dedup_by(|later, earlier| later.span == earlier.span && later.kind == earlier.kind);
    out
}

/// Checks one property's value against the schema of the root property `name`; nothing when
/// the schema has no such property. For properties one type passes on to another unchanged
/// (SAM's `Runtime` becomes the Lambda function's).
pub fn validate_property(
    schema: &CompiledSchema,
    name: &str,
    value: &Node,
    key_span: Span,
    resolver: &dyn Resolve,
) -> Vec<SchemaError> {
    let Some(id) = schema.node(schema.root).property(name) else { return Vec::new() };
    let mut walker = Walker { schema, resolver, unsure: 0 };
    let at = At { label: Label::Key(name, None), anchor: key_span, depth: 1, hops: 0, explain: true };
    let mut out = Vec::new();
    walker.check(value, id, at, &mut out);
    out
}

/// How many schema hops (`$ref`, `allOf`, …) may be taken without descending into the value,
/// so that a schema whose definitions only refer to each other cannot loop.
const MAX_HOPS: u32 = 48;

/// How the value being checked is named in messages.
#[derive(Clone, Copy)]
enum Label<'a> {
    /// The whole `Properties` of a resource of this type (or the Globals section).
    Root(&'a str),
    /// A key, with the key of the mapping that holds it (not at the top level).
    Key(&'a str, Option<&'a str>),
    /// An item of the list under this key.
    Item(&'a str),
}

impl<'a> Label<'a> {
    /// The value as the subject of a sentence: "`Timeout`", "an item of `SubnetIds`".
    fn subject(self) -> String {
        match self {
            Label::Root(type_name) if type_name.is_empty() => "the value".to_owned(),
            Label::Root(type_name) => format!("the properties of {type_name}"),
            Label::Key(key, _) => code(key),
            Label::Item(key) => format!("an item of {}", code(key)),
        }
    }

    /// The value as the mapping that holds keys: "AWS::Lambda::Function", "`VpcConfig`",
    /// "`Upload.Properties`" (generic names read better with their parent).
    fn container(self) -> String {
        match self {
            Label::Root(type_name) if type_name.is_empty() => "this mapping".to_owned(),
            Label::Root(type_name) => type_name.to_owned(),
            Label::Key(key, Some(parent)) => code(&format!("{parent}.{key}")),
            Label::Key(key, None) => code(key),
            Label::Item(key) => format!("an item of {}", code(key)),
        }
    }

    /// The key this value is under, for naming the values inside it.
    fn key(self) -> Option<&'a str> {
        match self {
            Label::Root(_) => None,
            Label::Key(key, _) | Label::Item(key) => Some(key),
        }
    }
}

#[derive(Clone, Copy)]
struct At<'a> {
    label: Label<'a>,
    /// Where to report what a mapping lacks.
    anchor: Span,
    depth: u32,
    hops: u32,
    /// False while alternatives are tried on the side: their findings are only weighed (which
    /// kind, where, how deep), never shown, so no message is written for them. Messages are
    /// most of the cost of a finding, and most findings of tried alternatives are thrown away.
    explain: bool,
}

impl<'a> At<'a> {
    fn hop(self) -> Self {
        At { hops: self.hops + 1, ..self }
    }

    fn child(self, label: Label<'a>, anchor: Span) -> Self {
        At { label, anchor, depth: self.depth + 1, hops: 0, ..self }
    }

    fn speculative(self) -> Self {
        At { explain: false, ..self }
    }
}

/// Whether a key of a mapping is there at deploy time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    Present,
    /// Behind `Fn::If` with `AWS::NoValue`, or a condition slint cannot decide.
    Maybe,
    Absent,
}

/// A scalar as the schema sees it after CloudFormation's coercions.
enum Scalar<'n> {
    Text(Cow<'n, str>),
    Number(f64),
    Other,
}

struct Walker<'s, 'r> {
    schema: &'s CompiledSchema,
    resolver: &'r dyn Resolve,
    /// Counts the places where something could not be known (an unresolvable intrinsic, a key
    /// that may be absent). An alternative that only passed because of one proves nothing.
    unsure: u32,
}

impl Walker<'_, '_> {
    fn check(&mut self, node: &Node, id: Id, at: At, out: &mut Vec<SchemaError>) {
        if at.hops > MAX_HOPS {
            return;
        }
        if node.intrinsic().is_some() {
            self.check_resolved(node, id, at, out);
            return;
        }
        // YAML `Key:` with nothing after it: reported by the template rules, not per schema.
        if matches!(node.value, Value::Null) {
            return;
        }
        let schema = self.schema;
        let k = schema.node(id);
        if k.never {
            out.push(error(ErrorKind::Conflict, node.span, at, || format!("{} is not allowed here", at.label.subject())));
            return;
        }
        if let Some(reference) = k.reference {
            self.check(node, reference, at.hop(), out);
        }
        if !k.types.is_any() && !accepts(k.types, node) {
            out.push(wrong_type(k.types, node, at));
            return;
        }
        match &node.value {
            Value::Map(map) => self.check_mapping(node, map, k, at, out),
            Value::Seq(items) => self.check_list(node, items, k, at, out),
            _ => check_scalar(node, k, at, out),
        }
        for &branch in &k.all_of {
            self.check(node, branch, at.hop(), out);
        }
        if !k.any_of.is_empty() {
            self.check_alternatives(node, &k.any_of, false, at, out);
        }
        if !k.one_of.is_empty() {
            self.check_alternatives(node, &k.one_of, true, at, out);
        }
        if let Some(not) = k.not {
            self.check_not(node, not, at, out);
        }
        if let Some((condition, then, otherwise)) = k.condition {
            let (errors, sure) = self.trial(node, condition, at);
            match (errors.is_empty(), sure) {
                (true, true) => then.into_iter().for_each(|t| self.check(node, t, at.hop(), out)),
                (false, _) => otherwise.into_iter().for_each(|e| self.check(node, e, at.hop(), out)),
                (true, false) => self.unsure += 1,
            }
        }
    }

    /// Checks each value an intrinsic function can resolve to; silent when that is unknown.
    fn check_resolved(&mut self, node: &Node, id: Id, at: At, out: &mut Vec<SchemaError>) {
        // `Fn::If` only chooses between values written right here; every other function makes
        // a value out of parameters, mappings or pseudo parameters.
        let computed = !matches!(node.intrinsic(), Some(("Fn::If", _)));
        let Some(possible) = self.resolver.resolve(node) else {
            self.unsure += 1;
            self.check_result_shape(node, id, at, out);
            return;
        };
        for value in &possible.values {
            if value.intrinsic().is_some() {
                self.unsure += 1;
                continue;
            }
            let mut found = Vec::new();
            self.check(value, id, at, &mut found);
            for mut e in found {
                e.resolved |= computed;
                // A value that comes from elsewhere (a parameter's Default) is reported where it
                // is used, with a pointer to where it was written.
                if !node.span.contains(e.span) {
                    e.related.push((e.span, "the value checked comes from here".to_owned()));
                    e.span = node.span;
                }
                out.push(e);
            }
        }
    }

    /// When the value of a function cannot be known, its shape often can: `Fn::Join` and
    /// `Fn::Sub` make text, `Fn::GetAZs`, `Fn::Split` and `Fn::Cidr` make lists.
    fn check_result_shape(&mut self, node: &Node, id: Id, at: At, out: &mut Vec<SchemaError>) {
        let Some((function, _)) = node.intrinsic() else { return };
        let (result, accepted_by) = match function {
            "Fn::Join" | "Fn::Sub" | "Fn::Base64" => {
                ("text", Types::STRING.union(Types::NUMBER).union(Types::INTEGER).union(Types::BOOLEAN))
            }
            "Fn::GetAZs" | "Fn::Split" | "Fn::Cidr" => ("a list", Types::ARRAY),
            _ => return,
        };
        let types = self.declared_types(id);
        if types.is_any() || types.has(accepted_by) {
            return;
        }
        let message = || format!("{} must be {}, but `{function}` returns {result}", at.label.subject(), types.describe());
        out.push(SchemaError { detail: Detail::Types(types), ..error(ErrorKind::WrongType, node.span, at, message) });
    }

    /// The types a schema allows, looking through `$ref`; any when alternatives decide.
    fn declared_types(&self, id: Id) -> Types {
        let mut k = self.schema.node(id);
        for _ in 0..MAX_HOPS {
            if !k.types.is_any() || !k.any_of.is_empty() || !k.one_of.is_empty() {
                return k.types;
            }
            match k.reference {
                Some(reference) => k = self.schema.node(reference),
                None => break,
            }
        }
        k.types
    }

    fn check_mapping(&mut self, node: &Node, map: &Map, k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
        // `Fn::Transform` (AWS::Include) inside a mapping adds keys slint cannot see.
        if map.get("Fn::Transform").is_some() {
            self.unsure += 1;
            return;
        }
        let schema = self.schema;
        for entry in &map.entries {
            let child = at.child(Label::Key(&entry.key, at.label.key()), entry.key_span);
            if let Some(property) = k.property(&entry.key) {
                if schema.node(property).never {
                    out.push(error(ErrorKind::UnknownProperty, entry.key_span, at, || {
                        format!("{} cannot be used in {} here", code(&entry.key), at.label.container())
                    }));
                    continue;
                }
                if at.depth == 0 && at.hops == 0 && schema.read_only.iter().any(|r| r == &entry.key) {
                    out.push(read_only(&entry.key, entry.key_span, schema, at));
                    continue;
                }
                self.check(&entry.value, property, child, out);
                continue;
            }
            let mut matched = false;
            for (pattern, property) in &k.pattern_properties {
                match pattern.is_match(&entry.key) {
                    Some(true) => {
                        matched = true;
                        self.check(&entry.value, *property, child, out);
                    }
                    Some(false) => {}
                    // A key pattern slint cannot compile: the key may well be allowed.
                    None => matched = true,
                }
            }
            if matched {
                continue;
            }
            match k.additional {
                Additional::Allowed => {}
                Additional::Schema(property) => self.check(&entry.value, property, child, out),
                Additional::Forbidden => out.push(unknown_property(&entry.key, entry.key_span, k, at)),
            }
        }
        let resolver = self.resolver;
        let present = |name: &str| map.get(name).map_or(Presence::Absent, |value| presence(resolver, value));
        let missing: Vec<String> = k.required.iter().filter(|name| present(name) == Presence::Absent).cloned().collect();
        if !missing.is_empty() {
            let message = || {
                let names: Vec<String> = missing.iter().map(|m| code(m)).collect();
                let noun = if missing.len() == 1 { "property" } else { "properties" };
                format!("{} is missing the required {noun} {}", at.label.container(), and_list(&names))
            };
            let e = error(ErrorKind::MissingRequired, at.anchor, at, message);
            out.push(SchemaError { detail: Detail::Missing(missing), ..e });
        }
        let count = map.len();
        if let Some(min) = k.min_properties.filter(|&min| count < min) {
            let message = || format!("{} must have at least {}, not {count}", at.label.subject(), plural(min, "entry", "entries"));
            out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        }
        if let Some(max) = k.max_properties.filter(|&max| count > max) {
            let message = || format!("{} must have at most {}, not {count}", at.label.subject(), plural(max, "entry", "entries"));
            out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        }
        self.check_dependencies(node, map, k, at, out);
    }

    fn check_dependencies(&mut self, node: &Node, map: &Map, k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
        let resolver = self.resolver;
        let present = |name: &str| map.get(name).map_or(Presence::Absent, |value| presence(resolver, value));
        let key_span = |name: &str| map.entry(name).map_or(at.anchor, |e| e.key_span);
        for (name, dependency) in &k.dependencies {
            if present(name) != Presence::Present {
                continue;
            }
            match dependency {
                Dependency::Required(needed) => {
                    let is_missing = |n: &&String| present(n) == Presence::Absent;
                    if needed.iter().any(|n| is_missing(&n)) {
                        let message = || {
                            let missing: Vec<String> = needed.iter().filter(is_missing).map(|n| code(n)).collect();
                            format!("{} needs {} as well", code(name), and_list(&missing))
                        };
                        out.push(error(ErrorKind::Conflict, key_span(name), at, message));
                    }
                }
                Dependency::Schema(id) => self.check(node, *id, at.hop(), out),
            }
        }
        let mut reported: HashSet<(&str, &str)> = HashSet::new();
        for (name, excluded) in &k.dependent_excluded {
            if present(name) != Presence::Present {
                continue;
            }
            for other in excluded.iter().filter(|o| present(o) == Presence::Present) {
                let pair = if name < other { (name.as_str(), other.as_str()) } else { (other.as_str(), name.as_str()) };
                if !reported.insert(pair) {
                    continue;
                }
                let later = if key_span(name).start > key_span(other).start { name } else { other };
                let message = || format!("{} and {} cannot be used together", code(pair.0), code(pair.1));
                out.push(error(ErrorKind::Conflict, key_span(later), at, message));
            }
        }
        for (names, at_least_one_only) in [(&k.required_xor, false), (&k.required_or, true)] {
            if names.is_empty() {
                continue;
            }
            let states: Vec<Presence> = names.iter().map(|n| present(n)).collect();
            if states.contains(&Presence::Maybe) {
                self.unsure += 1;
                continue;
            }
            let set: Vec<&String> = names.iter().zip(&states).filter(|(_, s)| **s == Presence::Present).map(|(n, _)| n).collect();
            let all = || names.iter().map(|n| code(n)).collect::<Vec<String>>();
            if set.is_empty() {
                let quantity = if at_least_one_only { "at least one" } else { "one" };
                let message = || format!("{} needs {quantity} of {}", at.label.container(), or_list(&all()));
                let e = error(ErrorKind::MissingRequired, at.anchor, at, message);
                out.push(SchemaError { detail: Detail::Missing(names.clone()), ..e });
            } else if set.len() > 1 && !at_least_one_only {
                let message = || {
                    let written: Vec<String> = set.iter().map(|n| code(n)).collect();
                    format!("set only one of {}, not {}", or_list(&all()), and_list(&written))
                };
                out.push(error(ErrorKind::Conflict, key_span(set[1]), at, message));
            }
        }
    }

    fn check_list(&mut self, node: &Node, items: &[Node], k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
        let key = at.label.key().unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            let child = at.child(Label::Item(key), item.span);
            match k.prefix_items.get(i) {
                Some(&schema) => self.check(item, schema, child, out),
                None => {
                    if let Some(schema) = k.items {
                        self.check(item, schema, child, out)
                    }
                }
            }
        }
        if k.unique_items {
            check_unique(items, at, out);
        }
        // `Fn::If` items may vanish and a list parameter may stand for many: counts are only
        // sure without intrinsic functions.
        if items.iter().any(|item| item.intrinsic().is_some()) {
            self.unsure += 1;
            return;
        }
        let count = items.len();
        if let Some(min) = k.min_items.filter(|&min| count < min) {
            let message = || format!("{} must have at least {}, not {count}", at.label.subject(), plural(min, "item", "items"));
            out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        }
        if let Some(max) = k.max_items.filter(|&max| count > max) {
            let message = || format!("{} must have at most {}, not {count}", at.label.subject(), plural(max, "item", "items"));
            out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        }
    }

    /// Checks `node` against `id` on the side: the findings, and whether the outcome can be
    /// trusted (nothing unknowable was skipped on the way).
    fn trial(&mut self, node: &Node, id: Id, at: At) -> (Vec<SchemaError>, bool) {
        let before = self.unsure;
        let mut errors = Vec::new();
        self.check(node, id, at.hop().speculative(), &mut errors);
        let sure = self.unsure == before;
        (errors, sure)
    }

    fn check_not(&mut self, node: &Node, not: Id, at: At, out: &mut Vec<SchemaError>) {
        let (errors, sure) = self.trial(node, not, at);
        if !errors.is_empty() {
            return;
        }
        if !sure {
            self.unsure += 1;
            return;
        }
        let k = self.schema.node(not);
        let message = || match (&k.enumeration, &k.constant, k.required.as_slice()) {
            (Some(_), _, _) | (_, Some(_), _) => {
                let shown = node.as_scalar_string().map_or_else(|| "this value".to_owned(), |s| code(&s));
                format!("{} cannot be {shown}", at.label.subject())
            }
            (_, _, [one]) => format!("{} cannot be used in {} here", code(one), at.label.container()),
            _ => format!("{} has a value that is not allowed here", at.label.subject()),
        };
        out.push(error(ErrorKind::Conflict, node.span, at, message));
    }

    /// `anyOf` (`exactly_one` false) or `oneOf`: explains the failure in terms of the
    /// alternative the user most likely meant.
    fn check_alternatives(&mut self, node: &Node, branches: &[Id], exactly_one: bool, at: At, out: &mut Vec<SchemaError>) {
        // Outside of a trial nothing reads what was unsure, so the outcome only depends on which
        // alternatives pass: an alternative whose tag rules it out cannot, and once one passes
        // `anyOf` is settled. The others are only tried when none passes, to explain why.
        let settle_early = at.explain;
        let mut results: Vec<Option<(Vec<SchemaError>, bool)>> = Vec::with_capacity(branches.len());
        for &branch in branches {
            if settle_early && self.ruled_out_by_tag(node, branch, at.hops + 1) {
                results.push(None);
                continue;
            }
            let (errors, sure) = self.trial(node, branch, at);
            let passed = errors.is_empty();
            results.push(Some((errors, sure)));
            if passed && settle_early && !exactly_one {
                return;
            }
        }
        let passed: Vec<(Id, bool)> = branches
            .iter()
            .zip(&results)
            .filter_map(|(&id, result)| match result {
                Some((errors, sure)) if errors.is_empty() => Some((id, *sure)),
                _ => None,
            })
            .collect();
        if passed.len() > 1 && exactly_one {
            if passed.iter().all(|(_, sure)| *sure) {
                self.explain_too_many(node, &passed.iter().map(|(id, _)| *id).collect::<Vec<_>>(), at, out);
            }
            return;
        }
        if !passed.is_empty() {
            return;
        }
        let mut results: Vec<Vec<SchemaError>> = branches
            .iter()
            .zip(results)
            .map(|(&branch, result)| match result {
                Some((errors, _)) => errors,
                None => self.trial(node, branch, at).0,
            })
            .collect();
        match explain_none(node, &results, exactly_one, at) {
            Explained::Findings(findings) => out.extend(findings),
            // Kept findings get their full messages: check the chosen alternative again.
            Explained::Branch(i) if at.explain => self.check(node, branches[i], at.hop(), out),
            Explained::Branch(i) => out.append(&mut results[i]),
        }
    }

    /// Whether checking `node` against the alternative `id` (entered `hops` hops deep) certainly
    /// finds something because of a property that allows only values other than the one
    /// written: the tag that tells alternatives apart (`Type: S3` where the alternative wants
    /// `SQS`). Mirrors what [`Walker::check`] would report, without the rest of its work.
    fn ruled_out_by_tag(&self, node: &Node, id: Id, hops: u32) -> bool {
        // `check` gives up silently beyond the hop limit, and finds nothing in a mapping whose
        // keys `Fn::Transform` may change.
        if hops > MAX_HOPS || node.intrinsic().is_some() {
            return false;
        }
        let Some(map) = node.as_map() else { return false };
        if map.get("Fn::Transform").is_some() {
            return false;
        }
        let k = self.schema.node(id);
        let tag_mismatch = map.entries.iter().any(|entry| {
            let Some(property) = k.property(&entry.key) else { return false };
            let value = &entry.value;
            let scalar = matches!(value.value, Value::String(_) | Value::Number(_) | Value::Bool(_));
            if !scalar || value.as_str().is_some_and(is_dynamic_reference) {
                return false;
            }
            let p = self.schema.node(property);
            match (&p.enumeration, &p.constant) {
                (Some(allowed), _) => !allowed.iter().any(|v| equals(value, v, p.enum_case_insensitive)),
                (None, Some(constant)) => !equals(value, constant, false),
                (None, None) => false,
            }
        });
        tag_mismatch
            || k.reference.is_some_and(|r| self.ruled_out_by_tag(node, r, hops + 1))
            || k.all_of.iter().any(|&branch| self.ruled_out_by_tag(node, branch, hops + 1))
    }

    /// More than one `oneOf` alternative fits. Only alternatives told apart by the properties
    /// they require can be explained ("set only one of"); overlapping type alternatives are a
    /// quirk of the schema, not a mistake in the template.
    fn explain_too_many(&self, node: &Node, passed: &[Id], at: At, out: &mut Vec<SchemaError>) {
        let Some(map) = node.as_map() else { return };
        let required: Vec<Vec<String>> = passed.iter().map(|&id| self.required_of(id)).collect();
        if required.iter().any(Vec::is_empty) {
            return;
        }
        let Some(second) = required[1].iter().find_map(|name| map.entry(name)) else { return };
        let message = || {
            let alternatives: Vec<String> =
                required.iter().map(|names| and_list(&names.iter().map(|n| code(n)).collect::<Vec<_>>())).collect();
            format!("set only one of {}", or_list(&alternatives))
        };
        out.push(error(ErrorKind::Conflict, second.key_span, at, message));
    }

    fn required_of(&self, id: Id) -> Vec<String> {
        let k = self.schema.node(id);
        let mut names = k.required.clone();
        if let Some(reference) = k.reference {
            names.extend(self.schema.node(reference).required.iter().cloned());
        }
        for &branch in &k.all_of {
            names.extend(self.schema.node(branch).required.iter().cloned());
        }
        names
    }
}

/// Whether a key whose value is `value` is there at deploy time.
fn presence(resolver: &dyn Resolve, value: &Node) -> Presence {
    match value.intrinsic() {
        Some(("Ref", name)) if name.as_str() == Some("AWS::NoValue") => Presence::Absent,
        Some(("Fn::If", _)) => match resolver.resolve(value) {
            Some(possible) if !possible.may_be_absent => Presence::Present,
            Some(possible) if possible.values.is_empty() => Presence::Absent,
            _ => Presence::Maybe,
        },
        _ => Presence::Present,
    }
}

/// The finding, among one alternative's, that its tag (`Type: S3`) does not match.
fn discriminator(errors: &[SchemaError], depth: u32) -> Option<&SchemaError> {
    errors.iter().find(|e| e.depth == depth + 1 && matches!(e.detail, Detail::Choices { .. }))
}

/// How a failed `anyOf`/`oneOf` is reported.
enum Explained {
    Findings(Vec<SchemaError>),
    /// The findings of this alternative, the one the template most likely meant.
    Branch(usize),
}

/// No alternative fits.
fn explain_none(node: &Node, results: &[Vec<SchemaError>], exactly_one: bool, at: At) -> Explained {
    let here = at.depth;
    let all_missing_here = results
        .iter()
        .all(|errors| !errors.is_empty() && errors.iter().all(|e| e.depth == here && matches!(e.detail, Detail::Missing(_))));
    if all_missing_here {
        let message = || {
            let mut alternatives: Vec<String> = Vec::new();
            for errors in results {
                let names: Vec<String> = errors
                    .iter()
                    .flat_map(|e| match &e.detail {
                        Detail::Missing(names) => names.iter().map(|n| code(n)).collect(),
                        _ => Vec::new(),
                    })
                    .collect();
                let alternative = and_list(&names);
                if !alternatives.contains(&alternative) {
                    alternatives.push(alternative);
                }
            }
            let quantity = if exactly_one { "exactly one" } else { "one" };
            format!("{} needs {quantity} of {}", at.label.container(), or_list(&alternatives))
        };
        return Explained::Findings(vec![error(ErrorKind::MissingRequired, at.anchor, at, message)]);
    }
    let wrong_type_here = |errors: &[SchemaError]| errors.iter().any(|e| e.depth == here && e.kind == ErrorKind::WrongType);
    if results.iter().all(|errors| wrong_type_here(errors)) {
        let expected = results
            .iter()
            .flatten()
            .filter_map(|e| match e.detail {
                Detail::Types(types) if e.depth == here => Some(types),
                _ => None,
            })
            .fold(Types::default(), Types::union);
        if !expected.is_any() {
            return Explained::Findings(vec![wrong_type(expected, node, at)]);
        }
    }
    // The alternatives whose shape and tag (`Type: S3`) fit: the user meant one of those.
    let missing_here =
        |errors: &[SchemaError]| errors.iter().filter(|e| e.depth == here && e.kind == ErrorKind::MissingRequired).count();
    let best = results
        .iter()
        .enumerate()
        .filter(|(_, errors)| !wrong_type_here(errors) && discriminator(errors, here).is_none())
        .min_by_key(|(_, errors)| (missing_here(errors), errors.len()));
    if let Some((i, _)) = best {
        return Explained::Branch(i);
    }
    // Every alternative is told apart by a tag and none matches: list the tags.
    let tags: Vec<&SchemaError> =
        results.iter().filter(|errors| !wrong_type_here(errors)).filter_map(|errors| discriminator(errors, here)).collect();
    if let Some(first) = tags.first() {
        if let Detail::Choices { subject, written, .. } = &first.detail {
            let message = if at.explain {
                let mut allowed: Vec<String> = Vec::new();
                for tag in tags.iter().filter(|t| t.span == first.span) {
                    if let Detail::Choices { allowed: values, .. } = &tag.detail {
                        for value in values {
                            if !allowed.contains(value) {
                                allowed.push(value.clone());
                            }
                        }
                    }
                }
                not_allowed_message(subject, written, &allowed)
            } else {
                String::new()
            };
            return Explained::Findings(vec![SchemaError { message, detail: Detail::None, ..(*first).clone() }]);
        }
    }
    match results.iter().enumerate().min_by_key(|(_, errors)| errors.len()) {
        Some((i, _)) => Explained::Branch(i),
        None => Explained::Findings(Vec::new()),
    }
}

/// A finding at `at`, whose message is only written when it can be shown.
fn error(kind: ErrorKind, span: Span, at: At, message: impl FnOnce() -> String) -> SchemaError {
    let message = if at.explain { message() } else { String::new() };
    SchemaError { kind, span, message, related: Vec::new(), resolved: false, depth: at.depth, detail: Detail::None }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `{{resolve:ssm:name}}` and the like: replaced by the value CloudFormation reads from SSM or
/// Secrets Manager at deploy time, which slint cannot see.
fn is_dynamic_reference(text: &str) -> bool {
    text.contains("{{resolve:")
}

/// Whether the value has one of the types, with CloudFormation's coercions.
fn accepts(types: Types, node: &Node) -> bool {
    match &node.value {
        Value::Null => types.has(Types::NULL),
        Value::Bool(_) => types.has(Types::BOOLEAN) || types.has(Types::STRING),
        Value::Number(n) => {
            types.has(Types::NUMBER) || types.has(Types::STRING) || types.has(Types::INTEGER) && n.fract() == 0.0
        }
        Value::String(s) => {
            types.has(Types::STRING)
                || is_dynamic_reference(s) && !types.has(Types::OBJECT) && !types.has(Types::ARRAY)
                || types.has(Types::NUMBER) && s.trim().parse::<f64>().is_ok_and(f64::is_finite)
                || types.has(Types::INTEGER) && s.trim().parse::<i64>().is_ok()
                || types.has(Types::BOOLEAN) && (s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false"))
        }
        Value::Seq(_) => types.has(Types::ARRAY),
        Value::Map(_) => types.has(Types::OBJECT),
    }
}

fn wrong_type(types: Types, node: &Node, at: At) -> SchemaError {
    let message = || {
        let written = match &node.value {
            Value::Number(n) if types.has(Types::INTEGER) && !types.has(Types::NUMBER) => {
                format!("{}, which is not a whole number", format_number(*n))
            }
            Value::String(s) => format!("the string {}", code(s)),
            other => other.kind_name_with_article().to_owned(),
        };
        format!("{} must be {}, not {written}", at.label.subject(), types.describe())
    };
    SchemaError { detail: Detail::Types(types), ..error(ErrorKind::WrongType, node.span, at, message) }
}

fn unknown_property(key: &str, span: Span, k: &Keywords, at: At) -> SchemaError {
    let message = || {
        let known = k.properties.iter().map(|(name, _)| name.as_str());
        let hint = did_you_mean(key, known).map(|s| format!("; did you mean {}?", code(s))).unwrap_or_default();
        format!("{} is not a property of {}{hint}", code(key), at.label.container())
    };
    error(ErrorKind::UnknownProperty, span, at, message)
}

fn read_only(key: &str, span: Span, schema: &CompiledSchema, at: At) -> SchemaError {
    let message = || {
        format!(
            "{} is read-only: CloudFormation sets it when it creates the {}; read it with `Fn::GetAtt` instead of setting it",
            code(key),
            schema.type_name
        )
    };
    error(ErrorKind::UnknownProperty, span, at, message)
}

/// The scalar as the schema's string and number keywords see it.
fn scalar(node: &Node, types: Types) -> Scalar<'_> {
    let numeric = types.has(Types::NUMBER) || types.has(Types::INTEGER);
    match &node.value {
        Value::Number(n) if numeric || types.is_any() => Scalar::Number(*n),
        Value::String(s) if numeric && !types.has(Types::STRING) => {
            s.trim().parse::<f64>().map_or(Scalar::Other, Scalar::Number)
        }
        Value::String(s) => Scalar::Text(Cow::Borrowed(s)),
        Value::Number(_) | Value::Bool(_) if types.has(Types::STRING) => {
            node.as_scalar_string().map_or(Scalar::Other, Scalar::Text)
        }
        _ => Scalar::Other,
    }
}

fn check_scalar(node: &Node, k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
    if node.as_str().is_some_and(is_dynamic_reference) {
        return;
    }
    if let Some(allowed) = &k.enumeration {
        if !allowed.iter().any(|v| equals(node, v, k.enum_case_insensitive)) {
            out.push(not_allowed(node, allowed, at));
            return;
        }
    }
    if let Some(constant) = &k.constant {
        if !equals(node, constant, false) {
            out.push(not_allowed(node, std::slice::from_ref(constant), at));
            return;
        }
    }
    match scalar(node, k.types) {
        Scalar::Text(text) => check_text(node, &text, k, at, out),
        Scalar::Number(n) => check_number(node, n, k, at, out),
        Scalar::Other => {}
    }
}

fn check_text(node: &Node, text: &str, k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
    let length = text.chars().count();
    if let Some(min) = k.min_length.filter(|&min| length < min) {
        let message =
            || format!("{} must be at least {} long, not {length}", at.label.subject(), plural(min, "character", "characters"));
        out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        return;
    }
    if let Some(max) = k.max_length.filter(|&max| length > max) {
        let message =
            || format!("{} must be at most {} long, not {length}", at.label.subject(), plural(max, "character", "characters"));
        out.push(error(ErrorKind::LengthOutOfRange, node.span, at, message));
        return;
    }
    if let Some(pattern) = &k.pattern {
        if pattern.is_match(text) == Some(false) {
            let message = || format!("{} {} does not match the pattern {}", at.label.subject(), code(text), code(&pattern.source));
            out.push(error(ErrorKind::PatternMismatch, node.span, at, message));
        }
    }
}

fn check_number(node: &Node, n: f64, k: &Keywords, at: At, out: &mut Vec<SchemaError>) {
    let (rule, limit) = if let Some(min) = k.minimum.filter(|&min| n < min) {
        ("at least", min)
    } else if let Some(max) = k.maximum.filter(|&max| n > max) {
        ("at most", max)
    } else if let Some(min) = k.exclusive_minimum.filter(|&min| n <= min) {
        ("greater than", min)
    } else if let Some(max) = k.exclusive_maximum.filter(|&max| n >= max) {
        ("less than", max)
    } else if let Some(step) = k.multiple_of.filter(|&step| ((n / step) - (n / step).round()).abs() > 1e-9) {
        ("a multiple of", step)
    } else {
        return;
    };
    let message = || format!("{} must be {rule} {}, not {}", at.label.subject(), format_number(limit), format_number(n));
    out.push(error(ErrorKind::OutOfRange, node.span, at, message));
}

/// Whether a template value equals a schema value the way CloudFormation compares them: as
/// text for scalars (`30` and `"30"` are the same value).
fn equals(node: &Node, value: &Json, case_insensitive: bool) -> bool {
    match (value, &node.value) {
        (Json::String(expected), _) => match node.as_scalar_string() {
            Some(actual) if case_insensitive => actual.eq_ignore_ascii_case(expected),
            Some(actual) => actual == expected.as_str(),
            None => false,
        },
        (Json::Number(expected), _) => expected.as_f64().is_some_and(|e| node.as_f64() == Some(e)),
        (Json::Bool(expected), _) => node.as_bool() == Some(*expected),
        (Json::Null, Value::Null) => true,
        (Json::Array(expected), Value::Seq(items)) => {
            expected.len() == items.len() && expected.iter().zip(items).all(|(e, item)| equals(item, e, case_insensitive))
        }
        (Json::Object(expected), Value::Map(map)) => {
            expected.len() == map.len()
                && expected.iter().all(|(key, e)| map.get(key).is_some_and(|item| equals(item, e, case_insensitive)))
        }
        _ => false,
    }
}

fn json_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_number),
        other => other.to_string(),
    }
}

fn not_allowed(node: &Node, allowed: &[Json], at: At) -> SchemaError {
    // A single allowed value is the kind that tells alternatives apart (`Type: S3`): its words
    // are kept as detail even while speculating, for explaining which alternative was meant.
    let tag = allowed.len() == 1;
    if !at.explain && !tag {
        return error(ErrorKind::ValueNotAllowed, node.span, at, String::new);
    }
    let choices: Vec<String> = allowed.iter().map(json_text).collect();
    let written = node.as_scalar_string().map_or_else(|| node.value.kind_name_with_article().to_owned(), Cow::into_owned);
    let subject = at.label.subject();
    let message = || not_allowed_message(&subject, &written, &choices);
    let e = error(ErrorKind::ValueNotAllowed, node.span, at, message);
    let detail = if tag { Detail::Choices { subject, written, allowed: choices } } else { Detail::None };
    SchemaError { detail, ..e }
}

/// How many allowed values a message lists before it only counts them.
const LISTED_CHOICES: usize = 12;

fn not_allowed_message(subject: &str, written: &str, choices: &[String]) -> String {
    let hint = did_you_mean(written, choices.iter().map(String::as_str));
    let quoted: Vec<String> = choices.iter().map(|c| code(c)).collect();
    let options = if choices.len() <= LISTED_CHOICES {
        or_list(&quoted)
    } else {
        format!("one of {} allowed values", choices.len())
    };
    let must = if choices.len() == 1 || choices.len() > LISTED_CHOICES { options } else { format!("one of {options}") };
    match hint {
        Some(hint) => format!("{subject} must be {must}, not {}; did you mean {}?", code(written), code(hint)),
        None => format!("{subject} must be {must}, not {}", code(written)),
    }
}

/// Items written the same way twice. Identical intrinsic functions give identical values, so
/// they count too; an item that is only `AWS::NoValue` is no item at all.
fn check_unique(items: &[Node], at: At, out: &mut Vec<SchemaError>) {
    let is_no_value = |item: &Node| matches!(item.intrinsic(), Some(("Ref", name)) if name.as_str() == Some("AWS::NoValue"));
    for (i, item) in items.iter().enumerate() {
        if is_no_value(item) {
            continue;
        }
        let Some(first) = items[..i].iter().position(|earlier| same_value(earlier, item)) else { continue };
        let message = || {
            let shown = match item.as_scalar_string() {
                Some(text) => code(&text),
                None => "the same item".to_owned(),
            };
            format!("{} lists {shown} twice (items {} and {}); each item must be unique", at.label.subject(), first + 1, i + 1)
        };
        let mut e = error(ErrorKind::DuplicateItem, item.span, at, message);
        e.related.push((items[first].span, "first listed here".to_owned()));
        out.push(e);
    }
}

/// Structural equality, ignoring where the values were written.
fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.entries.iter().all(|e| y.get(&e.key).is_some_and(|other| same_value(&e.value, other)))
        }
        (x, y) => x == y,
    }
}
