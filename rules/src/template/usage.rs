//! Which parameters, conditions and mappings a template mentions anywhere, for the
//! unused-parameter, unused-condition and unused-mapping rules.
//!
//! The reference index only records statically named references in the sections CloudFormation
//! resolves. Calling something *unused* needs the opposite bias: every mention counts, in every
//! section (top-level `Metadata`, `Rules` with `Fn::ValueOf`, `Transform` parameters), inside
//! `Fn::ForEach` fragments, and a `Fn::FindInMap` whose mapping name is itself computed.

use std::collections::HashSet;

use slint_linter::syntax::{Node, Value};
use slint_linter::template::{sub_variables, Template, SAM_TRANSFORM};

/// Transforms run by CloudFormation itself whose behaviour is known: they do not read
/// parameters, conditions or mappings behind the template's back.
const KNOWN_TRANSFORMS: &[&str] =
    &[SAM_TRANSFORM, "AWS::LanguageExtensions", "AWS::SecretsManager-2020-07-23", "AWS::CodeDeployBlueGreen"];

#[derive(Debug, Default)]
pub(crate) struct Usage {
    /// Names used by `Ref`, as `${Name}` in `Fn::Sub`, or by `Fn::ValueOf` in `Rules`.
    names: NameSet,
    conditions: NameSet,
    mappings: NameSet,
    /// The template runs a macro (`AWS::Include` or a custom one) that can read anything.
    pub has_macro: bool,
}

impl Usage {
    pub fn of(template: &Template) -> Usage {
        let mut usage = Usage { has_macro: has_macro_transform(template), ..Usage::default() };
        for entry in &template.root.entries {
            // Parameters cannot refer to anything; walking them would count a parameter whose
            // `Default` happens to look like a reference.
            if entry.key != "Parameters" {
                usage.visit(template, &entry.value);
            }
        }
        usage
    }

    pub fn uses_name(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub fn uses_condition(&self, name: &str) -> bool {
        self.conditions.contains(name)
    }

    pub fn uses_mapping(&self, name: &str) -> bool {
        self.mappings.contains(name)
    }

    fn visit(&mut self, template: &Template, node: &Node) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if let Some((function, args)) = node.intrinsic() {
                self.intrinsic(template, function, args);
            }
            match &node.value {
                Value::Seq(items) => stack.extend(items),
                Value::Map(map) => {
                    for entry in &map.entries {
                        // A resource's or output's `Condition` attribute, and `{Condition: Name}`
                        // inside `Conditions`; also reached inside `Fn::ForEach` fragments.
                        // IAM policies have `Condition` blocks too; those are mappings of operators.
                        let names_condition = entry.value.as_str().is_some()
                            || entry.value.intrinsic().is_some_and(|(function, _)| function == "Fn::Sub");
                        if entry.key == "Condition" && names_condition {
                            self.conditions.add(template, &entry.value);
                        }
                        stack.push(&entry.value);
                    }
                }
                _ => {}
            }
        }
    }

    fn intrinsic(&mut self, template: &Template, function: &str, args: &Node) {
        let first = || args.as_seq().and_then(<[Node]>::first);
        match function {
            "Ref" => self.names.add(template, args),
            "Fn::Sub" => self.sub(args),
            "Fn::If" => {
                if let Some(condition) = first() {
                    self.conditions.add(template, condition);
                }
            }
            "Fn::FindInMap" => {
                if let Some(mapping) = first() {
                    self.mappings.add(template, mapping);
                }
            }
            // `Rules` name parameters directly: `Fn::ValueOf: [SubnetParameter, VpcId]`.
            "Fn::ValueOf" => {
                if let Some(parameter) = first() {
                    self.names.add(template, parameter);
                }
            }
            "Fn::Transform" => self.has_macro = true,
            _ => {}
        }
    }

    fn sub(&mut self, args: &Node) {
        let (text, locals) = match &args.value {
            Value::String(text) => (text.as_str(), None),
            Value::Seq(items) => match items.as_slice() {
                [text, rest @ ..] => match text.as_str() {
                    Some(text) => (text, rest.first().and_then(Node::as_map)),
                    None => return,
                },
                [] => return,
            },
            _ => return,
        };
        for variable in sub_variables(text) {
            if locals.is_some_and(|locals| locals.get(variable.name).is_some()) {
                continue;
            }
            let target = variable.name.split_once('.').map_or(variable.name, |(target, _)| target);
            self.names.exact.insert(target.to_owned());
        }
    }
}

