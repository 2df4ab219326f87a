//! `slint events`: an event for a function of the template, with the names, ARNs, keys and
//! routes the template gives it.

use std::collections::BTreeMap;

use serde_json::Value;
use slint_linter::model::{event_sources, EventKind, EventSource, Functions};

use super::apigw::{http_v1_event, http_v2_event, rest_event, HttpRequest, RouteContext};
use super::services::{self, Source};
use crate::clock;
use crate::gateway::model::{ApiStyle, Model, PayloadFormat};
use crate::ids;
use crate::resolve::Deployment;

/// The kinds of event `slint events` builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    ApigwRest,
    ApigwHttp,
    Sqs,
    DynamodbStream,
    S3,
    Sns,
    Eventbridge,
    Schedule,
}

/// What the user asked for beyond the kind.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `GET /items/{id}` or `GET /items/42`.
    pub route: Option<String>,
    /// Take the source from this function's event sources.
    pub function: Option<String>,
    pub body: Option<String>,
    /// `1.0` or `2.0`, for HTTP APIs.
    pub payload_version: Option<String>,
}

pub fn build(kind: Kind, request: &Request, deployment: &Deployment, functions: &Functions, folder: &std::path::Path) -> Result<Value, String> {
    match kind {
        Kind::ApigwRest | Kind::ApigwHttp => api_event(kind, request, deployment, functions, folder),
        _ => service_event(kind, request, deployment, functions),
    }
}

fn api_event(kind: Kind, request: &Request, deployment: &Deployment, functions: &Functions, folder: &std::path::Path) -> Result<Value, String> {
    let style = if kind == Kind::ApigwRest { ApiStyle::Rest } else { ApiStyle::Http };
    let model = Model::read(deployment, functions, folder);
    let wanted = request.route.as_deref().map(parse_route).transpose()?;
    let candidates: Vec<_> = model
        .routes
        .iter()
        .filter(|r| model.apis[r.api].style == style)
        .filter(|r| request.function.as_deref().is_none_or(|f| matches!(&r.target, crate::gateway::model::Target::Function(n) if n == f)))
        .collect();
    let chosen = match &wanted {
        Some((method, path)) => candidates.iter().copied().find(|r| {
            (r.method == *method || r.method == "ANY") && (r.path == *path || route_fits(&r.path, path))
        }),
        None => candidates.first().copied(),
    };
    let (method, concrete_path, resource_path, api) = match (chosen, &wanted) {
        (Some(route), Some((method, path))) => {
            let method = if method == "ANY" { "GET".to_owned() } else { method.clone() };
            (method, fill(path), route.path.clone(), Some(&model.apis[route.api]))
        }
        (Some(route), None) => {
            let method = if route.method == "ANY" { "GET".to_owned() } else { route.method.clone() };
            (method, fill(&route.path), route.path.clone(), Some(&model.apis[route.api]))
        }
        (None, Some((method, path))) => (method.clone(), fill(path), path.clone(), None),
        (None, None) => ("GET".to_owned(), "/".to_owned(), "/".to_owned(), None),
    };
    let concrete_path = if concrete_path == super::DEFAULT_ROUTE { "/".to_owned() } else { concrete_path };
    let path_parameters = parameters(&resource_path, &concrete_path);
    let settings = &deployment.settings;
    let api_id = api.map_or_else(|| deployment.api_id("Api"), |a| a.api_id.clone());
    let (raw_path, raw_query) = concrete_path.split_once('?').map_or((concrete_path.clone(), String::new()), |(p, q)| (p.to_owned(), q.to_owned()));
    let body = request.body.clone().unwrap_or_default().into_bytes();
    let http = HttpRequest {
        method: method.clone(),
        raw_path,
        raw_query,
        headers: vec![
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Host".to_owned(), format!("{api_id}.execute-api.{}.amazonaws.com", settings.region)),
            ("User-Agent".to_owned(), "slint-events".to_owned()),
        ]
        .into_iter()
        .chain((!body.is_empty()).then(|| ("Content-Type".to_owned(), "application/json".to_owned())))
        .collect(),
        body,
        source_ip: "192.0.2.1".to_owned(),
    };
    let route_key = if resource_path == super::DEFAULT_ROUTE { resource_path.clone() } else { format!("{method} {resource_path}") };
    let context = RouteContext {
        api_id: api_id.clone(),
        stage: api.map_or_else(|| if style == ApiStyle::Rest { "Prod".to_owned() } else { "$default".to_owned() }, |a| a.stage.clone()),
        resource_path,
        route_key,
        path_parameters,
        stage_variables: api.map(|a| a.stage_variables.clone()).unwrap_or_default(),
        account_id: settings.account_id.clone(),
        region: settings.region.clone(),
        domain_name: format!("{api_id}.execute-api.{}.amazonaws.com", settings.region),
        base64_body: false,
        authorizer: None,
        request_id: ids::uuid(),
        time_millis: clock::now_millis(),
    };
    let format = match (style, request.payload_version.as_deref(), chosen.map(|r| r.payload)) {
        (ApiStyle::Rest, _, _) => PayloadFormat::Rest,
        (ApiStyle::Http, Some("1.0"), _) => PayloadFormat::HttpV1,
        (ApiStyle::Http, Some(_), _) => PayloadFormat::HttpV2,
        (ApiStyle::Http, None, Some(format)) => format,
        (ApiStyle::Http, None, None) => PayloadFormat::HttpV2,
    };
    Ok(match format {
        PayloadFormat::Rest => rest_event(&http, &context),
        PayloadFormat::HttpV1 => http_v1_event(&http, &context),
        PayloadFormat::HttpV2 => http_v2_event(&http, &context),
    })
}

