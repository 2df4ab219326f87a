//! One definition, several deployments: every combination of the conditions and parameter values
//! a table's properties depend on, each resolved into a plain tree that the table model reads.
//!
//! Resolving each `Fn::If` and `Ref` on its own would pair values that can never occur together
//! (`AttributeName: !Ref KeyName` in two places taking two different AllowedValues), so the
//! choices are made once per scenario and applied everywhere in the definition.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::span::Span;
use crate::syntax::{Entry, Map, Node, Value};
use crate::template::Template;

use super::ParameterSource;

/// Beyond this many scenarios, further parameters and conditions stay unresolved (unknown).
pub(super) const MAX_SCENARIOS: usize = 64;

/// How deep conditions may refer to conditions before the evaluator gives up.
const MAX_CONDITION_DEPTH: usize = 16;

/// One value a parameter can take.
#[derive(Clone, Debug)]
struct Choice<'t> {
    value: Cow<'t, Node>,
    /// Where the value is written in `Parameters`; `None` for a deploy-time override.
    written_at: Option<Span>,
    /// True when the parameter can take no other value (AllowedValues or an override); a value
    /// that is only a Default may be overridden at deployment, so conditions are not decided by it.
    exhaustive: bool,
}

/// The choices that fix one deployment of a definition.
#[derive(Clone, Debug, Default)]
pub(super) struct Scenario<'t> {
    parameters: BTreeMap<&'t str, Choice<'t>>,
    conditions: BTreeMap<&'t str, bool>,
}

/// Every scenario of `properties`, at most [`MAX_SCENARIOS`]; always at least one.
pub(super) fn scenarios<'t>(template: &'t Template<'t>, properties: &'t Node) -> Vec<Scenario<'t>> {
    let (mut parameters, conditions) = choice_points(template, properties);
    for condition in &conditions {
        let mut seen = BTreeSet::new();
        parameters_of_condition(template, condition, &mut parameters, &mut seen, 0);
    }

    let mut combinations: Vec<BTreeMap<&'t str, Choice<'t>>> = vec![BTreeMap::new()];
    for name in parameters {
        let choices = choices_of(template, name);
        if choices.is_empty() || combinations.len() * choices.len() > MAX_SCENARIOS {
            continue; // left unresolved: rules treat it as unknown
        }
        combinations = combinations
            .into_iter()
            .flat_map(|combination| {
                choices.iter().map(move |choice| {
                    let mut next = combination.clone();
                    next.insert(name, choice.clone());
                    next
                })
            })
            .collect();
    }

    let budget = MAX_SCENARIOS / combinations.len().max(1);
    let mut out = Vec::new();
    for parameters in combinations {
        let mut decided = BTreeMap::new();
        let mut free = Vec::new();
        for &condition in &conditions {
            match decide(template, condition, &parameters, 0) {
                Some(value) => {
                    decided.insert(condition, value);
                }
                None => free.push(condition),
            }
        }
        // Conditions past the budget stay undecided, and what depends on them unknown.
        let mut room = budget;
        free.retain(|_| {
            if room >= 2 {
                room /= 2;
                true
            } else {
                false
            }
        });
        for mask in 0..(1usize << free.len()) {
            let mut conditions = decided.clone();
            for (bit, condition) in free.iter().enumerate() {
                conditions.insert(*condition, mask & (1 << bit) != 0);
            }
            out.push(Scenario { parameters: parameters.clone(), conditions });
        }
    }
    if out.is_empty() {
        out.push(Scenario::default());
    }
    out
}

/// Parameters named by `Ref` and conditions named by `Fn::If` anywhere in `node`, sorted.
fn choice_points<'t>(template: &'t Template<'t>, node: &'t Node) -> (BTreeSet<&'t str>, BTreeSet<&'t str>) {
    let mut parameters = BTreeSet::new();
    let mut conditions = BTreeSet::new();
    node.walk(&mut |n| match n.intrinsic() {
        Some(("Ref", name)) => {
            if let Some(name) = name.as_str().filter(|name| template.parameter(name).is_some()) {
                parameters.insert(name);
            }
        }
        Some(("Fn::If", args)) => {
            if let Some(name) = args.as_seq().and_then(|a| a.first()).and_then(Node::as_str) {
                conditions.insert(name);
            }
        }
        _ => {}
    });
    (parameters, conditions)
}

