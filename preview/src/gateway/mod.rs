//! `slint serve`: an HTTP server on 127.0.0.1 that plays API Gateway for every route of the
//! template, with API Gateway's rules and answers: routing, authorizers, API keys, CORS, binary
//! media types, payload formats, integration timeouts, and the status codes and messages it
//! sends when something goes wrong, each explained on the log in slint's diagnostic style.

pub mod authorizer;
pub mod cors;
pub mod diagnostic;
pub mod model;
pub mod response;
pub mod router;

use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use authorizer::{Authorizers, Decision};
use model::{ApiStyle, Model, PayloadFormat, RouteAuth, ServedApi, Target};
use response::HttpResponse;

use crate::clock;
use crate::events::apigw::{http_v1_event, http_v2_event, rest_event, HttpRequest, RouteContext};
use crate::ids;
use crate::logs::LogSink;
use crate::pool::Runner;
use crate::process::{InvokeRequest, Outcome};
use crate::resolve::Settings;

/// API Gateway's limit on a request's payload.
const MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;

/// The label gateway lines carry in the log.
const LOG_LABEL: &str = "gateway";

/// The gateway's state: the APIs, a runner per function, and the authorizer cache.
pub struct Gateway {
    model: Model,
    runners: HashMap<String, Result<Arc<Runner>, String>>,
    authorizers: Authorizers,
    log: Arc<dyn LogSink>,
    settings: Settings,
}

impl Gateway {
    /// `runners` holds every function the model's routes and authorizers name, or why it cannot run.
    pub fn new(model: Model, runners: HashMap<String, Result<Arc<Runner>, String>>, log: Arc<dyn LogSink>, settings: Settings) -> Gateway {
        Gateway { model, runners, authorizers: Authorizers::default(), log, settings }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Serves on `127.0.0.1:port` (0 picks a free port) until the returned server is dropped.
    pub fn listen(self: Arc<Self>, port: u16) -> std::io::Result<Listening> {
        let server = Arc::new(tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| std::io::Error::other(e.to_string()))?);
        let address = server.server_addr().to_ip().ok_or_else(|| std::io::Error::other("the server has no IP address"))?;
        let thread = {
            let server = Arc::clone(&server);
            std::thread::Builder::new().name("gateway".into()).spawn(move || {
                for request in server.incoming_requests() {
                    let gateway = Arc::clone(&self);
                    let spawned = std::thread::Builder::new().name("gateway-request".into()).spawn(move || gateway.serve(request));
                    if let Err(error) = spawned {
                        eprintln!("slint serve: cannot start a request thread: {error}");
                    }
                }
            })?
        };
        Ok(Listening { server, address, thread: Some(thread) })
    }

