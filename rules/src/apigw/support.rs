//! Shared by the API Gateway rules: the routes model of the document, the permissions that let
//! API Gateway call a function, and how findings name routes and APIs.

use slint_linter::model::apis::{Api, ApiKind, Apis, Route, RouteDeclaration};
use slint_linter::model::{permissions, Function, Functions, Permission};
use slint_linter::syntax::{Node, Value};
use slint_linter::template::Template;
use slint_linter::Span;

use crate::Context;

/// The routes model of a document, with the function model it was built from, shared by every
/// API Gateway rule through the context.
pub(crate) struct Model<'c, 't> {
    pub template: &'t Template<'t>,
    pub functions: &'c Functions<'t>,
    pub apis: &'c Apis<'t>,
}

impl<'c, 't> Model<'c, 't> {
    pub fn of(cx: &'c Context<'t>) -> Option<Model<'c, 't>> {
        Some(Model { template: cx.template?, functions: cx.functions()?, apis: cx.apis()? })
    }

    pub fn api(&self, route: &Route<'t>) -> &Api<'t> {
        self.apis.api_of(route)
    }

    /// Every route a rule about routes looks at: the routes API Gateway serves, and the SAM
    /// events that name a route the API does not have.
    pub fn all_routes(&self) -> impl Iterator<Item = &Route<'t>> {
        self.apis.routes.iter().chain(&self.apis.events_outside_definition)
    }
}

/// The first few items of a list for a message: "`A`, `B` and 3 more".
pub(crate) fn listed(items: &[String], shown: usize) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n if n <= shown => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
        n => format!("{} and {} more", items[..shown].join(", "), n - shown),
    }
}

/// Whether a permission lets API Gateway call a function: its principal is (or may be)
/// `apigateway.amazonaws.com`.
pub(crate) fn lets_api_gateway_in(template: &Template, permission: &Permission) -> bool {
    let Some(principal) = permission.principal else { return false };
    match template.possible_strings(principal) {
        Some(values) => {
            values.iter().any(|(p, _)| p == "apigateway.amazonaws.com" || p == "apigateway.amazonaws.com.cn")
        }
        // A principal that cannot be known may well be API Gateway.
        None => true,
    }
}

/// What the template's `AWS::Lambda::Permission` resources say about API Gateway calling a
/// function.
pub(crate) enum PermissionsFor<'p, 't> {
    /// These permissions let API Gateway call the function (maybe none).
    Known(Vec<&'p Permission<'t>>),
    /// A permission names a function the model cannot tell, so it may be for this one.
    Unknown,
}

pub(crate) fn api_gateway_permissions<'p, 't>(
    template: &Template,
    permissions: &'p [Permission<'t>],
    function: &Function,
) -> PermissionsFor<'p, 't> {
    let mut found = Vec::new();
    for permission in permissions.iter().filter(|p| lets_api_gateway_in(template, p)) {
        match permission.function {
            Some(name) if name == function.name => found.push(permission),
            Some(_) => {}
            None => return PermissionsFor::Unknown,
        }
    }
    PermissionsFor::Known(found)
}

/// Every `AWS::Lambda::Permission` of the template.
pub(crate) fn all_permissions<'t>(model: &Model<'_, 't>) -> Vec<Permission<'t>> {
    permissions(model.template, model.functions)
}

/// Whether SAM writes an invoke permission for this route's function itself: routes declared (or
/// named) by an event of that function, and SAM WebSocket routes.
pub(crate) fn sam_grants_route(route: &Route) -> bool {
    if let RouteDeclaration::SamRoute { .. } = route.declaration {
        return true;
    }
    match (route.sam_event(), route.function()) {
        (Some(event), Some(function)) => event.owner == function,
        _ => false,
    }
}

/// The kind of API a route needs to be on to be described to people.
pub(crate) fn kind_article(kind: ApiKind) -> &'static str {
    match kind {
        ApiKind::Rest => "a REST API",
        ApiKind::Http => "an HTTP API",
        ApiKind::WebSocket => "a WebSocket API",
    }
}

/// A literal boolean, or the string forms CloudFormation reads as one, through parameters.
pub(crate) fn possible_bools(template: &Template, node: &Node) -> Option<Vec<(bool, Span)>> {
    let values = template.possible_values(node)?;
    values.values.iter().map(|v| Some((v.as_bool()?, v.span))).collect()
}

/// What a Lambda permission's `SourceArn` allows API Gateway to invoke the function for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SourceScope {
    /// No `SourceArn`: any API may invoke the function.
    Anything,
    /// `arn:…:execute-api:…:{api}/{stage}/{METHOD}/{path}`, with the API named by logical id
    /// (`None` for `*`) and the rest as a pattern where `*` and `?` are wildcards.
    Routes { api: Option<String>, pattern: String },
    /// The `SourceArn` cannot be read (an unknown API id, a parameter, an import).
    Unknown,
}

