//! The Lambda Runtime API, served on 127.0.0.1 for one execution environment (one process):
//! `GET /2018-06-01/runtime/invocation/next` hands out the next event (long-polling until there is
//! one), `POST …/invocation/{id}/response` and `…/{id}/error` finish it, `POST …/init/error`
//! reports a failed start. Everything the runtime says is passed to the invoker as an
//! [`ApiEvent`].

use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use crate::clock;

/// Lambda's limit on a synchronous response.
pub const MAX_RESPONSE_BYTES: usize = 6_291_556;

const PREFIX: &str = "/2018-06-01/runtime/";

/// One event to hand to the runtime.
#[derive(Clone, Debug)]
pub struct Invocation {
    pub request_id: String,
    pub payload: Vec<u8>,
    pub timeout: Duration,
    pub function_arn: String,
    pub trace_id: String,
    pub client_context: Option<String>,
    pub cognito_identity: Option<String>,
}

/// What the runtime did.
#[derive(Debug)]
pub enum ApiEvent {
    /// The runtime asked for its first event: initialisation is over.
    Ready { at: Instant },
    /// The event was handed over; the function's time runs from `at`.
    Delivered { request_id: String, at: Instant },
    Response { request_id: String, body: Vec<u8> },
    /// The handler failed; `error_type` comes from `Lambda-Runtime-Function-Error-Type`.
    Error { request_id: String, error_type: Option<String>, body: Vec<u8> },
    InitError { error_type: Option<String>, body: Vec<u8> },
    /// The response was larger than Lambda accepts.
    ResponseTooLarge { request_id: String },
    /// The process ended (sent by the process supervisor, not the API).
    Exited { description: String },
}

#[derive(Default)]
struct State {
    /// A `/next` request waiting for an event.
    waiting: Option<Request>,
    /// An event waiting for a `/next` request.
    queued: Option<Invocation>,
    /// The request id being worked on.
    current: Option<String>,
    ready: bool,
}

/// The API of one execution environment.
pub struct RuntimeApi {
    server: Arc<Server>,
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    events: Sender<ApiEvent>,
    thread: Option<JoinHandle<()>>,
}

