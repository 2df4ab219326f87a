//! Code lenses: above a function, "Invoke locally" and the routes that invoke it; above an API,
//! the routes it serves and the functions behind them.

use serde_json::{json, Value};
use slint_linter::syntax::Node;
use slint_linter::template::{Resource, Template};
use tower_lsp_server::gen_lsp_types::{CodeLens, Command, ExecuteCommandParams};

use crate::documents::Snapshot;
use crate::handlers::invoke::INVOKE;
use crate::names::name_span;
use crate::uri;

/// Shows a lens's full route list; editors cut long lens titles.
pub const SHOW_ROUTES: &str = "slint.showRoutes";

/// A lens title lists this many routes, then counts the rest.
const ROUTES_IN_TITLE: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Route {
    method: String,
    path: String,
    function: String,
    /// The API resource's logical id (SAM's implicit `ServerlessRestApi`/`ServerlessHttpApi`
    /// when the event names none).
    api: String,
}

impl Route {
    fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

pub fn code_lenses(snapshot: &Snapshot) -> Option<Vec<CodeLens>> {
    let model = snapshot.model();
    let template = model.template()?;
    let text = model.text();
    let lines = snapshot.lines();
    let routes = routes(template);
    let mut lenses = Vec::new();
    // Functions run from the saved file, so only documents that are files get the lens.
    if let Some(path) = uri::to_path(&snapshot.uri) {
        for function in template.resources.iter().filter(|r| matches!(r.type_name, Some("AWS::Serverless::Function" | "AWS::Lambda::Function"))) {
            lenses.push(CodeLens {
                range: lines.range(name_span(text, function.name_span, function.name).0),
                command: Some(Command {
                    title: "▶ Invoke locally".to_owned(),
                    tooltip: Some(format!("Run {} on this machine with an empty event (`slint invoke`), from the saved template", function.name)),
                    command: INVOKE.to_owned(),
                    arguments: Some(vec![json!(path.to_string_lossy()), json!(function.name)]),
                }),
                data: None,
            });
        }
    }
    for resource in &template.resources {
        let serving: Vec<&Route> = match resource.type_name {
            Some("AWS::Serverless::Function") => routes.iter().filter(|r| r.function == resource.name).collect(),
            Some("AWS::Serverless::Api" | "AWS::Serverless::HttpApi") => routes.iter().filter(|r| r.api == resource.name).collect(),
            _ => continue,
        };
        if serving.is_empty() {
            continue;
        }
        let is_api = resource.type_name != Some("AWS::Serverless::Function");
        let labels: Vec<String> = serving
            .iter()
            .map(|r| if is_api { format!("{} → {}", r.label(), r.function) } else { r.label() })
            .collect();
        let mut title = labels.iter().take(ROUTES_IN_TITLE).cloned().collect::<Vec<_>>().join(" · ");
        if labels.len() > ROUTES_IN_TITLE {
            title.push_str(&format!(" · and {} more", labels.len() - ROUTES_IN_TITLE));
        }
        let span = name_span(text, resource.name_span, resource.name).0;
        lenses.push(CodeLens {
            range: lines.range(span),
            command: Some(Command {
                title,
                tooltip: Some(format!("Routes of {}", resource.name)),
                command: SHOW_ROUTES.to_owned(),
                arguments: Some(vec![json!(resource.name), json!(labels)]),
            }),
            data: None,
        });
    }
    Some(lenses)
}

/// Runs a command of the lenses: the message to show, or why the arguments do not fit.
pub fn execute(params: &ExecuteCommandParams) -> Option<Result<String, String>> {
    if params.command != SHOW_ROUTES {
        return None;
    }
    let arguments = params.arguments.as_deref().unwrap_or_default();
    let (Some(Value::String(name)), Some(Value::Array(routes))) = (arguments.first(), arguments.get(1)) else {
        return Some(Err(format!("{SHOW_ROUTES} takes a resource name and a list of routes")));
    };
    let routes: Vec<&str> = routes.iter().filter_map(Value::as_str).collect();
    Some(Ok(format!("{name}: {}", routes.join(", "))))
}

/// Every `Api` and `HttpApi` event of the template's SAM functions.
fn routes(template: &Template) -> Vec<Route> {
    let mut out = Vec::new();
    for function in template.resources_of_type("AWS::Serverless::Function") {
        for (event_type, properties) in api_events(function) {
            let method = properties.get("Method").and_then(Node::as_str).unwrap_or("ANY");
            let path = properties.get("Path").and_then(Node::as_str).unwrap_or("/");
            let (api_key, implicit) = match event_type {
                "Api" => ("RestApiId", "ServerlessRestApi"),
                _ => ("ApiId", "ServerlessHttpApi"),
            };
            let api = properties
                .get(api_key)
                .and_then(|id| id.get("Ref").or(Some(id)))
                .and_then(Node::as_str)
                .unwrap_or(implicit)
                .to_owned();
            let method = if method.eq_ignore_ascii_case("any") { "ANY".to_owned() } else { method.to_ascii_uppercase() };
            out.push(Route { method, path: path.to_owned(), function: function.name.to_owned(), api });
        }
    }
    out
}

fn api_events<'r>(function: &'r Resource) -> Vec<(&'r str, &'r Node)> {
    let Some(events) = function.node.get("Properties").and_then(|p| p.get("Events")).and_then(Node::as_map) else {
        return Vec::new();
    };
    events
        .entries
        .iter()
        .filter_map(|event| {
            let event_type = event.value.get("Type")?.as_str()?;
            let properties = event.value.get("Properties").filter(|p| p.as_map().is_some())?;
            matches!(event_type, "Api" | "HttpApi").then_some((event_type, properties))
        })
        .collect()
}
