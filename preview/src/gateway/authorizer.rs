//! Lambda authorizers as API Gateway runs them: the identity sources must be present (and a
//! TOKEN must match its validation expression) or the caller gets 401 unheard; the function gets
//! a TOKEN or REQUEST event (HTTP APIs: payload 1.0 or 2.0); its answer is a simple
//! `isAuthorized` or an IAM policy evaluated against the method's ARN; what it puts in `context`
//! reaches the route's function. Answers are cached for the authorizer's TTL, keyed by identity.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Map, Value};
use slint_linter::model::apis::paths::arn_pattern_matches;

use super::model::{ApiStyle, Authorizer, AuthorizerStyle, IdentitySource, PayloadFormat, ServedApi};
use super::response::HttpResponse;
use crate::events::apigw::{http_v1_event, http_v2_event, rest_event, HttpRequest, RouteContext};
use crate::process::Outcome;

/// What the authorizer decided for one request.
#[derive(Debug)]
pub enum Decision {
    /// Go on; the value is the event's `requestContext.authorizer`.
    Allow(Value),
    Deny(HttpResponse),
    /// The authorizer is misconfigured or failed; the text explains it for the developer.
    Failed(HttpResponse, String),
}

#[derive(Clone, Debug)]
enum Answer {
    Policy { principal: Value, statements: Vec<Value>, context: Map<String, Value> },
    Simple { authorized: bool, context: Map<String, Value> },
}

/// Runs a function: `(logical id, event) -> outcome`.
pub type Invoke<'a> = &'a dyn Fn(&str, Vec<u8>) -> Result<Outcome, String>;

/// API, authorizer and identity values: what an answer is cached under.
type CacheKey = (String, String, String);

#[derive(Default)]
pub struct Authorizers {
    cache: Mutex<HashMap<CacheKey, (Instant, Answer)>>,
}

impl Authorizers {
    pub fn decide(&self, api: &ServedApi, authorizer: &Authorizer, request: &HttpRequest, context: &RouteContext, invoke: Invoke) -> Decision {
        let style = api.style;
        let Some(identity) = identity_values(authorizer, request, context) else {
            return Decision::Deny(unauthorized(style));
        };
        if let (Some(pattern), Some(token)) = (&authorizer.validation, identity.first()) {
            if !pattern.is_match(token) {
                return Decision::Deny(unauthorized(style));
            }
        }
        let arn = format!(
            "arn:aws:execute-api:{}:{}:{}/{}/{}/{}",
            context.region,
            context.account_id,
            context.api_id,
            context.stage,
            request.method,
            request.path().trim_start_matches('/')
        );
        if authorizer.style == AuthorizerStyle::Jwt {
            return jwt(authorizer, identity.first().map(String::as_str).unwrap_or_default(), style, context);
        }
        let Some(function) = &authorizer.function else {
            return Decision::Failed(configuration_error(style), format!("authorizer `{}` has no function", authorizer.name));
        };
        let key = (api.logical_id.clone(), authorizer.name.clone(), identity.join("\u{0}"));
        let cached = self.lookup(&key);
        let answer = match cached {
            Some(answer) => answer,
            None => {
                let event = event(authorizer, style, request, context, &arn, &identity);
                let outcome = match invoke(function, event.to_string().into_bytes()) {
                    Ok(outcome) => outcome,
                    Err(why) => return Decision::Failed(configuration_error(style), format!("authorizer `{}` could not run: {why}", authorizer.name)),
                };
                let payload = match outcome {
                    Outcome::Success(payload) => payload,
                    Outcome::Failure { payload, error_type, .. } => {
                        let message = serde_json::from_slice::<Value>(&payload).ok().and_then(|v| v.get("errorMessage")?.as_str().map(str::to_owned));
                        if message.as_deref() == Some("Unauthorized") {
                            return Decision::Deny(unauthorized(style));
                        }
                        return Decision::Failed(
                            configuration_error(style),
                            format!("authorizer `{}` failed with {error_type}: {}", authorizer.name, message.unwrap_or_default()),
                        );
                    }
                };
                match read_answer(authorizer, style, &payload) {
                    Ok(answer) => {
                        if authorizer.ttl > Duration::ZERO {
                            self.store(key, answer.clone(), authorizer.ttl);
                        }
                        answer
                    }
                    Err(why) => return Decision::Failed(configuration_error(style), format!("authorizer `{}` answered {why}", authorizer.name)),
                }
            }
        };
        match answer {
            Answer::Simple { authorized: false, .. } => Decision::Deny(forbidden(style, false)),
            Answer::Simple { authorized: true, context: values } => Decision::Allow(route_context(authorizer, style, Value::Null, values)),
            Answer::Policy { principal, statements, context: values } => match evaluate(&statements, &arn) {
                Effect::Allow => Decision::Allow(route_context(authorizer, style, principal, values)),
                Effect::ExplicitDeny => Decision::Deny(forbidden(style, true)),
                Effect::NoAllow => Decision::Deny(forbidden(style, false)),
            },
        }
    }