impl RuntimeApi {
    /// Starts serving on an ephemeral port of 127.0.0.1.
    pub fn start(events: Sender<ApiEvent>) -> std::io::Result<RuntimeApi> {
        let server = Arc::new(Server::http("127.0.0.1:0").map_err(|e| std::io::Error::other(e.to_string()))?);
        let address = server.server_addr().to_ip().ok_or_else(|| std::io::Error::other("the runtime API has no IP address"))?;
        let state = Arc::new(Mutex::new(State::default()));
        let thread = {
            let (server, state, events) = (Arc::clone(&server), Arc::clone(&state), events.clone());
            std::thread::Builder::new().name("runtime-api".into()).spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &state, &events);
                }
            })?
        };
        Ok(RuntimeApi { server, address, state, events, thread: Some(thread) })
    }

    /// `127.0.0.1:PORT`, the value of `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> String {
        self.address.to_string()
    }

    /// Queues an event; it is handed over as soon as the runtime asks for one.
    pub fn submit(&self, invocation: Invocation) {
        let mut state = lock(&self.state);
        state.current = Some(invocation.request_id.clone());
        match state.waiting.take() {
            Some(request) => {
                drop(state);
                deliver(request, invocation, &self.events);
            }
            None => state.queued = Some(invocation),
        }
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn handle(mut request: Request, state: &Mutex<State>, events: &Sender<ApiEvent>) {
    let url = request.url().to_owned();
    let Some(route) = url.strip_prefix(PREFIX) else {
        return reply(request, 404, r#"{"errorMessage":"Unknown API path","errorType":"NotFound"}"#);
    };
    let route = route.split('?').next().unwrap_or_default().to_owned();
    let segments: Vec<&str> = route.split('/').collect();
    match (request.method(), segments.as_slice()) {
        (Method::Get, ["invocation", "next"]) => {
            let mut guard = lock(state);
            if !guard.ready {
                guard.ready = true;
                let _ = events.send(ApiEvent::Ready { at: Instant::now() });
            }
            match guard.queued.take() {
                Some(invocation) => {
                    drop(guard);
                    deliver(request, invocation, events);
                }
                None => guard.waiting = Some(request),
            }
        }
        (Method::Post, ["invocation", id, outcome @ ("response" | "error")]) => {
            let request_id = (*id).to_owned();
            let known = lock(state).current.as_deref() == Some(request_id.as_str());
            if !known {
                return reply(request, 400, r#"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#);
            }
            let Some(body) = read_body(&mut request) else {
                let _ = events.send(ApiEvent::ResponseTooLarge { request_id });
                return reply(
                    request,
                    413,
                    r#"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#,
                );
            };
            lock(state).current = None;
            let event = if *outcome == "response" {
                ApiEvent::Response { request_id, body }
            } else {
                ApiEvent::Error { request_id, error_type: error_type(&request), body }
            };
            let _ = events.send(event);
            reply(request, 202, r#"{"status":"OK"}"#);
        }
        (Method::Post, ["init", "error"]) => {
            let body = read_body(&mut request).unwrap_or_default();
            let _ = events.send(ApiEvent::InitError { error_type: error_type(&request), body });
            reply(request, 202, r#"{"status":"OK"}"#);
        }
        _ => reply(request, 404, r#"{"errorMessage":"Unknown API path","errorType":"NotFound"}"#),
    }
}

/// The body, or `None` past Lambda's response limit.
fn read_body(request: &mut Request) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    let limit = MAX_RESPONSE_BYTES as u64 + 1;
    request.as_reader().take(limit).read_to_end(&mut body).ok()?;
    if body.len() > MAX_RESPONSE_BYTES {
        // Drain the rest so that the connection stays usable for the runtime's next call.
        let _ = std::io::copy(request.as_reader(), &mut std::io::sink());
        return None;
    }
    Some(body)
}

fn error_type(request: &Request) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Lambda-Runtime-Function-Error-Type"))
        .map(|h| h.value.as_str().to_owned())
}

fn deliver(request: Request, invocation: Invocation, events: &Sender<ApiEvent>) {
    let at = Instant::now();
    let deadline = clock::now_millis() + invocation.timeout.as_millis() as u64;
    let deadline = deadline.to_string();
    let headers: Vec<Header> = [
        ("Content-Type", Some("application/json")),
        ("Lambda-Runtime-Aws-Request-Id", Some(invocation.request_id.as_str())),
        ("Lambda-Runtime-Deadline-Ms", Some(deadline.as_str())),
        ("Lambda-Runtime-Invoked-Function-Arn", Some(invocation.function_arn.as_str())),
        ("Lambda-Runtime-Trace-Id", Some(invocation.trace_id.as_str())),
        ("Lambda-Runtime-Client-Context", invocation.client_context.as_deref()),
        ("Lambda-Runtime-Cognito-Identity", invocation.cognito_identity.as_deref()),
    ]
    .into_iter()
    .filter_map(|(name, value)| header(name, value?))
    .collect();
    let _ = events.send(ApiEvent::Delivered { request_id: invocation.request_id.clone(), at });
    let length = invocation.payload.len();
    let response = Response::new(200.into(), headers, std::io::Cursor::new(invocation.payload), Some(length), None);
    let _ = request.respond(response);
}

fn reply(request: Request, status: u16, body: &str) {
    let mut response = Response::from_string(body).with_status_code(status);
    if let Some(content_type) = header("Content-Type", "application/json") {
        response.add_header(content_type);
    }
    let _ = request.respond(response);
}

/// A header, or `None` for a value that cannot be sent (a line break in a client context).
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}