    fn serve(&self, mut request: tiny_http::Request) {
        let started = Instant::now();
        let url = request.url().to_owned();
        let (raw_path, raw_query) = url.split_once('?').unwrap_or((url.as_str(), ""));
        let mut body = Vec::new();
        let too_long = request.as_reader().take(MAX_REQUEST_BYTES as u64 + 1).read_to_end(&mut body).is_err() || body.len() > MAX_REQUEST_BYTES;
        let http = HttpRequest {
            method: request.method().as_str().to_ascii_uppercase(),
            raw_path: raw_path.to_owned(),
            raw_query: raw_query.to_owned(),
            headers: request.headers().iter().map(|h| (h.field.as_str().as_str().to_owned(), h.value.as_str().to_owned())).collect(),
            body,
            source_ip: request.remote_addr().map_or_else(|| "127.0.0.1".to_owned(), |a| a.ip().to_string()),
        };
        let response = if too_long { HttpResponse::json(413, r#"{"message":"Request Too Long"}"#) } else { self.handle(&http) };
        self.log.line(
            LOG_LABEL,
            &format!("{} {} {} {:.1} ms", http.method, url, response.status, started.elapsed().as_secs_f64() * 1000.0),
        );
        let headers = response.headers.iter().filter_map(|(n, v)| tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()).ok()).collect();
        let length = response.body.len();
        let reply = tiny_http::Response::new(response.status.into(), headers, std::io::Cursor::new(response.body), Some(length), None);
        let _ = request.respond(reply);
    }

    /// API Gateway's answer to one request.
    pub fn handle(&self, request: &HttpRequest) -> HttpResponse {
        let Some(found) = router::find(&self.model, &request.method, &request.raw_path) else {
            if request.method == "OPTIONS" {
                if let Some(response) = self.preflight(request, None) {
                    return response;
                }
            }
            return self.no_route();
        };
        let route = &self.model.routes[found.route];
        let api = &self.model.apis[route.api];
        // HTTP APIs answer preflight themselves; REST APIs through the OPTIONS mock SAM adds.
        if request.method == "OPTIONS" && (api.style == ApiStyle::Http || route.method != "OPTIONS" || route.target == Target::Mock) {
            if let Some(response) = self.preflight(request, Some(api)) {
                return response;
            }
        }
        if route.api_key_required && request.header("x-api-key").is_none_or(str::is_empty) {
            return HttpResponse::json(403, r#"{"message":"Forbidden"}"#).with_header("x-amzn-ErrorType", "ForbiddenException");
        }
        let request_id = ids::uuid();
        let mut context = RouteContext {
            api_id: api.api_id.clone(),
            stage: api.stage.clone(),
            resource_path: route.path.clone(),
            route_key: route.key(),
            path_parameters: found.path_parameters,
            stage_variables: api.stage_variables.clone(),
            account_id: self.settings.account_id.clone(),
            region: self.settings.region.clone(),
            domain_name: request
                .header("host")
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{}.execute-api.{}.amazonaws.com", api.api_id, self.settings.region)),
            base64_body: body_is_binary(api, request),
            authorizer: None,
            request_id: request_id.clone(),
            time_millis: clock::now_millis(),
        };
        if let RouteAuth::Authorizer(index) = &route.auth {
            let Some(authorizer) = api.authorizers.get(*index) else { return self.integration_failure(api.style) };
            let invoke = |function: &str, payload: Vec<u8>| {
                self.invoke(function, payload, None).map_err(|failure| match failure {
                    Failure::CannotRun(why) => why,
                    Failure::TimedOut => "it timed out".to_owned(),
                })
            };
            match self.authorizers.decide(api, authorizer, request, &context, &invoke) {
                Decision::Allow(value) => context.authorizer = Some(value),
                Decision::Deny(response) => return response,
                Decision::Failed(response, why) => {
                    self.log.line(LOG_LABEL, &format!("error: {why}; API Gateway answers {}", response.status));
                    return response;
                }
            }
        }
        let function = match &route.target {
            Target::Function(function) => function,
            Target::Mock => {
                self.log.line(LOG_LABEL, &format!("error: route `{}` has a MOCK integration, whose mapping templates slint does not evaluate", route.key()));
                return self.integration_failure(api.style);
            }
            Target::Unsupported(why) => {
                self.log.line(LOG_LABEL, &format!("error: route `{}` is not run locally: {why}", route.key()));
                return self.integration_failure(api.style);
            }
        };
        let event = match route.payload {
            PayloadFormat::Rest => rest_event(request, &context),
            PayloadFormat::HttpV1 => http_v1_event(request, &context),
            PayloadFormat::HttpV2 => http_v2_event(request, &context),
        };
        let outcome = match self.invoke(function, event.to_string().into_bytes(), Some(route.timeout)) {
            Ok(outcome) => outcome,
            Err(Failure::TimedOut) => {
                self.log.line(
                    LOG_LABEL,
                    &format!(
                        "error: `{function}` did not answer `{}` within the integration timeout of {} ms; API Gateway answers 504 (the function keeps running until its own Timeout)",
                        route.key(),
                        route.timeout.as_millis()
                    ),
                );
                return match api.style {
                    ApiStyle::Rest => HttpResponse::json(504, r#"{"message": "Endpoint request timed out"}"#).with_header("x-amzn-ErrorType", "IntegrationTimeout"),
                    ApiStyle::Http => HttpResponse::json(504, r#"{"message":"Service Unavailable"}"#),
                };
            }
            Err(Failure::CannotRun(why)) => {
                self.log.line(LOG_LABEL, &format!("error: `{function}` cannot run: {why}"));
                return self.integration_failure(api.style);
            }
        };
        let payload = match outcome {
            Outcome::Success(payload) => payload,
            Outcome::Failure { error_type, .. } => {
                self.log.line(
                    LOG_LABEL,
                    &format!("`{function}` failed ({error_type}) answering `{}`; API Gateway answers {}", route.key(), self.integration_failure(api.style).status),
                );
                return self.integration_failure(api.style);
            }
        };
        let decode_binary = api.style == ApiStyle::Http || accepts_binary(api, request);
        let mut response = match response::map(&payload, route.payload, decode_binary) {
            Ok(response) => response,
            Err(problem) => {
                let failure = self.integration_failure(api.style);
                let consequence = match api.style {
                    ApiStyle::Rest => "API Gateway answers 502 Bad Gateway: {\"message\": \"Internal server error\"}".to_owned(),
                    ApiStyle::Http => "API Gateway answers 500 Internal Server Error: {\"message\":\"Internal Server Error\"}".to_owned(),
                };
                let text = diagnostic::render(
                    "malformed-proxy-response",
                    &format!("`{function}` returned a malformed Lambda proxy response"),
                    &format!("{function} response to {}", route.key()),
                    &String::from_utf8_lossy(&payload),
                    &problem,
                    &consequence,
                );
                for line in text.lines() {
                    self.log.line(LOG_LABEL, line);
                }
                return failure;
            }
        };
        if response.base64_left_encoded {
            self.log.line(
                LOG_LABEL,
                &format!(
                    "warning: `{function}` returned a base64 body for `{}`, sent as text because the request's Accept header matches none of the API's binary media types",
                    route.key()
                ),
            );
        }
        if let (ApiStyle::Http, Some(cors)) = (api.style, &api.cors) {
            cors::decorate(cors, request.header("origin"), &mut response);
        }
        let id_header = if api.style == ApiStyle::Rest { "x-amzn-RequestId" } else { "apigw-requestid" };
        response.headers.push((id_header.to_owned(), request_id));
        response
    }

    /// Runs a function, giving up after `limit` (the function still runs to its own end).
    fn invoke(&self, function: &str, payload: Vec<u8>, limit: Option<std::time::Duration>) -> Result<Outcome, Failure> {
        let runner = match self.runners.get(function) {
            Some(Ok(runner)) => Arc::clone(runner),
            Some(Err(why)) => return Err(Failure::CannotRun(why.clone())),
            None => return Err(Failure::CannotRun(format!("function `{function}` is not in the template"))),
        };
        let request = InvokeRequest { payload, ..InvokeRequest::default() };
        let Some(limit) = limit else {
            return runner.invoke(&request).map(|r| r.outcome).map_err(Failure::CannotRun);
        };
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("invocation".into())
            .spawn(move || {
                let _ = sender.send(runner.invoke(&request));
            })
            .map_err(|e| Failure::CannotRun(e.to_string()))?;
        match receiver.recv_timeout(limit) {
            Ok(result) => result.map(|r| r.outcome).map_err(Failure::CannotRun),
            Err(_) => Err(Failure::TimedOut),
        }
    }

    fn preflight(&self, request: &HttpRequest, matched: Option<&ServedApi>) -> Option<HttpResponse> {
        let candidates = router::routes_for_path(&self.model, &request.raw_path);
        let api = matched.or_else(|| candidates.first().map(|r| &self.model.apis[r.api]))?;
        let cors = api.cors.as_ref()?;
        if api.style == ApiStyle::Http && request.header("access-control-request-method").is_none() {
            return None;
        }
        let mut methods: Vec<String> = candidates
            .iter()
            .filter(|r| r.method != "OPTIONS" && self.model.apis[r.api].logical_id == api.logical_id)
            .map(|r| r.method.clone())
            .collect();
        methods.dedup();
        Some(cors::preflight(api.style, cors, request.header("origin"), request.header("access-control-request-headers"), &methods))
    }

    fn no_route(&self) -> HttpResponse {
        if !self.model.apis.is_empty() && self.model.apis.iter().all(|a| a.style == ApiStyle::Http) {
            return HttpResponse::json(404, r#"{"message":"Not Found"}"#);
        }
        HttpResponse::json(403, r#"{"message":"Missing Authentication Token"}"#).with_header("x-amzn-ErrorType", "MissingAuthenticationTokenException")
    }

    fn integration_failure(&self, style: ApiStyle) -> HttpResponse {
        match style {
            ApiStyle::Rest => HttpResponse::json(502, r#"{"message": "Internal server error"}"#).with_header("x-amzn-ErrorType", "InternalServerErrorException"),
            ApiStyle::Http => HttpResponse::json(500, r#"{"message":"Internal Server Error"}"#),
        }
    }
}

enum Failure {
    TimedOut,
    CannotRun(String),
}

/// Whether `content_type` matches one of the media type patterns (`image/png`, `image/*`, `*/*`).
fn media_type_matches(patterns: &[String], content_type: &str) -> bool {
    let content_type = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let (kind, _) = content_type.split_once('/').unwrap_or((&content_type, ""));
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim().to_ascii_lowercase();
        pattern == "*/*" || pattern == content_type || pattern.strip_suffix("/*").is_some_and(|p| p == kind)
    })
}

/// REST APIs encode a body whose Content-Type is a binary media type; HTTP APIs encode anything
/// that is not text.
fn body_is_binary(api: &ServedApi, request: &HttpRequest) -> bool {
    if request.body.is_empty() {
        return false;
    }
    let content_type = request.header("content-type").unwrap_or_default();
    match api.style {
        ApiStyle::Rest => media_type_matches(&api.binary_media_types, content_type),
        ApiStyle::Http => {
            let text = content_type.is_empty()
                || content_type.starts_with("text/")
                || ["json", "xml", "javascript", "x-www-form-urlencoded", "graphql", "yaml"].iter().any(|t| content_type.contains(t));
            !text || std::str::from_utf8(&request.body).is_err()
        }
    }
}

/// Whether a REST API sends a base64 body as bytes: the request must accept a binary media type.
fn accepts_binary(api: &ServedApi, request: &HttpRequest) -> bool {
    let accept = request.header("accept").unwrap_or_default();
    accept.split(',').any(|t| media_type_matches(&api.binary_media_types, t)) || api.binary_media_types.iter().any(|t| t == "*/*")
}

/// The running server.
pub struct Listening {
    server: Arc<tiny_http::Server>,
    address: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl Listening {
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until the process ends.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A gateway for every API of a project: its model and a runner per function its routes and
/// authorizers use. Functions that cannot run locally are reported when a request needs them.
pub fn for_project(
    project: &crate::project::Project,
    interpreters: &crate::interpreter::Interpreters,
    log: Arc<dyn LogSink>,
    options: &crate::pool::RunnerOptions,
) -> Result<(Gateway, Vec<String>), String> {
    let model = project.with_deployment(|deployment, functions| Model::read(deployment, functions, &project.folder))?;
    let mut warnings = model.warnings.clone();
    let mut names: Vec<String> = model
        .routes
        .iter()
        .filter_map(|r| match &r.target {
            Target::Function(name) => Some(name.clone()),
            Target::Mock | Target::Unsupported(_) => None,
        })
        .chain(model.apis.iter().flat_map(|a| a.authorizers.iter().filter_map(|z| z.function.clone())))
        .collect();
    names.sort();
    names.dedup();
    let mut runners = HashMap::new();
    for name in names {
        let runner = project.function(&name).and_then(|config| Runner::new(config, interpreters, Arc::clone(&log), options.clone()));
        match &runner {
            Ok(runner) => warnings.extend(runner.warnings().iter().cloned()),
            Err(why) => warnings.push(format!("{why}; its routes answer with an error")),
        }
        runners.insert(name, runner.map(Arc::new));
    }
    Ok((Gateway::new(model, runners, log, project.settings.clone()), warnings))
}
