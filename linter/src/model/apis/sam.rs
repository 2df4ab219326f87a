//! SAM's side of the model: `AWS::Serverless::Api` and `AWS::Serverless::HttpApi` resources,
//! the implicit `ServerlessRestApi`/`ServerlessHttpApi` SAM creates (configured by `Globals`),
//! and the `Api`/`HttpApi` events of functions and state machines.

use crate::syntax::Node;
use crate::template::Resource;

use super::openapi::{default_authorizer_applies, sam_flag_is_false, single_string};
use super::paths::DEFAULT_ROUTE;
use super::{
    Api, ApiDeclaration, ApiKind, AuthKind, AuthSource, Authorizer, AuthorizerDeclaration, AuthorizerKind, Builder,
    Cors, CorsForm, Definition, Integration, IntegrationDeclaration, IntegrationKind, Located, Origin, Route,
    RouteAuth, RouteDeclaration, SamEvent, Stage, StageDeclaration, UnresolvedEvent, IMPLICIT_HTTP_API,
    IMPLICIT_REST_API,
};

const SAM_API: &str = "AWS::Serverless::Api";
const SAM_HTTP_API: &str = "AWS::Serverless::HttpApi";
const SAM_WEBSOCKET_API: &str = "AWS::Serverless::WebSocketApi";

/// The event types that declare routes, and the property naming their API.
fn event_api(event_type: &str) -> Option<(ApiKind, &'static str)> {
    match event_type {
        "Api" => Some((ApiKind::Rest, "RestApiId")),
        "HttpApi" => Some((ApiKind::Http, "ApiId")),
        _ => None,
    }
}

impl<'t, 'f> Builder<'t, 'f> {
    /// Every API resource of the template, in template order.
    pub(super) fn declared_apis(&mut self) {
        let template = self.template;
        for resource in &template.resources {
            let api = match resource.type_name {
                Some(SAM_API) => self.sam_api(
                    ApiKind::Rest,
                    ApiDeclaration::Sam(resource),
                    resource.name,
                    resource.properties.as_deref(),
                ),
                Some(SAM_HTTP_API) => self.sam_api(
                    ApiKind::Http,
                    ApiDeclaration::Sam(resource),
                    resource.name,
                    resource.properties.as_deref(),
                ),
                Some(SAM_WEBSOCKET_API) => self.sam_websocket_api(resource),
                Some("AWS::ApiGateway::RestApi") => self.rest_api(resource),
                Some("AWS::ApiGatewayV2::Api") => self.v2_api(resource),
                _ => continue,
            };
            self.apis.push(api);
        }
    }

    /// `ServerlessRestApi` and `ServerlessHttpApi`, when some event names no API.
    pub(super) fn implicit_apis(&mut self) {
        let mut needs = [false, false];
        for event in self.sam_events_of_template() {
            let Some(type_name) = event.node.get("Type").and_then(Node::as_str) else {
                continue;
            };
            let Some((kind, key)) = event_api(type_name) else {
                continue;
            };
            if event.property(key).is_none() {
                needs[usize::from(kind == ApiKind::Http)] = true;
            }
        }
        let globals = self.template.section("Globals");
        for (needed, kind, id, globals_key) in [
            (needs[0], ApiKind::Rest, IMPLICIT_REST_API, "Api"),
            (needs[1], ApiKind::Http, IMPLICIT_HTTP_API, "HttpApi"),
        ] {
            if !needed || self.apis.iter().any(|a| a.id == id) {
                continue;
            }
            let properties = globals.and_then(|g| g.get(globals_key)).filter(|g| g.as_map().is_some());
            let api = self.sam_api(kind, ApiDeclaration::Implicit, id, properties);
            self.apis.push(api);
        }
    }

    /// A SAM API from its (merged) properties.
    fn sam_api(
        &self,
        kind: ApiKind,
        declaration: ApiDeclaration<'t>,
        id: &str,
        properties: Option<&'t Node>,
    ) -> Api<'t> {
        let get = |key: &str| properties.and_then(|p| p.get(key));
        let mut api = Api::new(id.to_owned(), kind, declaration, properties);
        let implicit = matches!(declaration, ApiDeclaration::Implicit);
        let body = get("DefinitionBody").map(|node| ("DefinitionBody", node));
        let uri = get("DefinitionUri").map(|node| ("DefinitionUri", node));
        api.definition = match body.or(uri) {
            Some((property, node)) if !implicit => self.definition_of(property, node),
            _ => Definition::None,
        };
        let merges = get("MergeDefinitions").and_then(Node::as_bool) == Some(true);
        // SAM writes events into the definitions it builds, into REST definitions only with
        // `MergeDefinitions`, and into every inline HTTP API definition.
        api.events_add_routes =
            implicit || uri.is_none() && (body.is_none() || kind == ApiKind::Http) || body.is_some() && merges;

