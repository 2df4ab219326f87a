//! Reading resource type schemas for people: the description, type, allowed values and
//! required-ness of a property at any depth, the properties a mapping may have, and the
//! attributes `Fn::GetAtt` can read.
//!
//! A place in a schema can be several subschemas at once (`allOf` parts, `anyOf` branches
//! behind `$ref`s); [`Spot`] keeps them together, and narrows the alternatives by the `Type`
//! written next to the key when the schema tells them apart that way (SAM event sources).

use std::sync::Arc;

use serde_json::Value;

use crate::knowledge;

/// `$ref` chains and `allOf` nesting deeper than this are treated as cycles.
const MAX_EXPANSION: usize = 24;

/// A resource type's schema, shared with the bundle.
pub struct TypeSchema {
    root: Arc<Value>,
}

impl TypeSchema {
    pub fn of(type_name: &str) -> Option<TypeSchema> {
        slint_schemas::schema(type_name).map(|root| TypeSchema { root })
    }

    /// The place of the resource's `Properties`.
    pub fn properties(&self) -> Spot<'_> {
        Spot::new(&self.root, vec![&self.root])
    }

    pub fn description(&self) -> Option<&str> {
        self.root.get("description").and_then(Value::as_str)
    }
}

/// One step from a mapping to a value: a key, or into the items of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKey<'p> {
    Key(&'p str),
    Item,
}

#[derive(Clone, Debug)]
pub struct Spot<'s> {
    root: &'s Value,
    /// The subschemas that apply here, `$ref`s followed and `allOf` flattened.
    schemas: Vec<&'s Value>,
}

