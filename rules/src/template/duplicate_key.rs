use slint_linter::syntax::SyntaxErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T002",
    name: "duplicate-key",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E0000"],
    summary: "The same key appears twice in one mapping",
    docs: r#"
## What it does
Reports a key written twice in the same mapping, in YAML or JSON, and points at both.

## Why it matters
YAML and JSON readers disagree on which of the two wins, and CloudFormation rejects templates
with duplicate keys. Most often the second key was meant to be a different resource or property,
and one of the two definitions silently disappears.

## Example
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SNS::Topic
```

## Use instead
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
```

## References
- [YAML 1.2: mappings require unique keys](https://yaml.org/spec/1.2.2/#mapping)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::parse_findings::forward(cx, report, &[SyntaxErrorKind::DuplicateKey]);
}
