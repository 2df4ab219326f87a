use slint_linter::model::apis::{ApiKind, Route};
use slint_linter::model::Function;
use slint_linter::{Severity, Span};

use super::support::{listed, Model};
use crate::lambda::support::{add_value_finding, by_node, numbers, show, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A011",
    name: "function-timeout-exceeds-integration-timeout",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Function `Timeout` longer than the integration timeout of an API route that calls it",
    docs: r#"
## What it does
Reports a function whose `Timeout` is longer than the integration timeout of an API Gateway
route that invokes it: the route's `TimeoutInMillis` when set, otherwise 29 seconds for REST
and WebSocket APIs and 30 seconds for HTTP APIs. The finding points at the function's
`Timeout` (or the `Globals` line it inherits) and at the routes.

## Why it matters
API Gateway stops waiting at the integration timeout and answers `504 Gateway Timeout` (REST)
or `503` (HTTP), while the function keeps running — and billing — up to its own timeout. The
client may retry a request whose first attempt is still working. HTTP APIs cannot wait longer
than 30 seconds; REST APIs only with a quota increase on a Regional or private API.

## Example
```yaml
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 60
      Events:
        Report:
          Type: Api
          Properties: {Path: /report, Method: get}
```

## Use instead
```yaml
      Timeout: 29   # or start the work asynchronously (SQS, Step Functions) and return 202
```

## References
- [API Gateway quotas for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html)
- [Quotas for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html)
- [Configure Lambda function timeout](https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)
"#,
    check,
};

/// A route calling a function, and the shortest integration timeout it can have.
struct Limit<'r, 't> {
    route: &'r Route<'t>,
    millis: f64,
    /// Where the timeout is written, if it is.
    written_at: Option<Span>,
}

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let template = model.template;
    let limits_of = |function: &Function| -> Vec<Limit> {
        model
            .apis
            .routes
            .iter()
            .filter(|route| route.function() == Some(function.name))
            .filter_map(|route| {
                let api = model.api(route);
                let integration = route.integration.as_ref()?;
                match integration.timeout {
                    Some(timeout) => {
                        let values = numbers(template, timeout.node)?;
                        let millis = values.iter().map(|c| c.value).fold(f64::INFINITY, f64::min);
                        millis.is_finite().then_some(Limit { route, millis, written_at: Some(timeout.span()) })
                    }
                    None => Some(Limit { route, millis: api.kind.default_integration_timeout_ms(), written_at: None }),
                }
            })
            .collect()
    };
    for (node, group) in by_node(model.functions, |f| f.timeout) {
        let Some(candidates) = numbers(template, node) else { continue };
        let limits: Vec<Limit> = group.iter().flat_map(|f| limits_of(f)).collect();
        for candidate in &candidates {
            let seconds = candidate.value;
            let mut exceeded: Vec<&Limit> = limits.iter().filter(|l| seconds * 1000.0 > l.millis).collect();
            if exceeded.is_empty() {
                continue;
            }
            exceeded.sort_by(|a, b| a.millis.total_cmp(&b.millis));
            let shortest = exceeded[0];
            let routes: Vec<String> = exceeded.iter().map(|l| format!("`{}`", l.route.key())).collect();
            let message = format!(
                "`Timeout` of {} seconds on {} is longer than the {}-second integration timeout of {} ({}): API Gateway gives up and answers with an error ({}) while the function keeps running and billing. Keep the timeout at or below {} seconds, or move long work out of the request (a queue, Step Functions)",
                show(seconds),
                subject(node, &group),
                show(shortest.millis / 1000.0),
                listed(&routes, 3),
                model.api(shortest.route).label(),
                timeout_status(model.api(shortest.route).kind),
                show((shortest.millis / 1000.0).floor()),
            );
            let diagnostic = add_value_finding(report, template, node, candidate.span, message);
            for limit in exceeded.iter().take(5) {
                let why = match limit.written_at {
                    Some(_) => format!("`{}` times out after {} ms", limit.route.key(), show(limit.millis)),
                    None => format!(
                        "`{}` times out after {} seconds, the {} default",
                        limit.route.key(),
                        show(limit.millis / 1000.0),
                        model.api(limit.route).kind.describe()
                    ),
                };
                diagnostic.add_related(limit.written_at.unwrap_or_else(|| limit.route.span()), why);
            }
        }
    }
}

/// What the client gets when the integration times out.
fn timeout_status(kind: ApiKind) -> &'static str {
    match kind {
        ApiKind::Rest => "504 Gateway Timeout",
        ApiKind::Http => "a 5xx timeout error",
        ApiKind::WebSocket => "an integration timeout error",
    }
}
