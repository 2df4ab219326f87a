use slint_linter::template::ReferenceKind;
use slint_linter::Severity;

use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T205",
    name: "unknown-depends-on",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E3005"],
    summary: "`DependsOn` names a resource that does not exist, or the resource itself",
    docs: r#"
## What it does
Reports a `DependsOn` entry that is not a resource of the template (or one the SAM transform
generates, such as `ServerlessRestApi`), and a resource that depends on itself.

## Why it matters
CloudFormation rejects the template: every `DependsOn` target must be a resource in the same
stack. A stale entry left after renaming a resource blocks the whole deployment.

## Example
```yaml
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    DependsOn: ApiDeploymnt
```

## Use instead
```yaml
    DependsOn: ApiDeployment
```

## References
- [DependsOn attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references().iter().filter(|r| r.kind == ReferenceKind::DependsOn) {
        let name = reference.target.as_ref();
        if reference.owner == Some(name) {
            report.add(reference.span, format!("`{name}` depends on itself; remove this `DependsOn` entry"));
        } else if !template.has_resource(name) && !template.has_generated_names() {
            let diagnostic =
                report.add(reference.span, format!("`DependsOn` names `{name}`, but the template has no resource of that name"));
            suggest_replacement(diagnostic, cx.source(), name, template.resource_names());
        }
    }
}