    fn lookup(&self, key: &CacheKey) -> Option<Answer> {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(key).filter(|(expires, _)| *expires > Instant::now()).map(|(_, answer)| answer.clone())
    }

    fn store(&self, key: CacheKey, answer: Answer, ttl: Duration) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, (Instant::now() + ttl, answer));
    }
}

/// The identity values, or `None` when one is missing (API Gateway then answers 401).
fn identity_values(authorizer: &Authorizer, request: &HttpRequest, context: &RouteContext) -> Option<Vec<String>> {
    let query = request.query();
    authorizer
        .identity
        .iter()
        .map(|source| {
            let value = match source {
                IdentitySource::Header(name) => request.header(name).map(str::to_owned),
                IdentitySource::Query(name) => query.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
                IdentitySource::StageVariable(name) => context.stage_variables.get(name).cloned(),
                IdentitySource::Context(name) => match name.as_str() {
                    "requestId" => Some(context.request_id.clone()),
                    "stage" => Some(context.stage.clone()),
                    "httpMethod" => Some(request.method.clone()),
                    "identity.sourceIp" => Some(request.source_ip.clone()),
                    _ => None,
                },
            };
            value.filter(|v| !v.is_empty())
        })
        .collect()
}

fn event(authorizer: &Authorizer, style: ApiStyle, request: &HttpRequest, context: &RouteContext, arn: &str, identity: &[String]) -> Value {
    if authorizer.style == AuthorizerStyle::Token {
        return json!({"type": "TOKEN", "authorizationToken": identity.first(), "methodArn": arn});
    }
    let mut event = match (style, authorizer.payload) {
        (ApiStyle::Http, PayloadFormat::HttpV2) => {
            let mut event = http_v2_event(request, context);
            event["routeArn"] = json!(arn);
            event["identitySource"] = json!(identity);
            event
        }
        (ApiStyle::Http, _) => {
            let mut event = http_v1_event(request, context);
            event["methodArn"] = json!(arn);
            event["identitySource"] = json!(identity.join(","));
            event["authorizationToken"] = json!(identity.first());
            event
        }
        (ApiStyle::Rest, _) => {
            let mut event = rest_event(request, context);
            event["methodArn"] = json!(arn);
            event
        }
    };
    event["type"] = json!("REQUEST");
    if let Some(object) = event.as_object_mut() {
        object.remove("body");
        object.remove("isBase64Encoded");
    }
    event
}

fn read_answer(authorizer: &Authorizer, style: ApiStyle, payload: &[u8]) -> Result<Answer, String> {
    let value: Value = serde_json::from_slice(payload).map_err(|_| "something that is not JSON".to_owned())?;
    let context = match value.get("context") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(context)) => context.clone(),
        Some(_) => return Err("a `context` that is not an object".to_owned()),
    };
    if style == ApiStyle::Rest {
        if let Some((key, _)) = context.iter().find(|(_, v)| v.is_object() || v.is_array()) {
            return Err(format!("`context.{key}` as an object or list; a REST API accepts only strings, numbers and booleans there"));
        }
    }
    if authorizer.simple_responses && style == ApiStyle::Http {
        let authorized = value.get("isAuthorized").and_then(Value::as_bool).ok_or("without a boolean `isAuthorized` (simple responses are enabled)")?;
        return Ok(Answer::Simple { authorized, context });
    }
    let statements = value
        .get("policyDocument")
        .and_then(|d| d.get("Statement"))
        .ok_or("without `policyDocument.Statement`")?;
    let statements = match statements {
        Value::Array(items) => items.clone(),
        Value::Object(_) => vec![statements.clone()],
        _ => return Err("a `policyDocument.Statement` that is not a list".to_owned()),
    };
    let principal = value.get("principalId").cloned().unwrap_or(Value::Null);
    if style == ApiStyle::Rest && principal.is_null() {
        return Err("without `principalId`".to_owned());
    }
    Ok(Answer::Policy { principal, statements, context })
}

enum Effect {
    Allow,
    ExplicitDeny,
    NoAllow,
}

