use slint_linter::schema::did_you_mean;
use slint_linter::Severity;

use super::document::validators;
use crate::suggest::suggest_replacement;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S001",
    name: "unknown-resource-type",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3006"],
    summary: "A resource `Type` that is not a CloudFormation or SAM resource type",
    docs: r#"
## What it does
Reports a resource whose `Type` is not one of the CloudFormation resource types (all regions)
or SAM's `AWS::Serverless::*` types, and suggests the type that was probably meant.

`Custom::` types are custom resources and always accepted. Types of other organisations
(`Acme::Billing::Invoice`) are private registry types slint cannot know: they are only reported
when they look like a misspelt AWS type, or when a `--schemas` folder describes them. A type
name that does not have the `Service::Group::Resource` shape at all is reported.

## Why it matters
CloudFormation rejects the whole template before creating anything ("Unrecognized resource
types: [AWS::Lamda::Function]"), and nothing else about the resource can be checked until the
type is right.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::Lamda::Function
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::Lambda::Function
```

## References
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
- [Custom resources](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let schemas = validators(cx).schemas();
    let mut known: Option<Vec<&str>> = None;
    for resource in &template.resources {
        let Some(type_name) = resource.type_name else { continue };
        if schemas.contains(type_name) || type_name.starts_with("Custom::") {
            continue;
        }
        let known = known.get_or_insert_with(|| schemas.type_names());
        let message = match shape(type_name) {
            Shape::Aws => format!("`{type_name}` is not a CloudFormation resource type"),
            Shape::ThirdParty if did_you_mean(type_name, known.iter().copied()).is_some() => {
                format!("`{type_name}` is not a known resource type")
            }
            // A private registry type or module: only its publisher's schema could say.
            Shape::ThirdParty => continue,
            Shape::Malformed => format!(
                "`{type_name}` is not a resource type name: types are written `Service::Group::Resource`, \
                 like `AWS::Lambda::Function`, or `Custom::Name` for a custom resource"
            ),
        };
        let diagnostic = report.add(resource.type_span(), message);
        suggest_replacement(diagnostic, cx.source(), type_name, known.iter().copied());
    }
}

enum Shape {
    /// `AWS::…` or `Alexa::…`: published by AWS, so the bundle knows every one.
    Aws,
    /// `Org::Service::Resource`, or a module `Org::Service::Resource::MODULE`.
    ThirdParty,
    Malformed,
}

fn shape(type_name: &str) -> Shape {
    let parts: Vec<&str> = type_name.split("::").collect();
    let well_formed = matches!(parts.len(), 3 | 4)
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        && (parts.len() == 3 || parts[3] == "MODULE");
    match parts.first() {
        _ if !well_formed => Shape::Malformed,
        Some(&"AWS") | Some(&"Alexa") => Shape::Aws,
        _ => Shape::ThirdParty,
    }
}
