use slint_linter::model::apis::paths::method_settings_path;
use slint_linter::model::apis::{ApiKind, AuthKind, Authorizer, AuthorizerKind, Route, RouteDeclaration, Stage};
use slint_linter::syntax::{Node, Value};
use slint_linter::{Severity, Span};

use super::support::{possible_bools, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A019",
    name: "cache-key-without-identity",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Cached route behind an authorizer whose cache key does not include the caller's identity",
    docs: r#"
## What it does
Reports a REST API route that has a Lambda or Cognito authorizer and whose responses a stage
caches (`CacheClusterEnabled` with `CachingEnabled` in `MethodSettings`, for the route or for
`/*`), when the route's cache key parameters (`CacheKeyParameters`, `cacheKeyParameters`, or
SAM `RequestParameters` with `Caching: true`) do not include the identity the authorizer reads
(`method.request.header.Authorization` by default). With a wildcard method setting only `GET`
(and `ANY`) routes are cached.

## Why it matters
The cache key is the path plus the cache key parameters. Without the caller's identity in it,
the first caller's response is served to every later caller of the same path until the TTL
runs out: one user's data for everyone. The authorizer still runs, so access looks checked.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - {ResourcePath: /*, HttpMethod: '*', CachingEnabled: true}
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito: {UserPoolArn: !GetAtt Pool.Arn}
```
with a `GET /me` route.

## Use instead
```yaml
        Me:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /me
            Method: get
            RequestParameters:
              - method.request.header.Authorization:
                  Required: true
                  Caching: true
```

## References
- [Cache settings for REST APIs: cache keys](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in &model.apis.routes {
        let api = model.api(route);
        if api.kind != ApiKind::Rest || route.auth.kind != AuthKind::Authorizer {
            continue;
        }
        let Some(authorizer) = model.apis.authorizer_of(route) else { continue };
        if !matches!(
            authorizer.kind,
            AuthorizerKind::Token | AuthorizerKind::Request | AuthorizerKind::CognitoUserPools
        ) {
            continue;
        }
        let Some((stage, setting)) = api
            .stages
            .iter()
            .filter(|s| !s.incidental)
            .find_map(|s| caching(model.template, s, route).map(|at| (s, at)))
        else {
            continue;
        };
        let Some(keys) = cache_keys(route) else { continue };
        let identity = identity_parameters(authorizer);
        if identity.is_empty() || identity.iter().any(|id| keys.iter().any(|k| k.eq_ignore_ascii_case(id))) {
            continue;
        }
        report
            .add(
                route.span(),
                format!(
                    "{} is cached on {} of {} and uses authorizer `{}`, but its cache key does not include `{}`: the first caller's response is served to every caller of the path until the TTL runs out. Add it to the cache key parameters",
                    route.label(),
                    stage.label(),
                    api.label(),
                    authorizer.name,
                    identity[0]
                ),
            )
            .add_related(setting, "caching is enabled here");
    }
}

/// Whether a stage caches the route: the cache cluster is on and a method setting for the
/// route (or `/*` with `*`, which caches `GET` only) enables caching, or the deployment's
/// `StageDescription` does. Returns the span that enables it.
fn caching(template: &slint_linter::template::Template, stage: &Stage, route: &Route) -> Option<Span> {
    let enabled = |node: Option<&Node>| -> bool {
        node.and_then(|n| possible_bools(template, n)).is_some_and(|values| values.iter().any(|(v, _)| *v))
    };
    if !enabled(stage.cache_cluster_enabled) {
        return None;
    }
    if enabled(stage.caching_enabled) && is_get_like(route) {
        return stage.caching_enabled.map(|n| n.span);
    }
    for setting in stage.method_settings.and_then(Node::as_seq).unwrap_or_default() {
        if !enabled(setting.get("CachingEnabled")) {
            continue;
        }
        let path = setting.get("ResourcePath").and_then(Node::as_str).unwrap_or("/*");
        let method = setting.get("HttpMethod").and_then(Node::as_str).unwrap_or("*");
        let path_matches = match method_settings_path(path) {
            None => true,
            Some(exact) => route.path.as_deref() == Some(exact.as_str()),
        };
        let method_matches = if method == "*" {
            is_get_like(route)
        } else {
            route.method.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(method))
        };
        if path_matches && method_matches {
            return setting.get("CachingEnabled").map(|n| n.span);
        }
    }
    None
}

fn is_get_like(route: &Route) -> bool {
    matches!(route.method.as_deref(), Some("GET" | "ANY"))
}

/// The route's cache key parameters; `None` when they cannot be read.
fn cache_keys(route: &Route) -> Option<Vec<String>> {
    if let RouteDeclaration::SamEvent(event) = route.declaration {
        // SAM: `RequestParameters` entries with `Caching: true` become cache keys.
        let Some(parameters) = event.property("RequestParameters") else { return Some(Vec::new()) };
        let mut keys = Vec::new();
        for parameter in parameters.as_seq()? {
            let Some(map) = parameter.as_map() else { continue };
            for entry in &map.entries {
                if entry.value.get("Caching").and_then(Node::as_bool) == Some(true) {
                    keys.push(entry.key.to_string());
                }
            }
        }
        return Some(keys);
    }
    let Some(parameters) = route.integration.as_ref()?.cache_key_parameters else { return Some(Vec::new()) };
    match &parameters.node.value {
        Value::Seq(items) => items.iter().map(|i| i.as_str().map(str::to_owned)).collect(),
        _ => None,
    }
}

/// The request parameters that identify the caller to an authorizer, as cache keys name them.
fn identity_parameters(authorizer: &Authorizer) -> Vec<String> {
    let header = |name: &str| format!("method.request.header.{name}");
    let Some(source) = authorizer.identity_source else {
        return vec![header("Authorization")];
    };
    if authorizer.is_sam() {
        // SAM's `Identity: {Header: X}` (or `Headers: [...]` for REQUEST authorizers).
        let mut out: Vec<String> = source.get("Header").and_then(Node::as_str).map(header).into_iter().collect();
        for name in source.get("Headers").and_then(Node::as_seq).unwrap_or_default().iter().filter_map(Node::as_str) {
            out.push(header(name));
        }
        if out.is_empty() {
            out.push(header("Authorization"));
        }
        return out;
    }
    let Some(text) = source.as_str() else { return Vec::new() };
    text.split(',').map(str::trim).filter(|s| s.starts_with("method.request.")).map(str::to_owned).collect()
}
