use slint_linter::Severity;

use super::support::strings;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L024",
    name: "public-function-url",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Function URL with `AuthType: NONE` is open to anyone on the internet",
    docs: r#"
## What it does
Reports function URLs — SAM `FunctionUrlConfig` and `AWS::Lambda::Url` — whose `AuthType`
is, or through a parameter can be, `NONE`.

## Why it matters
A URL without IAM authentication can be called by anyone who finds it, with no throttling
other than the function's concurrency: every call is billed, and the function must do all of
its own authentication. Use `AWS_IAM` (callers sign requests; CloudFront can sign with origin
access control), or put API Gateway in front for authorizers, throttling and WAF. When a public
endpoint is intended (a webhook that checks signatures), suppress this finding with a comment
that says so.

## Example
```yaml
      FunctionUrlConfig:
        AuthType: NONE
```

## Use instead
```yaml
      FunctionUrlConfig:
        AuthType: AWS_IAM
```

## References
- [Control access to Lambda function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut reported = Vec::new();
    for function in functions {
        for url in &function.urls {
            let Some(auth) = url.auth_type else { continue };
            if reported.contains(&auth.span) {
                continue;
            }
            let Some((_, span)) = strings(template, auth).unwrap_or_default().into_iter().find(|(v, _)| v == "NONE") else {
                continue;
            };
            reported.push(auth.span);
            let declared = match url.resource {
                Some(resource) => format!("function URL `{}` of function `{}`", resource.name, function.name),
                None => format!("the function URL of function `{}`", function.name),
            };
            let diagnostic = report.add(
                auth.span,
                format!(
                    "{declared} has `AuthType: NONE`: anyone on the internet can invoke the function, and every call is billed. \
                     Use `AWS_IAM` or put API Gateway in front; if the endpoint is meant to be public, suppress this finding"
                ),
            );
            if !auth.span.contains(span) {
                diagnostic.add_related(span, super::support::value_origin(template, span));
            }
        }
    }
}
