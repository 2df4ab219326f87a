use slint_linter::model::apis::openapi::{operation_method, path_item_branches, OPERATION_KEYS, PATH_ITEM_KEYS};
use slint_linter::model::apis::paths::{is_method, METHODS};
use slint_linter::model::apis::{ApiKind, Definition, RouteDeclaration};
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::suggest::did_you_mean;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A002",
    name: "invalid-route-method",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Route method that is not one API Gateway routes (`gett`, `FETCH`)",
    docs: r#"
## What it does
Reports a route whose HTTP method is not one API Gateway routes — `GET`, `POST`, `PUT`,
`PATCH`, `DELETE`, `HEAD`, `OPTIONS` or `ANY` — in a SAM event's `Method`, an
`AWS::ApiGateway::Method`'s `HttpMethod`, an `AWS::ApiGatewayV2::Route`'s `RouteKey`, and keys
under an OpenAPI path that look like a misspelt operation (`gett`, `pots`).

## Why it matters
SAM copies the method into the API definition as written, and API Gateway either rejects the
definition or never creates the route: the function is deployed and wired, and every request
for it gets `403 Missing Authentication Token` (REST) or `404 Not Found` (HTTP).

## Example
```yaml
      Events:
        GetOrder:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: gett
```

## Use instead
```yaml
            Method: get
```

## References
- [Api event source](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html)
- [AWS::ApiGateway::Method](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html)
- [Routes for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in model.all_routes() {
        let api = model.api(route);
        if api.kind == ApiKind::WebSocket {
            continue;
        }
        let (Some(method), Some(node)) = (&route.method, route.method_node) else { continue };
        if is_method(method) {
            continue;
        }
        let written = match route.declaration {
            RouteDeclaration::Route(_) => method.clone(),
            _ => node.node.as_str().map_or_else(|| method.clone(), str::to_owned),
        };
        let whose = match route.declaration {
            RouteDeclaration::SamEvent(event) => format!("`Method` of {}", event.label()),
            RouteDeclaration::Method(resource) => format!("`HttpMethod` of `{}`", resource.name),
            RouteDeclaration::Route(resource) => format!("the method in `RouteKey` of `{}`", resource.name),
            _ => "the method".to_owned(),
        };
        report.add(
            node.span(),
            format!(
                "{whose}, `{written}`, is not an HTTP method API Gateway routes, so the route never exists{}",
                suggestion(&written)
            ),
        );
    }
    for unresolved in &model.apis.unresolved_events {
        let Some(node) = unresolved.event.property("Method") else { continue };
        let Some(written) = node.as_str() else { continue };
        if !is_method(written) {
            report.add(
                node.span,
                format!(
                    "`Method` of {}, `{written}`, is not an HTTP method API Gateway routes, so the route never exists{}",
                    unresolved.event.label(),
                    suggestion(written)
                ),
            );
        }
    }
    for api in &model.apis.apis {
        let Definition::Read(document) = api.definition else { continue };
        if !document.origin.is_template() {
            continue;
        }
        let Some(paths) = document.root.get("paths").and_then(Node::as_map) else { continue };
        for path in &paths.entries {
            for item in path_item_branches(&path.value) {
                let Some(item) = item.as_map() else { continue };
                for entry in &item.entries {
                    let key = entry.key.as_str();
                    if operation_method(key).is_some()
                        || PATH_ITEM_KEYS.contains(&key)
                        || key.starts_with("x-") && !key.starts_with("x-amazon-apigateway-any")
                    {
                        continue;
                    }
                    let Some(meant) = did_you_mean(key, OPERATION_KEYS.iter().map(|(k, _)| *k)) else { continue };
                    report.add(
                        entry.key_span,
                        format!(
                            "`{key}` under path `{}` is not an OpenAPI operation, so API Gateway creates no route for it; did you mean `{meant}`?",
                            path.key
                        ),
                    );
                }
            }
        }
    }
}

/// "; did you mean `get`?" in the case the user wrote.
fn suggestion(written: &str) -> String {
    let lower = written.chars().all(|c| !c.is_ascii_uppercase());
    match did_you_mean(&written.to_ascii_uppercase(), METHODS) {
        Some(method) if lower => format!("; did you mean `{}`?", method.to_ascii_lowercase()),
        Some(method) => format!("; did you mean `{method}`?"),
        None => format!(" ({})", METHODS.join(", ")),
    }
}
