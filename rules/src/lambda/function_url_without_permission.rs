use slint_linter::model::{permissions, Function, FunctionUrl, Permission};
use slint_linter::template::Template;
use slint_linter::Severity;

use super::support::strings;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L025",
    name: "function-url-without-permission",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Public function URL without the permissions that let anyone call it",
    docs: r#"
## What it does
For function URLs with `AuthType: NONE`, looks for the resource-based permissions that open
them:

* an `AWS::Lambda::Url` written in CloudFormation needs an `AWS::Lambda::Permission` with
  `Action: lambda:InvokeFunctionUrl` and `Principal: "*"` on the same function, and — for URLs
  created since October 2025 — a second one with `Action: lambda:InvokeFunction`,
  `Principal: "*"` and `InvokedViaFunctionUrl: true`;
* SAM's `FunctionUrlConfig` adds both itself, but only when `AuthType` is written as the
  literal `NONE`: with `AuthType: !Ref Param` SAM cannot tell and adds neither.

A permission whose `FunctionName` cannot be connected to a function of the template is assumed
to be the missing one, so that the rule stays quiet rather than guess.

## Why it matters
With `AuthType: NONE` Lambda authenticates nobody, but the function's resource policy still
has to allow public access: without these permissions every request gets `403 Forbidden`. The
stack deploys cleanly and the problem shows up only when the URL is called.

## Example
```yaml
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
```

## Use instead
```yaml
  UrlPublicAccess:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunctionUrl
      Principal: "*"
      FunctionUrlAuthType: NONE
  UrlPublicInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: "*"
      InvokedViaFunctionUrl: true
```

## References
- [Control access to Lambda function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
- [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let grants = permissions(template, functions);
    // A permission on a function this model cannot identify might be the one a URL needs.
    let unresolved = grants.iter().any(|g| g.function.is_none());
    if unresolved {
        return;
    }
    for function in functions {
        for url in &function.urls {
            let Some(auth) = url.auth_type else { continue };
            let may_be_public = strings(template, auth).unwrap_or_default().iter().any(|(v, _)| v == "NONE");
            if !may_be_public {
                continue;
            }
            let sam_adds_permissions = url.resource.is_none() && auth.as_str() == Some("NONE");
            if sam_adds_permissions {
                continue;
            }
            let own: Vec<&Permission> = grants.iter().filter(|g| g.function == Some(function.name)).collect();
            let url_access = own.iter().any(|g| is_public(template, g) && allows(template, g, "lambda:InvokeFunctionUrl"));
            let invoke = own.iter().any(|g| {
                is_public(template, g)
                    && allows(template, g, "lambda:InvokeFunction")
                    && g.invoked_via_function_url.is_some_and(|v| v.as_bool() == Some(true))
            });
            let missing = match (url_access, invoke) {
                (true, true) => continue,
                (false, false) => "no permission allows `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction` for `*`".to_owned(),
                (false, true) => "no permission allows `lambda:InvokeFunctionUrl` for `*`".to_owned(),
                (true, false) => "no permission allows `lambda:InvokeFunction` for `*` with `InvokedViaFunctionUrl: true`, which \
                                  function URLs created since October 2025 need"
                    .to_owned(),
            };
            report.add(auth.span, message(function, url, &missing));
        }
    }
}

fn message(function: &Function, url: &FunctionUrl, missing: &str) -> String {
    match url.resource {
        Some(resource) => format!(
            "function URL `{}` of function `{}` has `AuthType: NONE`, but {missing}: every request gets 403 Forbidden. \
             Add the `AWS::Lambda::Permission` resources, or use `AuthType: AWS_IAM`",
            resource.name, function.name
        ),
        None => format!(
            "the function URL of function `{}` may have `AuthType: NONE`, but SAM adds the public permissions only when \
             `AuthType` is written as the literal `NONE`, and {missing}: requests would get 403 Forbidden. Write \
             `AuthType: NONE`, or add the `AWS::Lambda::Permission` resources",
            function.name
        ),
    }
}

fn is_public(template: &Template, grant: &Permission) -> bool {
    grant.principal.and_then(|p| strings(template, p)).is_some_and(|values| values.iter().any(|(v, _)| v == "*"))
}

fn allows(template: &Template, grant: &Permission, action: &str) -> bool {
    grant
        .action
        .and_then(|a| strings(template, a))
        .is_some_and(|values| values.iter().any(|(v, _)| v.eq_ignore_ascii_case(action) || v == "lambda:*"))
}
