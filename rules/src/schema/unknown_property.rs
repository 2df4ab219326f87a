use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S002",
    name: "unknown-property",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3002", "E3040"],
    summary: "A property the resource type's schema does not have, or a read-only one",
    docs: r#"
## What it does
Reports a key under `Properties` (at any depth) that the resource type's published schema does
not allow, and suggests the property that was probably meant. Setting a read-only property —
one CloudFormation fills in, such as a function's `Arn` — is reported too. SAM resources are
checked against SAM's schemas, event sources included.

## Why it matters
CloudFormation rejects the stack operation ("Encountered unsupported property Timout") only
after it has started creating resources, and rolls back. A misspelt optional property in a SAM
resource can be worse: some are ignored, so the setting silently never takes effect.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt WorkerRole.Arn
      Code: {S3Bucket: artifacts, S3Key: worker.zip}
      Timout: 30
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
      Timeout: 30
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
- [Resource type schemas](https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::UnknownProperty);
}
