use slint_linter::model::apis::{Api, ApiKind, AuthKind, AuthSource};
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::suggest::suggestion_suffix;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A034",
    name: "unknown-authorizer",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "SAM `DefaultAuthorizer` or event `Auth.Authorizer` names an authorizer the API does not define",
    docs: r#"
## What it does
Reports a SAM `Auth.DefaultAuthorizer` of an `AWS::Serverless::Api`/`HttpApi` (or of the
`Globals` section) and an `Api`/`HttpApi` event's `Auth.Authorizer` that name an authorizer
the API's `Auth.Authorizers` (or its definition's security schemes) do not define. `NONE` and
`AWS_IAM` are built in; on an HTTP API `AWS_IAM` needs `EnableIamAuthorizer: true`.

## Why it matters
SAM stops with "Unable to set Authorizer [X] on API method [get] for path [/orders] because it
wasn't defined in the API's Authorizers" and nothing deploys. A misspelt default also leaves
you guessing which routes were meant to be protected.

## Example
```yaml
      Auth:
        DefaultAuthorizer: CognitoAuth
        Authorizers:
          CognitoAuthorizer:
            UserPoolArn: !GetAtt UserPool.Arn
```

## Use instead
```yaml
        DefaultAuthorizer: CognitoAuthorizer
```

## References
- [AWS::Serverless::Api ApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html)
- [AWS::Serverless::HttpApi HttpApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-httpapiauth.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut reported = Vec::new();
    for api in &model.apis.apis {
        let Some(default) = api.default_authorizer else { continue };
        if reported.contains(&default.span) {
            continue;
        }
        if let Some(message) = problem(api, default, "`DefaultAuthorizer`") {
            reported.push(default.span);
            report.add(default.span, message);
        }
    }
    for route in model.all_routes() {
        let Some(event) = route.sam_event() else { continue };
        if route.auth.source != AuthSource::Route || !matches!(route.auth.kind, AuthKind::Authorizer | AuthKind::Iam) {
            continue;
        }
        let Some(node) = event.property("Auth").and_then(|a| a.get("Authorizer")) else { continue };
        if reported.contains(&node.span) {
            continue;
        }
        let api = model.api(route);
        if let Some(message) = problem(api, node, &format!("`Auth.Authorizer` of {}", event.label())) {
            reported.push(node.span);
            report.add(node.span, message);
        }
    }
}

/// What is wrong with an authorizer name of a SAM API, if anything.
fn problem(api: &Api, node: &Node, whose: &str) -> Option<String> {
    let name = node.as_str()?;
    if api.authorizer(name).is_some() || name == "NONE" {
        return None;
    }
    if name == "AWS_IAM" {
        let enabled = api.iam_authorizer_enabled.and_then(Node::as_bool) == Some(true);
        if api.kind == ApiKind::Http && !enabled {
            return Some(format!(
                "{whose} is `AWS_IAM`, but {} does not set `Auth.EnableIamAuthorizer: true`; SAM fails the transform",
                api.label()
            ));
        }
        return None;
    }
    if !api.routes_are_known() && api.authorizers.is_empty() {
        return None; // the unread definition may define it
    }
    let defined: Vec<&str> = api.authorizers.iter().map(|a| a.name.as_str()).collect();
    let listed = if defined.is_empty() {
        "it defines no authorizers".to_owned()
    } else {
        format!("it defines {}", defined.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
    };
    Some(format!(
        "{whose} names `{name}`, which {} does not define ({listed}); SAM fails the transform{}",
        api.label(),
        suggestion_suffix(name, defined.iter().copied())
    ))
}
