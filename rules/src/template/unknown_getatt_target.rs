use slint_linter::template::ReferenceKind;
use slint_linter::Severity;

use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T202",
    name: "unknown-getatt-target",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1010"],
    summary: "`Fn::GetAtt` or a `${Resource.Attribute}` Sub variable names no resource",
    docs: r#"
## What it does
Reports `Fn::GetAtt` (and `${Resource.Attribute}` inside `Fn::Sub`) whose resource is not in
the template and is not one the SAM transform generates. Naming a parameter is reported too:
parameters have no attributes.

## Why it matters
CloudFormation rejects the template with "Template error: instance of Fn::GetAtt references
undefined resource". Typos in logical ids are the usual cause.

## Example
```yaml
Outputs:
  QueueUrl:
    Value: !GetAtt OrderQueue.QueueUrl
```

## Use instead
```yaml
Outputs:
  QueueUrl:
    Value: !GetAtt OrdersQueue.QueueUrl
```

## References
- [Fn::GetAtt](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references() {
        let is_get_att = match reference.kind {
            ReferenceKind::GetAtt => true,
            ReferenceKind::SubVariable => reference.attribute.is_some(),
            _ => false,
        };
        let name = reference.target.as_ref();
        if !is_get_att || template.has_resource(name) {
            continue;
        }
        if template.has_generated_names() && template.parameter(name).is_none() {
            continue; // the name may be one a `Fn::ForEach` loop creates
        }
        let written = match reference.kind {
            ReferenceKind::GetAtt => "`Fn::GetAtt`",
            _ => "the `Fn::Sub` variable",
        };
        if template.parameter(name).is_some() {
            report.add(
                reference.span,
                format!("{written} names `{name}`, which is a parameter; parameters have no attributes, use `Ref` to read their value"),
            );
        } else {
            let diagnostic =
                report.add(reference.span, format!("{written} names `{name}`, but the template has no resource of that name"));
            suggest_replacement(diagnostic, cx.source(), name, template.resource_names());
        }
    }
}
