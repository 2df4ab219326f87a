//! The events API Gateway sends to a Lambda proxy integration: REST APIs (v1), and HTTP APIs in
//! payload format 1.0 and 2.0. Built from a request as it reached the gateway and the route it
//! matched, so that `slint serve` and `slint events` produce the same shapes.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{json, Map, Value};

use crate::clock::Utc;

/// A request as the gateway received it.
#[derive(Clone, Debug, Default)]
pub struct HttpRequest {
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub raw_path: String,
    /// The query string as sent, without `?`.
    pub raw_query: String,
    /// Headers in the order and case they were sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub source_ip: String,
}

impl HttpRequest {
    /// The last value of a header, compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Query parameters, decoded, in order.
    pub fn query(&self) -> Vec<(String, String)> {
        parse_query(&self.raw_query)
    }

    /// The path with percent-escapes decoded.
    pub fn path(&self) -> String {
        percent_decode(&self.raw_path)
    }
}

/// What the gateway knows about the route a request matched.
#[derive(Clone, Debug, Default)]
pub struct RouteContext {
    pub api_id: String,
    pub stage: String,
    /// The route's path (`/items/{id}`), or `$default`.
    pub resource_path: String,
    /// `GET /items/{id}`, `ANY /{proxy+}`, `$default`.
    pub route_key: String,
    pub path_parameters: BTreeMap<String, String>,
    pub stage_variables: BTreeMap<String, String>,
    pub account_id: String,
    pub region: String,
    /// The `Host` the request was sent to; API Gateway's own domain when there is none.
    pub domain_name: String,
    /// Whether the body travels base64-encoded.
    pub base64_body: bool,
    /// What the authorizer passed on, already in the shape of the payload format.
    pub authorizer: Option<Value>,
    pub request_id: String,
    pub time_millis: u64,
}

impl RouteContext {
    fn domain_prefix(&self) -> String {
        self.domain_name.split(['.', ':']).next().unwrap_or_default().to_owned()
    }

    fn body(&self, request: &HttpRequest) -> Value {
        if request.body.is_empty() {
            return Value::Null;
        }
        if self.base64_body {
            Value::String(base64::engine::general_purpose::STANDARD.encode(&request.body))
        } else {
            Value::String(String::from_utf8_lossy(&request.body).into_owned())
        }
    }
}

/// Single- and multi-value maps, or null when empty, as REST events carry headers and queries.
fn single_and_multi(pairs: &[(String, String)]) -> (Value, Value) {
    if pairs.is_empty() {
        return (Value::Null, Value::Null);
    }
    let mut single = Map::new();
    let mut multi: Map<String, Value> = Map::new();
    for (name, value) in pairs {
        single.insert(name.clone(), Value::String(value.clone()));
        match multi.get_mut(name) {
            Some(Value::Array(values)) => values.push(Value::String(value.clone())),
            _ => {
                multi.insert(name.clone(), json!([value]));
            }
        }
    }
    (Value::Object(single), Value::Object(multi))
}

fn map_or_null(map: &BTreeMap<String, String>) -> Value {
    if map.is_empty() {
        Value::Null
    } else {
        json!(map)
    }
}

fn identity(request: &HttpRequest) -> Value {
    json!({
        "accessKey": null,
        "accountId": null,
        "apiKey": request.header("x-api-key"),
        "apiKeyId": null,
        "caller": null,
        "cognitoAuthenticationProvider": null,
        "cognitoAuthenticationType": null,
        "cognitoIdentityId": null,
        "cognitoIdentityPoolId": null,
        "principalOrgId": null,
        "sourceIp": request.source_ip,
        "user": null,
        "userAgent": request.header("user-agent"),
        "userArn": null,
    })
}