/// IAM's rule: an explicit Deny wins, then any Allow; nothing is allowed by default.
fn evaluate(statements: &[Value], arn: &str) -> Effect {
    let list = |value: Option<&Value>| -> Vec<String> {
        match value {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    };
    let mut allowed = false;
    for statement in statements {
        let actions = list(statement.get("Action"));
        let covers_action = actions.iter().any(|a| arn_pattern_matches(&a.to_ascii_lowercase(), "execute-api:invoke"));
        let covers_resource = list(statement.get("Resource")).iter().any(|r| arn_pattern_matches(r, arn));
        if !(covers_action && covers_resource) {
            continue;
        }
        match statement.get("Effect").and_then(Value::as_str) {
            Some(e) if e.eq_ignore_ascii_case("Deny") => return Effect::ExplicitDeny,
            Some(e) if e.eq_ignore_ascii_case("Allow") => allowed = true,
            _ => {}
        }
    }
    if allowed {
        Effect::Allow
    } else {
        Effect::NoAllow
    }
}

/// `requestContext.authorizer` of the route's event.
fn route_context(authorizer: &Authorizer, style: ApiStyle, principal: Value, values: Map<String, Value>) -> Value {
    match (style, authorizer.payload) {
        (ApiStyle::Http, PayloadFormat::HttpV2) | (ApiStyle::Http, PayloadFormat::Rest) => {
            let mut lambda = values;
            if !principal.is_null() {
                lambda.insert("principalId".into(), principal);
            }
            json!({"lambda": lambda})
        }
        (ApiStyle::Http, PayloadFormat::HttpV1) => {
            let mut context = values;
            if !principal.is_null() {
                context.insert("principalId".into(), principal);
            }
            context.insert("integrationLatency".into(), json!(0));
            Value::Object(context)
        }
        (ApiStyle::Rest, _) => {
            // REST APIs pass context values on as strings.
            let mut context: Map<String, Value> = values
                .into_iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, Value::String(text))
                })
                .collect();
            context.insert("principalId".into(), principal);
            context.insert("integrationLatency".into(), json!(0));
            Value::Object(context)
        }
    }
}

/// JWT and Cognito authorizers: the claims of a bearer token, not verified.
fn jwt(authorizer: &Authorizer, token: &str, style: ApiStyle, context: &RouteContext) -> Decision {
    let token = token.strip_prefix("Bearer ").or_else(|| token.strip_prefix("bearer ")).unwrap_or(token);
    let claims = token
        .split('.')
        .nth(1)
        .and_then(|part| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok())
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .filter(Value::is_object);
    let Some(claims) = claims else {
        return Decision::Deny(unauthorized(style));
    };
    let _ = (authorizer, context);
    let scopes = claims.get("scope").and_then(Value::as_str).map(|s| json!(s.split(' ').collect::<Vec<_>>())).unwrap_or(Value::Null);
    match style {
        ApiStyle::Http => Decision::Allow(json!({"jwt": {"claims": claims, "scopes": scopes}})),
        ApiStyle::Rest => Decision::Allow(json!({"claims": claims})),
    }
}

fn unauthorized(style: ApiStyle) -> HttpResponse {
    let response = HttpResponse::json(401, r#"{"message":"Unauthorized"}"#);
    match style {
        ApiStyle::Rest => response.with_header("x-amzn-ErrorType", "UnauthorizedException"),
        ApiStyle::Http => response,
    }
}

fn forbidden(style: ApiStyle, explicit: bool) -> HttpResponse {
    match (style, explicit) {
        (ApiStyle::Rest, true) => HttpResponse::json(403, r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#)
            .with_header("x-amzn-ErrorType", "AccessDeniedException"),
        (ApiStyle::Rest, false) => {
            HttpResponse::json(403, r#"{"Message":"User is not authorized to access this resource"}"#).with_header("x-amzn-ErrorType", "AccessDeniedException")
        }
        (ApiStyle::Http, _) => HttpResponse::json(403, r#"{"message":"Forbidden"}"#),
    }
}

fn configuration_error(style: ApiStyle) -> HttpResponse {
    match style {
        ApiStyle::Rest => HttpResponse::json(500, r#"{"message": null}"#).with_header("x-amzn-ErrorType", "AuthorizerConfigurationException"),
        ApiStyle::Http => HttpResponse::json(500, r#"{"message":"Internal Server Error"}"#),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_evaluated_like_iam() {
        let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/items/1";
        let allow = json!({"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/*"});
        let deny = json!({"Effect": "Deny", "Action": ["execute-api:*"], "Resource": ["arn:aws:execute-api:*:*:abc/*/GET/items/1"]});
        let elsewhere = json!({"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/POST/*"});
        assert!(matches!(evaluate(std::slice::from_ref(&allow), arn), Effect::Allow));
        assert!(matches!(evaluate(&[allow, deny], arn), Effect::ExplicitDeny));
        assert!(matches!(evaluate(&[elsewhere], arn), Effect::NoAllow));
        assert!(matches!(evaluate(&[], arn), Effect::NoAllow));
    }
}
