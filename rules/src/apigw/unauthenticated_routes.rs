use slint_linter::model::apis::AuthKind;
use slint_linter::Severity;

use super::support::{authorizable_routes, listed, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A026",
    name: "unauthenticated-routes",
    area: Area::ApiGateway,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "Summary of an API's routes that anyone can call",
    docs: r#"
## What it does
Lists, once per API, the routes that require neither IAM nor an authorizer — including those
that opt out on purpose and those that only require an API key. CORS preflight `OPTIONS`
routes and WebSocket routes other than `$connect` are left out. It is information for a
reviewer, not a defect: public endpoints are often intended.

## Why it matters
Public endpoints are the attack surface of an application. Seeing them listed in one place
makes it easy to confirm each is meant to be public — a health check, a sign-up form — and to
spot the one that is not.

## Example
```yaml
        Health:
          Type: Api
          Properties: {Path: /health, Method: get}
```

## Use instead
Keep intended public routes, and protect the others with an authorizer or IAM. To silence
the summary for an API, suppress the rule on the API or in `slint.toml`.

## References
- [Control and manage access to REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html)
- [Control access to HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html)
"#,
    check,
};

/// How many routes a summary points at.
const SHOWN: usize = 10;

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for (index, api) in model.apis.apis.iter().enumerate() {
        let open: Vec<_> =
            authorizable_routes(&model, index).into_iter().filter(|r| r.auth.kind == AuthKind::None).collect();
        let Some(first) = open.first() else { continue };
        let keys: Vec<String> = open.iter().map(|r| format!("`{}`", r.key())).collect();
        let at = api.name_span().unwrap_or_else(|| first.span());
        let diagnostic = report.add(
            at,
            format!(
                "{} serves {} route{} without authorization: {}",
                api.label(),
                open.len(),
                if open.len() == 1 { "" } else { "s" },
                listed(&keys, SHOWN)
            ),
        );
        for route in open.iter().take(SHOWN) {
            let why = if route.api_key_required == Some(true) { " (API key only)" } else { "" };
            diagnostic.add_related(route.span(), format!("`{}` is open{why}", route.key()));
        }
    }
}