/// A REST API (v1) proxy event.
pub fn rest_event(request: &HttpRequest, context: &RouteContext) -> Value {
    let (headers, multi_headers) = single_and_multi(&request.headers);
    let (query, multi_query) = single_and_multi(&request.query());
    let time = Utc::from_millis(context.time_millis);
    let mut request_context = json!({
        "accountId": context.account_id,
        "apiId": context.api_id,
        "domainName": context.domain_name,
        "domainPrefix": context.domain_prefix(),
        "extendedRequestId": format!("{}=", &context.request_id.replace('-', "")[..14.min(context.request_id.len())]),
        "httpMethod": request.method,
        "identity": identity(request),
        "path": format!("/{}{}", context.stage, request.path()),
        "protocol": "HTTP/1.1",
        "requestId": context.request_id,
        "requestTime": time.common_log(),
        "requestTimeEpoch": context.time_millis,
        "resourceId": crate::resolve::short_id(&context.resource_path),
        "resourcePath": context.resource_path,
        "stage": context.stage,
    });
    if let Some(authorizer) = &context.authorizer {
        request_context["authorizer"] = authorizer.clone();
    }
    json!({
        "resource": context.resource_path,
        "path": request.path(),
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_query,
        "pathParameters": map_or_null(&context.path_parameters),
        "stageVariables": map_or_null(&context.stage_variables),
        "requestContext": request_context,
        "body": context.body(request),
        "isBase64Encoded": context.base64_body,
    })
}

/// An HTTP API event in payload format 1.0: the REST shape, with a version and HTTP API context.
pub fn http_v1_event(request: &HttpRequest, context: &RouteContext) -> Value {
    let mut event = rest_event(request, context);
    event["version"] = json!("1.0");
    let request_context = &mut event["requestContext"];
    request_context["resourceId"] = json!(context.route_key);
    request_context["routeKey"] = json!(context.route_key);
    request_context["path"] = json!(request.path());
    if context.resource_path == crate::events::DEFAULT_ROUTE {
        event["resource"] = json!(request.path());
    }
    event
}

/// An HTTP API event in payload format 2.0: lowercased headers with repeated values joined by
/// commas, cookies on their own, the millisecond `timeEpoch`.
pub fn http_v2_event(request: &HttpRequest, context: &RouteContext) -> Value {
    let mut headers: Map<String, Value> = Map::new();
    let mut cookies = Vec::new();
    for (name, value) in &request.headers {
        let name = name.to_ascii_lowercase();
        if name == "cookie" {
            cookies.extend(value.split(';').map(str::trim).filter(|c| !c.is_empty()).map(|c| Value::String(c.to_owned())));
            continue;
        }
        match headers.get_mut(&name) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(value);
            }
            _ => {
                headers.insert(name, Value::String(value.clone()));
            }
        }
    }
    let mut query: Map<String, Value> = Map::new();
    for (name, value) in request.query() {
        match query.get_mut(&name) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(&value);
            }
            _ => {
                query.insert(name, Value::String(value));
            }
        }
    }
    let time = Utc::from_millis(context.time_millis);
    let mut request_context = json!({
        "accountId": context.account_id,
        "apiId": context.api_id,
        "domainName": context.domain_name,
        "domainPrefix": context.domain_prefix(),
        "http": {
            "method": request.method,
            "path": request.path(),
            "protocol": "HTTP/1.1",
            "sourceIp": request.source_ip,
            "userAgent": request.header("user-agent").unwrap_or_default(),
        },
        "requestId": context.request_id,
        "routeKey": context.route_key,
        "stage": context.stage,
        "time": time.common_log(),
        "timeEpoch": context.time_millis,
    });
    if let Some(authorizer) = &context.authorizer {
        request_context["authorizer"] = authorizer.clone();
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": context.route_key,
        "rawPath": request.raw_path,
        "rawQueryString": request.raw_query,
        "headers": headers,
        "requestContext": request_context,
        "isBase64Encoded": context.base64_body,
    });
    if !cookies.is_empty() {
        event["cookies"] = Value::Array(cookies);
    }
    if !query.is_empty() {
        event["queryStringParameters"] = Value::Object(query);
    }
    if !context.path_parameters.is_empty() {
        event["pathParameters"] = json!(context.path_parameters);
    }
    if !context.stage_variables.is_empty() {
        event["stageVariables"] = json!(context.stage_variables);
    }
    let body = context.body(request);
    if !body.is_null() {
        event["body"] = body;
    }
    event
}

