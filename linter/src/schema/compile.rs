//! A resource provider schema (JSON) compiled once into a flat table of keyword sets, with
//! `$ref`s resolved to indexes and regular expressions compiled on first use.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;
use serde_json::{Map, Value};

/// Index of a keyword set in [`CompiledSchema::nodes`].
pub(crate) type Id = u32;

/// The JSON types a schema admits; none set means any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Types(u8);

impl Types {
    pub const STRING: Types = Types(1);
    pub const NUMBER: Types = Types(2);
    pub const INTEGER: Types = Types(4);
    pub const BOOLEAN: Types = Types(8);
    pub const OBJECT: Types = Types(16);
    pub const ARRAY: Types = Types(32);
    pub const NULL: Types = Types(64);

    fn named(name: &str) -> Types {
        match name {
            "string" => Types::STRING,
            "number" => Types::NUMBER,
            "integer" => Types::INTEGER,
            "boolean" => Types::BOOLEAN,
            "object" => Types::OBJECT,
            "array" => Types::ARRAY,
            "null" => Types::NULL,
            // An unknown type name constrains nothing rather than everything.
            _ => Types(0),
        }
    }

    pub fn is_any(self) -> bool {
        self.0 == 0
    }

    pub fn has(self, other: Types) -> bool {
        self.0 & other.0 != 0
    }

    pub fn union(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    /// "a string or a mapping", in schema order of importance.
    pub fn describe(self) -> String {
        let names: Vec<&str> = [
            (Types::STRING, "a string"),
            (Types::INTEGER, "an integer"),
            (Types::NUMBER, "a number"),
            (Types::BOOLEAN, "a boolean"),
            (Types::OBJECT, "a mapping"),
            (Types::ARRAY, "a list"),
            (Types::NULL, "null"),
        ]
        .into_iter()
        .filter(|(t, _)| self.has(*t) && !(*t == Types::INTEGER && self.has(Types::NUMBER)))
        .map(|(_, name)| name)
        .collect();
        super::words::or_list(&names)
    }
}

/// A pattern compiled the first time a value is checked against it. Patterns the `regex` crate
/// cannot express (look-around, back-references, lone surrogates) check nothing.
pub(crate) struct Pattern {
    pub source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    fn new(source: &str) -> Pattern {
        Pattern { source: source.to_owned(), compiled: OnceLock::new() }
    }

    /// `None` when the pattern cannot be compiled.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        let regex = self.compiled.get_or_init(|| shared_regex(&self.source));
        regex.as_ref().map(|r| r.is_match(text))
    }
}

/// The regex of a pattern, compiled once per process whichever schema it comes from. Provider
/// schemas repeat their patterns (every type's tags use the same one), and compiling one with
/// Unicode classes (`\p{L}`, `\w`) costs far more than many matches.
fn shared_regex(source: &str) -> Option<Regex> {
    static COMPILED: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(Mutex::default);
    if let Some(regex) = compiled.lock().unwrap_or_else(PoisonError::into_inner).get(source) {
        return regex.clone();
    }
    // Compiled without the lock held, so that threads checking other patterns do not wait; two
    // threads may both compile a new pattern, and the first one stored is kept.
    let regex = regex::RegexBuilder::new(source).size_limit(1 << 20).dfa_size_limit(1 << 20).build().ok();
    compiled.lock().unwrap_or_else(PoisonError::into_inner).entry(source.to_owned()).or_insert(regex).clone()
}

pub(crate) enum Additional {
    Allowed,
    Forbidden,
    Schema(Id),
}

pub(crate) enum Dependency {
    Required(Vec<String>),
    Schema(Id),
}

/// The keywords of one schema object that slint checks.
pub(crate) struct Keywords {
    /// `false` as a schema: nothing is valid.
    pub never: bool,
    pub types: Types,
    pub reference: Option<Id>,
    /// Sorted by name.
    pub properties: Vec<(String, Id)>,
    pub pattern_properties: Vec<(Pattern, Id)>,
    pub additional: Additional,
    pub required: Vec<String>,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    pub dependencies: Vec<(String, Dependency)>,
    pub dependent_excluded: Vec<(String, Vec<String>)>,
    pub required_xor: Vec<String>,
    pub required_or: Vec<String>,
    pub enumeration: Option<Vec<Value>>,
    pub enum_case_insensitive: bool,
    pub constant: Option<Value>,
    pub pattern: Option<Pattern>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub items: Option<Id>,
    pub prefix_items: Vec<Id>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub all_of: Vec<Id>,
    pub any_of: Vec<Id>,
    pub one_of: Vec<Id>,
    pub not: Option<Id>,
    pub condition: Option<(Id, Option<Id>, Option<Id>)>,
}

