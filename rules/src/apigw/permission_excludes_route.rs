use slint_linter::model::apis::paths::{route_shape, DEFAULT_ROUTE};
use slint_linter::model::apis::{ApiKind, RouteDeclaration};
use slint_linter::{Severity, Span};

use super::support::{
    all_permissions, api_gateway_permissions, sam_grants_route, scope_covers, source_scope, Model, PermissionsFor,
    SourceScope,
};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A010",
    name: "permission-source-arn-excludes-route",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "The function's API Gateway permissions have `SourceArn`s that leave a route out",
    docs: r#"
## What it does
Reports a route whose Lambda function has invoke permissions for API Gateway, none of which
covers the route: every permission's `SourceArn`
(`arn:…:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}`) names another API,
stage, method or path. The permissions SAM writes for a function's `Api`/`HttpApi` events
count, scoped to those events' routes. Only `SourceArn`s whose API is an API of the template
(or `*`) and whose other parts are written out are compared; the rest are taken to cover.

## Why it matters
Lambda checks the caller's ARN against the permission. A route outside every `SourceArn` gets
a 500 "Internal server error" on every request ("Invalid permissions on Lambda function"),
though the permission looks right at a glance. On a REST API path parameters are matched by
`*` only: `.../GET/orders/{id}` does not cover `GET /orders/42` (HTTP APIs pass the route's
path as written, `{id}` included).

## Example
```yaml
  OrdersPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Orders
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders
```
while the function also serves `POST /orders`.

## Use instead
```yaml
      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*/orders
```

## References
- [Control access to an API with IAM permissions: execute-api ARNs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html)
- [Set up Lambda integrations: permissions](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integrations.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let permissions = all_permissions(&model);
    for route in &model.apis.routes {
        let Some(integration) = &route.integration else { continue };
        let Some(name) = integration.function else { continue };
        if integration.is_written_by_sam() || integration.credentials.is_some() || sam_grants_route(route) {
            continue;
        }
        let api = model.api(route);
        let Some(function) = model.functions.get(name) else { continue };
        let PermissionsFor::Known(found) = api_gateway_permissions(model.template, &permissions, function) else {
            continue;
        };
        let mut scopes: Vec<(SourceScope, Span, String)> = found
            .iter()
            .map(|p| {
                let scope = source_scope(model.template, p.source_arn);
                let at = p.source_arn.map_or(p.resource.name_span, |s| s.span);
                (scope, at, format!("permission `{}`", p.resource.name))
            })
            .collect();
        scopes.extend(sam_event_scopes(&model, name));
        if scopes.is_empty() {
            continue; // no permission at all: `missing-api-invoke-permission`
        }
        let mut covered = false;
        for (scope, _, _) in &scopes {
            match scope_covers(scope, api, route) {
                Some(false) => {}
                // Covered, or not known: stay silent.
                _ => covered = true,
            }
        }
        if covered {
            continue;
        }
        let stages: Vec<&str> = api.stages.iter().filter(|s| !s.incidental).filter_map(|s| s.literal_name()).collect();
        let diagnostic = report.add(
            route.span(),
            format!(
                "no API Gateway permission of function `{name}` covers {} on {} (stage {}): Lambda refuses the call and every request fails with 500. Widen a `SourceArn` (path parameters need `*`) or add a permission for this route",
                route.label(),
                api.label(),
                stages.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            ),
        );
        for (scope, at, what) in scopes.iter().take(5) {
            let covers = match scope {
                SourceScope::Routes { api: Some(id), pattern } => format!("{what} covers `{id}/{pattern}`"),
                SourceScope::Routes { api: None, pattern } => format!("{what} covers `*/{pattern}`"),
                _ => what.clone(),
            };
            diagnostic.add_related(*at, covers);
        }
    }
}

/// The scopes of the permissions SAM writes for a function's `Api`/`HttpApi` events:
/// `{api}/*/{METHOD}/{path}`, with `*` for `ANY` and for every path parameter.
fn sam_event_scopes(model: &Model, function: &str) -> Vec<(SourceScope, Span, String)> {
    let mut out = Vec::new();
    for route in model.all_routes() {
        let Some(event) = route.sam_event() else { continue };
        if event.owner != function || matches!(route.declaration, RouteDeclaration::CorsPreflight(_)) {
            continue;
        }
        let api = model.api(route);
        let (Some(method), Some(path)) = (&route.method, &route.path) else { continue };
        let pattern = if path == DEFAULT_ROUTE && api.kind == ApiKind::Http {
            "*".to_owned()
        } else {
            let method = if method == "ANY" { "*" } else { method.as_str() };
            let shape = route_shape(path).replace("{+}", "*").replace("{}", "*");
            format!("*/{method}{shape}")
        };
        out.push((
            SourceScope::Routes { api: Some(api.id.clone()), pattern },
            event.name_span,
            format!("the permission SAM writes for {}", event.label()),
        ));
    }
    out
}