/// `a=1&b=x%20y&flag` as decoded pairs (`+` is a space, as browsers send forms).
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(&name.replace('+', " ")), percent_decode(&value.replace('+', " ")))
        })
        .collect()
}

/// Decodes `%XX` escapes; malformed escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> HttpRequest {
        HttpRequest {
            method: "GET".into(),
            raw_path: "/items/a%20b".into(),
            raw_query: "tag=x&tag=y&q=hello+world".into(),
            headers: vec![
                ("Host".into(), "127.0.0.1:3000".into()),
                ("X-Multi".into(), "1".into()),
                ("X-Multi".into(), "2".into()),
                ("Cookie".into(), "a=1; b=2".into()),
            ],
            body: Vec::new(),
            source_ip: "127.0.0.1".into(),
        }
    }

    fn context() -> RouteContext {
        RouteContext {
            api_id: "abc".into(),
            stage: "Prod".into(),
            resource_path: "/items/{id}".into(),
            route_key: "GET /items/{id}".into(),
            path_parameters: [("id".to_owned(), "a b".to_owned())].into(),
            domain_name: "127.0.0.1:3000".into(),
            request_id: "6f6d2a8e-1111-4222-8333-444455556666".into(),
            time_millis: 1_428_582_896_123,
            ..RouteContext::default()
        }
    }

    #[test]
    fn rest_event_shape() {
        let event = rest_event(&request(), &context());
        assert_eq!(event["path"], "/items/a b");
        assert_eq!(event["headers"]["X-Multi"], "2");
        assert_eq!(event["multiValueHeaders"]["X-Multi"], json!(["1", "2"]));
        assert_eq!(event["queryStringParameters"]["tag"], "y");
        assert_eq!(event["multiValueQueryStringParameters"]["tag"], json!(["x", "y"]));
        assert_eq!(event["queryStringParameters"]["q"], "hello world");
        assert_eq!(event["pathParameters"]["id"], "a b");
        assert_eq!(event["stageVariables"], Value::Null);
        assert_eq!(event["body"], Value::Null);
        assert_eq!(event["requestContext"]["path"], "/Prod/items/a b");
        assert_eq!(event["requestContext"]["requestTime"], "09/Apr/2015:12:34:56 +0000");
        assert_eq!(event["requestContext"]["requestTimeEpoch"], 1_428_582_896_123u64);
        assert!(event.get("version").is_none());
    }

    #[test]
    fn http_v2_event_shape() {
        let mut request = request();
        request.body = b"{}".to_vec();
        let event = http_v2_event(&request, &context());
        assert_eq!(event["version"], "2.0");
        assert_eq!(event["rawPath"], "/items/a%20b");
        assert_eq!(event["headers"]["x-multi"], "1,2");
        assert!(event["headers"].get("cookie").is_none());
        assert_eq!(event["cookies"], json!(["a=1", "b=2"]));
        assert_eq!(event["queryStringParameters"]["tag"], "x,y");
        assert_eq!(event["requestContext"]["timeEpoch"], 1_428_582_896_123u64);
        assert_eq!(event["requestContext"]["http"]["path"], "/items/a b");
        assert_eq!(event["body"], "{}");
        assert!(event.get("stageVariables").is_none());
        let v1 = http_v1_event(&request, &context());
        assert_eq!(v1["version"], "1.0");
        assert_eq!(v1["requestContext"]["routeKey"], "GET /items/{id}");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%2Fb%zz%4"), "a/b%zz%4");
        assert_eq!(parse_query("a&b=&=c"), [("a".into(), "".into()), ("b".into(), "".into()), ("".into(), "c".into())]);
    }
}
