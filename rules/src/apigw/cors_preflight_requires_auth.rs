use slint_linter::model::apis::{ApiKind, AuthSource, IntegrationKind, RouteDeclaration};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A024",
    name: "cors-preflight-requires-authorization",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "CORS preflight (`OPTIONS`) route of a REST API requires authorization",
    docs: r#"
## What it does
Reports REST API `OPTIONS` routes that answer CORS preflights but require authorization: the
preflight methods SAM adds to an `AWS::Serverless::Api` with `Cors` and a `DefaultAuthorizer`
(reported once, at the `DefaultAuthorizer`, unless `AddDefaultAuthorizerToCorsPreflight:
false`), and `OPTIONS` routes written out (events, methods, definition operations) on an API
with CORS, or with a mock integration, that have an authorizer or `AWS_IAM`.

## Why it matters
Browsers send the preflight without credentials — no `Authorization` header, no cookies, no
signature. The authorizer answers 401 or 403 without CORS headers, and the browser blocks the
real request that was going to carry the token. The API works from curl and fails from every
web page.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors: "'https://app.example.com'"
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito: {UserPoolArn: !GetAtt Pool.Arn}
```

## Use instead
```yaml
      Auth:
        DefaultAuthorizer: Cognito
        AddDefaultAuthorizerToCorsPreflight: false
        Authorizers:
          Cognito: {UserPoolArn: !GetAtt Pool.Arn}
```

## References
- [AWS::Serverless::Api ApiAuth: AddDefaultAuthorizerToCorsPreflight](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html)
- [CORS for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html)
- [Fetch standard: CORS preflight fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut reported_defaults = Vec::new();
    for route in &model.apis.routes {
        let api = model.api(route);
        if api.kind != ApiKind::Rest || !route.is_options() || !route.auth.is_authenticated() {
            continue;
        }
        if let RouteDeclaration::CorsPreflight(_) = route.declaration {
            if route.auth.source != AuthSource::ApiDefault || reported_defaults.contains(&route.api) {
                continue;
            }
            reported_defaults.push(route.api);
            let Some(default) = api.default_authorizer else { continue };
            report.add(
                default.span,
                format!(
                    "SAM puts `DefaultAuthorizer` on the CORS preflight (`OPTIONS`) methods of {} too; browsers send preflights without credentials, so they are refused and the browser blocks the real request. Set `AddDefaultAuthorizerToCorsPreflight: false`",
                    api.label()
                ),
            );
            continue;
        }
        let answers_preflight =
            api.cors.is_some() || route.integration.as_ref().is_some_and(|i| i.kind == IntegrationKind::Mock);
        if !answers_preflight {
            continue;
        }
        let at = route.auth.node.map_or_else(|| route.span(), |n| n.span());
        report.add(
            at,
            format!(
                "{} answers CORS preflights but requires authorization; browsers send preflights without credentials, so they are refused and the browser blocks the real request. Let `OPTIONS` through without authorization",
                route.label()
            ),
        );
    }
}
