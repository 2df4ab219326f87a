use slint_linter::template::ReferenceKind;
use slint_linter::Severity;

use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T207",
    name: "unknown-condition",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E8002"],
    summary: "A `Condition` or `Fn::If` names a condition that is not defined",
    docs: r#"
## What it does
Reports condition names — a resource's or output's `Condition`, the first argument of
`Fn::If`, and `Condition` inside another condition — that the `Conditions` section does not
define.

## Why it matters
CloudFormation refuses the template with "Unresolved Condition" before creating anything.

## Example
```yaml
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProduction
```

## Use instead
```yaml
    Condition: IsProd
```

## References
- [Conditions](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references().iter().filter(|r| r.kind == ReferenceKind::Condition) {
        let name = reference.target.as_ref();
        if template.condition(name).is_some() {
            continue;
        }
        let diagnostic = report.add(reference.span, format!("condition `{name}` is not defined in `Conditions`"));
        suggest_replacement(diagnostic, cx.source(), name, template.conditions.iter().map(|c| c.name));
    }
}
