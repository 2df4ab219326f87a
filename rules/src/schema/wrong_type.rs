use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S004",
    name: "wrong-type",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3012"],
    summary: "A property value of the wrong type: a list where a string belongs, a word where a number does",
    docs: r#"
## What it does
Reports a property whose value has the wrong shape for its schema: a list where one value is
expected, a mapping where a string is, text where a number is. It follows CloudFormation's own
leniency: numbers and booleans are accepted where text is expected, and `"30"` or `"true"`
where a number or a boolean is. A value given by an intrinsic function is checked through what
it can resolve to (a parameter's allowed values, both sides of an `Fn::If`).

## Why it matters
CloudFormation rejects the resource ("Value of property Subnets must be of type List of
String") during the deployment, after other resources may already have been created.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      # ...
      VpcConfig:
        SubnetIds: subnet-0a1b2c3d
        SecurityGroupIds: [sg-0a1b2c3d]
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      # ...
      VpcConfig:
        SubnetIds: [subnet-0a1b2c3d]
        SecurityGroupIds: [sg-0a1b2c3d]
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::WrongType);
}
