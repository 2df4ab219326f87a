use compact_str::CompactString;

use crate::span::Span;

/// One value of the document, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
    /// Set when the node was written as a short-form tag (`!Sub '...'`) and rewritten to its
    /// long form: a one-entry mapping `{"Fn::Sub": ...}` whose key span is the tag's span.
    pub short_form: Option<ShortForm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortForm {
    /// The span of the tag text itself, `!Sub`.
    pub tag_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as the template's reader understands it (YAML 1.1 octal `0755` is 493);
    /// the text as written is `node.raw(source)`.
    Number(f64),
    /// Keys and strings are mostly short: kept inline, a tree of thousands of them is read,
    /// copied and dropped without an allocation each.
    String(CompactString),
    Seq(Vec<Node>),
    Map(Map),
}

/// A mapping in source order. Duplicate keys are reported by the parser and the later one dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: CompactString,
    pub key_span: Span,
    pub value: Node,
}

impl Entry {
    /// Moves the entry, as if read `by` bytes further on in the text.
    pub fn shift(&mut self, by: i64) {
        self.key_span = self.key_span.moved(by);
        self.value.shift(by);
    }
}

impl Map {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (e.key.as_str(), &e.value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    pub fn new(span: Span, value: Value) -> Self {
        Node { span, value, short_form: None }
    }

    /// Moves the node, as if read `by` bytes further on in the text.
    pub fn shift(&mut self, by: i64) {
        self.span = self.span.moved(by);
        if let Some(short) = &mut self.short_form {
            short.tag_span = short.tag_span.moved(by);
        }
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|item| item.shift(by)),
            Value::Map(map) => map.entries.iter_mut().for_each(|entry| entry.shift(by)),
            _ => {}
        }
    }

    /// The text the node was read from.
    pub fn raw<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.span.range()).unwrap_or("")
    }

    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// `Some` for numbers, and for strings that hold a number (CloudFormation accepts `"30"`).
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// `Some` for booleans and the strings CloudFormation reads as booleans.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// The value as CloudFormation would pass it as a string: strings, numbers and booleans.
    pub fn as_scalar_string(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.value {
            Value::String(s) => Some(s.as_str().into()),
            Value::Number(n) => Some(format_number(*n).into()),
            Value::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
            _ => None,
        }
    }

    /// A mapping value by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// The intrinsic function this node calls, if it is a one-entry mapping `{"Fn::X": args}` or
    /// `{"Ref": name}`. `Condition` counts only where conditions are evaluated, so callers that
    /// need it check for it themselves.
    pub fn intrinsic(&self) -> Option<(&str, &Node)> {
        let map = self.as_map()?;
        if map.len() != 1 {
            return None;
        }
        let entry = &map.entries[0];
        (entry.key == "Ref" || entry.key.starts_with("Fn::")).then_some((entry.key.as_str(), &entry.value))
    }

    /// Whether the node or anything inside it calls an intrinsic function.
    pub fn contains_intrinsic(&self) -> bool {
        if self.intrinsic().is_some() {
            return true;
        }
        match &self.value {
            Value::Seq(items) => items.iter().any(Node::contains_intrinsic),
            Value::Map(map) => map.entries.iter().any(|e| e.value.contains_intrinsic()),
            _ => false,
        }
    }

    /// The deepest node whose span contains `span`, with the keys and indexes leading to it.
    pub fn path_to(&self, span: Span) -> Vec<PathSegment> {
        let mut path = Vec::new();
        let mut node = self;
        'descend: loop {
            match &node.value {
                Value::Map(map) => {
                    for entry in &map.entries {
                        if entry.key_span.contains(span) {
                            path.push(PathSegment::Key(entry.key.to_string()));
                            break 'descend;
                        }
                        if entry.value.span.contains(span) {
                            path.push(PathSegment::Key(entry.key.to_string()));
                            node = &entry.value;
                            continue 'descend;
                        }
                    }
                }
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if item.span.contains(span) {
                            path.push(PathSegment::Index(i));
                            node = item;
                            continue 'descend;
                        }
                    }
                }
                _ => {}
            }
            break;
        }
        path
    }

    /// Calls `visit` on this node and every node below it, parents first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Node)) {
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            visit(node);
            match &node.value {
                Value::Seq(items) => stack.extend(items.iter().rev()),
                Value::Map(map) => stack.extend(map.entries.iter().rev().map(|e| &e.value)),
                _ => {}
            }
        }
    }
}

/// One step of a path from the root: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

impl std::fmt::Display for PathSegment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathSegment::Key(key) => f.write_str(key),
            PathSegment::Index(i) => write!(f, "{i}"),
        }
    }
}

impl Value {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }

    pub fn kind_name_with_article(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Integers print without a fractional part, as CloudFormation passes them on.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