impl<'s> Spot<'s> {
    fn new(root: &'s Value, schemas: Vec<&'s Value>) -> Spot<'s> {
        let mut expanded = Vec::new();
        for schema in schemas {
            expand(root, schema, &mut expanded, 0);
        }
        Spot { root, schemas: expanded }
    }

    /// Follows a path of keys and list items; `discriminator(i)` is the `Type` written in the
    /// mapping that holds step `i`, used to pick among alternatives.
    pub fn descend<'p>(self, path: &[PathKey<'p>], discriminator: impl Fn(usize) -> Option<String>) -> Option<Spot<'s>> {
        let mut spot = self;
        for (i, step) in path.iter().enumerate() {
            spot = match step {
                PathKey::Key(key) => spot.narrowed(discriminator(i).as_deref()).property(key)?,
                PathKey::Item => spot.items()?,
            };
        }
        Some(spot)
    }

    /// Keeps the alternatives whose own `Type` allows `type_value`, when some do.
    pub fn narrowed(self, type_value: Option<&str>) -> Spot<'s> {
        let Some(type_value) = type_value else { return self };
        let fits = |schema: &&Value| {
            let Some(type_schema) = schema.get("properties").and_then(|p| p.get("Type")) else { return false };
            let spot = Spot::new(self.root, vec![type_schema]);
            spot.enum_values().iter().any(|v| v == type_value)
        };
        let discriminated: Vec<&Value> = self.schemas.iter().copied().filter(fits).collect();
        if discriminated.is_empty() {
            return self;
        }
        // Parts without a `Type` of their own (shared `allOf` parts) still apply.
        let shared = self.schemas.iter().copied().filter(|s| s.get("properties").and_then(|p| p.get("Type")).is_none());
        let schemas: Vec<&Value> = shared.chain(discriminated).collect();
        Spot { root: self.root, schemas }
    }

    pub fn property(&self, name: &str) -> Option<Spot<'s>> {
        let mut found = Vec::new();
        for schema in &self.schemas {
            match schema.get("properties").and_then(|p| p.get(name)) {
                Some(property) => found.push(property),
                None => {
                    if let Some(additional) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                        found.push(additional);
                    } else if let Some(patterns) = schema.get("patternProperties").and_then(Value::as_object) {
                        found.extend(patterns.values());
                    }
                }
            }
        }
        (!found.is_empty()).then(|| Spot::new(self.root, found))
    }

    pub fn items(&self) -> Option<Spot<'s>> {
        let found: Vec<&Value> = self.schemas.iter().filter_map(|s| s.get("items")).filter(|i| i.is_object()).collect();
        (!found.is_empty()).then(|| Spot::new(self.root, found))
    }

    /// The properties a mapping here may have, in the schema's order, with whether each is
    /// required. Read-only properties (attributes, not settings) are left out.
    pub fn property_names(&self) -> Vec<(&'s str, bool)> {
        let required = self.required();
        let read_only = read_only_properties(self.root);
        let mut out: Vec<(&str, bool)> = Vec::new();
        for schema in &self.schemas {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else { continue };
            for name in properties.keys() {
                if out.iter().all(|(n, _)| n != name) && !read_only.contains(&name.as_str()) {
                    out.push((name, required.contains(&name.as_str())));
                }
            }
        }
        out
    }

    /// Required property names, in the order the schema lists its properties.
    pub fn required(&self) -> Vec<&'s str> {
        let mut out = Vec::new();
        for schema in &self.schemas {
            for name in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        let position = |name: &str| {
            self.schemas
                .iter()
                .filter_map(|s| s.get("properties").and_then(Value::as_object))
                .find_map(|properties| properties.keys().position(|k| k == name))
                .unwrap_or(usize::MAX)
        };
        out.sort_by_key(|name| position(name));
        out
    }

    pub fn description(&self) -> Option<&'s str> {
        self.schemas.iter().find_map(|s| s.get("description").and_then(Value::as_str))
    }

    /// Allowed values from `enum` and `const`, as text.
    pub fn enum_values(&self) -> Vec<String> {
        let mut out = Vec::new();
        for schema in &self.schemas {
            let values = schema.get("enum").and_then(Value::as_array).into_iter().flatten().chain(schema.get("const"));
            for value in values {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => continue,
                };
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
        out
    }

    /// JSON types allowed here: `string`, `integer`, `array`, …
    pub fn types(&self) -> Vec<&'s str> {
        let mut out = Vec::new();
        for schema in &self.schemas {
            let types: Vec<&str> = match schema.get("type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ if schema.get("properties").is_some() => vec!["object"],
                _ => Vec::new(),
            };
            for t in types {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// A short type for people: `string`, `list of string`, `Environment`, `string | object`.
    pub fn type_label(&self) -> String {
        let types = self.types();
        let label = |t: &str| -> String {
            match t {
                "array" => match self.items() {
                    Some(items) if !items.types().is_empty() => format!("list of {}", items.type_label()),
                    _ => "list".to_owned(),
                },
                "object" => self.definition_name().unwrap_or_else(|| "mapping".to_owned()),
                other => other.to_owned(),
            }
        };
        match types.as_slice() {
            [] => "any".to_owned(),
            types => types.iter().map(|t| label(t)).collect::<Vec<_>>().join(" | "),
        }
    }

    /// Whether the value here is a mapping with known keys, or only ever a mapping (so a
    /// completion should open one). Alternatives that also take a JSON string (`format: json`)
    /// do not count.
    pub fn is_object(&self) -> bool {
        !self.is_array() && (!self.property_names().is_empty() || self.types() == ["object"])
    }

    /// Whether the value here is a list (so a completion should open one).
    pub fn is_array(&self) -> bool {
        self.items().is_some()
    }

    /// The name of the definition the place was reached through, without the type prefix.
    fn definition_name(&self) -> Option<String> {
        let definitions = self.root.get("definitions")?.as_object()?;
        self.schemas.iter().find_map(|schema| {
            definitions.iter().find(|(_, d)| std::ptr::eq(*d, *schema)).map(|(name, _)| {
                name.rsplit_once('.').map_or(name.as_str(), |(_, short)| short).to_owned()
            })
        })
    }
}

fn expand<'s>(root: &'s Value, schema: &'s Value, out: &mut Vec<&'s Value>, depth: usize) {
    if depth > MAX_EXPANSION {
        return;
    }
    if let Some(target) = schema.get("$ref").and_then(Value::as_str).and_then(|r| resolve_ref(root, r)) {
        expand(root, target, out, depth + 1);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for part in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            expand(root, part, out, depth + 1);
        }
    }
    let has_content = schema.as_object().is_some_and(|o| o.keys().any(|k| !matches!(k.as_str(), "$ref" | "allOf" | "anyOf" | "oneOf")));
    if has_content && !out.iter().any(|s| std::ptr::eq(*s, schema)) {
        out.push(schema);
    }
}

