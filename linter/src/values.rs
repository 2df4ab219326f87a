//! A small evaluator: what a node can be at deploy time.
//!
//! A node resolves to the set of values it can take — a parameter's Default or AllowedValues,
//! both branches of `Fn::If`, the entries of a mapping — or to nothing at all when that cannot be
//! known (a resource's physical id, the region). Rules check every possible value and stay
//! silent on unknown ones: a rule never guesses.

use std::borrow::Cow;

use crate::span::Span;
use crate::syntax::{Node, Value};
use crate::template::{sub_variables, Template};

/// Beyond this many combinations a value counts as unknown.
const MAX_VALUES: usize = 64;
/// Beyond this many nested functions a value counts as unknown.
const MAX_DEPTH: usize = 16;

/// The values a node can take.
#[derive(Clone, Debug, PartialEq)]
pub struct Possible<'n> {
    pub values: Vec<Cow<'n, Node>>,
    /// True when some branch removes the property (`Ref: AWS::NoValue`).
    pub may_be_absent: bool,
}

impl<'n> Possible<'n> {
    fn one(node: Cow<'n, Node>) -> Self {
        Possible { values: vec![node], may_be_absent: false }
    }

    fn absent() -> Self {
        Possible { values: Vec::new(), may_be_absent: true }
    }

    fn union(mut self, other: Possible<'n>) -> Option<Self> {
        self.values.extend(other.values);
        self.may_be_absent |= other.may_be_absent;
        (self.values.len() <= MAX_VALUES).then_some(self)
    }

    /// The values that are strings or numbers, as text.
    pub fn strings(&self) -> Vec<(Cow<'_, str>, Span)> {
        self.values.iter().filter_map(|v| Some((v.as_scalar_string()?, v.span))).collect()
    }
}

impl<'a> Template<'a> {
    /// What `node` can be at deploy time; `None` when that cannot be known.
    pub fn possible_values<'n>(&'n self, node: &'n Node) -> Option<Possible<'n>> {
        self.evaluate(node, 0)
    }

