//! Raw API Gateway v2 resources: `AWS::ApiGatewayV2::Api` (HTTP or WebSocket, with the
//! `$default` route and stage that `Target` creates), `Route` with the `Integration` its
//! `Target` names, `Authorizer`, `Stage` and `Deployment`.

use crate::syntax::{Node, Value};
use crate::template::{sub_variables, Resource};

use super::openapi::single_string;
use super::paths::{is_method, DEFAULT_ROUTE};
use super::{
    Api, ApiDeclaration, ApiKind, AuthKind, AuthSource, Authorizer, Builder, Cors, CorsForm, Definition, Integration,
    IntegrationDeclaration, IntegrationKind, Located, Route, RouteAuth, RouteDeclaration, Stage, StageDeclaration,
};

const V2_INTEGRATION: &str = "AWS::ApiGatewayV2::Integration";

impl<'t, 'f> Builder<'t, 'f> {
    pub(super) fn v2_api(&self, resource: &'t Resource<'t>) -> Api<'t> {
        let properties = resource.properties.as_deref();
        let get = |key: &str| properties.and_then(|p| p.get(key));
        // Only HTTP APIs can be imported from a definition, so an API with a Body is one.
        let kind = match get("ProtocolType").and_then(|p| single_string(self, p)).as_deref() {
            Some("WEBSOCKET") => ApiKind::WebSocket,
            _ => ApiKind::Http,
        };
        let mut api = Api::new(resource.name.to_owned(), kind, ApiDeclaration::Resource(resource), properties);
        api.definition = match get("Body") {
            Some(body) => self.definition_of("Body", body),
            None => match get("BodyS3Location") {
                Some(location) => Definition::Unread(location),
                None => Definition::None,
            },
        };
        api.cors = get("CorsConfiguration").map(|node| {
            Cors::from_mapping(
                CorsForm::Http,
                Located::in_template(node),
                ["AllowOrigins", "AllowCredentials", "AllowMethods", "AllowHeaders"],
            )
        });
        if get("Target").is_some() {
            let mut stage = Stage::new(StageDeclaration::QuickCreate(resource));
            stage.implied_name = Some(DEFAULT_ROUTE);
            api.stages.push(stage);
        }
        api
    }

    /// Authorizers, stages and deployments attached to their APIs, then one route per
    /// `AWS::ApiGatewayV2::Route` and per quick-create `Target`.
    pub(super) fn http_resources(&mut self) {
        let template = self.template;
        for resource in &template.resources {
            let Some(properties) = resource.properties.as_deref() else {
                continue;
            };
            let api_of = |builder: &mut Self| properties.get("ApiId").and_then(|r| builder.api_named(r, ApiKind::Http));
            match resource.type_name {
                Some("AWS::ApiGatewayV2::Authorizer") => {
                    let Some(api) = api_of(self) else { continue };
                    let authorizer = self.v2_authorizer(resource, properties);
                    self.apis[api].authorizers.push(authorizer);
                }
                Some("AWS::ApiGatewayV2::Stage") => {
                    let Some(api) = api_of(self) else { continue };
                    let mut stage = Stage::new(StageDeclaration::Resource(resource));
                    stage.name = properties.get("StageName");
                    stage.variables = properties.get("StageVariables");
                    stage.method_settings = properties.get("RouteSettings");
                    stage.default_route_settings = properties.get("DefaultRouteSettings");
                    stage.deployment = properties.get("DeploymentId");
                    stage.api_reference = properties.get("ApiId");
                    self.apis[api].stages.push(stage);
                }
                Some("AWS::ApiGatewayV2::Deployment") => {
                    let Some(api) = api_of(self) else { continue };
                    self.apis[api].deployments.push(resource);
                }
                _ => {}
            }
        }
        for resource in template.resources_of_type("AWS::ApiGatewayV2::Route") {
            if let Some(route) = self.v2_route(resource) {
                self.routes.push(route);
            }
        }
        for index in 0..self.apis.len() {
            if let Some(route) = self.quick_create_route(index) {
                self.routes.push(route);
            }
        }
    }

    fn v2_authorizer(&self, resource: &'t Resource<'t>, properties: &'t Node) -> Authorizer<'t> {
        let mut authorizer = self.authorizer_resource(resource, properties, "AuthorizerType");
        authorizer.credentials = properties.get("AuthorizerCredentialsArn");
        let jwt = properties.get("JwtConfiguration");
        authorizer.jwt_issuer = jwt.and_then(|j| j.get("Issuer"));
        authorizer.jwt_audience = jwt.and_then(|j| j.get("Audience"));
        authorizer.api_reference = properties.get("ApiId");
        authorizer
    }

    fn v2_route(&mut self, resource: &'t Resource<'t>) -> Option<Route<'t>> {
        let properties = resource.properties.as_deref()?;
        let api = self.api_named(properties.get("ApiId")?, ApiKind::Http)?;
        let kind = self.apis[api].kind;
        let route_key = properties.get("RouteKey");
        let (method, path) = match route_key.and_then(|k| single_string(self, k)) {
            Some(key) => split_route_key(kind, &key),
            None => (None, None),
        };
        let integration = properties.get("Target").and_then(|target| self.v2_integration(target));
        let (api_key_required, api_key_node) = match properties.get("ApiKeyRequired") {
            Some(node) => (node.as_bool(), Some(Located::in_template(node))),
            None => (Some(false), None),
        };
        Some(Route {
            api,
            declaration: RouteDeclaration::Route(resource),
            event: None,
            method,
            method_node: route_key.map(Located::in_template),
            path,
            path_node: route_key.map(Located::in_template),
            integration,
            auth: self.resource_auth(api, properties, &["CUSTOM", "JWT"]),
            api_key_required,
            api_key_node,
        })
    }

    /// The `AWS::ApiGatewayV2::Integration` a route's `Target` (`integrations/{id}`, written with
    /// `Fn::Join` or `Fn::Sub`) names.
    fn v2_integration(&self, target: &'t Node) -> Option<Integration<'t>> {
        let name = integration_named_in(self, target)?;
        let resource = self.template.resource(name)?;
        let properties = resource.properties.as_deref()?;
        let located = |key: &str| properties.get(key).map(Located::in_template);
        let type_node = located("IntegrationType");
        let kind = type_node
            .and_then(|t| single_string(self, t.node))
            .map_or(IntegrationKind::Unknown, |t| IntegrationKind::parse(&t));
        let mut integration = Integration::new(IntegrationDeclaration::Resource(resource), kind);
        integration.node = Some(Located::in_template(properties));
        integration.type_node = type_node;
        integration.http_method = located("IntegrationMethod");
        integration.uri = located("IntegrationUri");
        integration.function = integration.uri.and_then(|uri| self.function_name(uri.node));
        integration.timeout = located("TimeoutInMillis");
        integration.payload_format_version = located("PayloadFormatVersion");
        integration.credentials = located("CredentialsArn");
        Some(integration)
    }

    /// The `$default` route an HTTP API with `Target` gets: a Lambda proxy (or HTTP proxy)
    /// integration to the target, open to anyone.
    fn quick_create_route(&self, index: usize) -> Option<Route<'t>> {
        let api = &self.apis[index];
        let ApiDeclaration::Resource(resource) = api.declaration else {
            return None;
        };
        if resource.type_name != Some("AWS::ApiGatewayV2::Api") {
            return None;
        }
        let target = api.property("Target")?;
        let route_key = api.property("RouteKey");
        let (method, path) = match route_key {
            Some(key) => match single_string(self, key) {
                Some(key) => split_route_key(api.kind, &key),
                None => (None, None),
            },
            None => (Some("ANY".to_owned()), Some(DEFAULT_ROUTE.to_owned())),
        };
        let function = self.function_name(target);
        let text = target.as_str().unwrap_or_default();
        let kind = if function.is_some() || text.contains(":lambda:") {
            IntegrationKind::AwsProxy
        } else if text.starts_with("http") {
            IntegrationKind::HttpProxy
        } else {
            IntegrationKind::Unknown
        };
        let mut integration = Integration::new(IntegrationDeclaration::QuickCreate, kind);
        integration.uri = Some(Located::in_template(target));
        integration.function = function;
        integration.credentials = api.property("CredentialsArn").map(Located::in_template);
        Some(Route {
            api: index,
            declaration: RouteDeclaration::QuickCreate(resource),
            event: None,
            method,
            method_node: route_key.map(Located::in_template),
            path,
            path_node: route_key.map(Located::in_template),
            integration: Some(integration),
            auth: RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
            api_key_required: Some(false),
            api_key_node: None,
        })
    }
}

