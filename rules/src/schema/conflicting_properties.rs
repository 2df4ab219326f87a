use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S009",
    name: "conflicting-properties",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3017", "E3018", "E3020", "E3021", "E3014"],
    summary: "Properties that cannot be used together, or one that needs another",
    docs: r#"
## What it does
Reports combinations of properties the resource type's schema forbids: two alternatives set at
once (an EC2 block device that is both an instance-store volume and an EBS volume), a property
that only works together with another one that is missing, or two properties that exclude each
other. The finding points at the key that breaks the rule. Properties set through `Fn::If` with
`AWS::NoValue` are given the benefit of the doubt, since the conditions may never be true
together.

## Why it matters
CloudFormation, or the service behind it, rejects the resource during the deployment ("The
parameter ExtendedStatistic cannot be used together with Statistic"), and the stack rolls back.

## Example
```yaml
Resources:
  ErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Statistic: Sum
      ExtendedStatistic: p99
      # ...
```

## Use instead
```yaml
Resources:
  ErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Statistic: Sum
      # ...
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::Conflict);
}
