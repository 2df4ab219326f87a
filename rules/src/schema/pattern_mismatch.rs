use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S006",
    name: "pattern-mismatch",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3031"],
    summary: "A string property that does not match the pattern its schema requires",
    docs: r#"
## What it does
Reports a string property that does not match the regular expression in its schema: names with
characters the service refuses, ARNs of the wrong shape, identifiers with the wrong prefix.
Patterns that use features the `regex` crate does not have (look-around) are not checked.

## Why it matters
The service rejects the value during the deployment ("Member must satisfy regular expression
pattern"), and the stack rolls back.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: order worker
      # ...
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: order-worker
      # ...
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::PatternMismatch);
}
