use slint_linter::schema::ErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S012",
    name: "duplicate-list-item",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3037"],
    summary: "The same item twice in a list whose schema requires unique items",
    docs: r#"
## What it does
Reports an item that repeats an earlier one in a list property whose schema requires every item
to be unique: the same subnet twice, the same managed policy twice, the same attribute defined
twice. The finding points at the repeat and at the first occurrence.

## Why it matters
Most services reject duplicates during the deployment; the rest keep one copy and the template
no longer says what is deployed.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b, subnet-0a1b2c3d]
        SecurityGroupIds: [sg-0a1b2c3d]
      # ...
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig:
        SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
        SecurityGroupIds: [sg-0a1b2c3d]
      # ...
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::report_kind(cx, report, ErrorKind::DuplicateItem);
}
