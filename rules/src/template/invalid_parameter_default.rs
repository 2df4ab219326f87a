use std::borrow::Cow;

use regex::Regex;
use slint_linter::syntax::{Node, Value};
use slint_linter::template::Named;
use slint_linter::{Related, Severity, Span};

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T104",
    name: "invalid-parameter-default",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E2015"],
    summary: "A parameter's `Default` breaks the parameter's own constraints",
    docs: r#"
## What it does
Checks each parameter's `Default` against the constraints declared next to it:
`AllowedValues`, `AllowedPattern` (which must match the whole value), `MinLength` and
`MaxLength` for `String`, `MinValue` and `MaxValue` for `Number`, and that a `Number`'s default
is a number. For `CommaDelimitedList` and `List<...>` parameters every item of the list is
checked. Patterns that slint's regular expression engine cannot read (lookarounds,
backreferences) are skipped, and so are SSM parameter types, whose default is the name of an
SSM parameter rather than the value.

## Why it matters
CloudFormation validates the default like any value supplied for the parameter, but only when
a stack is created or updated without overriding it. The template passes validation and the
deploy that relies on the default fails with "Parameter 'Stage' must be one of AllowedValues".

## Example
```yaml
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, staging, prod]
    Default: development
  MemorySize:
    Type: Number
    MinValue: 128
    MaxValue: 10240
    Default: 64
```

## Use instead
```yaml
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, staging, prod]
    Default: dev
  MemorySize:
    Type: Number
    MinValue: 128
    MaxValue: 10240
    Default: 128
```

## References
- [Parameters](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html)
"#,
    check,
};

/// What a parameter type holds, and which constraints CloudFormation applies to it.
#[derive(Clone, Copy)]
struct Shape {
    list: bool,
    number: bool,
    /// `AllowedPattern` applies to `String` and `CommaDelimitedList`.
    pattern: bool,
    /// `MinLength` and `MaxLength` apply to `String`.
    length: bool,
}

impl Shape {
    fn of(type_name: &str) -> Option<Shape> {
        let shape = |list, number, pattern, length| Some(Shape { list, number, pattern, length });
        match type_name {
            "String" => shape(false, false, true, true),
            "Number" => shape(false, true, false, false),
            "List<Number>" => shape(true, true, false, false),
            "CommaDelimitedList" => shape(true, false, true, false),
            // The default of an SSM type names a parameter in Parameter Store; its value is unknown.
            t if t.starts_with("AWS::SSM::Parameter::") => None,
            t if t.starts_with("List<AWS::") => shape(true, false, false, false),
            t if t.starts_with("AWS::") => shape(false, false, false, false),
            _ => None,
        }
    }
}

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for parameter in &template.parameters {
        check_parameter(parameter, cx.source(), report);
    }
}

fn check_parameter(parameter: &Named, source: &str, report: &mut Report) {
    let Some(shape) = parameter.node.get("Type").and_then(Node::as_str).and_then(Shape::of) else { return };
    let Some(default) = parameter.node.get("Default") else { return };
    let Some(text) = scalar_text(default, source) else { return };
    let checker = Checker { parameter, source, shape };
    let findings = if shape.list {
        // An empty default is the usual way to make a list parameter optional.
        if text.trim().is_empty() {
            return;
        }
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        checker.check_list(&text, &items)
    } else {
        checker.check_value(&text).into_iter().collect()
    };
    for finding in findings {
        let diagnostic = report.add(default.span, finding.message);
        if let Some((span, message)) = finding.related {
            diagnostic.related.push(Related { span, message });
        }
    }
}

struct Finding {
    message: String,
    related: Option<(Span, String)>,
}

struct Checker<'p> {
    parameter: &'p Named<'p>,
    source: &'p str,
    shape: Shape,
}

/// One constraint the default breaks, before it is worded for a single value or a list item.
struct Broken {
    /// What is wrong with the value, completing "Default `x` of parameter `P` …".
    problem: String,
    constraint: Option<(Span, String)>,
}

