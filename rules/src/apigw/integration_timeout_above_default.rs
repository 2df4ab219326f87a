use slint_linter::model::apis::ApiKind;
use slint_linter::{Severity, Span};

use super::support::Model;
use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

/// The REST API integration timeout every account has.
const DEFAULT_LIMIT_MILLIS: f64 = 29_000.0;

pub static RULE: Rule = Rule {
    code: "A013",
    name: "integration-timeout-above-default",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary:
        "REST API integration timeout above 29 seconds: impossible on an edge-optimized API, a quota increase elsewhere",
    docs: r#"
## What it does
Reports a REST API integration timeout above 29,000 ms (`TimeoutInMillis` of a method, a SAM
`Api` event, or `timeoutInMillis` in the definition). On an edge-optimized API — the default
when `EndpointConfiguration` is not given — it is an error; on a Regional or private API a
warning, since it works only after the account's integration timeout quota was raised.

## Why it matters
Since June 2024 Regional and private REST APIs may wait longer than 29 seconds, but only
with a raised Service Quotas limit (which can lower the account's throttle), and edge-
optimized APIs never. Without the quota API Gateway rejects the method; on an edge API the
value can never deploy.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /report, Method: get, TimeoutInMillis: 60000}
```

## Use instead
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: REGIONAL   # and raise the quota, or keep 29000
```

## References
- [API Gateway integration timeout above 29 seconds (June 2024)](https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/)
- [API Gateway quotas for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: Vec<Span> = Vec::new();
    for route in &model.apis.routes {
        let api = model.api(route);
        if api.kind != ApiKind::Rest {
            continue;
        }
        let Some(timeout) = route.integration.as_ref().and_then(|i| i.timeout) else { continue };
        if seen.contains(&timeout.span()) {
            continue;
        }
        seen.push(timeout.span());
        let Some(values) = numbers(model.template, timeout.node) else { continue };
        let endpoint_types = api.endpoint_types(model.template);
        let edge = endpoint_types.as_ref().and_then(|types| types.iter().find(|(t, _)| t == "EDGE"));
        for candidate in values.iter().filter(|c| c.value > DEFAULT_LIMIT_MILLIS) {
            let value = show(candidate.value);
            let (severity, message) = match (edge, &endpoint_types) {
                (Some(_), _) => (
                    Severity::Error,
                    format!(
                        "integration timeout of {value} ms for {} on {}, which is edge-optimized: edge-optimized APIs cannot go above 29,000 ms, so the deployment fails. Make the API `REGIONAL` (and raise the quota) or keep 29,000 ms or less",
                        route.label(),
                        api.label()
                    ),
                ),
                (None, Some(_)) => (
                    Severity::Warning,
                    format!(
                        "integration timeout of {value} ms for {} on {}: above 29,000 ms works only after the account's integration timeout quota was raised through Service Quotas; until then the deployment fails",
                        route.label(),
                        api.label()
                    ),
                ),
                (None, None) => (
                    Severity::Warning,
                    format!(
                        "integration timeout of {value} ms for {} on {}: above 29,000 ms needs a Regional or private API and a raised integration timeout quota",
                        route.label(),
                        api.label()
                    ),
                ),
            };
            let diagnostic = add_value_finding(report, model.template, timeout.node, candidate.span, message);
            diagnostic.severity = severity;
            match (edge, api.endpoint_types_node()) {
                (Some((_, at)), Some(_)) => {
                    diagnostic.add_related(*at, "the API is edge-optimized here");
                }
                (Some(_), None) => {
                    if let Some(name) = api.name_span() {
                        diagnostic
                            .add_related(name, "the API sets no `EndpointConfiguration`, so it is edge-optimized");
                    }
                }
                _ => {}
            }
        }
    }
}
