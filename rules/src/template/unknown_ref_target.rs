use slint_linter::template::ReferenceKind;
use slint_linter::Severity;

use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T201",
    name: "unknown-ref-target",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E3005", "E1012"],
    summary: "`Ref` names no parameter, resource or pseudo parameter",
    docs: r#"
## What it does
Reports a `Ref` (or `!Ref`) whose name is not a parameter, a resource of the template, a
resource the SAM transform generates (`<Function>Role`, `ServerlessRestApi`, …), SAM's
`Function.Version`/`Function.Alias`/`Api.Stage` forms, or a pseudo parameter such as
`AWS::Region`. Near misses come with a suggestion.

## Why it matters
CloudFormation validates every `Ref` before creating anything and fails the whole deployment
with "Unresolved resource dependencies". The usual cause is a renamed resource or a typo.

## Example
```yaml
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          TABLE: !Ref OrderTable
```

## Use instead
```yaml
          TABLE: !Ref OrdersTable
```

## References
- [Ref](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html)
- [Pseudo parameters](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references().iter().filter(|r| r.kind == ReferenceKind::Ref) {
        let name = reference.target.as_ref();
        if template.ref_target(name).is_some() {
            continue;
        }
        if template.has_generated_names() && template.parameter(name).is_none() {
            continue; // the name may be one a `Fn::ForEach` loop creates
        }
        let diagnostic = report.add(
            reference.span,
            format!("`Ref` to `{name}`, but the template has no parameter, resource or pseudo parameter of that name"),
        );
        suggest_replacement(diagnostic, cx.source(), name, template.ref_candidates());
    }
}
