use slint_linter::model::CodeLocation;
use slint_linter::Severity;

use super::runtimes::Family;
use super::support::{add_value_finding, strings};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L012",
    name: "inline-code-runtime",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3677"],
    summary: "Inline function code with a runtime other than Node.js or Python",
    docs: r#"
## What it does
Reports a function whose code is written in the template (SAM `InlineCode`, or `Code.ZipFile`)
with a `Runtime` that is not a Node.js or Python runtime. A missing runtime is reported by
`zip-function-incomplete`.

## Why it matters
CloudFormation writes inline code to a single file (`index.js` for Node.js, `index.py` for
Python) and zips it; only those two runtimes can run source code that way. Java, .NET and Go need
a build, Ruby and custom runtimes a package: the deployment fails or the function cannot start.

## Example
```yaml
      Runtime: ruby3.4
      InlineCode: |
        def handler(event:, context:) = "ok"
```

## Use instead
```yaml
      Runtime: ruby3.4
      CodeUri: src/
      Handler: app.handler
```

## References
- [AWS::Lambda::Function Code](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-code.html)
- [SAM InlineCode](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-inlinecode)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for function in functions {
        let Some(CodeLocation::Inline(code)) = function.code else { continue };
        let Some(runtime) = function.runtime else { continue };
        for (value, span) in strings(template, runtime).unwrap_or_default() {
            if matches!(Family::of(&value), Some(Family::Node(_) | Family::Python(..))) {
                continue;
            }
            let key = if function.is_sam() { "InlineCode" } else { "Code.ZipFile" };
            add_value_finding(
                report,
                template,
                runtime,
                span,
                format!(
                    "function `{}` has its code inline (`{key}`) but runs on `{value}`; only Node.js and Python runtimes can \
                     run inline source. Package the code (`{}`) or use a Node.js or Python runtime",
                    function.name,
                    if function.is_sam() { "CodeUri" } else { "Code.S3Bucket`/`Code.S3Key" }
                ),
            )
            .add_related(code.span, "the inline code is here");
        }
    }
}