/// `#/definitions/Name` (JSON pointer escapes included) within the same document.
fn resolve_ref<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    root.pointer(reference.strip_prefix('#')?)
}

fn read_only_properties(root: &Value) -> Vec<&str> {
    root.get("readOnlyProperties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|pointer| pointer.strip_prefix("/properties/"))
        .filter(|name| !name.contains('/'))
        .collect()
}

/// The attributes `Fn::GetAtt` can read on a resource type, with their descriptions: the
/// schema's read-only properties (`Endpoint.Address` for nested ones). SAM types expose those of
/// the resource they become.
pub fn attributes(type_name: &str) -> Vec<(String, Option<String>)> {
    let schema_type = match knowledge::sam_type(type_name) {
        Some((_, Some(underlying), _)) => underlying,
        Some((_, None, _)) => return Vec::new(),
        None => type_name,
    };
    let Some(schema) = TypeSchema::of(schema_type) else { return Vec::new() };
    let mut out = Vec::new();
    for pointer in schema.root.get("readOnlyProperties").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        let Some(path) = pointer.strip_prefix("/properties/") else { continue };
        let keys: Vec<&str> = path.split('/').filter(|k| *k != "*").collect();
        let path_keys: Vec<PathKey> = keys.iter().map(|k| PathKey::Key(k)).collect();
        let description = schema.properties().descend(&path_keys, |_| None).and_then(|s| s.description().map(str::to_owned));
        out.push((keys.join("."), description));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_resolve_through_refs_with_descriptions_and_enums() {
        let schema = TypeSchema::of("AWS::DynamoDB::Table").unwrap();
        let billing = schema.properties().property("BillingMode").unwrap();
        assert!(billing.description().unwrap().contains("charged"));
        assert_eq!(billing.enum_values(), ["PAY_PER_REQUEST", "PROVISIONED"]);
        let path = [PathKey::Key("AttributeDefinitions"), PathKey::Item, PathKey::Key("AttributeType")];
        let attribute_type = schema.properties().descend(&path, |_| None).unwrap();
        assert_eq!(attribute_type.enum_values(), ["B", "N", "S"]);
        let definition = schema.properties().descend(&path[..2], |_| None).unwrap();
        let names: Vec<_> = definition.property_names();
        assert!(names.contains(&("AttributeName", true)), "{names:?}");
        assert_eq!(schema.properties().property("AttributeDefinitions").unwrap().type_label(), "list of AttributeDefinition");
    }

    #[test]
    fn sam_event_properties_are_picked_by_the_event_type() {
        let schema = TypeSchema::of("AWS::Serverless::Function").unwrap();
        let path = [PathKey::Key("Events"), PathKey::Key("MyQueue"), PathKey::Key("Properties")];
        let sqs = schema.properties().descend(&path, |i| (i == 2).then(|| "SQS".to_owned())).unwrap();
        let names: Vec<&str> = sqs.property_names().into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"Queue") && names.contains(&"BatchSize"), "{names:?}");
        assert!(!names.contains(&"Path"), "API properties leaked into SQS: {names:?}");
        let event = schema.properties().descend(&path[..2], |_| None).unwrap();
        let types = event.property("Type").unwrap().enum_values();
        assert!(types.contains(&"SQS".to_owned()) && types.contains(&"HttpApi".to_owned()), "{types:?}");
    }

    #[test]
    fn get_att_attributes_come_from_read_only_properties() {
        let queue = attributes("AWS::SQS::Queue");
        let names: Vec<&str> = queue.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Arn") && names.contains(&"QueueUrl"), "{names:?}");
        let function: Vec<String> = attributes("AWS::Serverless::Function").into_iter().map(|(n, _)| n).collect();
        assert!(function.contains(&"Arn".to_owned()), "{function:?}");
        assert!(!TypeSchema::of("AWS::Lambda::Function").unwrap().properties().property_names().iter().any(|(n, _)| *n == "Arn"));
    }
}