        let auth = get("Auth");
        let auth_get = |key: &str| auth.and_then(|a| a.get(key));
        api.default_authorizer = auth_get("DefaultAuthorizer");
        api.authorizers = self.sam_authorizers(kind, auth_get("Authorizers"));

        let mut stage = Stage::new(match declaration {
            ApiDeclaration::Sam(resource) => StageDeclaration::Sam(resource),
            _ => StageDeclaration::Implicit,
        });
        match kind {
            ApiKind::Rest => {
                api.endpoint_configuration = get("EndpointConfiguration");
                // `Policy` is written into the RestApi as is; `Auth.ResourcePolicy` is SAM's shorthand.
                api.resource_policy = get("Policy").or(auth_get("ResourcePolicy")).map(Located::in_template);
                api.binary_media_types.extend(get("BinaryMediaTypes").map(Located::in_template));
                api.cors = get("Cors").map(|node| {
                    let located = Located::in_template(node);
                    match node.as_map() {
                        Some(_) => Cors::from_mapping(
                            CorsForm::SamRest,
                            located,
                            ["AllowOrigin", "AllowCredentials", "AllowMethods", "AllowHeaders"],
                        ),
                        // `Cors: "'*'"` is the allowed origin alone.
                        None => Cors {
                            form: CorsForm::SamRest,
                            node: located,
                            allow_origins: Some(located),
                            allow_credentials: None,
                            allow_methods: None,
                            allow_headers: None,
                        },
                    }
                });
                api.api_key_source = get("ApiKeySourceType").map(Located::in_template);
                api.api_key_required = auth_get("ApiKeyRequired");
                api.default_authorizer_on_preflight = auth_get("AddDefaultAuthorizerToCorsPreflight");
                api.sam_usage_plan = auth_get("UsagePlan");
                stage.name = if implicit { None } else { get("StageName") };
                stage.implied_name = implicit.then_some("Prod");
                stage.variables = get("Variables");
                stage.method_settings = get("MethodSettings");
                stage.cache_cluster_enabled = get("CacheClusterEnabled");
                stage.cache_cluster_size = get("CacheClusterSize");
                if !is_openapi_3(get("OpenApiVersion")) {
                    // SAM's deployment also creates a stage named `Stage` unless the API asks
                    // for OpenAPI 3.
                    let mut extra = Stage::new(stage.declaration);
                    extra.implied_name = Some("Stage");
                    extra.incidental = true;
                    api.stages.push(extra);
                }
            }
            ApiKind::Http | ApiKind::WebSocket => {
                api.iam_authorizer_enabled = auth_get("EnableIamAuthorizer");
                api.cors = get("CorsConfiguration").map(|node| {
                    Cors::from_mapping(
                        CorsForm::SamHttp,
                        Located::in_template(node),
                        ["AllowOrigins", "AllowCredentials", "AllowMethods", "AllowHeaders"],
                    )
                });
                stage.name = if implicit { None } else { get("StageName") };
                if stage.name.is_none() {
                    stage.implied_name = Some(DEFAULT_ROUTE);
                }
                stage.variables = get("StageVariables");
                stage.method_settings = get("RouteSettings");
                stage.default_route_settings = get("DefaultRouteSettings");
            }
        }
        api.stages.insert(0, stage);
        api
    }

    /// The entries of SAM's `Auth.Authorizers`. A REST authorizer with `UserPoolArn` is a Cognito
    /// authorizer and one with `FunctionArn` a Lambda authorizer (`FunctionPayloadType` TOKEN by
    /// default); an HTTP authorizer with `JwtConfiguration` is a JWT authorizer and one with
    /// `FunctionArn` a Lambda REQUEST authorizer.
    fn sam_authorizers(&self, kind: ApiKind, authorizers: Option<&'t Node>) -> Vec<Authorizer<'t>> {
        let Some(map) = authorizers.and_then(Node::as_map) else {
            return Vec::new();
        };
        map.entries
            .iter()
            .filter(|entry| entry.value.as_map().is_some())
            .map(|entry| {
                let node = &entry.value;
                let mut authorizer = Authorizer::new(
                    entry.key.to_string(),
                    entry.key_span,
                    Origin::Template,
                    AuthorizerDeclaration::Sam,
                    node,
                );
                authorizer.function_node = node.get("FunctionArn");
                authorizer.function = authorizer.function_node.and_then(|f| self.function_name(f));
                authorizer.credentials = node.get("FunctionInvokeRole");
                authorizer.ttl = node.get("Identity").and_then(|i| i.get("ReauthorizeEvery"));
                match kind {
                    ApiKind::Rest => {
                        authorizer.provider_arns = node.get("UserPoolArn");
                        authorizer.identity_source = node.get("Identity");
                        authorizer.type_node = node.get("FunctionPayloadType");
                        authorizer.kind = if authorizer.provider_arns.is_some() {
                            AuthorizerKind::CognitoUserPools
                        } else if authorizer.function_node.is_some() {
                            match authorizer.type_node {
                                None => AuthorizerKind::Token,
                                Some(t) => single_string(self, t)
                                    .map_or(AuthorizerKind::Unknown, |t| AuthorizerKind::parse(&t)),
                            }
                        } else {
                            AuthorizerKind::Unknown
                        };
                    }
                    ApiKind::Http | ApiKind::WebSocket => {
                        let jwt = node.get("JwtConfiguration");
                        // SAM takes both spellings and writes them lower case into the definition.
                        authorizer.jwt_issuer = jwt.and_then(|j| j.get("issuer").or_else(|| j.get("Issuer")));
                        authorizer.jwt_audience = jwt.and_then(|j| j.get("audience").or_else(|| j.get("Audience")));
                        if jwt.is_some() {
                            authorizer.kind = AuthorizerKind::Jwt;
                            authorizer.identity_source = node.get("IdentitySource");
                        } else if authorizer.function_node.is_some() {
                            authorizer.kind = AuthorizerKind::Request;
                            authorizer.identity_source = node.get("Identity");
                        }
                    }
                }
                authorizer
            })
            .collect()
    }

    /// Every SAM function's and state machine's events, in template order.
    fn sam_events_of_template(&self) -> Vec<SamEvent<'t>> {
        let mut out = Vec::new();
        for resource in &self.template.resources {
            if !matches!(resource.type_name, Some("AWS::Serverless::Function" | "AWS::Serverless::StateMachine")) {
                continue;
            }
            let Some(events) = resource.property("Events").and_then(Node::as_map) else {
                continue;
            };
            for entry in &events.entries {
                out.push(SamEvent {
                    owner: resource.name,
                    name: &entry.key,
                    name_span: entry.key_span,
                    node: &entry.value,
                    properties: entry.value.get("Properties"),
                });
            }
        }
        out
    }

    /// The routes of `Api` and `HttpApi` events: new routes on APIs SAM builds from events,
    /// names for routes the API's definition already has, and the rest kept aside.
    pub(super) fn sam_events(&mut self) {
        let template = self.template;
        for event in self.sam_events_of_template() {
            let Some(type_name) = event.node.get("Type").and_then(Node::as_str) else {
                continue;
            };
            let Some((kind, key)) = event_api(type_name) else {
                continue;
            };
            let owner: &Resource<'t> = match template.resource(event.owner) {
                Some(resource) => resource,
                None => continue,
            };
            let api = match event.property(key) {
                None => self.apis.iter().position(|a| a.is_implicit() && a.kind == kind),
                Some(reference) => match self.event_api(reference) {
                    Some(index) if self.apis[index].kind == kind => Some(index),
                    _ => {
                        self.unresolved.push(UnresolvedEvent { event, kind, reference });
                        continue;
                    }
                },
            };
            let Some(api) = api else { continue };
            let route = self.event_route(api, kind, event, owner);
            self.place_event_route(route);
        }
    }

    fn event_route(&self, api: usize, kind: ApiKind, event: SamEvent<'t>, owner: &'t Resource<'t>) -> Route<'t> {
        let method_node = event.property("Method");
        let path_node = event.property("Path");
        let default_route = kind == ApiKind::Http && method_node.is_none() && path_node.is_none();
        let (method, path) = if default_route {
            (Some("ANY".to_owned()), Some(DEFAULT_ROUTE.to_owned()))
        } else {
            (
                method_node.and_then(|m| single_string(self, m)).map(|m| m.to_ascii_uppercase()),
                path_node.and_then(|p| single_string(self, p)),
            )
        };
        let mut integration = Integration::new(IntegrationDeclaration::SamEvent, IntegrationKind::AwsProxy);
        if owner.type_name == Some("AWS::Serverless::StateMachine") {
            integration.kind = IntegrationKind::Aws;
            integration.state_machine = Some(owner.name);
        } else {
            integration.function = Some(owner.name);
        }
        integration.timeout = event.property("TimeoutInMillis").map(Located::in_template);
        integration.payload_format_version = event.property("PayloadFormatVersion").map(Located::in_template);
        let auth_node = event.property("Auth");
        let is_options = method.as_deref() == Some("OPTIONS");
        let (api_key_required, api_key_node) = self.event_api_key(api, kind, auth_node);
        Route {
            api,
            declaration: RouteDeclaration::SamEvent(event),
            event: None,
            method,
            method_node: method_node.map(Located::in_template),
            path,
            path_node: path_node.map(Located::in_template),
            integration: Some(integration),
            auth: self.event_auth(api, auth_node, is_options),
            api_key_required,
            api_key_node,
        }
    }

    /// An event's authorization: its `Auth.Authorizer`, else the API's `DefaultAuthorizer`.
    /// When the API's definition was not read, a route without either may be protected there.
    fn event_auth(&self, index: usize, auth: Option<&'t Node>, is_options: bool) -> RouteAuth<'t> {
        let api = &self.apis[index];
        let scopes = auth.and_then(|a| a.get("AuthorizationScopes")).map(Located::in_template);
        let mut route_auth = match (auth.and_then(|a| a.get("Authorizer")), api.default_authorizer) {
            (Some(node), _) => self.named_authorizer_auth(api, node, AuthSource::Route),
            (None, Some(default)) if default_authorizer_applies(api, is_options) => {
                self.named_authorizer_auth(api, default, AuthSource::ApiDefault)
            }
            (None, Some(_)) => RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
            (None, None) if !api.routes_are_known() => RouteAuth::unknown(),
            (None, None) => RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
        };
        if route_auth.scopes.is_none() {
            route_auth.scopes = scopes;
        }
        route_auth
    }

    /// An event's API key requirement: its `Auth.ApiKeyRequired`, else the API's; HTTP APIs
    /// have no API keys.
    fn event_api_key(
        &self,
        index: usize,
        kind: ApiKind,
        auth: Option<&'t Node>,
    ) -> (Option<bool>, Option<Located<'t>>) {
        if kind != ApiKind::Rest {
            return (Some(false), None);
        }
        let node = auth.and_then(|a| a.get("ApiKeyRequired")).or(self.apis[index].api_key_required);
        match node {
            Some(node) => (node.as_bool(), Some(Located::in_template(node))),
            None => (Some(false), None),
        }
    }

    /// An `AWS::Serverless::WebSocketApi`: its stage (`default` unless `StageName` says) and
    /// the authorizer its `Auth` puts on `$connect`, named as the one SAM generates.
    fn sam_websocket_api(&self, resource: &'t Resource<'t>) -> Api<'t> {
        let properties = resource.properties.as_deref();
        let get = |key: &str| properties.and_then(|p| p.get(key));
        let mut api = Api::new(resource.name.to_owned(), ApiKind::WebSocket, ApiDeclaration::Sam(resource), properties);
        let mut stage = Stage::new(StageDeclaration::Sam(resource));
        stage.name = get("StageName");
        if stage.name.is_none() {
            stage.implied_name = Some("default");
        }
        stage.variables = get("StageVariables");
        stage.method_settings = get("RouteSettings");
        stage.default_route_settings = get("DefaultRouteSettings");
        api.stages.push(stage);
        if let Some(auth) = get("Auth").filter(|a| a.get("AuthArn").is_some()) {
            let name = format!("{}ConnectAuthorizer", resource.name);
            let name_span = auth.get("AuthArn").map_or(resource.name_span, |n| n.span);
            let mut authorizer = Authorizer::new(name, name_span, Origin::Template, AuthorizerDeclaration::Sam, auth);
            authorizer.kind = AuthorizerKind::Request;
            authorizer.function_node = auth.get("AuthArn");
            authorizer.function = authorizer.function_node.and_then(|f| self.function_name(f));
            authorizer.identity_source = auth.get("IdentitySource");
            authorizer.credentials = auth.get("InvokeRole");
            api.authorizers.push(authorizer);
        }
        api
    }

    /// The routes of every `AWS::Serverless::WebSocketApi`: one per entry of `Routes`, with
    /// the API's `Auth` on `$connect`, where WebSocket APIs authorize.
    pub(super) fn sam_websocket_routes(&mut self) {
        for index in 0..self.apis.len() {
            let api = &self.apis[index];
            let ApiDeclaration::Sam(resource) = api.declaration else { continue };
            if resource.type_name != Some(SAM_WEBSOCKET_API) {
                continue;
            }
            let Some(routes) = api.property("Routes").and_then(Node::as_map) else { continue };
            let auth = api.property("Auth");
            let mut built = Vec::new();
            for entry in &routes.entries {
                let node = &entry.value;
                let mut integration = Integration::new(IntegrationDeclaration::SamRoute, IntegrationKind::AwsProxy);
                integration.uri = node.get("FunctionArn").map(Located::in_template);
                integration.function = integration.uri.and_then(|uri| self.function_name(uri.node));
                integration.timeout = node.get("IntegrationTimeout").map(Located::in_template);
                let route_auth = if entry.key == "$connect" {
                    self.websocket_connect_auth(api, auth)
                } else {
                    RouteAuth::new(AuthKind::None, AuthSource::NotConfigured)
                };
                let (api_key_required, api_key_node) = match node.get("ApiKeyRequired") {
                    Some(key) => (key.as_bool(), Some(Located::in_template(key))),
                    None => (Some(false), None),
                };
                built.push(Route {
                    api: index,
                    declaration: RouteDeclaration::SamRoute { name_span: entry.key_span, node },
                    event: None,
                    method: None,
                    method_node: None,
                    path: Some(entry.key.to_string()),
                    path_node: None,
                    integration: Some(integration),
                    auth: route_auth,
                    api_key_required,
                    api_key_node,
                });
            }
            self.routes.extend(built);
        }
    }

    fn websocket_connect_auth(&self, api: &Api<'t>, auth: Option<&'t Node>) -> RouteAuth<'t> {
        let Some(auth_type) = auth.and_then(|a| a.get("AuthType")) else {
            return RouteAuth::new(AuthKind::None, AuthSource::NotConfigured);
        };
        let mut route_auth = match single_string(self, auth_type).map(|t| t.to_ascii_uppercase()).as_deref() {
            Some("NONE") => RouteAuth::new(AuthKind::None, AuthSource::Route),
            Some("AWS_IAM") => RouteAuth::new(AuthKind::Iam, AuthSource::Route),
            Some("CUSTOM") => {
                let mut route_auth = RouteAuth::new(AuthKind::Authorizer, AuthSource::Route);
                route_auth.authorizer = (!api.authorizers.is_empty()).then_some(0);
                route_auth.authorizer_name = api.authorizers.first().map(|a| a.name.clone());
                route_auth
            }
            _ => RouteAuth::unknown(),
        };
        route_auth.node = Some(Located::in_template(auth_type));
        route_auth
    }

    /// The `OPTIONS` methods SAM adds to a REST API with `Cors`: a mock integration on every
    /// path that has no `OPTIONS` of its own, with the default authorizer and API key unless
    /// `AddDefaultAuthorizerToCorsPreflight`/`AddApiKeyRequiredToCorsPreflight` turn them off.
    /// SAM can only add them to a definition written in the template.
    pub(super) fn cors_preflights(&mut self) {
        for index in 0..self.apis.len() {
            let api = &self.apis[index];
            let Some(cors) = api.cors else { continue };
            let editable = match api.definition {
                Definition::None => true,
                Definition::Read(document) => document.origin.is_template(),
                Definition::Unread(_) => false,
            };
            if api.kind != ApiKind::Rest || !api.is_sam() || !editable {
                continue;
            }
            let mut paths: Vec<&str> = Vec::new();
            for route in self.routes.iter().filter(|r| r.api == index) {
                if let Some(path) = route.path.as_deref() {
                    if !paths.contains(&path) {
                        paths.push(path);
                    }
                }
            }
            paths.retain(|path| {
                !self.routes.iter().any(|r| r.api == index && r.path.as_deref() == Some(path) && r.is_options())
            });
            let auth = match api.default_authorizer {
                Some(default) if !sam_flag_is_false(api.default_authorizer_on_preflight) => {
                    self.named_authorizer_auth(api, default, AuthSource::ApiDefault)
                }
                _ => RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
            };
            let key_on_preflight =
                !sam_flag_is_false(api.property("Auth").and_then(|a| a.get("AddApiKeyRequiredToCorsPreflight")));
            let (api_key_required, api_key_node) = match api.api_key_required {
                Some(node) if key_on_preflight => (node.as_bool(), Some(Located::in_template(node))),
                _ => (Some(false), None),
            };
            let preflights: Vec<Route<'t>> = paths
                .into_iter()
                .map(|path| Route {
                    api: index,
                    declaration: RouteDeclaration::CorsPreflight(cors.node),
                    event: None,
                    method: Some("OPTIONS".to_owned()),
                    method_node: None,
                    path: Some(path.to_owned()),
                    path_node: None,
                    integration: Some(Integration::new(IntegrationDeclaration::CorsPreflight, IntegrationKind::Mock)),
                    auth: auth.clone(),
                    api_key_required,
                    api_key_node,
                })
                .collect();
            self.routes.extend(preflights);
        }
    }

    /// The API an event's `RestApiId`/`ApiId` names. SAM accepts `!Ref Api` and the logical id
    /// as a string, and nothing else: a parameter, `Fn::ImportValue` or a name that is not a
    /// resource of the template fails the transform.
    fn event_api(&self, reference: &Node) -> Option<usize> {
        let id = match reference.intrinsic() {
            Some(("Ref", name)) => name.as_str()?,
            Some(_) => return None,
            None => reference.as_str()?,
        };
        self.apis.iter().position(|a| a.id == id && !matches!(a.declaration, ApiDeclaration::External(_)))
    }

    /// Adds an event's route: as a name for the same route the API already has (from its
    /// definition or its resources), as a route of its own when SAM adds it or when the API's
    /// routes are not all known, and otherwise aside: SAM leaves an API's own definition alone.
    fn place_event_route(&mut self, route: Route<'t>) {
        let RouteDeclaration::SamEvent(event) = route.declaration else {
            return;
        };
        let same = self
            .routes
            .iter()
            .position(|r| r.api == route.api && r.method.is_some() && r.method == route.method && r.path == route.path);
        if let Some(index) = same {
            let overrides =
                event.property("Auth").and_then(|a| a.get("OverrideApiAuth")).and_then(Node::as_bool).unwrap_or(false);
            let writes_definition = self.apis[route.api].events_add_routes;
            // With `MergeDefinitions`, SAM merges the definition it builds from events over the
            // one written (REST APIs only); HTTP APIs keep an integration the definition has.
            let merges_over_definition = self.apis[route.api].kind == ApiKind::Rest;
            let existing = &mut self.routes[index];
            if existing.has_sam_event() {
                // SAM adds each event's route itself on the APIs it builds, and fails on the second
                // one; keep both so that rules see the duplicate. On an API with its own
                // definition, more events for one route only add permissions.
                if matches!(existing.declaration, RouteDeclaration::SamEvent(_)) {
                    self.routes.push(route);
                }
                return;
            }
            existing.event = Some(event);
            let event_auth = event.property("Auth");
            if writes_definition {
                // SAM gives the route the event's Lambda integration, and the event's authorizer
                // when it names one.
                if merges_over_definition || existing.integration.is_none() {
                    existing.integration = route.integration;
                }
                if event_auth.and_then(|a| a.get("Authorizer")).is_some() {
                    existing.auth = route.auth.clone();
                }
                if event_auth.and_then(|a| a.get("ApiKeyRequired")).is_some() {
                    existing.api_key_required = route.api_key_required;
                    existing.api_key_node = route.api_key_node;
                }
            }
            if overrides {
                existing.auth = route.auth;
                existing.api_key_required = route.api_key_required;
                existing.api_key_node = route.api_key_node;
            }
            return;
        }
        let api = &self.apis[route.api];
        if api.events_add_routes || !api.routes_are_known() {
            self.routes.push(route);
        } else {
            self.orphans.push(route);
        }
    }
}

/// Whether SAM's `OpenApiVersion` asks for OpenAPI 3 (`3.0`, `3.0.1`), which drops the extra
/// `Stage` stage.
fn is_openapi_3(version: Option<&Node>) -> bool {
    let Some(text) = version.and_then(Node::as_scalar_string) else { return false };
    let mut parts = text.split('.');
    let single_digit = |part: Option<&str>| part.is_some_and(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()));
    parts.next() == Some("3") && single_digit(parts.next()) && {
        let third = parts.next();
        (third.is_none() || single_digit(third)) && parts.next().is_none()
    }
}
