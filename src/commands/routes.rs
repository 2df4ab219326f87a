//! `slint routes`: every API Gateway route of a template — method, path, API, stage, function,
//! authorization and API key — as a table for reviewers or as JSON for tools.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;
use slint_linter::model::apis::{
    paths::METHODS, uri_shape, Api, ApiKind, Apis, AuthKind, AuthSource, Authorizer, Includes, IntegrationKind, Route,
    RouteDeclaration, UriShape,
};
use slint_linter::model::Functions;
use slint_linter::syntax::{self, Node, Parsed};
use slint_linter::template::Template;

use crate::columns::write_columns;
use crate::error::{CliError, Status};
use crate::files::{display_path, io_reason};
use crate::parameters;

/// The names SAM looks for in a folder, in its order.
const TEMPLATE_NAMES: [&str; 3] = ["template.yaml", "template.yml", "template.json"];

#[derive(Args, Debug)]
pub struct RoutesArgs {
    /// The template, or a folder holding template.yaml (template.yml, template.json); the
    /// current folder when left out.
    #[arg(value_name = "PATH", conflicts_with = "template")]
    path: Option<PathBuf>,

    /// The template file (as `sam` takes it).
    #[arg(short = 't', long = "template", value_name = "FILE")]
    template: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RoutesFormat::Text)]
    format: RoutesFormat,

    /// A value for a template parameter, as at deployment: KEY=VALUE. Repeatable.
    #[arg(long = "parameter", value_name = "KEY=VALUE")]
    parameters: Vec<String>,

    /// Parameter values from a JSON file, in the shapes `slint check --parameters` reads. Repeatable.
    #[arg(long = "parameters", value_name = "FILE")]
    parameter_files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RoutesFormat {
    /// An aligned table, with notes on standard error.
    Text,
    /// `{"version": 1, "template": …, "apis": [...], "routes": [...], "notes": [...]}`.
    Json,
}

pub fn run(args: RoutesArgs) -> Result<Status, CliError> {
    let path = template_path(args.template.as_deref().or(args.path.as_deref()))?;
    let mut overrides = std::collections::BTreeMap::new();
    for file in &args.parameter_files {
        overrides.extend(parameters::read_file(file)?);
    }
    for assignment in &args.parameters {
        let (key, value) = parameters::parse_assignment(assignment)?;
        overrides.insert(key, value);
    }
    let bytes = std::fs::read(&path).map_err(|error| {
        CliError::new(format!("{}: cannot read the template: {}", display_path(&path), io_reason(&error)))
    })?;
    let parsed = syntax::parse(&bytes);
    let Some(template) = parsed.root.as_ref().and_then(|root| Template::new(root, &parsed.text, overrides)) else {
        let reason = parsed.errors.first().map_or("its top level is not a mapping".to_owned(), |e| e.message.clone());
        return Err(CliError::new(format!("{}: not a template: {reason}", display_path(&path))));
    };
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let includes = Includes::load(&template, &folder);
    let functions = Functions::of(&template);
    let apis = Apis::with_includes(&template, &functions, &includes);
    let table = Table::new(&template, &functions, &apis, &parsed, &includes, &path);

    let mut out = io::stdout().lock();
    let written = match args.format {
        RoutesFormat::Text => table.write_text(&mut out).and_then(|()| {
            let mut err = io::stderr().lock();
            table.notes.iter().try_for_each(|note| writeln!(err, "note: {note}"))
        }),
        RoutesFormat::Json => table.write_json(&mut out),
    };
    match written {
        Ok(()) => Ok(Status::Success),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Success),
        Err(error) => Err(CliError::new(format!("cannot write the routes: {error}"))),
    }
}

