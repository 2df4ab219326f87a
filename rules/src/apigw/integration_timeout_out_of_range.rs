use slint_linter::model::apis::{ApiKind, IntegrationDeclaration};
use slint_linter::{Severity, Span};

use super::support::Model;
use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

/// The shortest integration timeout API Gateway accepts, in milliseconds.
const MIN_MILLIS: f64 = 50.0;

pub static RULE: Rule = Rule {
    code: "A012",
    name: "integration-timeout-out-of-range",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "Integration `TimeoutInMillis` below 50 ms, or above 30,000 (HTTP API) or 29,000 (WebSocket API)",
    docs: r#"
## What it does
Reports an integration timeout (`TimeoutInMillis` on an `AWS::ApiGatewayV2::Integration`,
a SAM `Api`/`HttpApi` event, SAM WebSocket `IntegrationTimeout`, or `timeoutInMillis` in an
OpenAPI definition) below 50 milliseconds, above 30,000 on an HTTP API, or above 29,000 on a
WebSocket API. These limits are hard. REST API timeouts above 29 seconds are the concern of
`integration-timeout-above-default`; the minimum on `AWS::ApiGateway::Method` is checked
by the resource schema.

## Why it matters
API Gateway rejects the value and the deployment fails. HTTP APIs cannot wait for an
integration longer than 30 seconds, whatever the quota.

## Example
```yaml
        Report:
          Type: HttpApi
          Properties:
            Path: /report
            Method: get
            TimeoutInMillis: 60000
```

## Use instead
```yaml
            TimeoutInMillis: 30000
```

## References
- [Quotas for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html)
- [Quotas for WebSocket APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: Vec<Span> = Vec::new();
    for route in &model.apis.routes {
        let api = model.api(route);
        let Some(integration) = &route.integration else { continue };
        let Some(timeout) = integration.timeout else { continue };
        if seen.contains(&timeout.span()) {
            continue;
        }
        seen.push(timeout.span());
        let Some(values) = numbers(model.template, timeout.node) else { continue };
        let schema_checks_minimum = matches!(integration.declaration, IntegrationDeclaration::MethodProperty);
        let maximum = match api.kind {
            ApiKind::Http => Some(30_000.0),
            ApiKind::WebSocket => Some(29_000.0),
            ApiKind::Rest => None,
        };
        for candidate in values {
            let message = if candidate.value < MIN_MILLIS && !schema_checks_minimum {
                format!(
                    "integration timeout of {} ms for {} is below API Gateway's minimum of 50 ms; the deployment fails",
                    show(candidate.value),
                    route.label()
                )
            } else if let Some(maximum) = maximum.filter(|m| candidate.value > *m) {
                format!(
                    "integration timeout of {} ms for {} is above the {} ms that {} allow; the limit cannot be raised and the deployment fails",
                    show(candidate.value),
                    route.label(),
                    show(maximum),
                    if api.kind == ApiKind::Http { "HTTP APIs" } else { "WebSocket APIs" }
                )
            } else {
                continue;
            };
            add_value_finding(report, model.template, timeout.node, candidate.span, message);
        }
    }
}
