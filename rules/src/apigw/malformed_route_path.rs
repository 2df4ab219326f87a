use slint_linter::model::apis::openapi::path_item_branches;
use slint_linter::model::apis::paths::{problems, DEFAULT_ROUTE};
use slint_linter::model::apis::{ApiKind, Definition, RouteDeclaration};
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A003",
    name: "malformed-route-path",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Route path without a leading `/`, with `//`, or with a malformed `{parameter}`",
    docs: r#"
## What it does
Reports a route path that does not start with `/`, has an empty segment (`/a//b`), has braces
that do not enclose a whole segment (`/orders/{id`, `/file{name}`), an unnamed parameter
(`{}`), or a greedy parameter (`{proxy+}`) before other segments. Paths are checked in SAM
events, HTTP API route keys and OpenAPI definitions; for `AWS::ApiGateway::Resource`, a
`PathPart` must be one segment, without `/`.

## Why it matters
API Gateway rejects such paths when it creates the resource or imports the definition, and
the whole deployment rolls back. A path parameter must be a whole segment and a greedy one
must come last.

## Example
```yaml
          Properties:
            Path: orders/{id
            Method: get
```

## Use instead
```yaml
            Path: /orders/{id}
```

## References
- [Set up a proxy resource with proxy integration](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html)
- [Routes for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html)
- [AWS::ApiGateway::Resource](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-resource.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in model.all_routes() {
        if model.api(route).kind == ApiKind::WebSocket {
            continue;
        }
        let (Some(path), Some(node)) = (&route.path, route.path_node) else { continue };
        let whose = match route.declaration {
            RouteDeclaration::SamEvent(event) => format!("`Path` of {}", event.label()),
            RouteDeclaration::Route(resource) => format!("the path in `RouteKey` of `{}`", resource.name),
            // A method's path is built from resources, whose `PathPart`s are checked below.
            _ => continue,
        };
        if let Some(problem) = problems(path).first() {
            report.add(
                node.span(),
                format!(
                    "{whose}, `{path}`, {}; API Gateway rejects the path and the deployment fails",
                    problem.describe()
                ),
            );
        }
    }
    for api in &model.apis.apis {
        let Definition::Read(document) = api.definition else { continue };
        if !document.origin.is_template() || api.kind == ApiKind::WebSocket {
            continue;
        }
        let Some(paths) = document.root.get("paths").and_then(Node::as_map) else { continue };
        for entry in &paths.entries {
            let has_operations = path_item_branches(&entry.value).iter().any(|item| item.as_map().is_some());
            if !has_operations || entry.key == DEFAULT_ROUTE {
                continue;
            }
            if let Some(problem) = problems(&entry.key).first() {
                report.add(
                    entry.key_span,
                    format!(
                        "OpenAPI path `{}` of {} {}; API Gateway rejects the definition",
                        entry.key,
                        api.label(),
                        problem.describe()
                    ),
                );
            }
        }
    }
    for resource in model.template.resources_of_type("AWS::ApiGateway::Resource") {
        let Some(part) = resource.property("PathPart") else { continue };
        let Some(text) = part.as_str() else { continue };
        let message = if text.contains('/') {
            format!("`PathPart` of `{}`, `{text}`, holds a `/`; a resource is one path segment, so nest resources through `ParentId` instead", resource.name)
        } else if text.is_empty() {
            format!("`PathPart` of `{}` is empty; a resource needs a path segment", resource.name)
        } else {
            match problems(&format!("/{text}")).first() {
                Some(problem) => {
                    format!(
                        "`PathPart` of `{}`, `{text}`, {}; API Gateway rejects the resource",
                        resource.name,
                        problem.describe()
                    )
                }
                None => continue,
            }
        };
        report.add(part.span, message);
    }
}
