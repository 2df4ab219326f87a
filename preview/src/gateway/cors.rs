//! CORS as API Gateway applies it: REST APIs answer preflight requests with the mock OPTIONS
//! method SAM adds for `Cors`; HTTP APIs answer preflight themselves and add the CORS headers
//! to every response whose `Origin` is allowed.

use super::model::{ApiStyle, Cors};
use super::response::HttpResponse;

fn origin_allowed(cors: &Cors, origin: &str) -> bool {
    cors.allow_origins.iter().any(|o| o == "*" || o.eq_ignore_ascii_case(origin))
}

/// The answer to a preflight `OPTIONS` request; `methods` are those the path's routes accept.
pub fn preflight(style: ApiStyle, cors: &Cors, origin: Option<&str>, requested_headers: Option<&str>, methods: &[String]) -> HttpResponse {
    match style {
        ApiStyle::Rest => {
            let mut response = HttpResponse { status: 200, headers: Vec::new(), body: Vec::new(), base64_left_encoded: false };
            let allowed_methods = if cors.allow_methods.is_empty() {
                let mut all = methods.to_vec();
                all.push("OPTIONS".into());
                all.dedup();
                all
            } else {
                cors.allow_methods.clone()
            };
            response.headers.push(("Access-Control-Allow-Origin".into(), cors.allow_origins.join(",")));
            response.headers.push(("Access-Control-Allow-Methods".into(), allowed_methods.join(",")));
            if !cors.allow_headers.is_empty() {
                response.headers.push(("Access-Control-Allow-Headers".into(), cors.allow_headers.join(",")));
            }
            if let Some(age) = cors.max_age {
                response.headers.push(("Access-Control-Max-Age".into(), age.to_string()));
            }
            if cors.allow_credentials {
                response.headers.push(("Access-Control-Allow-Credentials".into(), "true".into()));
            }
            response
        }
        ApiStyle::Http => {
            let mut response = HttpResponse { status: 204, headers: Vec::new(), body: Vec::new(), base64_left_encoded: false };
            let Some(origin) = origin.filter(|o| origin_allowed(cors, o)) else { return response };
            response.headers.push(("Access-Control-Allow-Origin".into(), if cors.allow_credentials { origin.to_owned() } else { allowed_origin(cors, origin) }));
            let methods = if cors.allow_methods.is_empty() { methods.join(",") } else { cors.allow_methods.join(",") };
            response.headers.push(("Access-Control-Allow-Methods".into(), methods));
            let headers = if cors.allow_headers.iter().any(|h| h == "*") {
                requested_headers.unwrap_or("*").to_owned()
            } else {
                cors.allow_headers.join(",")
            };
            if !headers.is_empty() {
                response.headers.push(("Access-Control-Allow-Headers".into(), headers));
            }
            if let Some(age) = cors.max_age {
                response.headers.push(("Access-Control-Max-Age".into(), age.to_string()));
            }
            if cors.allow_credentials {
                response.headers.push(("Access-Control-Allow-Credentials".into(), "true".into()));
            }
            response
        }
    }
}

fn allowed_origin(cors: &Cors, origin: &str) -> String {
    if cors.allow_origins.iter().any(|o| o == "*") {
        "*".to_owned()
    } else {
        origin.to_owned()
    }
}

/// HTTP APIs add the CORS headers to the integration's response.
pub fn decorate(cors: &Cors, origin: Option<&str>, response: &mut HttpResponse) {
    let Some(origin) = origin.filter(|o| origin_allowed(cors, o)) else { return };
    response.headers.retain(|(n, _)| !n.to_ascii_lowercase().starts_with("access-control-"));
    response.headers.push(("Access-Control-Allow-Origin".into(), if cors.allow_credentials { origin.to_owned() } else { allowed_origin(cors, origin) }));
    if !cors.expose_headers.is_empty() {
        response.headers.push(("Access-Control-Expose-Headers".into(), cors.expose_headers.join(",")));
    }
    if cors.allow_credentials {
        response.headers.push(("Access-Control-Allow-Credentials".into(), "true".into()));
    }
}
