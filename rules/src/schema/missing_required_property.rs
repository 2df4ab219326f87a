use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S003",
    name: "missing-required-property",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3003", "E3014", "E3058"],
    summary: "A property the resource type requires is not set",
    docs: r#"
## What it does
Reports a resource, or a mapping inside its properties, that lacks a property its schema
requires. Where the schema asks for one of several alternatives (a function's code as an S3
object *or* inline *or* an image), the finding names them all. The finding points at the key
of the mapping that is incomplete, or at the resource's name when it has no `Properties`.

A property set through `Fn::If` with `AWS::NoValue` on one side counts as set: slint cannot
know which way the condition goes.

## Why it matters
CloudFormation fails the resource at deploy time ("Property Role cannot be empty") and rolls the
stack back.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Code: {S3Bucket: artifacts, S3Key: worker.zip}
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt WorkerRole.Arn
      Code: {S3Bucket: artifacts, S3Key: worker.zip}
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::MissingRequired);
}
