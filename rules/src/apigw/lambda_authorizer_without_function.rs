use slint_linter::model::apis::{ApiKind, AuthorizerKind};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A029",
    name: "lambda-authorizer-without-function",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Lambda (TOKEN/REQUEST) authorizer without `AuthorizerUri`, or SAM authorizer with neither a function nor a user pool",
    docs: r#"
## What it does
Reports a `TOKEN` or `REQUEST` authorizer (`AWS::ApiGateway::Authorizer`,
`AWS::ApiGatewayV2::Authorizer`, or `x-amazon-apigateway-authorizer`) without an
`AuthorizerUri`, and an entry of SAM's `Auth.Authorizers` that has neither `FunctionArn` nor
`UserPoolArn` (REST) or neither `FunctionArn` nor `JwtConfiguration` (HTTP).

## Why it matters
A Lambda authorizer is the function it calls; without one API Gateway rejects it. SAM decides
what kind of authorizer an entry is from these properties and fails the transform when it
finds none.

## Example
```yaml
      Auth:
        Authorizers:
          TokenCheck:
            Identity: {Header: Authorization}
```

## Use instead
```yaml
          TokenCheck:
            FunctionArn: !GetAtt Authorize.Arn
            Identity: {Header: Authorization}
```

## References
- [Use API Gateway Lambda authorizers](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html)
- [AWS::Serverless::Api LambdaTokenAuthorizer](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-lambdatokenauthorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for api in &model.apis.apis {
        for authorizer in &api.authorizers {
            let message = if authorizer.is_sam() {
                if authorizer.kind != AuthorizerKind::Unknown || authorizer.function_node.is_some() {
                    continue;
                }
                let needs = match api.kind {
                    ApiKind::Rest => "`FunctionArn` (Lambda) nor `UserPoolArn` (Cognito)",
                    _ => "`FunctionArn` (Lambda) nor `JwtConfiguration` (JWT)",
                };
                format!(
                    "SAM authorizer `{}` of {} has neither {needs}, so SAM cannot tell what it is and fails the transform",
                    authorizer.name,
                    api.label()
                )
            } else if authorizer.kind.is_lambda() && authorizer.function_node.is_none() {
                format!(
                    "{} authorizer `{}` of {} has no `AuthorizerUri`: it has no function to call, and API Gateway rejects it",
                    authorizer.kind.type_name(),
                    authorizer.name,
                    api.label()
                )
            } else {
                continue;
            };
            let at = authorizer.type_node.map_or_else(|| authorizer.span(), |t| authorizer.locate(t).span());
            report.add(at, message);
        }
    }
}