/// The template to read: the file given, `template.yaml` (or `.yml`, `.json`) in the folder
/// given, or in the current folder.
fn template_path(given: Option<&Path>) -> Result<PathBuf, CliError> {
    let folder = match given {
        Some(path) if path.is_dir() => path,
        Some(path) => return Ok(path.to_path_buf()),
        None => Path::new("."),
    };
    TEMPLATE_NAMES.iter().map(|name| folder.join(name)).find(|candidate| candidate.is_file()).ok_or_else(|| {
        CliError::new(format!(
            "no template in {}: expected one of {}; name the file with -t FILE",
            display_path(folder),
            TEMPLATE_NAMES.join(", ")
        ))
    })
}

/// One line of the table, also what JSON prints.
#[derive(Serialize)]
struct RouteRow {
    method: String,
    path: String,
    api: String,
    api_type: &'static str,
    stages: Vec<String>,
    /// The Lambda function's logical id, when the route invokes one of the template.
    function: Option<String>,
    integration: IntegrationRow,
    auth: AuthRow,
    api_key_required: Option<bool>,
    /// How the route is declared: `sam-event`, `method`, `route`, `openapi`, `quick-create`,
    /// `cors-preflight`, `sam-route` (a route of an `AWS::Serverless::WebSocketApi`).
    declared_by: &'static str,
    /// The SAM event that declares (or names) the route, as `Function.Event`.
    event: Option<String>,
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct IntegrationRow {
    #[serde(rename = "type")]
    kind: &'static str,
    /// What the route calls, for people: a function, a state machine, a URL, `mock`.
    target: String,
    timeout_ms: Option<f64>,
    payload_format_version: Option<String>,
}

#[derive(Serialize)]
struct AuthRow {
    /// `NONE`, `AWS_IAM`, `AUTHORIZER`, `UNKNOWN`.
    #[serde(rename = "type")]
    kind: &'static str,
    authorizer: Option<String>,
    /// `TOKEN`, `REQUEST`, `COGNITO_USER_POOLS`, `JWT`.
    authorizer_type: Option<&'static str>,
    /// Where the choice is made: `route`, `api-default`, `definition-default`, `not-configured`.
    source: &'static str,
}

#[derive(Serialize)]
struct ApiRow {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    declared_by: &'static str,
    stages: Vec<String>,
    endpoint_types: Option<Vec<String>>,
    authorizers: Vec<AuthorizerRow>,
    /// Whether every route of the API is listed: false when its definition lives somewhere
    /// slint could not read.
    routes_known: bool,
}

#[derive(Serialize)]
struct AuthorizerRow {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    function: Option<String>,
}

struct Table {
    template: String,
    apis: Vec<ApiRow>,
    rows: Vec<RouteRow>,
    notes: Vec<String>,
}

impl Table {
    fn new(
        template: &Template,
        functions: &Functions,
        apis: &Apis,
        parsed: &Parsed,
        includes: &Includes,
        path: &Path,
    ) -> Table {
        let mut rows: Vec<(usize, RouteRow)> =
            apis.routes.iter().map(|route| (route.api, route_row(template, functions, apis, route, parsed))).collect();
        rows.sort_by(|(a_api, a), (b_api, b)| {
            (a_api, &a.path, method_rank(&a.method)).cmp(&(b_api, &b.path, method_rank(&b.method)))
        });
        let mut notes = Vec::new();
        for problem in &includes.problems {
            notes.push(format!("{}: {}", position(parsed, problem.span.start), problem.message));
        }
        for api in apis.apis.iter().filter(|a| !a.routes_are_known()) {
            notes.push(format!(
                "{} takes its definition from somewhere slint cannot read; only the routes its events name are listed",
                api.label()
            ));
        }
        for route in &apis.events_outside_definition {
            let api = apis.api_of(route);
            notes.push(format!(
                "{}: {} is not in the definition of {}; SAM adds only its permission, so API Gateway never routes it",
                position(parsed, route.span().start),
                route.label(),
                api.label()
            ));
        }
        for unresolved in &apis.unresolved_events {
            notes.push(format!(
                "{}: {} names no {} of this template, so it has no route",
                position(parsed, unresolved.reference.span.start),
                unresolved.event.label(),
                unresolved.kind.describe()
            ));
        }
        Table {
            template: display_path(path),
            apis: apis.apis.iter().map(|api| api_row(template, api)).collect(),
            rows: rows.into_iter().map(|(_, row)| row).collect(),
            notes,
        }
    }

    fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        if self.rows.is_empty() {
            return writeln!(out, "{}: no API Gateway routes", self.template);
        }
        const HEADINGS: [&str; 7] = ["METHOD", "PATH", "API", "STAGE", "FUNCTION", "AUTH", "API KEY"];
        let cells: Vec<[String; 7]> = self
            .rows
            .iter()
            .map(|row| {
                [
                    row.method.clone(),
                    row.path.clone(),
                    row.api.clone(),
                    if row.stages.is_empty() { "-".to_owned() } else { row.stages.join(",") },
                    row.integration.target.clone(),
                    auth_text(&row.auth),
                    match row.api_key_required {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "?",
                    }
                    .to_owned(),
                ]
            })
            .collect();
        write_columns(out, HEADINGS, &cells)
    }

    fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Document<'a> {
            version: u32,
            template: &'a str,
            apis: &'a [ApiRow],
            routes: &'a [RouteRow],
            notes: &'a [String],
        }
        let document =
            Document { version: 1, template: &self.template, apis: &self.apis, routes: &self.rows, notes: &self.notes };
        serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// Methods in the order people list them; unknown ones last.
fn method_rank(method: &str) -> (usize, String) {
    (METHODS.iter().position(|m| *m == method).unwrap_or(METHODS.len()), method.to_owned())
}

fn position(parsed: &Parsed, offset: u32) -> String {
    let at = parsed.line_index.line_column(offset as usize, &parsed.text);
    format!("{}:{}", at.line, at.column)
}

fn route_row(template: &Template, functions: &Functions, apis: &Apis, route: &Route, parsed: &Parsed) -> RouteRow {
    let api = apis.api_of(route);
    let at = parsed.line_index.line_column(route.span().start as usize, &parsed.text);
    let declared_by = match route.declaration {
        RouteDeclaration::SamEvent(_) => "sam-event",
        RouteDeclaration::Method(_) => "method",
        RouteDeclaration::Route(_) => "route",
        RouteDeclaration::OpenApi(_) => "openapi",
        RouteDeclaration::QuickCreate(_) => "quick-create",
        RouteDeclaration::CorsPreflight(_) => "cors-preflight",
        RouteDeclaration::SamRoute { .. } => "sam-route",
    };
    RouteRow {
        method: route
            .method
            .clone()
            .unwrap_or_else(|| if api.kind == ApiKind::WebSocket { "-" } else { "?" }.to_owned()),
        path: route.path.clone().unwrap_or_else(|| "?".to_owned()),
        api: api.id.clone(),
        api_type: api.kind.type_name(),
        stages: stage_names(template, api),
        function: route.function().map(str::to_owned),
        integration: integration_row(template, functions, api, route),
        auth: auth_row(apis, route),
        api_key_required: route.api_key_required,
        declared_by,
        event: route.sam_event().map(|e| format!("{}.{}", e.owner, e.name)),
        line: at.line,
        column: at.column,
    }
}

/// The stages' names, through parameters (with their overrides) when they are written as `!Ref`;
/// `?` for a name with no single value.
fn stage_names(template: &Template, api: &Api) -> Vec<String> {
    api.stages
        .iter()
        .map(|stage| match (stage.name, stage.literal_name()) {
            (_, Some(name)) => name.to_owned(),
            (Some(node), None) => match template.possible_strings(node).as_deref() {
                Some([(one, _)]) => one.clone(),
                _ => "?".to_owned(),
            },
            (None, None) => "?".to_owned(),
        })
        .collect()
}

