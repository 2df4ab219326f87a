use slint_linter::Severity;

use super::support::{by_node, package, subject, Package};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L011",
    name: "image-function-with-zip-settings",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3685"],
    summary: "Container image function sets `Handler`, `Runtime` or `Layers`",
    docs: r#"
## What it does
Reports `Handler`, `Runtime` and `Layers` on a function with `PackageType: Image`, including
values inherited from SAM `Globals` — a common surprise when one image function joins a
template whose Globals set a runtime for the .zip functions.

## Why it matters
A container image brings its own runtime, entry point and dependencies; Lambda rejects these
settings on an image function and the SAM transform or the deployment fails. Set the handler
with `ImageConfig.Command` (or the image's `CMD`), and build layers into the image. To keep
Globals for the other functions, list the properties in the image function's `IgnoreGlobals`.

## Example
```yaml
Globals:
  Function:
    Runtime: python3.13
Resources:
  Model:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
```

## Use instead
```yaml
  Model:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Runtime]
    Properties:
      PackageType: Image
```

## References
- [Create a Lambda function using a container image](https://docs.aws.amazon.com/lambda/latest/dg/images-create.html)
- [SAM Globals](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let images: Vec<_> = functions.iter().filter(|f| package(template, f) == Some(Package::Image)).collect();
    for key in ["Handler", "Runtime", "Layers"] {
        for (node, group) in by_node(images.iter().copied(), |f| f.property(key)) {
            let globals_hint = if group.iter().any(|f| !f.declares(node)) {
                format!(", or add `IgnoreGlobals: [{key}]` to the function")
            } else {
                String::new()
            };
            report.add(
                node.span,
                format!(
                    "`{key}` on {}, a container image function (`PackageType: Image`); Lambda does not accept it for images \
                     and the deployment fails. Remove it{globals_hint}{}",
                    subject(node, &group),
                    match key {
                        "Handler" => "; set the entry point with `ImageConfig.Command` or the image's CMD",
                        "Layers" => "; copy the layer contents into the image instead",
                        _ => "",
                    }
                ),
            );
        }
    }
}
