use slint_linter::model::apis::Route;
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::{all_permissions, api_gateway_permissions, listed, sam_grants_route, Model, PermissionsFor};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A009",
    name: "missing-api-invoke-permission",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Function behind an API with no `AWS::Lambda::Permission` for `apigateway.amazonaws.com`",
    docs: r#"
## What it does
Reports a Lambda function that routes of an API invoke — through `AWS::ApiGateway::Method`
or `AWS::ApiGatewayV2::Integration` resources, or an OpenAPI `x-amazon-apigateway-integration`
— when nothing lets API Gateway call it: no `AWS::Lambda::Permission` with
`Principal: apigateway.amazonaws.com` names the function, no SAM event of the function declares
the route (SAM writes that permission itself), and the integration has no `Credentials` role.

## Why it matters
Lambda refuses the call. The API deploys, and every request to the route fails with a 500
"Internal server error"; the execution log says "Invalid permissions on Lambda function".
SAM adds permissions only for the routes of a function's own `Api`/`HttpApi` events, so a
function named only in a `DefinitionBody` needs one written out too.

## Example
```yaml
  GetOrder:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref OrderResource
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders.Arn}/invocations
```

## Use instead
```yaml
  OrdersInvokePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Orders
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders/*
```

## References
- [Set up Lambda integrations: permissions](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integrations.html)
- [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let permissions = all_permissions(&model);
    // Routes that need a permission, function by function, in template order.
    let mut by_function: Vec<(&str, Vec<&Route>)> = Vec::new();
    for route in &model.apis.routes {
        let Some(integration) = &route.integration else { continue };
        let Some(function) = integration.function else { continue };
        if integration.is_written_by_sam() || integration.credentials.is_some() || sam_grants_route(route) {
            continue;
        }
        match by_function.iter_mut().find(|(name, _)| *name == function) {
            Some((_, routes)) => routes.push(route),
            None => by_function.push((function, vec![route])),
        }
    }
    for (name, routes) in by_function {
        let Some(function) = model.functions.get(name) else { continue };
        match api_gateway_permissions(model.template, &permissions, function) {
            PermissionsFor::Known(found) if found.is_empty() => {}
            _ => continue,
        }
        if has_api_events(function.events) {
            // SAM's permissions for the function's own events exist; whether they cover these
            // routes is `permission-source-arn-excludes-route`'s question.
            continue;
        }
        let keys: Vec<String> = routes.iter().map(|r| format!("`{}`", r.key())).collect();
        let first = routes[0];
        let diagnostic = report.add(
            first.span(),
            format!(
                "API Gateway has no permission to invoke function `{name}`, which {} {} call{}: no `AWS::Lambda::Permission` with `Principal: apigateway.amazonaws.com` names it, so every request fails with 500. Add one (SAM adds it only for the function's own `Api`/`HttpApi` events)",
                if routes.len() == 1 { "route" } else { "routes" },
                listed(&keys, 4),
                if routes.len() == 1 { "s" } else { "" },
            ),
        );
        diagnostic.add_related(function.name_span(), format!("function `{name}`"));
        for route in routes.iter().skip(1).take(4) {
            diagnostic.add_related(route.span(), format!("`{}` also invokes it", route.key()));
        }
    }
}

/// Whether a SAM function has `Api` or `HttpApi` events, for which SAM writes permissions.
fn has_api_events(events: Option<&Node>) -> bool {
    events.and_then(Node::as_map).is_some_and(|events| {
        events.iter().any(|(_, event)| matches!(event.get("Type").and_then(Node::as_str), Some("Api" | "HttpApi")))
    })
}