/// Stands for a piece of a `SourceArn` the template does not spell out.
const UNKNOWN_PIECE: char = '\u{2}';
/// Introduces an API named by logical id in a `SourceArn` skeleton.
const API_MARKER: char = '\u{3}';

/// The scope of a permission's `SourceArn`.
pub(crate) fn source_scope(template: &Template, source_arn: Option<&Node>) -> SourceScope {
    let Some(node) = source_arn else { return SourceScope::Anything };
    let Some(skeleton) = source_skeleton(template, node) else { return SourceScope::Unknown };
    // `arn:partition:execute-api:region:account:resource`; the pieces the template leaves open
    // stand for one character each, so colons inside them do not count.
    let parts: Vec<&str> = skeleton.splitn(6, ':').collect();
    let [_, _, service, _, _, resource] = parts.as_slice() else { return SourceScope::Unknown };
    if *service != "execute-api" {
        return SourceScope::Unknown;
    }
    let (api, rest) = resource.split_once('/').unwrap_or((resource, "*"));
    let api = if api == "*" {
        None
    } else if let Some(id) = api.strip_prefix(API_MARKER) {
        Some(id.to_owned())
    } else {
        return SourceScope::Unknown;
    };
    if rest.contains(UNKNOWN_PIECE) || rest.contains(API_MARKER) {
        return SourceScope::Unknown;
    }
    SourceScope::Routes { api, pattern: rest.to_owned() }
}

/// The `SourceArn` as text, each variable piece replaced by [`UNKNOWN_PIECE`], except an API
/// of the template, which becomes [`API_MARKER`] followed by its logical id.
fn source_skeleton(template: &Template, node: &Node) -> Option<String> {
    let api_of = |name: &str, attribute: Option<&str>| -> Option<String> {
        let type_name = template.type_of(name)?;
        let is_api = matches!(
            type_name,
            "AWS::ApiGateway::RestApi" | "AWS::ApiGatewayV2::Api" | "AWS::Serverless::Api" | "AWS::Serverless::HttpApi"
        );
        let id_attribute = matches!(attribute, None | Some("RestApiId") | Some("ApiId"));
        (is_api && id_attribute).then(|| format!("{API_MARKER}{name}"))
    };
    let piece = |node: &Node| -> String {
        match node.intrinsic() {
            Some(("Ref", name)) => name.as_str().and_then(|n| api_of(n, None)),
            Some(("Fn::GetAtt", args)) => match &args.value {
                Value::Seq(items) => {
                    items.first().and_then(Node::as_str).and_then(|n| api_of(n, items.get(1).and_then(Node::as_str)))
                }
                Value::String(text) => text.split_once('.').and_then(|(n, a)| api_of(n, Some(a))),
                _ => None,
            },
            _ => None,
        }
        .or_else(|| node.as_str().map(str::to_owned))
        .unwrap_or_else(|| UNKNOWN_PIECE.to_string())
    };
    if let Some(text) = node.as_str() {
        return Some(text.to_owned());
    }
    let (function, args) = node.intrinsic()?;
    match function {
        "Fn::Sub" => {
            let (text, locals) = match &args.value {
                Value::String(text) => (text.as_str(), None),
                Value::Seq(items) => (items.first()?.as_str()?, items.get(1).and_then(Node::as_map)),
                _ => return None,
            };
            let mut out = String::new();
            let mut last = 0;
            for variable in slint_linter::template::sub_variables(text) {
                out.push_str(&text[last..variable.start]);
                let replacement = match locals.and_then(|l| l.get(variable.name)) {
                    Some(local) => piece(local),
                    None => match variable.name.split_once('.') {
                        Some((name, attribute)) => api_of(name, Some(attribute)),
                        None => api_of(variable.name, None),
                    }
                    .unwrap_or_else(|| UNKNOWN_PIECE.to_string()),
                };
                out.push_str(&replacement);
                last = variable.end;
            }
            out.push_str(&text[last..]);
            Some(out.replace("${!", "${"))
        }
        "Fn::Join" => {
            let [delimiter, items] = args.as_seq()? else { return None };
            let delimiter = delimiter.as_str()?;
            Some(items.as_seq()?.iter().map(piece).collect::<Vec<_>>().join(delimiter))
        }
        _ => None,
    }
}

