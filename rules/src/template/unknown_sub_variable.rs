use slint_linter::template::ReferenceKind;
use slint_linter::Severity;

use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T203",
    name: "unknown-sub-variable",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1019"],
    summary: "A `${Name}` in `Fn::Sub` resolves to nothing",
    docs: r#"
## What it does
Reports a `${Name}` placeholder in an `Fn::Sub` string that is not defined in the Sub's own
variable map and is not a parameter, resource or pseudo parameter. `${Resource.Attribute}`
placeholders are checked by `unknown-getatt-target`, and `${!Literal}` is left alone.

## Why it matters
CloudFormation fails the deployment when a Sub variable cannot be resolved. A placeholder that
was meant literally (a shell variable in a script, a Step Functions path) must be escaped as
`${!Name}`.

## Example
```yaml
Value: !Sub "arn:${AWS::Partition}:s3:::${BucketNme}/*"
```

## Use instead
```yaml
Value: !Sub "arn:${AWS::Partition}:s3:::${BucketName}/*"
```
or, for a literal `${HOME}` in a script: `${!HOME}`.

## References
- [Fn::Sub](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references() {
        if reference.kind != ReferenceKind::SubVariable || reference.attribute.is_some() {
            continue;
        }
        let name = reference.target.as_ref();
        if template.ref_target(name).is_some() {
            continue;
        }
        if template.has_generated_names() && template.parameter(name).is_none() {
            continue; // the name may be one a `Fn::ForEach` loop creates
        }
        let diagnostic = report.add(
            reference.span,
            format!(
                "`${{{name}}}` is not a parameter, resource, pseudo parameter or variable of this `Fn::Sub` \
                 (write `${{!{name}}}` if the text is meant literally)"
            ),
        );
        suggest_replacement(diagnostic, cx.source(), name, template.ref_candidates());
    }
}
