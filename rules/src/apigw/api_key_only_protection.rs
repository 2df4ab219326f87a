use slint_linter::model::apis::{AuthKind, Route};
use slint_linter::{Severity, Span};

use super::support::{listed, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A036",
    name: "api-key-as-only-protection",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Route that requires an API key but no authorization",
    docs: r#"
## What it does
Reports routes that require an API key (`ApiKeyRequired`, SAM `Auth.ApiKeyRequired`, an
OpenAPI `x-api-key` security scheme) and no IAM or authorizer. A key set once for a whole API
is reported once, at that setting.

## Why it matters
AWS advises against API keys as the only protection. Keys identify a client for usage plans
(throttling, quotas, metering); they are long-lived shared secrets that ship inside apps and
web pages, are not tied to a user, and a key in one usage plan works for every API in it.
Usage-plan limits are also best-effort, not hard caps.

## Example
```yaml
      Auth:
        ApiKeyRequired: true
```

## Use instead
```yaml
      Auth:
        ApiKeyRequired: true          # for metering
        DefaultAuthorizer: Cognito    # for authentication
        Authorizers:
          Cognito: {UserPoolArn: !GetAtt UserPool.Arn}
```

## References
- [Usage plans and API keys for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    // Routes by the node that makes their key required, so one setting gets one finding.
    let mut groups: Vec<(Span, Vec<&Route>)> = Vec::new();
    for route in &model.apis.routes {
        if route.api_key_required != Some(true) || route.auth.kind != AuthKind::None || route.is_options() {
            continue;
        }
        let at = route.api_key_node.map_or_else(|| route.span(), |n| n.span());
        match groups.iter_mut().find(|(span, _)| *span == at) {
            Some((_, routes)) => routes.push(route),
            None => groups.push((at, vec![route])),
        }
    }
    for (at, routes) in groups {
        let keys: Vec<String> = routes.iter().map(|r| format!("`{}`", r.key())).collect();
        let api = model.api(routes[0]);
        let diagnostic = report.add(
            at,
            format!(
                "{} of {} require{} an API key and no authorization: API keys meter and throttle clients, they do not authenticate anyone (they are long-lived shared secrets, often shipped inside client code). Add an authorizer or IAM",
                listed(&keys, 4),
                api.label(),
                if routes.len() == 1 { "s" } else { "" }
            ),
        );
        for route in routes.iter().filter(|r| !r.span().contains(at)).take(4) {
            diagnostic.add_related(route.span(), format!("`{}` relies on the key alone", route.key()));
        }
    }
}