/// Whether a scope lets API Gateway invoke the function for `route` on every stage of its API
/// whose name is known. `None` when that cannot be told.
pub(crate) fn scope_covers(scope: &SourceScope, api: &Api, route: &Route) -> Option<bool> {
    let SourceScope::Routes { api: scoped_api, pattern } = scope else {
        return match scope {
            SourceScope::Anything => Some(true),
            _ => None,
        };
    };
    if scoped_api.as_deref().is_some_and(|id| id != api.id) {
        return Some(false);
    }
    let path = route.path.as_deref()?;
    // WebSocket requests carry the route key (`{stage}/$connect`), HTTP API requests the route's
    // path as written, REST API requests the path that was called.
    let resource = match api.kind {
        ApiKind::WebSocket => path.to_owned(),
        ApiKind::Http => slint_linter::model::apis::paths::http_invocation_resource(route.method.as_deref(), path),
        ApiKind::Rest => slint_linter::model::apis::paths::invocation_resource(route.method.as_deref(), path),
    };
    let stages: Vec<&str> =
        api.stages.iter().filter(|s| !s.incidental).map(|s| s.literal_name()).collect::<Option<Vec<_>>>()?;
    if stages.is_empty() {
        return None;
    }
    Some(
        stages.iter().all(|stage| {
            slint_linter::model::apis::paths::arn_pattern_matches(pattern, &format!("{stage}/{resource}"))
        }),
    )
}


/// The routes of an API whose authorization says something: CORS preflights (SAM's, and
/// `OPTIONS` routes on an API with CORS or with a mock integration) are left out, and so are
/// WebSocket routes other than `$connect`, the only one WebSocket APIs authorize.
pub(crate) fn authorizable_routes<'m, 't>(model: &'m Model<'_, 't>, index: usize) -> Vec<&'m Route<'t>> {
    let api = &model.apis.apis[index];
    model
        .apis
        .routes_of(index)
        .filter(|route| !matches!(route.declaration, RouteDeclaration::CorsPreflight(_)))
        .filter(|route| {
            let preflight = route.is_options()
                && (api.cors.is_some()
                    || route
                        .integration
                        .as_ref()
                        .is_some_and(|i| i.kind == slint_linter::model::apis::IntegrationKind::Mock));
            !preflight
        })
        .filter(|route| api.kind != ApiKind::WebSocket || route.path.as_deref() == Some("$connect"))
        .collect()
}

/// "Cognito user pool authorizer `Pool`", "AWS_IAM", for messages about a route's authorization.
pub(crate) fn auth_description(model: &Model, route: &Route) -> String {
    use slint_linter::model::apis::AuthKind;
    match route.auth.kind {
        AuthKind::Iam => "AWS_IAM".to_owned(),
        AuthKind::Authorizer => match model.apis.authorizer_of(route) {
            Some(authorizer) => format!("{} authorizer `{}`", authorizer.kind.describe(), authorizer.name),
            None => format!("authorizer `{}`", route.auth.authorizer_name.as_deref().unwrap_or("?")),
        },
        AuthKind::None => "no authorization".to_owned(),
        AuthKind::Unknown => "an authorization slint cannot tell".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use slint_linter::syntax::parse_str;

    use super::*;

    #[test]
    fn source_arns_name_apis_and_routes() {
        let text = r#"
Resources:
  Api: {Type: AWS::ApiGateway::RestApi}
  Fn: {Type: AWS::Lambda::Function}
Outputs:
  Sub: {Value: !Sub 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders'}
  Locals: {Value: !Sub ['arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Id}/prod/*', {Id: !Ref Api}]}
  Join: {Value: !Join ['', ['arn:aws:execute-api:', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':', !Ref Api, '/*']]}
  Any: {Value: !Sub 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:*/*/*/*'}
  Foreign: {Value: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*'}
  Function: {Value: !GetAtt Fn.Arn}
"#;
        let parsed = parse_str(text);
        let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, BTreeMap::new()).unwrap();
        let scope = |name: &str| {
            let node = template.outputs.iter().find(|o| o.name == name).unwrap().node.get("Value");
            source_scope(&template, node)
        };
        let routes = |api: Option<&str>, pattern: &str| SourceScope::Routes {
            api: api.map(str::to_owned),
            pattern: pattern.to_owned(),
        };
        assert_eq!(scope("Sub"), routes(Some("Api"), "*/GET/orders"));
        assert_eq!(scope("Locals"), routes(Some("Api"), "prod/*"));
        assert_eq!(scope("Join"), routes(Some("Api"), "*"));
        assert_eq!(scope("Any"), routes(None, "*/*/*"));
        assert_eq!(scope("Foreign"), SourceScope::Unknown);
        assert_eq!(scope("Function"), SourceScope::Unknown);
        assert_eq!(source_scope(&template, None), SourceScope::Anything);
    }
}
