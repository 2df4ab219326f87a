use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S005",
    name: "value-not-allowed",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3030"],
    summary: "A property value outside the values its schema allows",
    docs: r#"
## What it does
Reports a property whose schema lists the values it accepts (a runtime, a billing mode, an
event source type) when the template gives another one, and suggests the closest allowed value.
Values given through `Ref` to a parameter are checked against the parameter's `AllowedValues`
or `Default`.

## Why it matters
CloudFormation rejects the value during the deployment ("Value 'PAY_PER_REQUST' at
'billingMode' failed to satisfy constraint"), and rolls the stack back.

## Example
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
```

## Use instead
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::ValueNotAllowed);
}