/// `GET /items/{id}` as (method, path).
fn parse_route(text: &str) -> Result<(String, String), String> {
    let text = text.trim();
    if text == super::DEFAULT_ROUTE {
        return Ok(("ANY".to_owned(), text.to_owned()));
    }
    match text.split_once(char::is_whitespace) {
        Some((method, path)) if path.trim().starts_with('/') => Ok((method.to_ascii_uppercase(), path.trim().to_owned())),
        _ => Err(format!("`--route {text}`: expected METHOD /path, e.g. 'GET /items/{{id}}'")),
    }
}

/// Whether a concrete path (`/items/42`) fits a route path (`/items/{id}`).
fn route_fits(route: &str, path: &str) -> bool {
    single_route_match(route, path).is_some()
}

/// Matches a concrete path against one route path, as the gateway would.
fn single_route_match(route: &str, path: &str) -> Option<crate::gateway::router::Match> {
    let model = Model {
        apis: Vec::new(),
        routes: vec![crate::gateway::model::Route {
            api: 0,
            method: "ANY".to_owned(),
            path: route.to_owned(),
            target: crate::gateway::model::Target::Mock,
            payload: PayloadFormat::Rest,
            timeout: std::time::Duration::ZERO,
            auth: crate::gateway::model::RouteAuth::None,
            api_key_required: false,
        }],
        warnings: Vec::new(),
    };
    crate::gateway::router::find(&model, "GET", path.split('?').next().unwrap_or(path))
}

/// A concrete path for a route path: `{id}` becomes `example-id`, `{proxy+}` `example/path`.
fn fill(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) if name.ends_with('+') => "example/path".to_owned(),
            Some(name) => format!("example-{name}"),
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Path parameters of a concrete path under a route path.
fn parameters(route: &str, path: &str) -> BTreeMap<String, String> {
    single_route_match(route, path).map(|m| m.path_parameters).unwrap_or_default()
}

