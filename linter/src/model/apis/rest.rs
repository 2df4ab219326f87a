//! Raw API Gateway v1 resources: `AWS::ApiGateway::RestApi`, the `Resource` tree that spells a
//! method's path, `Method` with its `Integration`, `Authorizer`, `Stage`, `Deployment` (and
//! the stage its `StageName` creates) and the `UsagePlan` entries that name a stage.

use crate::syntax::Node;
use crate::template::Resource;

use super::openapi::single_string;
use super::{
    Api, ApiDeclaration, ApiKind, AuthKind, AuthSource, Authorizer, AuthorizerDeclaration, Builder,
    Integration, IntegrationDeclaration, IntegrationKind, Located, Route, RouteAuth, RouteDeclaration, Stage,
    StageDeclaration, UsagePlanLink,
};
use crate::model::targets::target_of;

/// How deep a chain of `ParentId`s may go before it counts as a loop.
const MAX_PATH_DEPTH: usize = 64;

impl<'t, 'f> Builder<'t, 'f> {
    pub(super) fn rest_api(&self, resource: &'t Resource<'t>) -> Api<'t> {
        let properties = resource.properties.as_deref();
        let get = |key: &str| properties.and_then(|p| p.get(key));
        let mut api = Api::new(resource.name.to_owned(), ApiKind::Rest, ApiDeclaration::Resource(resource), properties);
        api.definition = match get("Body").map(|b| ("Body", b)) {
            Some((property, node)) => self.definition_of(property, node),
            None => match get("BodyS3Location") {
                Some(location) => super::Definition::Unread(location),
                None => super::Definition::None,
            },
        };
        api.endpoint_configuration = get("EndpointConfiguration");
        api.resource_policy = get("Policy").map(Located::in_template);
        api.binary_media_types.extend(get("BinaryMediaTypes").map(Located::in_template));
        api.api_key_source = get("ApiKeySourceType").map(Located::in_template);
        api
    }

    /// Authorizers, stages, deployments and usage plans attached to their APIs, then one
    /// route per `AWS::ApiGateway::Method`.
    pub(super) fn rest_resources(&mut self) {
        let template = self.template;
        for resource in &template.resources {
            let Some(properties) = resource.properties.as_deref() else {
                continue;
            };
            match resource.type_name {
                Some("AWS::ApiGateway::Authorizer") => {
                    let Some(api) = properties.get("RestApiId").and_then(|r| self.api_named(r, ApiKind::Rest)) else {
                        continue;
                    };
                    let authorizer = self.rest_authorizer(resource, properties);
                    self.apis[api].authorizers.push(authorizer);
                }
                Some("AWS::ApiGateway::Stage") => {
                    let Some(api) = properties.get("RestApiId").and_then(|r| self.api_named(r, ApiKind::Rest)) else {
                        continue;
                    };
                    let mut stage = Stage::new(StageDeclaration::Resource(resource));
                    stage.name = properties.get("StageName");
                    stage.variables = properties.get("Variables");
                    stage.method_settings = properties.get("MethodSettings");
                    stage.cache_cluster_enabled = properties.get("CacheClusterEnabled");
                    stage.cache_cluster_size = properties.get("CacheClusterSize");
                    stage.deployment = properties.get("DeploymentId");
                    stage.api_reference = properties.get("RestApiId");
                    self.apis[api].stages.push(stage);
                }
                Some("AWS::ApiGateway::Deployment") => {
                    let Some(api) = properties.get("RestApiId").and_then(|r| self.api_named(r, ApiKind::Rest)) else {
                        continue;
                    };
                    self.apis[api].deployments.push(resource);
                    if let Some(name) = properties.get("StageName") {
                        let description = properties.get("StageDescription");
                        let described = |key: &str| description.and_then(|d| d.get(key));
                        let mut stage = Stage::new(StageDeclaration::Deployment(resource));
                        stage.name = Some(name);
                        stage.variables = described("Variables");
                        stage.method_settings = described("MethodSettings");
                        stage.cache_cluster_enabled = described("CacheClusterEnabled");
                        stage.cache_cluster_size = described("CacheClusterSize");
                        stage.caching_enabled = described("CachingEnabled");
                        stage.cache_ttl = described("CacheTtlInSeconds");
                        stage.api_reference = properties.get("RestApiId");
                        self.apis[api].stages.push(stage);
                    }
                }
                Some("AWS::ApiGateway::UsagePlan") => {
                    for item in properties.get("ApiStages").and_then(Node::as_seq).unwrap_or_default() {
                        let Some(api) = item.get("ApiId").and_then(|r| self.api_named(r, ApiKind::Rest)) else {
                            continue;
                        };
                        self.apis[api].usage_plans.push(UsagePlanLink {
                            plan: Some(resource),
                            node: item,
                            stage: item.get("Stage"),
                        });
                    }
                }
                _ => {}
            }
        }
        for resource in template.resources_of_type("AWS::ApiGateway::Method") {
            if let Some(route) = self.method_route(resource) {
                self.routes.push(route);
            }
        }
    }

    fn rest_authorizer(&self, resource: &'t Resource<'t>, properties: &'t Node) -> Authorizer<'t> {
        let mut authorizer = self.authorizer_resource(resource, properties, "Type");
        authorizer.credentials = properties.get("AuthorizerCredentials");
        authorizer.provider_arns = properties.get("ProviderARNs");
        authorizer.api_reference = properties.get("RestApiId");
        authorizer
    }

    fn method_route(&mut self, resource: &'t Resource<'t>) -> Option<Route<'t>> {
        let properties = resource.properties.as_deref()?;
        let api = self.api_named(properties.get("RestApiId")?, ApiKind::Rest)?;
        let method_node = properties.get("HttpMethod");
        let path = properties.get("ResourceId").and_then(|id| self.resource_path(id, 0));
        let integration = properties.get("Integration").map(|node| {
            let located = |key: &str| node.get(key).map(Located::in_template);
            let type_node = located("Type");
            let kind = type_node
                .and_then(|t| single_string(self, t.node))
                .map_or(IntegrationKind::Unknown, |t| IntegrationKind::parse(&t));
            let mut integration = Integration::new(IntegrationDeclaration::MethodProperty, kind);
            integration.node = Some(Located::in_template(node));
            integration.type_node = type_node;
            integration.http_method = located("IntegrationHttpMethod");
            integration.uri = located("Uri");
            integration.function = integration.uri.and_then(|uri| self.function_name(uri.node));
            integration.timeout = located("TimeoutInMillis");
            integration.cache_key_parameters = located("CacheKeyParameters");
            integration.credentials = located("Credentials");
            integration
        });
        let (api_key_required, api_key_node) = match properties.get("ApiKeyRequired") {
            Some(node) => (node.as_bool(), Some(Located::in_template(node))),
            None => (Some(false), None),
        };
        Some(Route {
            api,
            declaration: RouteDeclaration::Method(resource),
            event: None,
            method: method_node.and_then(|m| single_string(self, m)).map(|m| m.to_ascii_uppercase()),
            method_node: method_node.map(Located::in_template),
            path,
            path_node: properties.get("ResourceId").map(Located::in_template),
            integration,
            auth: self.resource_auth(api, properties, &["CUSTOM", "COGNITO_USER_POOLS"]),
            api_key_required,
            api_key_node,
        })
    }

    /// The path an `AWS::ApiGateway::Resource` stands for, following `ParentId` up to the API's
    /// `RootResourceId`; `None` when a link cannot be followed.
    fn resource_path(&self, id: &Node, depth: usize) -> Option<String> {
        if depth > MAX_PATH_DEPTH {
            return None;
        }
        let target = target_of(self.template, id)?;
        if target.attribute == Some("RootResourceId") {
            return Some("/".to_owned());
        }
        let resource = self.template.resource(target.logical_id)?;
        if resource.type_name != Some("AWS::ApiGateway::Resource") || target.attribute.is_some() {
            return None;
        }
        let parent = self.resource_path(resource.property("ParentId")?, depth + 1)?;
        let part = single_string(self, resource.property("PathPart")?)?;
        Some(if parent == "/" { format!("/{part}") } else { format!("{parent}/{part}") })
    }

    /// The authorization a raw method (`AWS::ApiGateway::Method`) or route
    /// (`AWS::ApiGatewayV2::Route`) declares; `authorizer_types` are the `AuthorizationType`
    /// values that name an authorizer on that kind of API. Left out, it is NONE.
    pub(super) fn resource_auth(&self, api: usize, properties: &'t Node, authorizer_types: &[&str]) -> RouteAuth<'t> {
        let authorization_type = properties.get("AuthorizationType");
        let authorizer_id = properties.get("AuthorizerId");
        let mut auth = match authorization_type {
            None => RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
            Some(node) => match single_string(self, node).map(|t| t.to_ascii_uppercase()).as_deref() {
                Some("NONE") => RouteAuth::new(AuthKind::None, AuthSource::Route),
                Some("AWS_IAM") => RouteAuth::new(AuthKind::Iam, AuthSource::Route),
                Some(kind) if authorizer_types.contains(&kind) => RouteAuth::new(AuthKind::Authorizer, AuthSource::Route),
                _ => RouteAuth::unknown(),
            },
        };
        auth.node = authorization_type.map(Located::in_template);
        auth.authorization_type = authorization_type;
        auth.authorizer_id = authorizer_id;
        auth.scopes = properties.get("AuthorizationScopes").map(Located::in_template);
        if auth.kind == AuthKind::Authorizer {
            if let Some(target) = authorizer_id.and_then(|id| target_of(self.template, id)) {
                auth.authorizer_name = Some(target.logical_id.to_owned());
                auth.authorizer = self.apis[api].authorizers.iter().position(
                    |a| matches!(a.declaration, AuthorizerDeclaration::Resource(r) if r.name == target.logical_id),
                );
            }
        }
        auth
    }
}