    /// Like [`Template::possible_values`], but only when every value is a string or number.
    pub fn possible_strings<'n>(&'n self, node: &'n Node) -> Option<Vec<(String, Span)>> {
        let possible = self.possible_values(node)?;
        possible.values.iter().map(|v| Some((v.as_scalar_string()?.into_owned(), v.span))).collect()
    }

    fn evaluate<'n>(&'n self, node: &'n Node, depth: usize) -> Option<Possible<'n>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Some((function, args)) = node.intrinsic() else {
            return Some(Possible::one(Cow::Borrowed(node)));
        };
        let depth = depth + 1;
        match function {
            "Ref" => self.evaluate_ref(args.as_str()?, node.span),
            "Fn::If" => {
                let [_, when_true, when_false] = args.as_seq()? else { return None };
                self.evaluate(when_true, depth)?.union(self.evaluate(when_false, depth)?)
            }
            "Fn::FindInMap" => self.evaluate_find_in_map(args, depth),
            "Fn::Sub" => self.evaluate_sub(args, node.span, depth),
            "Fn::Join" => {
                let [delimiter, items] = args.as_seq()? else { return None };
                let delimiter = self.single_string(delimiter, depth)?;
                let parts = items.as_seq()?.iter().map(|item| self.strings(item, depth)).collect::<Option<Vec<_>>>()?;
                Some(strings_at(combinations(&parts, &delimiter)?, node.span))
            }
            "Fn::Select" => {
                let [index, items] = args.as_seq()? else { return None };
                let index = self.single_string(index, depth)?.parse::<usize>().ok()?;
                self.evaluate(items.as_seq()?.get(index)?, depth)
            }
            "Fn::Split" => {
                let [delimiter, text] = args.as_seq()? else { return None };
                let delimiter = self.single_string(delimiter, depth)?;
                let text = self.single_string(text, depth)?;
                if delimiter.is_empty() {
                    return None;
                }
                Some(Possible::one(Cow::Owned(string_list(text.split(delimiter.as_str()), node.span))))
            }
            "Fn::Length" => {
                let count = args.as_seq()?.len();
                Some(Possible::one(Cow::Owned(Node::new(node.span, Value::Number(count as f64)))))
            }
            _ => None,
        }
    }

    fn evaluate_ref<'n>(&'n self, name: &str, at: Span) -> Option<Possible<'n>> {
        match name {
            "AWS::NoValue" => return Some(Possible::absent()),
            "AWS::Partition" => return Some(strings_at(["aws", "aws-cn", "aws-us-gov"].map(String::from), at)),
            "AWS::URLSuffix" => return Some(strings_at(["amazonaws.com", "amazonaws.com.cn"].map(String::from), at)),
            _ => {}
        }
        let parameter = self.parameter(name)?;
        let is_list = parameter
            .node
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
        let as_parameter_value = |value: Cow<'n, Node>| -> Cow<'n, Node> {
            match (is_list, value.as_scalar_string()) {
                (true, Some(text)) => Cow::Owned(string_list(text.split(','), value.span)),
                _ => value,
            }
        };
        if let Some(value) = self.parameter_overrides.get(name) {
            return Some(Possible::one(as_parameter_value(Cow::Owned(Node::new(at, Value::String(value.as_str().into()))))));
        }
        let values: Vec<Cow<'n, Node>> = match parameter.node.get("AllowedValues").and_then(Node::as_seq) {
            Some(allowed) if !allowed.is_empty() => allowed.iter().map(|v| as_parameter_value(Cow::Borrowed(v))).collect(),
            _ => vec![as_parameter_value(Cow::Borrowed(parameter.node.get("Default")?))],
        };
        Some(Possible { values, may_be_absent: false })
    }

    fn evaluate_find_in_map<'n>(&'n self, args: &'n Node, depth: usize) -> Option<Possible<'n>> {
        let [map_name, top_key, second_key, ..] = args.as_seq()? else { return None };
        let mapping = self.mapping(&self.single_string(map_name, depth)?)?.node.as_map()?;
        let keys_of = |key: &'n Node, map: &'n crate::syntax::Map| -> Vec<&'n Node> {
            match self.strings(key, depth) {
                Some(keys) => keys.iter().filter_map(|k| map.get(k)).collect(),
                None => map.entries.iter().map(|e| &e.value).collect(),
            }
        };
        let mut values = Vec::new();
        for level in keys_of(top_key, mapping) {
            let Some(level) = level.as_map() else { continue };
            values.extend(keys_of(second_key, level).into_iter().map(Cow::Borrowed));
        }
        (!values.is_empty() && values.len() <= MAX_VALUES).then_some(Possible { values, may_be_absent: false })
    }

    fn evaluate_sub<'n>(&'n self, args: &'n Node, at: Span, depth: usize) -> Option<Possible<'n>> {
        let (text, locals) = match &args.value {
            Value::String(text) => (text.as_str(), None),
            Value::Seq(items) => (items.first()?.as_str()?, items.get(1).and_then(Node::as_map)),
            _ => return None,
        };
        let variables = sub_variables(text);
        // Most strings name something only known at deploy time (`${AWS::Region}`,
        // `${Bucket.Arn}`): find out before putting the text together.
        let mut values = Vec::with_capacity(variables.len());
        for variable in &variables {
            values.push(match locals.and_then(|l| l.get(variable.name)) {
                Some(local) => self.strings(local, depth)?,
                None if variable.name.contains('.') => return None,
                None => self.evaluate_ref(variable.name, at)?.strings().into_iter().map(|(s, _)| s.into_owned()).collect(),
            });
        }
        let mut pieces: Vec<Vec<String>> = Vec::with_capacity(2 * variables.len() + 1);
        let mut last = 0;
        for (variable, values) in variables.iter().zip(values) {
            pieces.push(vec![unescape_sub(&text[last..variable.start])]);
            pieces.push(values);
            last = variable.end;
        }
        pieces.push(vec![unescape_sub(&text[last..])]);
        Some(strings_at(combinations(&pieces, "")?, at))
    }

    /// Every string the node can be, or `None`.
    fn strings(&self, node: &Node, depth: usize) -> Option<Vec<String>> {
        // A value written in place is its only value (as `evaluate` finds, within its depth).
        if node.intrinsic().is_none() && depth <= MAX_DEPTH {
            return Some(vec![node.as_scalar_string()?.into_owned()]);
        }
        let possible = self.evaluate(node, depth)?;
        if possible.may_be_absent {
            return None;
        }
        possible.values.iter().map(|v| v.as_scalar_string().map(Cow::into_owned)).collect()
    }

    fn single_string(&self, node: &Node, depth: usize) -> Option<String> {
        let [one] = <[String; 1]>::try_from(self.strings(node, depth)?).ok()?;
        Some(one)
    }
}

/// `${!Literal}` in a Sub string stands for the text `${Literal}`.
fn unescape_sub(text: &str) -> String {
    text.replace("${!", "${")
}

