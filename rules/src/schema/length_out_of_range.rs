use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S008",
    name: "length-out-of-range",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3033", "E3032", "E3010"],
    summary: "A string, list or mapping shorter or longer than its schema allows",
    docs: r#"
## What it does
Reports a string property with fewer or more characters than its schema allows (a function name
over 64 characters, an empty description where one is required), and a list or mapping with too
few or too many entries (more than 16 subnets, more than 50 tags).

## Why it matters
The service rejects the value during the deployment ("Member must have length less than or
equal to 64"), and the stack rolls back.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-service-production-eu-west-1-order-confirmation-email-sender
      # ...
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-prod-confirmation-sender
      # ...
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::LengthOutOfRange);
}
