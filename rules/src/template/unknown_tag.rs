use slint_linter::syntax::SyntaxErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T003",
    name: "unknown-tag",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E0000"],
    summary: "A YAML tag that is not one of CloudFormation's short-form functions",
    docs: r#"
## What it does
Reports a `!Tag` that is not one of CloudFormation's short-form intrinsic functions (`!Ref`,
`!GetAtt`, `!Sub`, `!Join`, `!If`, …), suggesting the closest one.

## Why it matters
CloudFormation's YAML reader only understands its own tags. An unknown tag — usually a typo such
as `!GetAttr` or `!sub` — makes the whole template fail to parse at deploy time.

## Example
```yaml
Outputs:
  QueueArn:
    Value: !GetAttr Queue.Arn
```

## Use instead
```yaml
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
```

## References
- [Intrinsic function reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::parse_findings::forward(cx, report, &[SyntaxErrorKind::UnknownTag]);
}