impl Checker<'_> {
    fn check_value(&self, value: &str) -> Option<Finding> {
        let broken = self.broken(value)?;
        let name = self.parameter.name;
        Some(Finding {
            message: format!(
                "Default {} of parameter `{name}` {}; CloudFormation rejects every deploy that relies on the default. \
                 Change the Default or the constraint so that they agree",
                quoted(value),
                broken.problem
            ),
            related: broken.constraint,
        })
    }

    /// A list default passes when every item does. CloudFormation's documentation is loose about
    /// whether some constraints apply to the whole string instead, so a default that passes as a
    /// whole is accepted too.
    fn check_list(&self, whole: &str, items: &[&str]) -> Vec<Finding> {
        if self.broken(whole).is_none() {
            return Vec::new();
        }
        let name = self.parameter.name;
        items
            .iter()
            .filter_map(|item| {
                let broken = self.broken(item)?;
                Some(Finding {
                    message: format!(
                        "the Default of list parameter `{name}` has the item {}, which {}; CloudFormation checks every item \
                         and rejects each deploy that relies on the default. Change the item or the constraint",
                        quoted(item),
                        broken.problem
                    ),
                    related: broken.constraint,
                })
            })
            .collect()
    }

    /// The first constraint `value` breaks, in the order CloudFormation documents them.
    fn broken(&self, value: &str) -> Option<Broken> {
        let node = self.parameter.node;
        let number = value.trim().parse::<f64>().ok();
        if self.shape.number && number.is_none() {
            let type_node = node.get("Type");
            return Some(Broken {
                problem: format!(
                    "is not a number, but the parameter's Type is `{}`",
                    type_node.and_then(Node::as_str).unwrap_or("Number")
                ),
                constraint: type_node.map(|t| (t.span, "the parameter's Type is declared here".to_owned())),
            });
        }
        if let Some(allowed) = node.get("AllowedValues") {
            if let Some(values) = allowed.as_seq() {
                let texts: Vec<Cow<str>> = values.iter().filter_map(|v| scalar_text(v, self.source)).collect();
                if texts.len() == values.len() && !texts.iter().any(|allowed| same_value(allowed, value)) {
                    // Allowed values are often near each other (`us-east-1a`, `us-east-1b`), so only
                    // a difference in case is worth pointing out.
                    let case = texts
                        .iter()
                        .find(|allowed| allowed.eq_ignore_ascii_case(value))
                        .map(|allowed| format!(", which are case-sensitive: `{allowed}` is allowed"))
                        .unwrap_or_default();
                    return Some(Broken {
                        problem: format!("is not one of its AllowedValues ({}){case}", list_for_message(&texts)),
                        constraint: Some((allowed.span, "AllowedValues is declared here".to_owned())),
                    });
                }
            }
        }
        if self.shape.pattern {
            if let Some(pattern_node) = node.get("AllowedPattern") {
                if let Some(pattern) = pattern_node.as_str().and_then(whole_match_regex) {
                    if !pattern.is_match(value) {
                        return Some(Broken {
                            problem: format!(
                                "does not match its AllowedPattern {} (the whole value must match)",
                                quoted(pattern_node.as_str().unwrap_or_default())
                            ),
                            constraint: Some((pattern_node.span, "AllowedPattern is declared here".to_owned())),
                        });
                    }
                }
            }
        }
        if self.shape.length {
            let length = value.chars().count();
            if let Some((min, at)) = self.bound("MinLength") {
                if (length as f64) < min {
                    return Some(Broken {
                        problem: format!("is {length} {} long, shorter than its MinLength {min}", characters(length)),
                        constraint: Some((at, "MinLength is declared here".to_owned())),
                    });
                }
            }
            if let Some((max, at)) = self.bound("MaxLength") {
                if (length as f64) > max {
                    return Some(Broken {
                        problem: format!("is {length} {} long, longer than its MaxLength {max}", characters(length)),
                        constraint: Some((at, "MaxLength is declared here".to_owned())),
                    });
                }
            }
        }
        if let (true, Some(number)) = (self.shape.number, number) {
            if let Some((min, at)) = self.bound("MinValue").filter(|(min, _)| number < *min) {
                return Some(Broken {
                    problem: format!("is below its MinValue {min}"),
                    constraint: Some((at, "MinValue is declared here".to_owned())),
                });
            }
            if let Some((max, at)) = self.bound("MaxValue").filter(|(max, _)| number > *max) {
                return Some(Broken {
                    problem: format!("is above its MaxValue {max}"),
                    constraint: Some((at, "MaxValue is declared here".to_owned())),
                });
            }
        }
        None
    }

    fn bound(&self, key: &str) -> Option<(f64, Span)> {
        let node = self.parameter.node.get(key)?;
        Some((node.as_f64()?, node.span))
    }
}

/// The value as CloudFormation receives it: strings as written, numbers as the template spells
/// them (`1.50` stays `1.50`), booleans as `true`/`false`.
fn scalar_text<'n>(node: &'n Node, source: &'n str) -> Option<Cow<'n, str>> {
    match &node.value {
        Value::Number(_) => {
            let raw = node.raw(source).trim();
            if raw.parse::<f64>().is_ok() {
                Some(Cow::Borrowed(raw))
            } else {
                node.as_scalar_string()
            }
        }
        _ => node.as_scalar_string(),
    }
}

/// Equal as text, or as numbers when both are numbers: YAML may read `1.0` as a number where the
/// other side of the comparison was quoted.
fn same_value(a: &str, b: &str) -> bool {
    a == b || matches!((a.trim().parse::<f64>(), b.trim().parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}

/// CloudFormation matches `AllowedPattern` against the whole value. Patterns this engine cannot
/// compile (Java-only syntax) yield `None`, and the constraint is not checked.
fn whole_match_regex(pattern: &str) -> Option<Regex> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})$")).size_limit(1 << 20).build().ok()
}

fn characters(n: usize) -> &'static str {
    if n == 1 { "character" } else { "characters" }
}

fn quoted(value: &str) -> String {
    const LIMIT: usize = 60;
    if value.chars().count() > LIMIT {
        format!("`{}…`", value.chars().take(LIMIT).collect::<String>())
    } else {
        format!("`{value}`")
    }
}

fn list_for_message(values: &[Cow<str>]) -> String {
    const SHOWN: usize = 8;
    let mut listed: Vec<String> = values.iter().take(SHOWN).map(|v| quoted(v)).collect();
    if values.len() > SHOWN {
        listed.push(format!("and {} more", values.len() - SHOWN));
    }
    listed.join(", ")
}
