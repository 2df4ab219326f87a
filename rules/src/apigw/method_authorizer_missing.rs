use slint_linter::model::apis::{AuthKind, RouteDeclaration};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A028",
    name: "method-authorizer-missing",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Method or route with `AuthorizationType` CUSTOM, COGNITO_USER_POOLS or JWT but no `AuthorizerId`",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::Method` whose `AuthorizationType` is `CUSTOM` or
`COGNITO_USER_POOLS`, or an `AWS::ApiGatewayV2::Route` whose `AuthorizationType` is `CUSTOM`
or `JWT`, without an `AuthorizerId`.

## Why it matters
These authorization types mean "use this authorizer", and the method does not say which.
API Gateway rejects the method ("Invalid authorizer ID specified. Setting the authorization
type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer") and the deployment fails.

## Example
```yaml
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref OrdersResource
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
```

## Use instead
```yaml
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref CognitoAuthorizer
```

## References
- [AWS::ApiGateway::Method AuthorizerId](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html)
- [AWS::ApiGatewayV2::Route](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in &model.apis.routes {
        let resource = match route.declaration {
            RouteDeclaration::Method(resource) | RouteDeclaration::Route(resource) => resource,
            _ => continue,
        };
        let Some(authorization_type) = route.auth.authorization_type else { continue };
        if route.auth.kind != AuthKind::Authorizer || route.auth.authorizer_id.is_some() {
            continue;
        }
        let written = authorization_type.as_str().unwrap_or("an authorizer type");
        report.add(
            authorization_type.span,
            format!(
                "`{}` sets `AuthorizationType: {written}` but no `AuthorizerId`, so it does not say which authorizer checks `{}`; API Gateway rejects it and the deployment fails",
                resource.name,
                route.key()
            ),
        );
    }
}