fn service_event(kind: Kind, request: &Request, deployment: &Deployment, functions: &Functions) -> Result<Value, String> {
    let template = deployment.template();
    let wanted = match kind {
        Kind::Sqs => EventKind::Sqs,
        Kind::DynamodbStream => EventKind::DynamoDb,
        Kind::S3 => EventKind::S3,
        Kind::Sns => EventKind::Sns,
        Kind::Eventbridge => EventKind::EventBridge,
        _ => EventKind::Schedule,
    };
    let sources = event_sources(template, functions);
    let found: Option<&EventSource> = sources
        .iter()
        .filter(|s| s.kind == wanted || (kind == Kind::Schedule && s.kind == EventKind::ScheduleV2))
        .find(|s| request.function.as_deref().is_none_or(|f| s.function == Some(f)));
    if request.function.is_some() && found.is_none() {
        return Err(format!("function `{}` has no {} event source in the template", request.function.as_deref().unwrap_or_default(), wanted.service_name()));
    }
    let settings = &deployment.settings;
    let target = found.and_then(|s| s.source_target).map(|t| t.logical_id);
    let default_name = match kind {
        Kind::Sqs => "MyQueue",
        Kind::DynamodbStream => "MyTable",
        Kind::S3 => "my-bucket",
        Kind::Sns => "MyTopic",
        Kind::Eventbridge => "default",
        _ => "MySchedule",
    };
    let mut source = Source {
        region: settings.region.clone(),
        account_id: settings.account_id.clone(),
        name: target.map_or_else(|| default_name.to_owned(), |id| deployment.physical_name(id)),
        arn: target.and_then(|id| deployment.arn(id)),
        body: request.body.clone(),
    };
    Ok(match kind {
        Kind::Sqs => services::sqs(&source),
        Kind::S3 => services::s3(&source),
        Kind::Sns => services::sns(&source),
        Kind::DynamodbStream => {
            let (keys, view_type) = target.map(|id| table_keys(deployment, id)).unwrap_or_default();
            let view_type = found
                .and_then(|s| s.property("StreamViewType"))
                .and_then(|n| deployment.string(n).ok())
                .or(view_type)
                .unwrap_or_else(|| "NEW_AND_OLD_IMAGES".to_owned());
            services::dynamodb_stream(&source, &keys, &view_type)
        }
        Kind::Eventbridge => {
            let pattern = found.and_then(|s| s.property("Pattern")).and_then(|n| deployment.value(n).ok().flatten());
            let first = |key: &str| pattern.as_ref().and_then(|p| p.get(key)?.as_array()?.first()?.as_str().map(str::to_owned));
            services::eventbridge(&source, &first("source").unwrap_or_else(|| "com.example.app".to_owned()), &first("detail-type").unwrap_or_else(|| "Example Event".to_owned()))
        }
        _ => {
            if let Some(found) = found {
                if let slint_linter::model::Declaration::SamEvent { function, event, .. } = found.declaration {
                    source.name = format!("{function}{event}");
                    source.arn = None;
                }
            }
            services::schedule(&source)
        }
    })
}

/// The key attributes of a table (name and `S`/`N`/`B` type) and its stream view type.
fn table_keys(deployment: &Deployment, logical_id: &str) -> (Vec<(String, String)>, Option<String>) {
    let template = deployment.template();
    let Some(table) = template.tables().into_iter().find(|t| t.logical_id() == logical_id) else { return (Vec::new(), None) };
    let Some(variant) = table.variants.first() else { return (Vec::new(), None) };
    let keys = variant
        .key_schema
        .iter()
        .flat_map(|k| &k.elements)
        .filter_map(|element| {
            let name = element.name()?.to_owned();
            let kind = variant.attribute_definitions.as_ref().and_then(|d| d.get(&name)).and_then(|d| d.attribute_type.text()).unwrap_or("S");
            let kind = match kind {
                "Number" => "N",
                "Binary" => "B",
                "String" => "S",
                other => other,
            };
            Some((name, kind.to_owned()))
        })
        .collect();
    let view_type = variant.stream.as_ref().and_then(|s| s.view_type.as_ref()).and_then(|v| v.text()).map(str::to_owned);
    (keys, view_type)
}

