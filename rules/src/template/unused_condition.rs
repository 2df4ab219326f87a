use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T302",
    name: "unused-condition",
    area: Area::Template,
    severity: Severity::Warning,
    cfn_lint: &["W8001"],
    summary: "A condition that no resource, output, `Fn::If` or other condition uses",
    docs: r#"
## What it does
Reports conditions of the `Conditions` section that nothing uses: no resource or output
`Condition`, no `Fn::If` (in any section, SAM `Globals` included) and no `Condition` inside
another condition. Templates that run a macro (`AWS::Include`, `Fn::Transform` or a custom
transform) are skipped, because the macro may use any condition.

## Why it matters
A condition nobody uses is evaluated on every deploy and decides nothing. It is usually left
over from a resource that was removed, or it was meant to guard a resource whose `Condition`
attribute was forgotten, in which case that resource is created in every environment.

## Example
```yaml
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      # ...
```

## Use instead
```yaml
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    Properties:
      # ...
```

## References
- [Conditions](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html)
- [Condition functions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    if template.conditions.is_empty() {
        return;
    }
    let Some(usage) = cx.usage() else { return };
    if usage.has_macro {
        return;
    }
    // `Fn::ForEach::Name` entries (AWS::LanguageExtensions) generate conditions; they are not one.
    for condition in template.conditions.iter().filter(|c| !c.name.starts_with("Fn::ForEach::")) {
        if usage.uses_condition(condition.name) {
            continue;
        }
        let name = condition.name;
        report.add(
            condition.name_span,
            format!(
                "condition `{name}` is never used: no resource or output has `Condition: {name}`, and no `Fn::If` or other \
                 condition names it; add `Condition: {name}` to what it should guard, or remove it"
            ),
        );
    }
}
