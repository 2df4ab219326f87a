//! The APIs `slint serve` plays, read from the routes model into plain owned values with every
//! setting resolved for this deployment: stage and stage variables, binary media types, CORS,
//! Lambda authorizers, and each route's function, payload format and timeout.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use regex::Regex;
use serde_json::Value as Json;
use slint_linter::model::apis::{self, Api, ApiKind, AuthKind, AuthorizerKind, CorsForm, Includes, IntegrationKind};
use slint_linter::model::Functions;
use slint_linter::syntax::Node;

use crate::resolve::{as_text, Deployment};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiStyle {
    Rest,
    Http,
}

/// The event and response format a route's integration speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadFormat {
    Rest,
    HttpV1,
    HttpV2,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cors {
    pub allow_origins: Vec<String>,
    pub allow_methods: Vec<String>,
    pub allow_headers: Vec<String>,
    pub expose_headers: Vec<String>,
    pub max_age: Option<u64>,
    pub allow_credentials: bool,
}

/// Where an authorizer reads the caller's identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentitySource {
    Header(String),
    Query(String),
    StageVariable(String),
    Context(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorizerStyle {
    /// REST `TOKEN`: the function gets the token alone.
    Token,
    /// REST or HTTP `REQUEST`: the function gets the request.
    Request,
    /// JWT or Cognito: the token's claims are passed on (signatures are not checked locally).
    Jwt,
}

#[derive(Clone, Debug)]
pub struct Authorizer {
    pub name: String,
    pub style: AuthorizerStyle,
    /// The function of the template that decides; `None` for JWT authorizers.
    pub function: Option<String>,
    pub identity: Vec<IdentitySource>,
    /// REST TOKEN `ValidationExpression`: a token that does not match is refused unheard.
    pub validation: Option<Regex>,
    /// HTTP APIs: the authorizer event's format, `1.0` or `2.0`.
    pub payload: PayloadFormat,
    /// HTTP APIs: the function answers `{"isAuthorized": …}` instead of a policy.
    pub simple_responses: bool,
    pub ttl: Duration,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RouteAuth {
    None,
    /// AWS_IAM: SigV4 signatures are not checked locally.
    Iam,
    /// Index into the API's authorizers.
    Authorizer(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// The logical id of a function of the template.
    Function(String),
    /// A MOCK integration, such as the OPTIONS methods SAM adds for `Cors`.
    Mock,
    /// What the gateway cannot run locally, and why.
    Unsupported(String),
}

#[derive(Clone, Debug)]
pub struct Route {
    pub api: usize,
    /// Upper case; `ANY` matches every method.
    pub method: String,
    /// `/items/{id}`, `/{proxy+}`, or `$default`.
    pub path: String,
    pub target: Target,
    pub payload: PayloadFormat,
    /// The integration timeout: past it the client gets 504, whatever the function does.
    pub timeout: Duration,
    pub auth: RouteAuth,
    pub api_key_required: bool,
}

impl Route {
    /// `GET /items/{id}`, or `$default`.
    pub fn key(&self) -> String {
        if self.path == crate::events::DEFAULT_ROUTE {
            return self.path.clone();
        }
        format!("{} {}", self.method, self.path)
    }
}

#[derive(Clone, Debug)]
pub struct ServedApi {
    pub logical_id: String,
    pub style: ApiStyle,
    /// A stable id standing for the one API Gateway would assign.
    pub api_id: String,
    pub stage: String,
    pub stage_variables: BTreeMap<String, String>,
    pub binary_media_types: Vec<String>,
    pub cors: Option<Cors>,
    pub authorizers: Vec<Authorizer>,
}

impl ServedApi {
    pub fn label(&self) -> String {
        let kind = match self.style {
            ApiStyle::Rest => "REST API",
            ApiStyle::Http => "HTTP API",
        };
        format!("{kind} `{}` (stage `{}`)", self.logical_id, self.stage)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub apis: Vec<ServedApi>,
    pub routes: Vec<Route>,
    /// Settings the local gateway cannot honour, reported once at startup.
    pub warnings: Vec<String>,
}

impl Model {
    /// Reads every REST and HTTP API of the template; `folder` is where definition files live.
    pub fn read(deployment: &Deployment, functions: &Functions, folder: &Path) -> Model {
        let template = deployment.template();
        let includes = Includes::load(template, folder);
        let model = apis::Apis::with_includes(template, functions, &includes);
        let mut out = Model::default();
        let mut index = BTreeMap::new();
        for (position, api) in model.apis.iter().enumerate() {
            let style = match api.kind {
                ApiKind::Rest => ApiStyle::Rest,
                ApiKind::Http => ApiStyle::Http,
                ApiKind::WebSocket => {
                    out.warnings.push(format!("{}: WebSocket APIs are not served locally", api.label()));
                    continue;
                }
            };
            if matches!(api.declaration, apis::ApiDeclaration::External(_)) {
                out.warnings.push(format!("{} is not declared in this template; its routes are not served", api.label()));
                continue;
            }
            if !api.routes_are_known() {
                out.warnings.push(format!("{}: its OpenAPI definition could not be read, so only its events' routes are served", api.label()));
            }
            index.insert(position, out.apis.len());
            out.apis.push(served_api(deployment, api, style, &mut out.warnings));
        }
        for route in &model.routes {
            let Some(&api) = index.get(&route.api) else { continue };
            let source = &model.apis[route.api];
            let served = &out.apis[api];
            let (Some(method), Some(path)) = (route.method.clone(), route.path.clone()) else {
                out.warnings.push(format!("{}: route {} has no literal method and path; not served", served.label(), route.label()));
                continue;
            };
            let target = match &route.integration {
                Some(integration) => match (integration.function, integration.kind, integration.state_machine) {
                    (Some(function), _, _) => Target::Function(function.to_owned()),
                    (None, _, Some(machine)) => Target::Unsupported(format!("it starts state machine `{machine}`, which slint does not run")),
                    (None, IntegrationKind::AwsProxy, None) if integration.is_written_by_sam() => match route.sam_event() {
                        Some(event) => Target::Function(event.owner.to_owned()),
                        None => Target::Unsupported("its Lambda function is not in the template".to_owned()),
                    },
                    (None, IntegrationKind::Mock, None) => Target::Mock,
                    (None, kind, None) => Target::Unsupported(format!("its {} integration does not call a function of the template", kind.describe())),
                },
                None => Target::Unsupported("it has no integration".to_owned()),
            };
            let payload = match served.style {
                ApiStyle::Rest => PayloadFormat::Rest,
                ApiStyle::Http => {
                    let version = route
                        .integration
                        .as_ref()
                        .and_then(|i| i.payload_format_version)
                        .and_then(|v| deployment.string(v.node).ok());
                    if version.as_deref() == Some("1.0") {
                        PayloadFormat::HttpV1
                    } else {
                        PayloadFormat::HttpV2
                    }
                }
            };
            let timeout_ms = route
                .integration
                .as_ref()
                .and_then(|i| i.timeout)
                .and_then(|t| deployment.string(t.node).ok())
                .and_then(|t| t.trim().parse::<f64>().ok())
                .unwrap_or_else(|| source.kind.default_integration_timeout_ms());
            let auth = match route.auth.kind {
                AuthKind::None => RouteAuth::None,
                AuthKind::Iam => RouteAuth::Iam,
                AuthKind::Authorizer => match route.auth.authorizer.and_then(|i| source.authorizers.get(i)) {
                    Some(authorizer) => match served.authorizers.iter().position(|a| a.name == authorizer.name) {
                        Some(position) => RouteAuth::Authorizer(position),
                        None => {
                            out.warnings.push(format!("route `{}`: authorizer `{}` cannot run locally; the route is served without it", route.key(), authorizer.name));
                            RouteAuth::None
                        }
                    },
                    None => {
                        let name = route.auth.authorizer_name.as_deref().unwrap_or("?");
                        out.warnings.push(format!("route `{}`: authorizer `{name}` is not defined on its API; the route is served without it", route.key()));
                        RouteAuth::None
                    }
                },
                AuthKind::Unknown => RouteAuth::None,
            };
            out.routes.push(Route {
                api,
                method: method.to_ascii_uppercase(),
                path,
                target,
                payload,
                timeout: Duration::from_millis(timeout_ms.max(50.0) as u64),
                auth,
                api_key_required: route.api_key_required.unwrap_or(false),
            });
        }
        if out.routes.iter().any(|r| r.auth == RouteAuth::Iam) {
            out.warnings.push("routes with AWS_IAM authorization are served without checking signatures".to_owned());
        }
        if out.apis.iter().flat_map(|a| &a.authorizers).any(|a| a.style == AuthorizerStyle::Jwt) {
            out.warnings.push("JWT and Cognito authorizers pass the token's claims on without checking its signature".to_owned());
        }
        out
    }
}

fn served_api(deployment: &Deployment, api: &Api, style: ApiStyle, warnings: &mut Vec<String>) -> ServedApi {
    let stage = api.stages.first();
    let stage_name = stage
        .and_then(|s| s.name.and_then(|n| deployment.string(n).ok()).or(s.implied_name.map(str::to_owned)))
        .unwrap_or_else(|| if style == ApiStyle::Rest { "Prod".to_owned() } else { "$default".to_owned() });
    let stage_variables = stage.and_then(|s| s.variables).map(|node| string_map(deployment, node)).unwrap_or_default();
    let binary_media_types = api
        .binary_media_types
        .iter()
        .filter_map(|list| deployment.value(list.node).ok().flatten())
        .flat_map(|value| strings(&value))
        .map(|t| t.replace("~1", "/"))
        .collect();
    let cors = api.cors.as_ref().and_then(|cors| deployment.value(cors.node.node).ok().flatten().map(|v| read_cors(cors.form, &v)));
    let authorizers = api
        .authorizers
        .iter()
        .filter_map(|a| {
            let authorizer = read_authorizer(deployment, a, style);
            if authorizer.is_none() {
                warnings.push(format!("{}: authorizer `{}` ({}) is not run locally", api.label(), a.name, a.kind.describe()));
            }
            authorizer
        })
        .collect();
    ServedApi {
        logical_id: api.id.clone(),
        style,
        api_id: deployment.api_id(&api.id),
        stage: stage_name,
        stage_variables,
        binary_media_types,
        cors,
        authorizers,
    }
}

fn string_map(deployment: &Deployment, node: &Node) -> BTreeMap<String, String> {
    match deployment.value(node) {
        Ok(Some(Json::Object(map))) => map.iter().filter_map(|(k, v)| Some((k.clone(), as_text(v)?))).collect(),
        _ => BTreeMap::new(),
    }
}

/// A list of strings, or one comma-separated string.
fn strings(value: &Json) -> Vec<String> {
    match value {
        Json::Array(items) => items.iter().filter_map(as_text).collect(),
        Json::String(text) => text.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        _ => Vec::new(),
    }
}

/// SAM REST values are quoted for a mock integration: `"'*'"`.
fn unquoted(value: &Json) -> Vec<String> {
    strings(&Json::String(as_text(value).unwrap_or_default().trim().trim_matches('\'').to_owned()))
}

fn read_cors(form: CorsForm, value: &Json) -> Cors {
    let key = |names: &[&str]| names.iter().find_map(|n| value.get(*n));
    match form {
        CorsForm::SamRest => {
            if value.is_string() {
                return Cors { allow_origins: unquoted(value), allow_methods: Vec::new(), ..Cors::default() };
            }
            Cors {
                allow_origins: key(&["AllowOrigin"]).map(unquoted).unwrap_or_default(),
                allow_methods: key(&["AllowMethods"]).map(unquoted).unwrap_or_default(),
                allow_headers: key(&["AllowHeaders"]).map(unquoted).unwrap_or_default(),
                expose_headers: Vec::new(),
                max_age: key(&["MaxAge"]).and_then(|v| unquoted(v).first()?.parse().ok()),
                allow_credentials: key(&["AllowCredentials"]).is_some_and(|v| v.as_bool() == Some(true) || as_text(v).is_some_and(|t| t.contains("true"))),
            }
        }
        CorsForm::SamHttp | CorsForm::Http | CorsForm::OpenApi => {
            if value.as_bool() == Some(true) {
                return Cors { allow_origins: vec!["*".into()], allow_methods: vec!["*".into()], allow_headers: vec!["*".into()], ..Cors::default() };
            }
            let list = |pascal: &str, camel: &str| key(&[pascal, camel]).map(strings).unwrap_or_default();
            Cors {
                allow_origins: list("AllowOrigins", "allowOrigins"),
                allow_methods: list("AllowMethods", "allowMethods"),
                allow_headers: list("AllowHeaders", "allowHeaders"),
                expose_headers: list("ExposeHeaders", "exposeHeaders"),
                max_age: key(&["MaxAge", "maxAge"]).and_then(|v| as_text(v)?.parse().ok()),
                allow_credentials: key(&["AllowCredentials", "allowCredentials"]).and_then(Json::as_bool).unwrap_or(false),
            }
        }
    }
}

fn read_authorizer(deployment: &Deployment, authorizer: &apis::Authorizer, api_style: ApiStyle) -> Option<Authorizer> {
    let style = match authorizer.kind {
        AuthorizerKind::Token => AuthorizerStyle::Token,
        AuthorizerKind::Request => AuthorizerStyle::Request,
        AuthorizerKind::Jwt | AuthorizerKind::CognitoUserPools => AuthorizerStyle::Jwt,
        AuthorizerKind::Unknown if authorizer.function.is_some() => {
            if api_style == ApiStyle::Rest {
                AuthorizerStyle::Token
            } else {
                AuthorizerStyle::Request
            }
        }
        AuthorizerKind::Unknown => return None,
    };
    if style != AuthorizerStyle::Jwt && authorizer.function.is_none() {
        return None;
    }
    let node = authorizer.node;
    let setting = |names: &[&str]| names.iter().find_map(|n| node.get(n)).and_then(|n| deployment.value(n).ok().flatten());
    let identity_node = authorizer.identity_source.and_then(|n| deployment.value(n).ok().flatten());
    let mut identity = Vec::new();
    let mut validation = setting(&["IdentityValidationExpression", "identityValidationExpression"]).and_then(|v| as_text(&v));
    let mut ttl = authorizer.ttl.and_then(|n| deployment.string(n).ok()).and_then(|t| t.trim().parse::<u64>().ok());
    match &identity_node {
        Some(Json::Object(sam)) => {
            if let Some(header) = sam.get("Header").and_then(as_text) {
                identity.push(IdentitySource::Header(header));
            }
            let mut add = |key: &str, make: fn(String) -> IdentitySource| {
                identity.extend(sam.get(key).map(strings).unwrap_or_default().into_iter().map(make));
            };
            add("Headers", IdentitySource::Header);
            add("QueryStrings", IdentitySource::Query);
            add("StageVariables", IdentitySource::StageVariable);
            add("Context", IdentitySource::Context);
            validation = validation.or_else(|| sam.get("ValidationExpression").and_then(as_text));
            ttl = ttl.or_else(|| sam.get("ReauthorizeEvery").and_then(as_text).and_then(|t| t.parse().ok()));
        }
        Some(value) => identity.extend(strings(value).iter().filter_map(|s| parse_identity_source(s))),
        None => {}
    }
    if identity.is_empty() && matches!(style, AuthorizerStyle::Token | AuthorizerStyle::Jwt) {
        identity.push(IdentitySource::Header("Authorization".to_owned()));
    }
    let payload = match api_style {
        ApiStyle::Rest => PayloadFormat::Rest,
        ApiStyle::Http => match setting(&["AuthorizerPayloadFormatVersion", "authorizerPayloadFormatVersion"]).and_then(|v| as_text(&v)).as_deref() {
            Some("1.0") => PayloadFormat::HttpV1,
            _ => PayloadFormat::HttpV2,
        },
    };
    let default_ttl = if api_style == ApiStyle::Rest { 300 } else { 0 };
    Some(Authorizer {
        name: authorizer.name.clone(),
        style,
        function: authorizer.function.map(str::to_owned),
        identity,
        validation: validation.and_then(|v| Regex::new(&format!("^(?:{v})$")).ok()),
        payload,
        simple_responses: setting(&["EnableSimpleResponses", "enableSimpleResponses"]).and_then(|v| v.as_bool()).unwrap_or(false),
        ttl: Duration::from_secs(ttl.unwrap_or(default_ttl)),
    })
}

/// `method.request.header.Authorization`, `$request.querystring.token`, `stageVariables.x`,
/// `$context.y`.
fn parse_identity_source(text: &str) -> Option<IdentitySource> {
    let text = text.trim().trim_start_matches('$');
    let text = text.strip_prefix("method.").unwrap_or(text);
    if let Some(name) = text.strip_prefix("request.header.") {
        return Some(IdentitySource::Header(name.to_owned()));
    }
    if let Some(name) = text.strip_prefix("request.querystring.") {
        return Some(IdentitySource::Query(name.to_owned()));
    }
    if let Some(name) = text.strip_prefix("stageVariables.") {
        return Some(IdentitySource::StageVariable(name.to_owned()));
    }
    text.strip_prefix("context.").map(|name| IdentitySource::Context(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_sources() {
        assert_eq!(parse_identity_source("method.request.header.Authorization"), Some(IdentitySource::Header("Authorization".into())));
        assert_eq!(parse_identity_source("$request.querystring.token"), Some(IdentitySource::Query("token".into())));
        assert_eq!(parse_identity_source("$stageVariables.key"), Some(IdentitySource::StageVariable("key".into())));
        assert_eq!(parse_identity_source("nonsense"), None);
    }

    #[test]
    fn sam_rest_cors_values_are_unquoted() {
        let cors = read_cors(CorsForm::SamRest, &serde_json::json!({"AllowOrigin": "'https://a.example'", "AllowMethods": "'GET,POST'", "MaxAge": "'600'"}));
        assert_eq!(cors.allow_origins, ["https://a.example"]);
        assert_eq!(cors.allow_methods, ["GET", "POST"]);
        assert_eq!(cors.max_age, Some(600));
        let cors = read_cors(CorsForm::SamHttp, &serde_json::json!(true));
        assert_eq!(cors.allow_origins, ["*"]);
    }
}