impl Keywords {
    fn empty() -> Keywords {
        Keywords {
            never: false,
            types: Types::default(),
            reference: None,
            properties: Vec::new(),
            pattern_properties: Vec::new(),
            additional: Additional::Allowed,
            required: Vec::new(),
            min_properties: None,
            max_properties: None,
            dependencies: Vec::new(),
            dependent_excluded: Vec::new(),
            required_xor: Vec::new(),
            required_or: Vec::new(),
            enumeration: None,
            enum_case_insensitive: false,
            constant: None,
            pattern: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: None,
            exclusive_maximum: None,
            multiple_of: None,
            min_length: None,
            max_length: None,
            items: None,
            prefix_items: Vec::new(),
            min_items: None,
            max_items: None,
            unique_items: false,
            all_of: Vec::new(),
            any_of: Vec::new(),
            one_of: Vec::new(),
            not: None,
            condition: None,
        }
    }

    pub fn property(&self, name: &str) -> Option<Id> {
        self.properties.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| self.properties[i].1)
    }
}

/// One resource type's schema, ready to check values against.
pub struct CompiledSchema {
    pub(crate) nodes: Vec<Keywords>,
    pub(crate) root: Id,
    /// The type name the schema declares.
    pub type_name: String,
    /// Top-level properties CloudFormation sets and templates may not (`Arn`).
    pub read_only: Vec<String>,
    /// Attribute names `Fn::GetAtt` accepts, from `readOnlyProperties` (`Endpoint.Address`).
    pub attributes: Vec<String>,
}

impl CompiledSchema {
    pub fn compile(schema: &Value) -> CompiledSchema {
        let mut compiler = Compiler { document: schema, nodes: Vec::new(), by_pointer: HashMap::new() };
        let root = compiler.compile(schema, 0);
        let attributes: Vec<String> = schema
            .get("readOnlyProperties")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(|pointer| pointer.strip_prefix("/properties/"))
            .map(|path| path.replace('/', "."))
            .collect();
        let read_only = attributes.iter().filter(|a| !a.contains('.')).cloned().collect();
        CompiledSchema {
            nodes: compiler.nodes,
            root,
            type_name: schema.get("typeName").and_then(Value::as_str).unwrap_or_default().to_owned(),
            read_only,
            attributes,
        }
    }

    pub(crate) fn node(&self, id: Id) -> &Keywords {
        &self.nodes[id as usize]
    }

    /// The names of the type's top-level properties.
    pub fn property_names(&self) -> impl Iterator<Item = &str> {
        self.node(self.root).properties.iter().map(|(name, _)| name.as_str())
    }
}

/// Beyond this nesting a schema is treated as unconstrained; provider schemas stay far below.
const MAX_SCHEMA_DEPTH: usize = 128;

struct Compiler<'s> {
    document: &'s Value,
    nodes: Vec<Keywords>,
    /// `$ref` targets already compiled (or being compiled), so that recursive definitions close.
    by_pointer: HashMap<&'s str, Id>,
}

impl<'s> Compiler<'s> {
    fn push(&mut self, keywords: Keywords) -> Id {
        self.nodes.push(keywords);
        (self.nodes.len() - 1) as Id
    }

    fn compile(&mut self, schema: &'s Value, depth: usize) -> Id {
        let slot = self.push(Keywords::empty());
        self.compile_into(slot, schema, depth);
        slot
    }

    fn compile_into(&mut self, slot: Id, schema: &'s Value, depth: usize) {
        let keywords = match schema {
            Value::Object(object) if depth < MAX_SCHEMA_DEPTH => self.keywords(object, depth + 1),
            Value::Bool(false) => Keywords { never: true, ..Keywords::empty() },
            _ => return,
        };
        self.nodes[slot as usize] = keywords;
    }