/// Names a template uses: written out, computed from a parameter, or built by `Fn::Sub` inside
/// `Fn::ForEach` (`Ref: !Sub Param${Identifier}`), where any text can stand in for a placeholder.
#[derive(Debug, Default)]
struct NameSet {
    exact: HashSet<String>,
    /// The literal parts of a `Fn::Sub` name, around its placeholders.
    patterns: Vec<Vec<String>>,
    /// Some name is computed in a way that cannot be followed, so every name may be used.
    anything: bool,
}

impl NameSet {
    /// Records the names `node` can stand for.
    fn add(&mut self, template: &Template, node: &Node) {
        if let Some(name) = node.as_str() {
            self.exact.insert(name.to_owned());
            return;
        }
        match node.intrinsic() {
            Some(("Fn::Sub", args)) => {
                let text = args.as_str().or_else(|| args.as_seq()?.first()?.as_str());
                match text {
                    Some(text) => self.patterns.push(literal_parts(text)),
                    None => self.anything = true,
                }
            }
            Some(("Fn::If", args)) => match args.as_seq() {
                Some([_, when_true, when_false]) => {
                    self.add(template, when_true);
                    self.add(template, when_false);
                }
                _ => self.anything = true,
            },
            // A parameter names one of its AllowedValues; without them it can name anything,
            // whatever its Default.
            Some(("Ref", name)) => {
                let allowed = name
                    .as_str()
                    .and_then(|name| template.parameter(name))
                    .and_then(|parameter| parameter.node.get("AllowedValues")?.as_seq())
                    .filter(|allowed| !allowed.is_empty());
                match allowed {
                    Some(allowed) => {
                        for value in allowed {
                            match value.as_scalar_string() {
                                Some(name) => _ = self.exact.insert(name.into_owned()),
                                None => self.anything = true,
                            }
                        }
                    }
                    None => self.anything = true,
                }
            }
            _ => self.anything = true,
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.anything || self.exact.contains(name) || self.patterns.iter().any(|parts| matches_parts(parts, name))
    }
}

/// The text of a `Fn::Sub` string around its `${...}` placeholders (and `&{...}`, the
/// `Fn::ForEach` form that strips non-alphanumerics).
fn literal_parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut rest = text;
    while let Some(at) = rest.find(['$', '&']) {
        let (before, from) = rest.split_at(at);
        parts.last_mut().expect("starts with one part").push_str(before);
        match (from.get(1..2), from.find('}')) {
            (Some("{"), Some(close)) if !from[2..].starts_with('!') => {
                parts.push(String::new());
                rest = &from[close + 1..];
            }
            _ => {
                parts.last_mut().expect("starts with one part").push_str(&from[..1]);
                rest = &from[1..];
            }
        }
    }
    parts.last_mut().expect("starts with one part").push_str(rest);
    parts
}

/// Whether `name` is the parts joined with any text in between.
fn matches_parts(parts: &[String], name: &str) -> bool {
    let [first, middle @ .., last] = parts else {
        return parts.first().is_some_and(|only| only == name);
    };
    let Some(mut rest) = name.strip_prefix(first.as_str()) else { return false };
    for part in middle {
        match rest.find(part.as_str()) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last.as_str())
}

/// Whether the top-level `Transform` names a macro other than the known AWS transforms; an
/// `AWS::Include` written as `{Name, Parameters}` counts.
fn has_macro_transform(template: &Template) -> bool {
    let Some(transform) = template.section("Transform") else { return false };
    let items = match &transform.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![transform],
    };
    items.into_iter().any(|item| match item.as_str() {
        Some(name) => !KNOWN_TRANSFORMS.contains(&name),
        None => true,
    })
}
