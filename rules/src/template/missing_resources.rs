use slint_linter::syntax::{Map, Value};
use slint_linter::Severity;

use crate::suggest::did_you_mean;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T102",
    name: "missing-resources",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1001"],
    summary: "The template has no `Resources` section, or it declares no resources",
    docs: r#"
## What it does
Reports a template without a `Resources` section, with an empty one, or with one that is not
a mapping of logical ids to resources. When a top-level key looks like a misspelling of
`Resources`, the finding points at it.

## Why it matters
`Resources` is the only section CloudFormation requires, and it must declare at least one
resource. Without it the stack cannot be created or updated ("At least one Resources member
must be defined"), and a SAM template fails the same way after the transform.

## Example
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
Resources: {}
```

## Use instead
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub jobs-${Stage}
```

## References
- [Resources](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html)
- [Template anatomy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    // A document that is not a mapping at all is reported by the syntax rules.
    let Some(template) = cx.template else { return };
    let Some(entry) = template.root.entry("Resources") else {
        report_missing(cx, template.root, report);
        return;
    };
    let problem = match &entry.value.value {
        Value::Map(map) if !map.is_empty() => return,
        Value::Map(_) | Value::Null => "declares no resources".to_owned(),
        other => format!("is {}, not a mapping of logical ids to resources", other.kind_name_with_article()),
    };
    report.add(
        entry.key_span,
        format!(
            "`Resources` {problem}; CloudFormation requires at least one resource in a template, \
             written as `LogicalId: {{Type: AWS::Service::Resource, Properties: {{...}}}}`"
        ),
    );
}

fn report_missing(cx: &Context, root: &Map, report: &mut Report) {
    let misspelt = root.entries.iter().find(|e| did_you_mean(&e.key, ["Resources"]).is_some());
    match (misspelt, root.entries.first()) {
        (Some(entry), _) => {
            report.add(
                entry.key_span,
                format!(
                    "the template has no `Resources` section; `{}` looks like a misspelling of it. \
                     CloudFormation requires a `Resources` section with at least one resource",
                    entry.key
                ),
            );
        }
        (None, Some(first)) => {
            report.add(
                first.key_span,
                "the template has no `Resources` section; CloudFormation requires one, with at least one resource. \
                 Add `Resources:` at the top level and declare the stack's resources under it",
            );
        }
        // An empty document mapping (`{}`) has nothing to point at but its braces.
        (None, None) => {
            if let Some(root) = &cx.parsed.root {
                report.add(
                    root.span,
                    "the template is an empty mapping; CloudFormation requires a `Resources` section with at least one resource",
                );
            }
        }
    }
}
