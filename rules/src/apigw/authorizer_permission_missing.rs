use slint_linter::model::apis::{Api, ApiDeclaration, ApiKind, Authorizer};
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::{all_permissions, api_gateway_permissions, Model, PermissionsFor};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A030",
    name: "authorizer-invoke-permission-missing",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Lambda authorizer whose function API Gateway has no permission to invoke",
    docs: r#"
## What it does
Reports a Lambda authorizer (`AWS::ApiGateway::Authorizer`, `AWS::ApiGatewayV2::Authorizer`,
or `x-amazon-apigateway-authorizer` in a definition) whose function is in the template when
no `AWS::Lambda::Permission` lets `apigateway.amazonaws.com` invoke that function and the
authorizer has no credentials role (`AuthorizerCredentials`, `AuthorizerCredentialsArn`,
`authorizerCredentials`; SAM `FunctionInvokeRole`). SAM writes the permission for the Lambda
authorizers of an `AWS::Serverless::Api`, but for an `AWS::Serverless::HttpApi` only when the
authorizer sets `EnableFunctionDefaultPermissions: true`.

## Why it matters
API Gateway cannot call the authorizer, so it denies every request to the routes it
protects with a 500 (or 401) — the API is closed to everyone. The permissions SAM writes for
a function's own `Api` events do not cover its use as an authorizer, and SAM HTTP API
authorizers get none by default.

## Example
```yaml
  Authorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: token
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Authorize.Arn}/invocations
```

## Use instead
```yaml
  AuthorizePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Authorize
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Authorizer}
```

## References
- [Configure a Lambda authorizer: invoke permission](https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html)
- [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let permissions = all_permissions(&model);
    for api in &model.apis.apis {
        for authorizer in api.authorizers.iter().filter(|a| a.credentials.is_none() && !sam_grants(api, a)) {
            let (Some(name), Some(node)) = (authorizer.function, authorizer.function_node) else { continue };
            let Some(function) = model.functions.get(name) else { continue };
            let PermissionsFor::Known(found) = api_gateway_permissions(model.template, &permissions, function) else {
                continue;
            };
            if !found.is_empty() {
                continue;
            }
            report
                .add(
                    authorizer.locate(node).span(),
                    format!(
                        "authorizer `{}` of {} calls function `{name}`, which no `AWS::Lambda::Permission` lets `apigateway.amazonaws.com` invoke: every request to the routes it protects is refused. {}",
                        authorizer.name,
                        api.label(),
                        if authorizer.is_sam() {
                            "Set `EnableFunctionDefaultPermissions: true` (SAM then writes the permission), or give it a `FunctionInvokeRole`"
                        } else {
                            "Add a permission, or give the authorizer a credentials role"
                        }
                    ),
                )
                .add_related(function.name_span(), format!("function `{name}`"));
        }
    }
}

/// Whether SAM writes the authorizer's invoke permission: it does for the Lambda authorizers of
/// REST and WebSocket APIs, and for HTTP APIs only with `EnableFunctionDefaultPermissions: true`.
fn sam_grants(api: &Api, authorizer: &Authorizer) -> bool {
    if !authorizer.is_sam() {
        return false;
    }
    match api.kind {
        ApiKind::Http if !matches!(api.declaration, ApiDeclaration::External(_)) => {
            authorizer.node.get("EnableFunctionDefaultPermissions").and_then(Node::as_bool) == Some(true)
        }
        _ => true,
    }
}
