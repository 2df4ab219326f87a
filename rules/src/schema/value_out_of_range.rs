use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S007",
    name: "value-out-of-range",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "A number below the minimum or above the maximum its schema allows",
    docs: r#"
## What it does
Reports a numeric property outside the range in its schema (a function's memory, a timeout, a
retention period), or one that is not the multiple the schema requires. Numbers written as
strings (`"30"`) are checked too, as are the values a `Ref` to a parameter can take.

## Why it matters
The service rejects the value during the deployment, and the stack rolls back.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: 64
      # ...
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: 128
      # ...
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::OutOfRange);
}
