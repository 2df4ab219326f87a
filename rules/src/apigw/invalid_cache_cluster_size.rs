use slint_linter::model::apis::ApiKind;
use slint_linter::{Severity, Span};

use super::support::Model;
use crate::lambda::support::add_value_finding;
use crate::suggest::suggestion_suffix;
use crate::{Area, Context, Report, Rule};

/// The cache sizes API Gateway offers, in GB, as the API spells them.
const SIZES: [&str; 8] = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

pub static RULE: Rule = Rule {
    code: "A018",
    name: "invalid-cache-cluster-size",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary:
        "Stage `CacheClusterSize` that is not one of API Gateway's sizes (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237)",
    docs: r#"
## What it does
Reports a REST API stage `CacheClusterSize` (on `AWS::ApiGateway::Stage`, a deployment's
`StageDescription`, or SAM `AWS::Serverless::Api`) that is not one of the sizes API Gateway
offers, in GB: `0.5`, `1.6`, `6.1`, `13.5`, `28.4`, `58.2`, `118`, `237`.

## Why it matters
API Gateway rejects other values ("1", "2GB", "0.5GB") and the stage fails to deploy. The
cache is billed by the hour for its size, whether used or not.

## Example
```yaml
      CacheClusterEnabled: true
      CacheClusterSize: '1'
```

## Use instead
```yaml
      CacheClusterSize: '0.5'
```

## References
- [Cache settings for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html)
- [CreateStage: cacheClusterSize](https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: Vec<Span> = Vec::new();
    for api in model.apis.apis.iter().filter(|a| a.kind == ApiKind::Rest) {
        for stage in api.stages.iter().filter(|s| !s.incidental) {
            let Some(size) = stage.cache_cluster_size else { continue };
            if seen.contains(&size.span) {
                continue;
            }
            seen.push(size.span);
            let Some(values) = model.template.possible_strings(size) else { continue };
            for (value, span) in values.iter().filter(|(v, _)| !SIZES.contains(&v.as_str())) {
                let near = value.trim().trim_end_matches("GB").trim_end_matches("gb").trim();
                let suggestion = if SIZES.contains(&near) {
                    format!("; did you mean `{near}`?")
                } else {
                    suggestion_suffix(value, SIZES)
                };
                add_value_finding(
                    report,
                    model.template,
                    size,
                    *span,
                    format!(
                        "`CacheClusterSize` `{value}` of {} of {} is not a cache size API Gateway offers ({} GB); the stage fails to deploy{suggestion}",
                        stage.label(),
                        api.label(),
                        SIZES.join(", ")
                    ),
                );
            }
        }
    }
}
