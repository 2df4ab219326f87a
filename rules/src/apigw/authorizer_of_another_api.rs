use slint_linter::model::apis::RouteDeclaration;
use slint_linter::model::targets::target_of;
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A038",
    name: "authorizer-of-another-api",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &["E3699"],
    summary: "Method or route whose `AuthorizerId` is an authorizer of another API",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::Method` (or `AWS::ApiGatewayV2::Route`) whose `AuthorizerId`
names an `AWS::ApiGateway::Authorizer` (`AWS::ApiGatewayV2::Authorizer`) that belongs to a
different API than the method's `RestApiId` (`ApiId`).

## Why it matters
An authorizer exists inside one API. API Gateway rejects a method that points at another
API's authorizer ("Invalid authorizer ID specified") and the deployment fails. It happens
when one API's resources are copied to build a second one.

## Example
```yaml
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref OrdersApi
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref UsersApiAuthorizer
```

## Use instead
Give each API its own authorizer and name it from that API's methods.

## References
- [AWS::ApiGateway::Method AuthorizerId](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html)
- [AWS::ApiGateway::Authorizer](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-authorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let template = model.template;
    for route in &model.apis.routes {
        let (resource, authorizer_type, key) = match route.declaration {
            RouteDeclaration::Method(resource) => (resource, "AWS::ApiGateway::Authorizer", "RestApiId"),
            RouteDeclaration::Route(resource) => (resource, "AWS::ApiGatewayV2::Authorizer", "ApiId"),
            _ => continue,
        };
        let Some(authorizer_id) = route.auth.authorizer_id else { continue };
        let Some(target) = target_of(template, authorizer_id) else { continue };
        let Some(authorizer) = template.resource(target.logical_id).filter(|r| r.type_name == Some(authorizer_type))
        else {
            continue;
        };
        let (Some(own_api), Some(authorizer_api)) = (resource.property(key), authorizer.property(key)) else {
            continue;
        };
        let (Some(own), Some(theirs)) = (target_of(template, own_api), target_of(template, authorizer_api)) else {
            continue;
        };
        if own.logical_id == theirs.logical_id {
            continue;
        }
        report
            .add(
                authorizer_id.span,
                format!(
                    "`{}` belongs to `{}`, but its `AuthorizerId` names `{}`, an authorizer of `{}`; API Gateway rejects an authorizer of another API and the deployment fails",
                    resource.name, own.logical_id, authorizer.name, theirs.logical_id
                ),
            )
            .add_related(authorizer_api.span, format!("`{}` belongs to `{}`", authorizer.name, theirs.logical_id));
    }
}