    fn reference(&mut self, pointer: &'s str, depth: usize) -> Option<Id> {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return Some(id);
        }
        let target = self.document.pointer(pointer.strip_prefix('#')?)?;
        // The slot is known before the target is compiled, so a definition that refers to
        // itself finds it.
        let slot = self.push(Keywords::empty());
        self.by_pointer.insert(pointer, slot);
        self.compile_into(slot, target, depth);
        Some(slot)
    }

    fn many(&mut self, list: &'s Value, depth: usize) -> Vec<Id> {
        list.as_array().into_iter().flatten().map(|s| self.compile(s, depth)).collect()
    }

    fn keywords(&mut self, s: &'s Map<String, Value>, depth: usize) -> Keywords {
        let mut k = Keywords::empty();
        // One pass over the keywords the schema object has (a handful) rather than a lookup for
        // each keyword slint knows (dozens). Keywords that depend on one another are kept aside
        // and settled after the pass.
        let mut dependencies = None;
        let mut dependent_required = None;
        let mut enum_case_insensitive = None;
        let mut prefix_items = None;
        let mut condition = None;
        let mut then = None;
        let mut otherwise = None;
        for (keyword, value) in s {
            match keyword.as_str() {
                "type" => {
                    k.types = match value {
                        Value::String(name) => Types::named(name),
                        Value::Array(names) => {
                            names.iter().filter_map(Value::as_str).fold(Types::default(), |t, n| t.union(Types::named(n)))
                        }
                        _ => Types::default(),
                    }
                }
                "$ref" => {
                    if let Some(pointer) = value.as_str() {
                        k.reference = self.reference(pointer, depth);
                    }
                }
                "properties" => {
                    if let Some(properties) = value.as_object() {
                        let mut compiled: Vec<(String, Id)> =
                            properties.iter().map(|(name, schema)| (name.clone(), self.compile(schema, depth))).collect();
                        compiled.sort_by(|a, b| a.0.cmp(&b.0));
                        k.properties = compiled;
                    }
                }
                "patternProperties" => {
                    if let Some(patterns) = value.as_object() {
                        k.pattern_properties = patterns
                            .iter()
                            .map(|(pattern, schema)| (Pattern::new(pattern), self.compile(schema, depth)))
                            .collect();
                    }
                }
                "additionalProperties" => {
                    k.additional = match value {
                        Value::Bool(false) => Additional::Forbidden,
                        Value::Object(_) => Additional::Schema(self.compile(value, depth)),
                        _ => Additional::Allowed,
                    }
                }
                "required" => k.required = strings(value),
                "minProperties" => k.min_properties = count(value),
                "maxProperties" => k.max_properties = count(value),
                "dependencies" => dependencies = value.as_object(),
                "dependentRequired" => dependent_required = value.as_object(),
                "dependentExcluded" => {
                    k.dependent_excluded = value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, excluded)| (name.clone(), strings(excluded)))
                        .collect();
                }
                "requiredXor" => k.required_xor = strings(value),
                "requiredOr" => k.required_or = strings(value),
                "enum" => k.enumeration = value.as_array().cloned(),
                "enumCaseInsensitive" => enum_case_insensitive = value.as_array(),
                "const" => k.constant = Some(value.clone()),
                "pattern" => k.pattern = value.as_str().map(Pattern::new),
                "minimum" => k.minimum = value.as_f64(),
                "maximum" => k.maximum = value.as_f64(),
                "exclusiveMinimum" => k.exclusive_minimum = value.as_f64(),
                "exclusiveMaximum" => k.exclusive_maximum = value.as_f64(),
                "multipleOf" => k.multiple_of = value.as_f64().filter(|m| *m > 0.0),
                "minLength" => k.min_length = count(value),
                "maxLength" => k.max_length = count(value),
                "items" => match value {
                    Value::Array(tuple) => k.prefix_items = tuple.iter().map(|item| self.compile(item, depth)).collect(),
                    items => k.items = Some(self.compile(items, depth)),
                },
                "prefixItems" => prefix_items = Some(value),
                "minItems" => k.min_items = count(value),
                "maxItems" => k.max_items = count(value),
                "uniqueItems" => k.unique_items = value.as_bool().unwrap_or(false),
                "allOf" => k.all_of = self.many(value, depth),
                "anyOf" => k.any_of = self.many(value, depth),
                "oneOf" => k.one_of = self.many(value, depth),
                "not" => k.not = Some(self.compile(value, depth)),
                "if" => condition = Some(value),
                "then" => then = Some(value),
                "else" => otherwise = Some(value),
                _ => {}
            }
        }
        // `dependencies` before `dependentRequired`, as a schema that has both lists them.
        for (name, dependency) in dependencies.into_iter().chain(dependent_required).flatten() {
            let dependency = match dependency {
                Value::Array(_) => Dependency::Required(strings(dependency)),
                Value::Object(_) => Dependency::Schema(self.compile(dependency, depth)),
                _ => continue,
            };
            k.dependencies.push((name.clone(), dependency));
        }
        // `enum` wins over cfn-lint's `enumCaseInsensitive`.
        if let (None, Some(values)) = (&k.enumeration, enum_case_insensitive) {
            k.enumeration = Some(values.clone());
            k.enum_case_insensitive = true;
        }
        // `items` as a list is the older spelling of `prefixItems`, and wins.
        if let (true, Some(items)) = (k.prefix_items.is_empty(), prefix_items) {
            k.prefix_items = self.many(items, depth);
        }
        if let Some(condition) = condition {
            let condition = self.compile(condition, depth);
            let then = then.map(|schema| self.compile(schema, depth));
            let otherwise = otherwise.map(|schema| self.compile(schema, depth));
            k.condition = Some((condition, then, otherwise));
        }
        k
    }
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn count(value: &Value) -> Option<usize> {
    value.as_f64().filter(|n| *n >= 0.0).map(|n| n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_recursive_definitions_without_looping() {
        let schema = json!({
            "typeName": "Acme::Tree::Node",
            "definitions": {"Node": {"type": "object", "properties": {"Children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}},
            "properties": {"Root": {"$ref": "#/definitions/Node"}},
            "readOnlyProperties": ["/properties/Id", "/properties/Endpoint/Address"]
        });
        let compiled = CompiledSchema::compile(&schema);
        let root = compiled.node(compiled.root);
        let node = compiled.node(compiled.node(root.property("Root").unwrap()).reference.unwrap());
        let children = compiled.node(node.property("Children").unwrap());
        let item = compiled.node(children.items.unwrap());
        assert_eq!(item.reference, compiled.node(root.property("Root").unwrap()).reference);
        assert_eq!(compiled.attributes, ["Id", "Endpoint.Address"]);
        assert_eq!(compiled.read_only, ["Id"]);
    }

    #[test]
    fn keywords_that_depend_on_each_other_are_settled_together() {
        let root = |schema: Value| {
            let compiled = CompiledSchema::compile(&schema);
            let k = compiled.node(compiled.root);
            let dependencies: Vec<String> = k.dependencies.iter().map(|(name, _)| name.clone()).collect();
            let condition = k.condition.map(|(_, then, otherwise)| (then.is_some(), otherwise.is_some()));
            (k.enumeration.clone(), k.enum_case_insensitive, k.prefix_items.len(), dependencies, condition)
        };
        let (enumeration, case_insensitive, ..) = root(json!({"enumCaseInsensitive": ["b"], "enum": ["A"]}));
        assert_eq!((enumeration, case_insensitive), (Some(vec![json!("A")]), false));
        let (enumeration, case_insensitive, ..) = root(json!({"enumCaseInsensitive": ["b"]}));
        assert_eq!((enumeration, case_insensitive), (Some(vec![json!("b")]), true));
        assert_eq!(root(json!({"prefixItems": [{}, {}], "items": [{}]})).2, 1);
        assert_eq!(root(json!({"prefixItems": [{}, {}]})).2, 2);
        let dependencies = root(json!({"dependentRequired": {"B": ["C"]}, "dependencies": {"A": ["B"]}})).3;
        assert_eq!(dependencies, ["A", "B"]);
        assert_eq!(root(json!({"else": {}, "if": {}})).4, Some((false, true)));
        assert_eq!(root(json!({"then": {}})).4, None, "`then` means nothing without `if`");
    }

    #[test]
    fn unusable_patterns_check_nothing() {
        assert_eq!(Pattern::new("^(?!aws)").is_match("aws"), None);
        assert_eq!(Pattern::new("^[a-z]+$").is_match("abc"), Some(true));
        assert_eq!(Pattern::new("^[a-z]+$").is_match("aBc"), Some(false));
    }

    #[test]
    fn describes_type_sets() {
        assert_eq!(Types::STRING.union(Types::OBJECT).describe(), "a string or a mapping");
        assert_eq!(Types::INTEGER.describe(), "an integer");
        assert_eq!(Types::INTEGER.union(Types::NUMBER).describe(), "a number");
    }
}
