use slint_linter::model::apis::AuthorizerKind;
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A027",
    name: "cognito-authorizer-without-user-pool",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "`COGNITO_USER_POOLS` authorizer without `ProviderARNs`",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::Authorizer` of type `COGNITO_USER_POOLS`, or an OpenAPI
`x-amazon-apigateway-authorizer` of type `cognito_user_pools`, that names no user pool
(`ProviderARNs`/`providerARNs` missing or empty).

## Why it matters
A Cognito authorizer validates tokens against the user pools it lists; with none it cannot
work and API Gateway rejects it, failing the deployment.

## Example
```yaml
  Authorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: cognito
      Type: COGNITO_USER_POOLS
      IdentitySource: method.request.header.Authorization
```

## Use instead
```yaml
      ProviderARNs:
        - !GetAtt UserPool.Arn
```

## References
- [Use a Cognito user pool as authorizer for a REST API](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html)
- [AWS::ApiGateway::Authorizer](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-authorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for api in &model.apis.apis {
        for authorizer in api.authorizers.iter().filter(|a| a.kind == AuthorizerKind::CognitoUserPools && !a.is_sam()) {
            let empty = match authorizer.provider_arns {
                None => true,
                Some(arns) => arns.as_seq().is_some_and(<[Node]>::is_empty),
            };
            if !empty {
                continue;
            }
            let at = authorizer
                .provider_arns
                .or(authorizer.type_node)
                .map_or_else(|| authorizer.span(), |n| authorizer.locate(n).span());
            report.add(
                at,
                format!(
                    "Cognito authorizer `{}` of {} names no user pool (`ProviderARNs`); it cannot validate any token and API Gateway rejects it",
                    authorizer.name,
                    api.label()
                ),
            );
        }
    }
}
