//! `slint serve` over real HTTP on loopback: every API style, authorizers, CORS, binary media
//! types and API Gateway's error answers.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use common::{available, http, project};
use serde_json::json;
use slint_preview::env_vars::EnvOverrides;
use slint_preview::gateway::{self, Listening};
use slint_preview::interpreter::Interpreters;
use slint_preview::logs::Memory;
use slint_preview::RunnerOptions;

fn start() -> (Listening, SocketAddr, Arc<Memory>) {
    let log = Arc::new(Memory::default());
    let (gateway, warnings) =
        gateway::for_project(&project("serve", EnvOverrides::default()), &Interpreters::new(BTreeMap::new()), log.clone(), &RunnerOptions::default()).unwrap();
    assert!(warnings.iter().all(|w| !w.contains("cannot")), "{warnings:?}");
    let listening = Arc::new(gateway).listen(0).unwrap();
    let address = listening.address();
    assert!(address.ip().is_loopback());
    (listening, address, log)
}

#[test]
fn rest_api_events_routing_and_stage() {
    if !available("python3") {
        return;
    }
    let (_server, address, _) = start();
    let reply = http(address, "GET", "/items/a%20b?tag=x&tag=y", &[("X-Custom", "1")], b"");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.header("x-amzn-RequestId").is_some());
    let event = reply.json();
    assert_eq!(event["resource"], "/items/{id}");
    assert_eq!(event["pathParameters"], json!({"id": "a b"}));
    assert_eq!(event["multiValueQueryStringParameters"]["tag"], json!(["x", "y"]));
    assert_eq!(event["headers"]["X-Custom"], "1");
    assert_eq!(event["stageVariables"], json!({"color": "blue"}));
    assert_eq!(event["requestContext"]["stage"], "dev");
    assert_eq!(event["requestContext"]["path"], "/dev/items/a b");
    assert!(event.get("version").is_none());

    let event = http(address, "DELETE", "/files/a/b/c.txt", &[], b"").json();
    assert_eq!(event["pathParameters"], json!({"proxy": "a/b/c.txt"}));
    assert_eq!(event["httpMethod"], "DELETE");

    let missing = http(address, "GET", "/nowhere", &[], b"");
    assert_eq!((missing.status, missing.json()), (403, json!({"message": "Missing Authentication Token"})));
    let wrong_method = http(address, "POST", "/items/1", &[], b"");
    assert_eq!(wrong_method.status, 403);
}

#[test]
fn rest_binary_media_types_and_cors_preflight() {
    if !available("python3") {
        return;
    }
    let (_server, address, log) = start();
    let event = http(address, "POST", "/upload", &[("Content-Type", "image/png")], b"\x89PNG\x00\x01").json();
    assert_eq!(event["isBase64Encoded"], true);
    assert_eq!(event["body"], "iVBORwAB");
    let event = http(address, "POST", "/upload", &[("Content-Type", "text/plain")], b"hello").json();
    assert_eq!((event["isBase64Encoded"].clone(), event["body"].clone()), (json!(false), json!("hello")));

    let picture = http(address, "GET", "/picture", &[("Accept", "image/png")], b"");
    assert_eq!(picture.body, b"\x89PNG\r\n\x1a\nfake");
    let as_text = http(address, "GET", "/picture", &[("Accept", "application/json")], b"");
    assert_eq!(as_text.text(), "iVBORw0KGgpmYWtl");
    assert!(log.text().contains("sent as text because the request's Accept header"));

    let preflight = http(address, "OPTIONS", "/items/1", &[("Origin", "https://app.example"), ("Access-Control-Request-Method", "GET")], b"");
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some("https://app.example"));
    assert_eq!(preflight.header("Access-Control-Allow-Methods"), Some("GET,OPTIONS"));
    assert_eq!(preflight.header("Access-Control-Allow-Headers"), Some("Content-Type,Authorization"));
    assert_eq!(preflight.header("Access-Control-Max-Age"), Some("600"));
}

