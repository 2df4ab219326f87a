use slint_linter::model::apis::{ApiKind, AuthorizerKind, RouteDeclaration};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A033",
    name: "authorization-type-mismatch",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &["E3708"],
    summary: "`AuthorizationType` that does not match the type of the authorizer `AuthorizerId` names",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::Method` whose `AuthorizationType` does not match its authorizer
(`CUSTOM` needs a `TOKEN` or `REQUEST` authorizer, `COGNITO_USER_POOLS` a
`COGNITO_USER_POOLS` one), and an `AWS::ApiGatewayV2::Route` whose `AuthorizationType` does
not match (`JWT` needs a `JWT` authorizer, `CUSTOM` a `REQUEST` one).

## Why it matters
API Gateway rejects the method or route ("Invalid authorizer ID specified") and the
deployment fails; the usual cause is an authorizer switched from Lambda to Cognito without
updating the methods that use it.

## Example
```yaml
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref CognitoAuthorizer   # Type: COGNITO_USER_POOLS
```

## Use instead
```yaml
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref CognitoAuthorizer
```

## References
- [AWS::ApiGateway::Method AuthorizationType](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html)
- [AWS::ApiGatewayV2::Route AuthorizationType](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html)
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
        let (Some(authorization_type), Some(authorizer)) =
            (route.auth.authorization_type, model.apis.authorizer_of(route))
        else {
            continue;
        };
        let Some(written) = model.template.possible_strings(authorization_type).and_then(|v| match v.as_slice() {
            [(one, _)] => Some(one.to_ascii_uppercase()),
            _ => None,
        }) else {
            continue;
        };
        if authorizer.kind == AuthorizerKind::Unknown {
            continue;
        }
        let api = model.api(route);
        let fits = match (api.kind, written.as_str()) {
            (ApiKind::Rest, "CUSTOM") => authorizer.kind.is_lambda(),
            (ApiKind::Rest, "COGNITO_USER_POOLS") => authorizer.kind == AuthorizerKind::CognitoUserPools,
            (_, "JWT") => authorizer.kind == AuthorizerKind::Jwt,
            (_, "CUSTOM") => authorizer.kind == AuthorizerKind::Request,
            _ => continue,
        };
        if fits {
            continue;
        }
        let needed = match (api.kind, authorizer.kind) {
            (ApiKind::Rest, AuthorizerKind::CognitoUserPools) => "COGNITO_USER_POOLS",
            (ApiKind::Rest, _) => "CUSTOM",
            (_, AuthorizerKind::Jwt) => "JWT",
            _ => "CUSTOM",
        };
        let diagnostic = report.add(
            authorization_type.span,
            format!(
                "`{}` sets `AuthorizationType: {written}`, but its authorizer `{}` is a {} authorizer, which needs `{needed}`; API Gateway rejects the mismatch and the deployment fails",
                resource.name,
                authorizer.name,
                authorizer.kind.type_name()
            ),
        );
        if let Some(type_node) = authorizer.type_node {
            diagnostic.add_related(
                authorizer.locate(type_node).span(),
                format!("`{}` is {} here", authorizer.name, authorizer.kind.type_name()),
            );
        }
    }
}
