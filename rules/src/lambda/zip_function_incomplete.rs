use slint_linter::model::{CodeLocation, Function};
use slint_linter::Severity;

use super::support::{package, Package};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L010",
    name: "zip-function-incomplete",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["W2533"],
    summary: "Zip-packaged function without `Runtime` or `Handler`, or with container image settings",
    docs: r#"
## What it does
For functions packaged as a .zip archive (`PackageType: Zip`, or no `PackageType`, the
default) reports:

* a missing `Runtime` or `Handler` (after SAM Globals are merged in);
* an `ImageUri` (SAM) or `Code.ImageUri`, or an `ImageConfig`, which only container image
  functions can have — usually a forgotten `PackageType: Image`.

## Why it matters
Lambda needs the runtime and the handler to run a .zip package, and refuses image settings on
one: CloudFormation (or the SAM transform, before anything is deployed) fails.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Function
    Properties:
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4
```

## Use instead
```yaml
  Api:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4
```

## References
- [Lambda deployment packages](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-package.html)
- [AWS::Lambda::Function](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for function in functions.iter().filter(|f| package(template, f) == Some(Package::Zip)) {
        let missing: Vec<&str> = [("Runtime", function.runtime), ("Handler", function.handler)]
            .into_iter()
            .filter(|(_, node)| node.is_none())
            .map(|(name, _)| name)
            .collect();
        if !missing.is_empty() && !is_image_by_mistake(function) {
            report.add(
                function.name_span(),
                format!(
                    "function `{}` is packaged as a .zip archive but has no `{}`; Lambda needs both the runtime and the \
                     handler to run a .zip package, so the deployment fails. Add {}, or set `PackageType: Image` for a container image",
                    function.name,
                    missing.join("` or `"),
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ")
                ),
            );
        }
        let mut image_settings = Vec::new();
        if let Some(CodeLocation::Image(node)) = function.code {
            image_settings.push(("ImageUri", node));
        }
        if let Some(node) = function.property("ImageConfig") {
            image_settings.push(("ImageConfig", node));
        }
        for (key, node) in image_settings {
            report.add(
                node.span,
                format!(
                    "`{key}` on function `{}`, which is packaged as a .zip archive ({}); only container image functions \
                     take it and the deployment fails. Set `PackageType: Image`, or remove `{key}`",
                    function.name,
                    if function.package_type.is_some() { "`PackageType: Zip`" } else { "no `PackageType`, so Zip" }
                ),
            );
        }
    }
}

/// A function with an image URI but no `PackageType` is missing `PackageType: Image`, not a
/// runtime and handler: that finding alone says what to fix.
fn is_image_by_mistake(function: &Function) -> bool {
    function.package_type.is_none() && matches!(function.code, Some(CodeLocation::Image(_)))
}
