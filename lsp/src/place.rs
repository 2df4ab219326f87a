//! Where in a resource's properties a located position is, as a path its type's schema can
//! follow.

use slint_linter::syntax::Node;

use crate::locate::{Located, Step};
use crate::schema::PathKey;

/// The resource types whose properties `Globals` sections set, by their `Globals` key.
pub const GLOBALS_TYPES: &[(&str, &str)] = &[
    ("Function", "AWS::Serverless::Function"),
    ("Api", "AWS::Serverless::Api"),
    ("HttpApi", "AWS::Serverless::HttpApi"),
    ("SimpleTable", "AWS::Serverless::SimpleTable"),
    ("StateMachine", "AWS::Serverless::StateMachine"),
    ("LayerVersion", "AWS::Serverless::LayerVersion"),
    ("CapacityProvider", "AWS::Serverless::CapacityProvider"),
    ("WebSocketApi", "AWS::Serverless::WebSocketApi"),
];

pub fn globals_type(key: &str) -> Option<&'static str> {
    GLOBALS_TYPES.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// A path below a resource type's `Properties` (or a `Globals` kind).
#[derive(Debug)]
pub struct PropertyPlace<'a> {
    pub type_name: String,
    pub path: Vec<PathKey<'a>>,
    /// For each key of `path`, the `Type` written in the mapping that holds it.
    pub discriminators: Vec<Option<String>>,
}

impl PropertyPlace<'_> {
    pub fn discriminator(&self, i: usize) -> Option<String> {
        self.discriminators.get(i).cloned().flatten()
    }
}

/// Whether a mapping entry is an intrinsic function call's key rather than a property.
pub fn is_function_key(key: &str) -> bool {
    key == "Ref" || key.starts_with("Fn::")
}

pub fn property_place<'a>(located: &Located<'a>, resource_type: impl Fn(&str) -> Option<String>) -> Option<PropertyPlace<'a>> {
    let steps = &located.steps;
    let (type_name, start, container) = match steps.as_slice() {
        [Step::Entry(resources), Step::Entry(resource), Step::Entry(properties), ..]
            if resources.key == "Resources" && properties.key == "Properties" =>
        {
            (resource_type(&resource.key)?, 3, &properties.value)
        }
        [Step::Entry(globals), Step::Entry(kind), ..] if globals.key == "Globals" => {
            (globals_type(&kind.key)?.to_owned(), 2, &kind.value)
        }
        _ => return None,
    };
    let mut path = Vec::new();
    let mut discriminators = Vec::new();
    let mut container: &Node = container;
    for step in &steps[start..] {
        match step {
            Step::Entry(entry) if is_function_key(&entry.key) => break,
            Step::Entry(entry) => {
                path.push(PathKey::Key(entry.key.as_str()));
                discriminators.push(container.get("Type").and_then(Node::as_str).map(str::to_owned));
            }
            Step::Item(..) => {
                path.push(PathKey::Item);
                discriminators.push(None);
            }
        }
        container = step.node();
    }
    Some(PropertyPlace { type_name, path, discriminators })
}
