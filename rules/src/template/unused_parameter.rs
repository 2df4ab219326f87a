use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T301",
    name: "unused-parameter",
    area: Area::Template,
    severity: Severity::Warning,
    cfn_lint: &["W2001"],
    summary: "A parameter that nothing in the template refers to",
    docs: r#"
## What it does
Reports parameters that no `Ref`, no `${Name}` in an `Fn::Sub` string and no `Fn::ValueOf` in
`Rules` refers to. Every section counts, SAM `Globals` included, as do references inside the
variable map of `Fn::Sub`, the keys of `Fn::FindInMap` and conditions. Templates that run a
macro (`AWS::Include`, `Fn::Transform` or a custom transform) are skipped, because the macro may
use any parameter.

## Why it matters
Whoever deploys the stack still has to supply or confirm a value that changes nothing, and a
parameter left behind after a refactoring usually means a property that was meant to use it
now holds a hard-coded value instead.

## Example
```yaml
Parameters:
  Stage:
    Type: String
  TableName:
    Type: String
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub orders-${Stage}
```

## Use instead
```yaml
Parameters:
  Stage:
    Type: String
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub orders-${Stage}
```

## References
- [Parameters](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html)
- [Ref](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html)
- [Fn::Sub](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    if template.parameters.is_empty() {
        return;
    }
    let Some(usage) = cx.usage() else { return };
    if usage.has_macro {
        return;
    }
    for parameter in &template.parameters {
        if usage.uses_name(parameter.name) {
            continue;
        }
        let name = parameter.name;
        let consequence = if parameter.node.get("Default").is_some() {
            "its value is accepted on every deploy and ignored"
        } else {
            "it has no Default, so every deploy must supply a value that is then ignored"
        };
        report.add(
            parameter.name_span,
            format!(
                "parameter `{name}` is never used: no `Ref: {name}` or `${{{name}}}` in an `Fn::Sub` refers to it, and {consequence}; \
                 reference it where it was meant to be used, or remove it"
            ),
        );
    }
}
