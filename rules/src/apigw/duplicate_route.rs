use std::collections::HashMap;

use slint_linter::model::apis::paths::route_shape;
use slint_linter::model::apis::{Route, RouteDeclaration};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A005",
    name: "duplicate-route",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Two routes of one API with the same method and path",
    docs: r#"
## What it does
Reports a route whose method and path another route of the same API already has — two SAM
events (of one function or of two), an event and a method resource, two methods on one
resource, or the same route written twice in an OpenAPI definition and as a resource. Paths
that differ only in parameter names or a trailing slash are the same route.

## Why it matters
SAM stops with "API method "post" defined multiple times for path "/add"", CloudFormation
fails to create the second method, and where a definition and resources both declare the
route, the last deployment silently wins. Either way one of the two functions never receives
the requests meant for it.

## Example
```yaml
  CreateOrder:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Post: {Type: Api, Properties: {Path: /orders, Method: post}}
  ImportOrder:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Post: {Type: Api, Properties: {Path: /orders, Method: post}}
```

## Use instead
```yaml
  ImportOrder:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Post: {Type: Api, Properties: {Path: /orders/import, Method: post}}
```

## References
- [Api event source](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html)
- [Routes for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: HashMap<(usize, String, String), &Route> = HashMap::new();
    for route in &model.apis.routes {
        if matches!(route.declaration, RouteDeclaration::CorsPreflight(_)) {
            continue;
        }
        let (Some(method), Some(path)) = (&route.method, &route.path) else { continue };
        let key = (route.api, method.clone(), route_shape(path));
        match seen.get(&key) {
            Some(first) => {
                let api = model.api(route);
                // SAM event labels already name the function.
                let callee = |r: &Route| match (r.function(), r.declaration) {
                    (_, RouteDeclaration::SamEvent(_)) | (None, _) => String::new(),
                    (Some(f), _) => format!(" (function `{f}`)"),
                };
                report
                    .add(
                        route.span(),
                        format!(
                            "{}{} repeats {}{} on {}; API Gateway keeps one route per method and path, so the deployment fails or one of them never receives requests",
                            route.label(),
                            callee(route),
                            first.label(),
                            callee(first),
                            api.label()
                        ),
                    )
                    .add_related(first.span(), format!("`{}` is first declared here", first.key()));
            }
            None => {
                seen.insert(key, route);
            }
        }
    }
}
