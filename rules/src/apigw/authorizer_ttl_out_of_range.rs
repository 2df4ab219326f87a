use slint_linter::Severity;

use super::support::Model;
use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

/// The longest API Gateway caches an authorizer's answer, in seconds.
const MAX_TTL_SECONDS: f64 = 3600.0;

pub static RULE: Rule = Rule {
    code: "A032",
    name: "authorizer-ttl-out-of-range",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &["E3718"],
    summary: "Lambda authorizer result TTL outside 0–3,600 seconds",
    docs: r#"
## What it does
Reports a Lambda authorizer's result cache TTL outside 0–3,600 seconds:
`AuthorizerResultTtlInSeconds` on `AWS::ApiGateway::Authorizer` (TOKEN, REQUEST) and
`AWS::ApiGatewayV2::Authorizer`, `authorizerResultTtlInSeconds` in a definition, and SAM's
`Identity.ReauthorizeEvery` on Lambda authorizers.

## Why it matters
API Gateway caches an authorizer's policy for at most an hour and rejects other values,
failing the deployment. `0` turns the cache off (the authorizer runs on every request).

## Example
```yaml
          TokenCheck:
            FunctionArn: !GetAtt Authorize.Arn
            Identity:
              ReauthorizeEvery: 86400
```

## Use instead
```yaml
              ReauthorizeEvery: 3600
```

## References
- [Configure a Lambda authorizer: caching](https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html)
- [CreateAuthorizer: authorizerResultTtlInSeconds](https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen = Vec::new();
    for api in &model.apis.apis {
        for authorizer in api.authorizers.iter().filter(|a| a.kind.is_lambda()) {
            let Some(ttl) = authorizer.ttl else { continue };
            let at = authorizer.locate(ttl);
            if seen.contains(&at.span()) {
                continue;
            }
            seen.push(at.span());
            let Some(values) = numbers(model.template, ttl) else { continue };
            for candidate in values.iter().filter(|c| c.value < 0.0 || c.value > MAX_TTL_SECONDS) {
                let message = format!(
                    "result TTL of {} seconds for authorizer `{}` of {} is outside 0–3,600; API Gateway caches an authorizer's answer for at most an hour and rejects it",
                    show(candidate.value),
                    authorizer.name,
                    api.label()
                );
                if at.origin.is_template() {
                    add_value_finding(report, model.template, ttl, candidate.span, message);
                } else {
                    report.add(at.span(), message);
                }
            }
        }
    }
}