/// `GET /orders` into method and path; `$default` is every method on every path. WebSocket
/// route keys (`$connect`, `sendmessage`) have no method.
pub(super) fn split_route_key(kind: ApiKind, key: &str) -> (Option<String>, Option<String>) {
    if kind == ApiKind::WebSocket {
        return (None, Some(key.to_owned()));
    }
    if key == DEFAULT_ROUTE {
        return (Some("ANY".to_owned()), Some(DEFAULT_ROUTE.to_owned()));
    }
    match key.split_once(' ') {
        Some((method, path)) => {
            let method = if is_method(method) { method.to_ascii_uppercase() } else { method.to_owned() };
            (Some(method), Some(path.trim().to_owned()))
        }
        None => (None, Some(key.to_owned())),
    }
}

/// The logical id of the `AWS::ApiGatewayV2::Integration` a route `Target` names anywhere in it:
/// a `Ref` inside an `Fn::Join`, or an `Fn::Sub` variable.
fn integration_named_in<'n>(builder: &Builder, target: &'n Node) -> Option<&'n str> {
    let is_integration = |name: &str| builder.template.resource(name).and_then(|r| r.type_name) == Some(V2_INTEGRATION);
    let mut found = None;
    target.walk(&mut |node: &'n Node| {
        if found.is_some() {
            return;
        }
        match node.intrinsic() {
            Some(("Ref", args)) => {
                if let Some(name) = args.as_str().filter(|n| is_integration(n)) {
                    found = Some(name);
                }
            }
            Some(("Fn::Sub", args)) => {
                let text = match &args.value {
                    Value::String(text) => Some(text.as_str()),
                    Value::Seq(items) => items.first().and_then(Node::as_str),
                    _ => None,
                };
                if let Some(text) = text {
                    found = sub_variables(text).into_iter().map(|v| v.name).find(|n| is_integration(n));
                }
            }
            _ => {}
        }
    });
    found
}