/// Adds the parameters a condition reads, following `Condition` references.
fn parameters_of_condition<'t>(
    template: &'t Template<'t>,
    name: &str,
    parameters: &mut BTreeSet<&'t str>,
    seen: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > MAX_CONDITION_DEPTH || !seen.insert(name.to_owned()) {
        return;
    }
    let Some(condition) = template.condition(name) else { return };
    condition.node.walk(&mut |n| {
        if let Some(("Ref", target)) = n.intrinsic() {
            if let Some(target) = target.as_str().filter(|t| template.parameter(t).is_some()) {
                parameters.insert(target);
            }
        }
    });
    let mut nested = Vec::new();
    condition.node.walk(&mut |n| {
        if let Some(target) = n.as_map().filter(|m| m.len() == 1).and_then(|m| m.get("Condition")).and_then(Node::as_str) {
            nested.push(target.to_owned());
        }
    });
    for target in nested {
        parameters_of_condition(template, &target, parameters, seen, depth + 1);
    }
}

/// The values a parameter can take at deployment, in the evaluator's terms: an override, else
/// its AllowedValues, else its Default; nothing when none is known.
fn choices_of<'t>(template: &'t Template<'t>, name: &'t str) -> Vec<Choice<'t>> {
    let Some(parameter) = template.parameter(name) else { return Vec::new() };
    if let Some(value) = template.parameter_overrides.get(name) {
        let node = Node::new(Span::default(), Value::String(value.as_str().into()));
        return vec![Choice { value: Cow::Owned(node), written_at: None, exhaustive: true }];
    }
    if let Some(allowed) = parameter.node.get("AllowedValues").and_then(Node::as_seq).filter(|a| !a.is_empty()) {
        return allowed
            .iter()
            .map(|value| Choice { value: Cow::Borrowed(value), written_at: Some(value.span), exhaustive: true })
            .collect();
    }
    match parameter.node.get("Default") {
        Some(default) => vec![Choice { value: Cow::Borrowed(default), written_at: Some(default.span), exhaustive: false }],
        None => Vec::new(),
    }
}

/// A condition's truth under the chosen parameter values; `None` when it depends on something
/// else (the region, a parameter that only has a Default).
fn decide(template: &Template, name: &str, parameters: &BTreeMap<&str, Choice>, depth: usize) -> Option<bool> {
    if depth > MAX_CONDITION_DEPTH {
        return None;
    }
    decide_node(template, template.condition(name)?.node, parameters, depth + 1)
}

