use slint_linter::model::apis::{AuthKind, RouteDeclaration};
use slint_linter::Severity;

use super::support::{auth_description, authorizable_routes, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A025",
    name: "route-without-authorization",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Route without authorization on an API whose other routes require it",
    docs: r#"
## What it does
Reports a route that anyone can call on an API where other routes require IAM or an
authorizer. Routes that opt out on purpose are not reported: SAM's `Auth: {Authorizer: NONE}`
against a `DefaultAuthorizer`, and an OpenAPI operation's empty `security: []` under a
top-level `security`. CORS preflight `OPTIONS` routes are left out, and so are WebSocket
routes other than `$connect`. A route that only requires an API key counts as open.

## Why it matters
On an API that authenticates its callers, an open route is usually one that was forgotten: a
new event without `Auth`, a method copied with `AuthorizationType: NONE`, an operation
without `security`. It serves its data to anyone who finds the URL.

## Example
```yaml
        GetOrders:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: get
            Auth: {Authorizer: Cognito}
        DeleteOrder:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders/{id}
            Method: delete
```

## Use instead
```yaml
      Auth:
        DefaultAuthorizer: Cognito   # on the API: every route, unless it says NONE
```

## References
- [Control and manage access to REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html)
- [AWS::Serverless::Api ApiAuth](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for (index, api) in model.apis.apis.iter().enumerate() {
        let routes = authorizable_routes(&model, index);
        let protected: Vec<_> = routes.iter().filter(|r| r.auth.is_authenticated()).collect();
        let Some(example) = protected.first() else { continue };
        for route in routes.iter().filter(|r| r.auth.kind == AuthKind::None && !r.auth.opted_out) {
            let at = route.auth.node.map_or_else(|| route.span(), |n| n.span());
            report
                .add(
                    at,
                    format!(
                        "{} has no authorization, while {} other route{} of {} require{} it: anyone can call it. Protect it too{}",
                        route.label(),
                        protected.len(),
                        if protected.len() == 1 { "" } else { "s" },
                        api.label(),
                        if protected.len() == 1 { "s" } else { "" },
                        match route.declaration {
                            RouteDeclaration::SamEvent(_) if api.default_authorizer.is_some() => {
                                ", or mark it public on purpose with `Auth: {Authorizer: NONE}`"
                            }
                            _ => ", or suppress this finding if it is public on purpose",
                        }
                    ),
                )
                .add_related(example.span(), format!("`{}` uses {}", example.key(), auth_description(&model, example)));
        }
    }
}