#[test]
fn rest_authorizers() {
    if !available("python3") {
        return;
    }
    let (_server, address, log) = start();
    let secure = |token: Option<&str>| match token {
        Some(token) => http(address, "GET", "/secure", &[("Authorization", token)], b""),
        None => http(address, "GET", "/secure", &[], b""),
    };
    let allowed = secure(Some("Bearer allow"));
    assert_eq!(allowed.status, 200, "{}", allowed.text());
    let authorizer = &allowed.json()["requestContext"]["authorizer"];
    assert_eq!(authorizer["principalId"], "user-1");
    assert_eq!(authorizer["user"], "alice");
    assert_eq!(authorizer["level"], "3", "REST passes context values on as strings");
    assert_eq!(authorizer["admin"], "false");

    let missing = secure(None);
    assert_eq!((missing.status, missing.json()), (401, json!({"message": "Unauthorized"})));
    let not_matching = secure(Some("Basic abc"));
    assert_eq!(not_matching.status, 401, "the validation expression refuses it unheard");
    let denied = secure(Some("Bearer deny"));
    assert_eq!((denied.status, denied.json()), (403, json!({"Message": "User is not authorized to access this resource with an explicit deny"})));
    let elsewhere = secure(Some("Bearer elsewhere"));
    assert_eq!((elsewhere.status, elsewhere.json()), (403, json!({"Message": "User is not authorized to access this resource"})));
    let refused = secure(Some("Bearer nobody"));
    assert_eq!((refused.status, refused.json()), (401, json!({"message": "Unauthorized"})));
    let broken = secure(Some("Bearer broken"));
    assert_eq!((broken.status, broken.json()), (500, json!({"message": null})));
    assert!(log.text().contains("authorizer `TokenAuth` answered without `policyDocument.Statement`"), "{}", log.text());

    let open = http(address, "GET", "/request-auth?x=1", &[("X-Key", "open")], b"");
    assert_eq!(open.status, 200, "{}", open.text());
    assert_eq!(open.json()["requestContext"]["authorizer"]["via"], "REQUEST");
    assert_eq!(open.json()["requestContext"]["authorizer"]["path"], "/request-auth");
    assert_eq!(http(address, "GET", "/request-auth", &[("X-Key", "shut")], b"").status, 403);
    assert_eq!(http(address, "GET", "/request-auth", &[], b"").status, 401);
}

#[test]
fn rest_error_mapping_with_explanations() {
    if !available("python3") {
        return;
    }
    let (_server, address, log) = start();
    let malformed = http(address, "GET", "/malformed/object-body", &[], b"");
    assert_eq!((malformed.status, malformed.json()), (502, json!({"message": "Internal server error"})));
    let logs = log.text();
    assert!(logs.contains("error[malformed-proxy-response]: `Misbehaving` returned a malformed Lambda proxy response: `body` must be a string"), "{logs}");
    assert!(logs.contains("an object here") && logs.contains("JSON.stringify(body)"), "{logs}");
    assert!(logs.contains("API Gateway answers 502 Bad Gateway"), "{logs}");

    assert_eq!(http(address, "GET", "/malformed/status-text", &[], b"").status, 502);
    assert!(log.text().contains("`statusCode` must be a number"));
    let error = http(address, "GET", "/malformed/error", &[], b"");
    assert_eq!((error.status, error.json()), (502, json!({"message": "Internal server error"})));
    assert!(log.text().contains("RuntimeError: the database is down"));
    let plain = http(address, "GET", "/malformed/plain", &[], b"");
    assert_eq!(plain.status, 502, "a REST API needs statusCode");

    let slow = http(address, "GET", "/slow", &[], b"");
    assert_eq!((slow.status, slow.json()), (504, json!({"message": "Endpoint request timed out"})));
    assert!(log.text().contains("within the integration timeout of 300 ms"));
}

