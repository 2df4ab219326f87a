use slint_linter::model::apis::ApiKind;
use slint_linter::syntax::Node;
use slint_linter::{Severity, Span};

use super::support::Model;
use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

/// The longest API Gateway keeps a cached response, in seconds.
const MAX_TTL_SECONDS: f64 = 3600.0;

pub static RULE: Rule = Rule {
    code: "A017",
    name: "cache-ttl-out-of-range",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Stage cache `CacheTtlInSeconds` outside 0–3,600",
    docs: r#"
## What it does
Reports a REST API cache TTL outside 0–3,600 seconds: `CacheTtlInSeconds` in a stage's
`MethodSettings` (on `AWS::ApiGateway::Stage`, SAM `AWS::Serverless::Api` or its `Globals`),
or in a deployment's `StageDescription`.

## Why it matters
API Gateway caches a response for at most one hour; larger or negative values are rejected
and the stage fails to deploy. `0` turns caching off for the method.

## Example
```yaml
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheTtlInSeconds: 86400
```

## Use instead
```yaml
          CacheTtlInSeconds: 3600
```

## References
- [Cache settings for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: Vec<Span> = Vec::new();
    for api in model.apis.apis.iter().filter(|a| a.kind == ApiKind::Rest) {
        for stage in api.stages.iter().filter(|s| !s.incidental) {
            let mut ttls: Vec<&Node> = stage.cache_ttl.into_iter().collect();
            for setting in stage.method_settings.and_then(Node::as_seq).unwrap_or_default() {
                ttls.extend(setting.get("CacheTtlInSeconds"));
            }
            for ttl in ttls {
                if seen.contains(&ttl.span) {
                    continue;
                }
                seen.push(ttl.span);
                let Some(values) = numbers(model.template, ttl) else { continue };
                for candidate in values.iter().filter(|c| c.value < 0.0 || c.value > MAX_TTL_SECONDS) {
                    add_value_finding(
                        report,
                        model.template,
                        ttl,
                        candidate.span,
                        format!(
                            "cache TTL of {} seconds on {} of {} is outside 0–3,600; API Gateway caches for at most an hour and rejects the stage",
                            show(candidate.value),
                            stage.label(),
                            api.label()
                        ),
                    );
                }
            }
        }
    }
}
