use slint_linter::model::apis::AuthorizerKind;
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A035",
    name: "jwt-authorizer-incomplete",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "HTTP API JWT authorizer without an issuer or an audience",
    docs: r#"
## What it does
Reports a JWT authorizer of an HTTP API — `AWS::ApiGatewayV2::Authorizer` with
`AuthorizerType: JWT` (`JwtConfiguration.Issuer`/`Audience`), SAM `JwtConfiguration`
(`issuer`/`audience`), or a definition's `jwtConfiguration` — without an issuer or with no
audience.

## Why it matters
API Gateway validates a token's `iss` against the issuer and its `aud` (or `client_id`)
against the audience list. Without them it cannot validate anything: the authorizer is
rejected at deployment, or — for the audience — no token is ever accepted.

## Example
```yaml
      Auth:
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}
```

## Use instead
```yaml
            JwtConfiguration:
              issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}
              audience:
                - !Ref UserPoolClient
```

## References
- [Control access to HTTP APIs with JWT authorizers](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html)
- [AWS::ApiGatewayV2::Authorizer JWTConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-authorizer-jwtconfiguration.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for api in &model.apis.apis {
        for authorizer in api.authorizers.iter().filter(|a| a.kind == AuthorizerKind::Jwt) {
            let missing_audience = match authorizer.jwt_audience {
                None => true,
                Some(audience) => audience.as_seq().is_some_and(<[Node]>::is_empty),
            };
            let missing: Vec<&str> =
                [(authorizer.jwt_issuer.is_none(), "no issuer"), (missing_audience, "no audience")]
                    .into_iter()
                    .filter_map(|(missing, what)| missing.then_some(what))
                    .collect();
            if missing.is_empty() {
                continue;
            }
            let at = authorizer.type_node.map_or_else(|| authorizer.span(), |t| authorizer.locate(t).span());
            report.add(
                at,
                format!(
                    "JWT authorizer `{}` of {} has {}; API Gateway cannot validate tokens without both and rejects it or accepts none",
                    authorizer.name,
                    api.label(),
                    missing.join(" and ")
                ),
            );
        }
    }
}