#[test]
fn http_api_payloads_authorizer_cors_and_errors() {
    if !available("python3") {
        return;
    }
    let (_server, address, log) = start();
    let reply = http(address, "GET", "/v2/items/42?a=1&a=2", &[("X-Multi", "1"), ("Cookie", "c=1; d=2"), ("Origin", "https://app.example")], b"");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.header("apigw-requestid").is_some());
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some("https://app.example"));
    assert_eq!(reply.header("Access-Control-Expose-Headers"), Some("x-total"));
    let event = reply.json();
    assert_eq!(event["version"], "2.0");
    assert_eq!(event["routeKey"], "GET /v2/items/{id}");
    assert_eq!(event["rawQueryString"], "a=1&a=2");
    assert_eq!(event["queryStringParameters"]["a"], "1,2");
    assert_eq!(event["headers"]["x-multi"], "1");
    assert_eq!(event["cookies"], json!(["c=1", "d=2"]));
    assert_eq!(event["pathParameters"], json!({"id": "42"}));
    assert_eq!(event["stageVariables"], json!({"flavor": "mint"}));
    assert_eq!(event["requestContext"]["stage"], "$default");
    let time = event["requestContext"]["timeEpoch"].as_u64().unwrap();
    assert!(time > 1_600_000_000_000, "milliseconds: {time}");
    let second = http(address, "GET", "/v2/items/42", &[], b"").json();
    assert_ne!(second["requestContext"]["requestId"], event["requestContext"]["requestId"]);

    let v1 = http(address, "GET", "/v1/items/7", &[], b"").json();
    assert_eq!(v1["version"], "1.0");
    assert_eq!(v1["pathParameters"], json!({"id": "7"}));
    assert_eq!(v1["requestContext"]["routeKey"], "GET /v1/items/{id}");

    let preflight = http(address, "OPTIONS", "/v2/items/1", &[("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST")], b"");
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("Access-Control-Allow-Methods"), Some("GET,POST"));
    assert_eq!(preflight.header("Access-Control-Max-Age"), Some("300"));

    let allowed = http(address, "GET", "/v2/secure", &[("Authorization", "letmein")], b"");
    assert_eq!(allowed.status, 200, "{}", allowed.text());
    assert_eq!(allowed.json()["requestContext"]["authorizer"], json!({"lambda": {"tenant": "t1"}}));
    let refused = http(address, "GET", "/v2/secure", &[("Authorization", "nope")], b"");
    assert_eq!((refused.status, refused.json()), (403, json!({"message": "Forbidden"})));
    assert_eq!(http(address, "GET", "/v2/secure", &[], b"").status, 401);

    let malformed = http(address, "GET", "/v2/malformed/object-body", &[], b"");
    assert_eq!((malformed.status, malformed.json()), (500, json!({"message": "Internal Server Error"})));
    assert!(log.text().contains("API Gateway answers 500 Internal Server Error"));
    let inferred = http(address, "GET", "/v2/malformed/plain", &[], b"");
    assert_eq!((inferred.status, inferred.json()), (200, json!({"answer": 42})), "payload 2.0 infers a 200 from any JSON");
    assert_eq!(http(address, "GET", "/v2/malformed/error", &[], b"").status, 500);
    assert_eq!(http(address, "GET", "/v2/slow", &[], b"").status, 504);
}

#[test]
fn raw_cloudformation_apis_are_served() {
    if !available("python3") || !available("node") {
        return;
    }
    let (_server, address, _) = start();
    let rest = http(address, "GET", "/orders", &[], b"");
    assert_eq!(rest.status, 200, "{}", rest.text());
    assert_eq!(rest.json(), json!({"from": "node", "version": "rest", "resource": "/orders"}));
    let http_api = http(address, "GET", "/raw-http/orders", &[], b"");
    assert_eq!(http_api.json(), json!({"from": "node", "version": "2.0", "resource": "GET /raw-http/orders"}));
}

#[test]
fn an_http_only_template_answers_404_for_unknown_routes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("template.yaml"),
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      InlineCode: 'def handler(e, c): return {}'\n      Events:\n        Get:\n          Type: HttpApi\n          Properties: {Path: /known, Method: GET}\n",
    )
    .unwrap();
    let project = slint_preview::project::Project::load(&dir.path().join("template.yaml"), BTreeMap::new(), EnvOverrides::default(), common::settings()).unwrap();
    let log = Arc::new(Memory::default());
    let (gateway, _) = gateway::for_project(&project, &Interpreters::new(BTreeMap::new()), log, &RunnerOptions::default()).unwrap();
    let server = Arc::new(gateway).listen(0).unwrap();
    let reply = http(server.address(), "GET", "/unknown", &[], b"");
    assert_eq!((reply.status, reply.json()), (404, json!({"message": "Not Found"})));
}