fn strings_at<'n>(values: impl IntoIterator<Item = String>, at: Span) -> Possible<'n> {
    Possible {
        values: values.into_iter().map(|v| Cow::Owned(Node::new(at, Value::String(v.into())))).collect(),
        may_be_absent: false,
    }
}

fn string_list<'t>(items: impl Iterator<Item = &'t str>, at: Span) -> Node {
    Node::new(at, Value::Seq(items.map(|s| Node::new(at, Value::String(s.trim().into()))).collect()))
}

/// Every way of picking one value from each slot, the picks joined with `separator`, or `None`
/// past [`MAX_VALUES`].
fn combinations(slots: &[Vec<String>], separator: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    for (i, slot) in slots.iter().enumerate() {
        if out.len() * slot.len() > MAX_VALUES {
            return None;
        }
        let separator = if i == 0 { "" } else { separator };
        out = out.iter().flat_map(|prefix| slot.iter().map(move |v| [prefix.as_str(), separator, v].concat())).collect();
    }
    Some(out)
}


#[cfg(test)]
mod tests {
    use crate::syntax::parse_str;
    use crate::template::Template;

    const TEMPLATE: &str = r#"
Parameters:
  Stage: {Type: String, AllowedValues: [dev, prod]}
  Name: {Type: String, Default: orders}
  Zones: {Type: CommaDelimitedList, Default: "a, b"}
  Free: {Type: String}
Mappings:
  Sizes:
    dev: {Memory: 128}
    prod: {Memory: 1024}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
"#;

    /// The strings `value` (YAML, read in the template above) can be; `None` when unknown.
    fn strings(value: &str) -> Option<Vec<String>> {
        let parsed = parse_str(TEMPLATE);
        let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, Default::default()).unwrap();
        let value = parse_str(&format!("Value: {value}\n"));
        let node = value.root.as_ref().unwrap().get("Value").unwrap();
        let found = template.possible_strings(node)?;
        Some(found.into_iter().map(|(text, _)| text).collect())
    }

    #[test]
    fn sub_puts_together_every_combination() {
        assert_eq!(strings("!Sub '${Name}-${Stage}'").unwrap(), ["orders-dev", "orders-prod"]);
        assert_eq!(strings("!Sub ['${A}/${Stage}', {A: !Ref Name}]").unwrap(), ["orders/dev", "orders/prod"]);
        assert_eq!(strings("!Sub 'literal ${!Stage} stays'").unwrap(), ["literal ${Stage} stays"]);
        assert_eq!(strings("!Sub 'no variables'").unwrap(), ["no variables"]);
    }

    #[test]
    fn sub_with_anything_unknown_is_unknown() {
        assert_eq!(strings("!Sub '${Name}-${AWS::Region}'"), None);
        assert_eq!(strings("!Sub '${Bucket.Arn}'"), None);
        assert_eq!(strings("!Sub '${Free}'"), None);
    }

    #[test]
    fn join_uses_its_delimiter_between_items_only() {
        assert_eq!(strings("!Join ['-', [a, !Ref Stage, c]]").unwrap(), ["a-dev-c", "a-prod-c"]);
        assert_eq!(strings("!Join [',', []]").unwrap(), [""]);
        assert_eq!(strings("!Join [!Ref Stage, [a, b]]"), None, "a delimiter must be a single string");
    }

    #[test]
    fn too_many_combinations_are_unknown() {
        let many = (0..6).map(|_| "${Stage}").collect::<String>();
        assert_eq!(strings(&format!("!Sub '{many}'")).map(|s| s.len()), Some(64));
        let more = (0..7).map(|_| "${Stage}").collect::<String>();
        assert_eq!(strings(&format!("!Sub '{more}'")), None);
    }

    #[test]
    fn find_in_map_follows_every_key_a_parameter_allows() {
        assert_eq!(strings("!FindInMap [Sizes, !Ref Stage, Memory]").unwrap(), ["128", "1024"]);
        assert_eq!(strings("!FindInMap [Sizes, prod, Memory]").unwrap(), ["1024"]);
        assert_eq!(strings("!FindInMap [Sizes, test, Memory]"), None);
    }

    #[test]
    fn lists_split_and_select() {
        assert_eq!(strings("!Select [1, [x, !Ref Stage, z]]").unwrap(), ["dev", "prod"]);
        assert_eq!(strings("!Split [',', 'x,y']"), None, "a list is not a string");
        assert_eq!(strings("!Select [1, !Ref Zones]"), None, "a list parameter is one value, a list");
        assert_eq!(strings("!Join ['+', !Ref Zones]"), None);
    }
}
