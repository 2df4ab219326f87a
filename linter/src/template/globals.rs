//! SAM's `Globals` section merged into each resource, the way the SAM transform does it:
//! a resource's own scalar wins, mappings merge key by key, lists concatenate (globals first).

use std::borrow::Cow;

use crate::syntax::{Map, Node, Value};

/// The `Globals` key that applies to a resource type.
pub fn globals_key(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        "AWS::Serverless::LayerVersion" => "LayerVersion",
        "AWS::Serverless::CapacityProvider" => "CapacityProvider",
        "AWS::Serverless::WebSocketApi" => "WebSocketApi",
        _ => return None,
    })
}

pub(super) fn merged_properties<'a>(
    resource: &'a Node,
    type_name: Option<&str>,
    globals: Option<&'a Node>,
) -> Option<Cow<'a, Node>> {
    let own = resource.get("Properties");
    let Some(global) = type_name.and_then(globals_key).and_then(|key| globals?.get(key)).filter(|g| g.as_map().is_some())
    else {
        return own.map(Cow::Borrowed);
    };
    let ignored = IgnoreGlobals::of(resource);
    if ignored == IgnoreGlobals::All {
        return own.map(Cow::Borrowed);
    }
    let global_map = global.as_map().expect("filtered to mappings");
    let kept = Map {
        entries: global_map.entries.iter().filter(|e| !ignored.ignores(&e.key)).cloned().collect(),
    };
    if kept.is_empty() {
        return own.map(Cow::Borrowed);
    }
    let kept = Node::new(global.span, Value::Map(kept));
    Some(Cow::Owned(match own {
        Some(own) if own.as_map().is_some() => merge(&kept, own),
        // Properties written as something other than a mapping is a schema error reported
        // elsewhere; keep what the user wrote so that finding points at their text.
        Some(own) => own.clone(),
        None => kept,
    }))
}

#[derive(PartialEq, Eq)]
enum IgnoreGlobals<'a> {
    None,
    All,
    Some(Vec<&'a str>),
}

impl<'a> IgnoreGlobals<'a> {
    fn of(resource: &'a Node) -> Self {
        let Some(value) = resource.get("IgnoreGlobals").or_else(|| resource.get("Properties")?.get("IgnoreGlobals")) else {
            return IgnoreGlobals::None;
        };
        match &value.value {
            Value::String(s) if s == "*" => IgnoreGlobals::All,
            Value::String(s) => IgnoreGlobals::Some(vec![s.as_str()]),
            Value::Seq(items) => IgnoreGlobals::Some(items.iter().filter_map(Node::as_str).collect()),
            _ => IgnoreGlobals::None,
        }
    }

    fn ignores(&self, key: &str) -> bool {
        match self {
            IgnoreGlobals::None => false,
            IgnoreGlobals::All => true,
            IgnoreGlobals::Some(keys) => keys.contains(&key),
        }
    }
}

/// `local` overrides `global`: mappings merge recursively, lists concatenate, anything else
/// (scalars, intrinsic functions, mismatched kinds) is taken from `local`.
fn merge(global: &Node, local: &Node) -> Node {
    if global.intrinsic().is_some() || local.intrinsic().is_some() {
        return local.clone();
    }
    match (&global.value, &local.value) {
        (Value::Map(g), Value::Map(l)) => {
            let mut entries = Vec::with_capacity(g.len() + l.len());
            for entry in &g.entries {
                match l.entry(&entry.key) {
                    Some(own) => entries.push(crate::syntax::Entry {
                        key: own.key.clone(),
                        key_span: own.key_span,
                        value: merge(&entry.value, &own.value),
                    }),
                    None => entries.push(entry.clone()),
                }
            }
            entries.extend(l.entries.iter().filter(|e| g.entry(&e.key).is_none()).cloned());
            Node { value: Value::Map(Map { entries }), ..local.clone_shallow() }
        }
        (Value::Seq(g), Value::Seq(l)) => {
            Node { value: Value::Seq(g.iter().chain(l).cloned().collect()), ..local.clone_shallow() }
        }
        _ => local.clone(),
    }
}

impl Node {
    /// The node's span and tag without its children.
    fn clone_shallow(&self) -> Node {
        Node { span: self.span, value: Value::Null, short_form: self.short_form }
    }
}
