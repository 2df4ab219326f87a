use slint_linter::syntax::SyntaxErrorKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T004",
    name: "template-not-a-mapping",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1001"],
    summary: "The top level of the file is not a mapping of sections",
    docs: r#"
## What it does
Reports a file whose top level is a list, a string or a number instead of a mapping of
sections such as `Resources` and `Outputs`.

## Why it matters
CloudFormation reads a template as a mapping from section names to their contents; anything
else is rejected before a single resource is looked at. This usually means the file is not a
template at all, or that its indentation shifted everything into a list.

## Example
```yaml
- Resources:
    Queue:
      Type: AWS::SQS::Queue
```

## Use instead
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
```

## References
- [Template anatomy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    super::parse_findings::forward(cx, report, &[SyntaxErrorKind::NotAMapping]);
}