fn integration_row(template: &Template, functions: &Functions, api: &Api, route: &Route) -> IntegrationRow {
    let Some(integration) = &route.integration else {
        return IntegrationRow {
            kind: "NONE",
            target: "(no integration)".to_owned(),
            timeout_ms: None,
            payload_format_version: None,
        };
    };
    let literal = |node: Option<&Node>| -> Option<String> {
        let values = template.possible_strings(node?)?;
        match values.as_slice() {
            [(one, _)] => Some(one.clone()),
            _ => None,
        }
    };
    let target = if let Some(function) = integration.function {
        function.to_owned()
    } else if let Some(machine) = integration.state_machine {
        format!("(state machine {machine})")
    } else {
        match integration.kind {
            IntegrationKind::Mock => "(mock)".to_owned(),
            IntegrationKind::Http | IntegrationKind::HttpProxy => literal(integration.uri.map(|u| u.node))
                .map_or_else(|| "(http)".to_owned(), |url| format!("(http {url})")),
            _ => match integration.uri.map(|u| uri_shape(template, functions, u.node)) {
                Some(UriShape::OtherService(service)) => format!("({service})"),
                Some(UriShape::Http) => literal(integration.uri.map(|u| u.node))
                    .map_or_else(|| "(http)".to_owned(), |url| format!("(http {url})")),
                _ => "?".to_owned(),
            },
        }
    };
    let timeout_ms = match integration.timeout {
        Some(timeout) => literal(Some(timeout.node)).and_then(|t| t.parse().ok()),
        None => Some(api.kind.default_integration_timeout_ms()),
    };
    let payload_format_version = match integration.payload_format_version {
        Some(version) => literal(Some(version.node)),
        // SAM writes 2.0 for HttpApi events that do not choose.
        None if integration.is_written_by_sam() && api.kind == ApiKind::Http => Some("2.0".to_owned()),
        None => None,
    };
    IntegrationRow { kind: integration.kind.describe(), target, timeout_ms, payload_format_version }
}

fn auth_row(apis: &Apis, route: &Route) -> AuthRow {
    let authorizer: Option<&Authorizer> = apis.authorizer_of(route);
    AuthRow {
        kind: match route.auth.kind {
            AuthKind::None => "NONE",
            AuthKind::Iam => "AWS_IAM",
            AuthKind::Authorizer => "AUTHORIZER",
            AuthKind::Unknown => "UNKNOWN",
        },
        authorizer: route.auth.authorizer_name.clone(),
        authorizer_type: authorizer.map(|a| a.kind.type_name()),
        source: match route.auth.source {
            AuthSource::Route => "route",
            AuthSource::ApiDefault => "api-default",
            AuthSource::DefinitionDefault => "definition-default",
            AuthSource::NotConfigured => "not-configured",
        },
    }
}

/// `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS Pool`, `TOKEN Check (missing)`, `?`.
fn auth_text(auth: &AuthRow) -> String {
    match auth.kind {
        "AUTHORIZER" => {
            let name = auth.authorizer.as_deref().unwrap_or("?");
            match auth.authorizer_type {
                Some(kind) => format!("{kind} {name}"),
                None => format!("{name} (not defined)"),
            }
        }
        "UNKNOWN" => "?".to_owned(),
        other => other.to_owned(),
    }
}

fn api_row(template: &Template, api: &Api) -> ApiRow {
    use slint_linter::model::apis::ApiDeclaration;
    ApiRow {
        id: api.id.clone(),
        kind: api.kind.type_name(),
        declared_by: match api.declaration {
            ApiDeclaration::Sam(_) => "sam",
            ApiDeclaration::Implicit => "sam-implicit",
            ApiDeclaration::Resource(_) => "resource",
            ApiDeclaration::External(_) => "external",
        },
        stages: stage_names(template, api),
        endpoint_types: api.endpoint_types(template).map(|types| types.into_iter().map(|(t, _)| t).collect()),
        authorizers: api
            .authorizers
            .iter()
            .map(|a| AuthorizerRow {
                name: a.name.clone(),
                kind: a.kind.type_name(),
                function: a.function.map(str::to_owned),
            })
            .collect(),
        routes_known: api.routes_are_known(),
    }
}
