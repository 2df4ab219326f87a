use slint_linter::model::apis::{ApiKind, Authorizer, AuthorizerKind};
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A031",
    name: "invalid-identity-source",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Authorizer `IdentitySource` not in the form its API type and authorizer type expect",
    docs: r#"
## What it does
Reports an authorizer identity source that is not in the form API Gateway expects for the API
and authorizer type:
- REST `TOKEN` and `COGNITO_USER_POOLS`: one `method.request.header.<name>`;
- REST `REQUEST`: a comma-separated list of `method.request.header.*`,
  `method.request.querystring.*`, `method.request.multivalueheader.*`,
  `method.request.multivaluequerystring.*`, `stageVariables.*`, `context.*`;
- HTTP API: `$request.header.*`, `$request.querystring.*`, `$context.*`, `$stageVariables.*`
  (a JWT authorizer takes exactly one header or query string);
- WebSocket API: `route.request.header.*`, `route.request.querystring.*`, `stageVariables.*`,
  `context.*`.
The usual mistake is one API type's spelling in the other (`$request.header.Authorization` on
a REST API). SAM's structured `Identity` is not checked; it writes the right form itself.

## Why it matters
API Gateway rejects an identity source it cannot parse and the deployment fails.

## Example
```yaml
  Authorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Type: TOKEN
      IdentitySource: $request.header.Authorization
```

## Use instead
```yaml
      IdentitySource: method.request.header.Authorization
```

## References
- [Lambda authorizers for REST APIs: identity sources](https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html)
- [Lambda authorizers for HTTP APIs: identity sources](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html)
- [JWT authorizers for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for api in &model.apis.apis {
        for authorizer in &api.authorizers {
            // SAM's REST `Identity` and HTTP Lambda `Identity` are structured; only its JWT
            // `IdentitySource` is written as API Gateway reads it.
            if authorizer.is_sam() && authorizer.kind != AuthorizerKind::Jwt {
                continue;
            }
            let Some(source) = authorizer.identity_source else { continue };
            let Some(entries) = entries(model.template, source) else { continue };
            let grammar = grammar(api.kind, authorizer.kind);
            let Some(grammar) = grammar else { continue };
            if grammar.single && entries.len() > 1 {
                report.add(
                    authorizer.locate(source).span(),
                    format!(
                        "{} authorizer `{}` of {} takes one identity source, not {}; API Gateway rejects it",
                        authorizer.kind.type_name(),
                        authorizer.name,
                        api.label(),
                        entries.len()
                    ),
                );
                continue;
            }
            // One finding per identity source, about its first entry API Gateway cannot read.
            let bad = entries.iter().find(|entry| {
                !grammar.prefixes.iter().any(|p| entry.strip_prefix(p).is_some_and(|name| !name.is_empty()))
            });
            if let Some(entry) = bad {
                report.add(authorizer.locate(source).span(), message(api.kind, authorizer, entry, &grammar));
            }
        }
    }
}

struct Grammar {
    prefixes: &'static [&'static str],
    single: bool,
}

fn grammar(kind: ApiKind, authorizer: AuthorizerKind) -> Option<Grammar> {
    Some(match (kind, authorizer) {
        (ApiKind::Rest, AuthorizerKind::Token | AuthorizerKind::CognitoUserPools) => {
            Grammar { prefixes: &["method.request.header."], single: true }
        }
        (ApiKind::Rest, AuthorizerKind::Request) => Grammar {
            prefixes: &[
                "method.request.header.",
                "method.request.querystring.",
                "method.request.multivalueheader.",
                "method.request.multivaluequerystring.",
                "stageVariables.",
                "context.",
            ],
            single: false,
        },
        (ApiKind::Http, AuthorizerKind::Jwt) => {
            Grammar { prefixes: &["$request.header.", "$request.querystring."], single: true }
        }
        (ApiKind::Http, AuthorizerKind::Request) => Grammar {
            prefixes: &["$request.header.", "$request.querystring.", "$context.", "$stageVariables."],
            single: false,
        },
        (ApiKind::WebSocket, AuthorizerKind::Request) => Grammar {
            prefixes: &["route.request.header.", "route.request.querystring.", "stageVariables.", "context."],
            single: false,
        },
        _ => return None,
    })
}

/// The identity sources a node holds: a comma-separated string, or a list of strings. `None`
/// when any is unknown.
fn entries(template: &slint_linter::template::Template, node: &Node) -> Option<Vec<String>> {
    let texts: Vec<String> = match node.as_seq() {
        Some(items) => items.iter().map(|i| single(template, i)).collect::<Option<_>>()?,
        None => vec![single(template, node)?],
    };
    Some(texts.iter().flat_map(|t| t.split(',')).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
}

fn single(template: &slint_linter::template::Template, node: &Node) -> Option<String> {
    let values = template.possible_strings(node)?;
    match values.as_slice() {
        [(one, _)] => Some(one.clone()),
        _ => None,
    }
}

fn message(kind: ApiKind, authorizer: &Authorizer, entry: &str, grammar: &Grammar) -> String {
    let suggestion = match kind {
        ApiKind::Rest => {
            entry.strip_prefix("$request.").map(|rest| format!("; REST APIs spell it `method.request.{rest}`"))
        }
        ApiKind::Http => {
            entry.strip_prefix("method.request.").map(|rest| format!("; HTTP APIs spell it `$request.{rest}`")).or_else(
                || entry.strip_prefix("route.request.").map(|rest| format!("; HTTP APIs spell it `$request.{rest}`")),
            )
        }
        ApiKind::WebSocket => entry
            .strip_prefix("$request.")
            .or_else(|| entry.strip_prefix("method.request."))
            .map(|rest| format!("; WebSocket APIs spell it `route.request.{rest}`")),
    }
    .unwrap_or_default();
    let expected: Vec<String> = grammar.prefixes.iter().map(|p| format!("`{p}*`")).collect();
    let expected = match expected.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", expected.join(", ")),
    };
    format!(
        "identity source `{entry}` of {} authorizer `{}` is not {}{suggestion}; API Gateway rejects it",
        authorizer.kind.type_name(),
        authorizer.name,
        expected
    )
}