fn decide_node(template: &Template, node: &Node, parameters: &BTreeMap<&str, Choice>, depth: usize) -> Option<bool> {
    if depth > MAX_CONDITION_DEPTH {
        return None;
    }
    if let Some(name) = node.as_map().filter(|m| m.len() == 1).and_then(|m| m.get("Condition")).and_then(Node::as_str) {
        return decide(template, name, parameters, depth + 1);
    }
    let (function, args) = node.intrinsic()?;
    let operands = || args.as_seq().unwrap_or_default().iter().map(|a| decide_node(template, a, parameters, depth + 1));
    match function {
        "Fn::Equals" => {
            let [left, right] = args.as_seq()? else { return None };
            Some(condition_text(template, left, parameters)? == condition_text(template, right, parameters)?)
        }
        "Fn::Not" => {
            let [operand] = args.as_seq()? else { return None };
            decide_node(template, operand, parameters, depth + 1).map(|b| !b)
        }
        "Fn::And" => {
            let values: Vec<Option<bool>> = operands().collect();
            if values.contains(&Some(false)) {
                Some(false)
            } else if values.iter().all(|v| *v == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        "Fn::Or" => {
            let values: Vec<Option<bool>> = operands().collect();
            if values.contains(&Some(true)) {
                Some(true)
            } else if values.iter().all(|v| *v == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A side of `Fn::Equals` as text, when it is fixed by the scenario.
fn condition_text(template: &Template, node: &Node, parameters: &BTreeMap<&str, Choice>) -> Option<String> {
    if let Some(("Ref", name)) = node.intrinsic() {
        let name = name.as_str()?;
        if template.parameter(name).is_some() {
            let choice = parameters.get(name).filter(|c| c.exhaustive)?;
            return choice.value.as_scalar_string().map(Cow::into_owned);
        }
        return None;
    }
    if node.intrinsic().is_some() {
        return match template.possible_strings(node)?.as_slice() {
            [(one, _)] => Some(one.clone()),
            _ => None,
        };
    }
    node.as_scalar_string().map(Cow::into_owned)
}

/// A node with one scenario's choices applied.
pub(super) enum Resolved<'n> {
    Present(Cow<'n, Node>),
    /// `Ref: AWS::NoValue`: the entry or list item disappears.
    Absent,
}

/// Applies one scenario to a tree, remembering which values came from parameters.
pub(super) struct Specializer<'s, 't> {
    template: &'t Template<'t>,
    scenario: &'s Scenario<'t>,
    /// By the span of the `Ref` that was replaced.
    pub(super) origins: HashMap<Span, ParameterSource>,
}

impl<'s, 't> Specializer<'s, 't> {
    pub(super) fn new(template: &'t Template<'t>, scenario: &'s Scenario<'t>) -> Self {
        Specializer { template, scenario, origins: HashMap::new() }
    }

    pub(super) fn apply<'n>(&mut self, node: &'n Node) -> Resolved<'n>
    where
        't: 'n,
    {
        self.resolve(node, 0)
    }

    fn resolve<'n>(&mut self, node: &'n Node, depth: usize) -> Resolved<'n>
    where
        't: 'n,
    {
        if depth > crate::syntax::MAX_DEPTH {
            return Resolved::Present(Cow::Borrowed(node));
        }
        if let Some((function, args)) = node.intrinsic() {
            return self.resolve_intrinsic(node, function, args, depth);
        }
        match &node.value {
            Value::Map(map) => {
                let mut changed = false;
                let mut entries = Vec::with_capacity(map.len());
                for entry in &map.entries {
                    match self.resolve(&entry.value, depth + 1) {
                        Resolved::Present(Cow::Borrowed(value)) if std::ptr::eq(value, &entry.value) => {
                            entries.push(Cow::Borrowed(entry));
                        }
                        Resolved::Present(value) => {
                            changed = true;
                            entries.push(Cow::Owned(Entry { key: entry.key.clone(), key_span: entry.key_span, value: value.into_owned() }));
                        }
                        Resolved::Absent => changed = true,
                    }
                }
                if !changed {
                    return Resolved::Present(Cow::Borrowed(node));
                }
                let entries = entries.into_iter().map(Cow::into_owned).collect();
                Resolved::Present(Cow::Owned(Node { value: Value::Map(Map { entries }), ..shallow(node) }))
            }
            Value::Seq(items) => {
                let mut changed = false;
                let mut resolved = Vec::with_capacity(items.len());
                for item in items {
                    match self.resolve(item, depth + 1) {
                        Resolved::Present(Cow::Borrowed(value)) if std::ptr::eq(value, item) => resolved.push(Cow::Borrowed(item)),
                        Resolved::Present(value) => {
                            changed = true;
                            resolved.push(value);
                        }
                        Resolved::Absent => changed = true,
                    }
                }
                if !changed {
                    return Resolved::Present(Cow::Borrowed(node));
                }
                let items = resolved.into_iter().map(Cow::into_owned).collect();
                Resolved::Present(Cow::Owned(Node { value: Value::Seq(items), ..shallow(node) }))
            }
            _ => Resolved::Present(Cow::Borrowed(node)),
        }
    }

    fn resolve_intrinsic<'n>(&mut self, node: &'n Node, function: &str, args: &'n Node, depth: usize) -> Resolved<'n>
    where
        't: 'n,
    {
        let unknown = Resolved::Present(Cow::Borrowed(node));
        match function {
            "Ref" => {
                let Some(name) = args.as_str() else { return unknown };
                if name == "AWS::NoValue" {
                    return Resolved::Absent;
                }
                let Some(choice) = self.scenario.parameters.get(name) else { return unknown };
                let value = parameter_value(self.template, name, &choice.value, node.span);
                self.origins.insert(node.span, ParameterSource { name: name.to_owned(), value_span: choice.written_at });
                Resolved::Present(Cow::Owned(value))
            }
            "Fn::If" => {
                let Some([condition, when_true, when_false]) = args.as_seq() else { return unknown };
                let Some(value) = condition.as_str().and_then(|c| self.scenario.conditions.get(c)) else { return unknown };
                self.resolve(if *value { when_true } else { when_false }, depth + 1)
            }
            _ => {
                // Sub, Join, FindInMap and friends: take the evaluator's answer when it is one value.
                let Some(possible) = self.template.possible_values(node) else { return unknown };
                match (possible.values.as_slice(), possible.may_be_absent) {
                    ([one], false) => Resolved::Present(one.clone()),
                    ([], true) => Resolved::Absent,
                    _ => unknown,
                }
            }
        }
    }
}

/// The parameter's chosen value placed where the `Ref` was written; list parameters become lists.
fn parameter_value(template: &Template, name: &str, value: &Node, at: Span) -> Node {
    let is_list = template
        .parameter(name)
        .and_then(|p| p.node.get("Type"))
        .and_then(Node::as_str)
        .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
    match (is_list, value.as_scalar_string()) {
        (true, Some(text)) => Node::new(
            at,
            Value::Seq(text.split(',').map(|item| Node::new(at, Value::String(item.trim().into()))).collect()),
        ),
        (_, Some(text)) => Node::new(at, Value::String(text.into())),
        _ => Node { span: at, ..value.clone() },
    }
}

fn shallow(node: &Node) -> Node {
    Node { span: node.span, value: Value::Null, short_form: node.short_form }
}
