//! OpenAPI (and Swagger 2) definitions with API Gateway's extensions: the operations under
//! `paths` (including `x-amazon-apigateway-any-method` and paths wrapped in `Fn::If`), their
//! `x-amazon-apigateway-integration` and `security`, the security schemes that carry
//! `x-amazon-apigateway-authorizer`, and the API-wide extensions (resource policy, binary media
//! types, CORS, API key source).

use crate::span::Span;
use crate::syntax::{Node, Value};

use super::includes::DefinitionSource;
use super::{
    ApiKind, AuthKind, AuthSource, Authorizer, AuthorizerDeclaration, AuthorizerKind, Builder, Cors, CorsForm,
    Definition, Document, Integration, IntegrationDeclaration, IntegrationKind, Located, Operation, Origin, Route,
    RouteAuth, RouteDeclaration,
};

/// Operation keys of an OpenAPI path item, and the method each stands for.
pub const OPERATION_KEYS: [(&str, &str); 9] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    ("trace", "TRACE"),
    ("x-amazon-apigateway-any-method", "ANY"),
];

/// Keys of a path item that are not operations.
pub const PATH_ITEM_KEYS: [&str; 5] = ["parameters", "summary", "description", "servers", "$ref"];

/// The method an operation key stands for (`get` → `GET`), in any case.
pub fn operation_method(key: &str) -> Option<&'static str> {
    OPERATION_KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, m)| *m)
}

/// One operation of a definition, with its path and method.
#[derive(Clone, Debug)]
pub struct DefinitionOperation<'t> {
    pub path: &'t str,
    pub method: &'static str,
    pub operation: Operation<'t>,
}

/// Every operation of a definition, in document order. A path item written as
/// `Fn::If: [Condition, Item, Item]` contributes the operations of both branches once.
pub fn operations<'t>(document: Document<'t>) -> Vec<DefinitionOperation<'t>> {
    let mut out: Vec<DefinitionOperation<'t>> = Vec::new();
    let Some(paths) = document.root.get("paths").and_then(Node::as_map) else {
        return out;
    };
    for entry in &paths.entries {
        for item in path_item_branches(&entry.value) {
            let Some(item) = item.as_map() else { continue };
            for operation in &item.entries {
                let Some(method) = operation_method(&operation.key) else {
                    continue;
                };
                // SAM writes the operations of conditional functions as `Fn::If: [Condition,
                // Operation, AWS::NoValue]`; the operation is the branch that is a mapping.
                let Some(node) = path_item_branches(&operation.value).into_iter().find(|n| n.as_map().is_some()) else {
                    continue;
                };
                if out.iter().any(|o| o.path == entry.key && o.method == method) {
                    continue;
                }
                out.push(DefinitionOperation {
                    path: &entry.key,
                    method,
                    operation: Operation {
                        node,
                        path_span: entry.key_span,
                        method_span: operation.key_span,
                        origin: document.origin,
                    },
                });
            }
        }
    }
    out
}

/// The mappings a path item (or an operation) can be: itself, or the branches of an `Fn::If`.
pub fn path_item_branches(item: &Node) -> Vec<&Node> {
    match item.intrinsic() {
        Some(("Fn::If", args)) => match args.as_seq() {
            Some([_, when_true, when_false]) => {
                let mut out = path_item_branches(when_true);
                out.extend(path_item_branches(when_false));
                out
            }
            _ => Vec::new(),
        },
        Some(_) => Vec::new(),
        None => vec![item],
    }
}

/// The security schemes of a definition: Swagger 2's `securityDefinitions` or OpenAPI 3's
/// `components.securitySchemes`.
pub fn security_schemes(root: &Node) -> Vec<(&str, Span, &Node)> {
    let mut out = Vec::new();
    for schemes in [root.get("securityDefinitions"), root.get("components").and_then(|c| c.get("securitySchemes"))] {
        let Some(map) = schemes.and_then(Node::as_map) else {
            continue;
        };
        out.extend(map.entries.iter().map(|e| (e.key.as_str(), e.key_span, &e.value)));
    }
    out
}

/// What a security scheme is to API Gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SchemeKind {
    /// `x-amazon-apigateway-authorizer`.
    Authorizer,
    /// `x-amazon-apigateway-authtype: awsSigv4`.
    Iam,
    /// `type: apiKey` in the `x-api-key` header with no authorizer: the API key requirement.
    ApiKey,
    /// A scheme API Gateway does not act on.
    Other,
}

fn scheme_kind(scheme: &Node) -> SchemeKind {
    if scheme.get("x-amazon-apigateway-authorizer").is_some() {
        return SchemeKind::Authorizer;
    }
    let text = |key: &str| scheme.get(key).and_then(Node::as_str);
    if text("x-amazon-apigateway-authtype").is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4")) {
        return SchemeKind::Iam;
    }
    if text("type").is_some_and(|t| t.eq_ignore_ascii_case("apiKey"))
        && text("name").is_some_and(|n| n.eq_ignore_ascii_case("x-api-key"))
        && text("in").is_some_and(|i| i.eq_ignore_ascii_case("header"))
    {
        return SchemeKind::ApiKey;
    }
    SchemeKind::Other
}

impl<'t, 'f> Builder<'t, 'f> {
    /// How a definition property (`DefinitionBody`, `DefinitionUri`, `Body`) gives the
    /// definition, reading included files when they were loaded.
    pub(super) fn definition_of(&self, property: &str, node: &'t Node) -> Definition<'t> {
        let source = DefinitionSource::of(property, node);
        match source {
            DefinitionSource::Inline(root) if root.as_map().is_some() => {
                Definition::Read(Document { root, origin: Origin::Template })
            }
            DefinitionSource::Inline(_) | DefinitionSource::Unknown(_) => Definition::Unread(node),
            DefinitionSource::Include { location } | DefinitionSource::Uri(location) => {
                match self.includes.and_then(|includes| includes.document_for(&source)) {
                    Some((file, root)) => {
                        Definition::Read(Document { root, origin: Origin::Included { location, file } })
                    }
                    None => Definition::Unread(location),
                }
            }
        }
    }

    /// The API-wide settings and the authorizers of every definition that was read.
    pub(super) fn definitions(&mut self) {
        for index in 0..self.apis.len() {
            let Definition::Read(document) = self.apis[index].definition else {
                continue;
            };
            let located = |node: &'t Node| Located { node, origin: document.origin };
            let root = document.root;
            let mut authorizers = Vec::new();
            for (name, name_span, scheme) in security_schemes(root) {
                let Some(config) = scheme.get("x-amazon-apigateway-authorizer") else {
                    continue;
                };
                authorizers.push(self.definition_authorizer(name, name_span, config, document.origin));
            }
            let api = &mut self.apis[index];
            api.authorizers.extend(authorizers);
            if let Some(policy) = root.get("x-amazon-apigateway-policy") {
                api.resource_policy.get_or_insert(located(policy));
            }
            if let Some(types) = root.get("x-amazon-apigateway-binary-media-types") {
                api.binary_media_types.push(located(types));
            }
            if let Some(source) = root.get("x-amazon-apigateway-api-key-source") {
                api.api_key_source.get_or_insert(located(source));
            }
            if api.kind == ApiKind::Http {
                if let Some(cors) = root.get("x-amazon-apigateway-cors").filter(|c| c.as_map().is_some()) {
                    api.cors.get_or_insert(Cors::from_mapping(
                        CorsForm::OpenApi,
                        located(cors),
                        ["allowOrigins", "allowCredentials", "allowMethods", "allowHeaders"],
                    ));
                }
            }
        }
    }

    fn definition_authorizer(
        &self,
        name: &str,
        name_span: Span,
        config: &'t Node,
        origin: Origin<'t>,
    ) -> Authorizer<'t> {
        let mut authorizer =
            Authorizer::new(name.to_owned(), name_span, origin, AuthorizerDeclaration::OpenApi, config);
        authorizer.type_node = config.get("type");
        authorizer.kind =
            authorizer.type_node.and_then(Node::as_str).map_or(AuthorizerKind::Unknown, AuthorizerKind::parse);
        authorizer.function_node = config.get("authorizerUri");
        authorizer.function = authorizer.function_node.and_then(|uri| self.function_name(uri));
        authorizer.credentials = config.get("authorizerCredentials");
        authorizer.identity_source = config.get("identitySource");
        authorizer.provider_arns = config.get("providerARNs");
        authorizer.ttl = config.get("authorizerResultTtlInSeconds");
        let jwt = config.get("jwtConfiguration");
        authorizer.jwt_issuer = jwt.and_then(|j| j.get("issuer"));
        authorizer.jwt_audience = jwt.and_then(|j| j.get("audience"));
        authorizer
    }

    /// One route per operation of every definition that was read.
    pub(super) fn definition_routes(&mut self) {
        for index in 0..self.apis.len() {
            let Definition::Read(document) = self.apis[index].definition else {
                continue;
            };
            for operation in operations(document) {
                let route = self.definition_route(index, document, &operation);
                self.routes.push(route);
            }
        }
    }

    fn definition_route(&self, api: usize, document: Document<'t>, operation: &DefinitionOperation<'t>) -> Route<'t> {
        let op = operation.operation;
        let (auth, api_key_required, api_key_node) = self.definition_auth(api, document, operation);
        Route {
            api,
            declaration: RouteDeclaration::OpenApi(op),
            event: None,
            method: Some(operation.method.to_owned()),
            method_node: None,
            path: Some(operation.path.to_owned()),
            path_node: None,
            integration: op
                .node
                .get("x-amazon-apigateway-integration")
                .map(|i| self.definition_integration(i, op.origin)),
            auth,
            api_key_required,
            api_key_node,
        }
    }

    fn definition_integration(&self, node: &'t Node, origin: Origin<'t>) -> Integration<'t> {
        let located = |key: &str| node.get(key).map(|n| Located { node: n, origin });
        let type_node = located("type");
        let kind = type_node.and_then(|t| t.node.as_str()).map_or(IntegrationKind::Unknown, IntegrationKind::parse);
        let mut integration = Integration::new(IntegrationDeclaration::OpenApi, kind);
        integration.node = Some(Located { node, origin });
        integration.type_node = type_node;
        integration.http_method = located("httpMethod");
        integration.uri = located("uri");
        integration.function = integration.uri.and_then(|uri| self.function_name(uri.node));
        integration.timeout = located("timeoutInMillis");
        integration.payload_format_version = located("payloadFormatVersion");
        integration.cache_key_parameters = located("cacheKeyParameters");
        integration.credentials = located("credentials");
        integration
    }

    /// A definition operation's authorization and API key requirement. SAM's
    /// `DefaultAuthorizer` goes on every operation that names no authorizer (and no `NONE`) in
    /// its own `security`, which overrides the definition's top-level `security`; without it,
    /// the operation's `security` applies, else the definition's.
    fn definition_auth(
        &self,
        index: usize,
        document: Document<'t>,
        operation: &DefinitionOperation<'t>,
    ) -> (RouteAuth<'t>, Option<bool>, Option<Located<'t>>) {
        let api = &self.apis[index];
        let origin = document.origin;
        let schemes = security_schemes(document.root);
        let own = operation
            .operation
            .node
            .get("security")
            .map(|s| self.classify(api, &schemes, s, origin, AuthSource::Route));
        let top = document
            .root
            .get("security")
            .map(|s| self.classify(api, &schemes, s, origin, AuthSource::DefinitionDefault));
        let default = api.default_authorizer.filter(|_| default_authorizer_applies(api, operation.method == "OPTIONS"));
        let auth = match (&own, default) {
            (Some(own), _) if own.auth.is_some() => own.auth.clone().unwrap_or_else(RouteAuth::unknown),
            (Some(own), _) if own.opted_out => own.none(true),
            (_, Some(default)) => self.named_authorizer_auth(api, default, AuthSource::ApiDefault),
            (Some(own), None) if own.unknown => RouteAuth::unknown(),
            // An empty `security` under a top-level one is how OpenAPI makes an operation public.
            (Some(own), None) => own.none(top.is_some()),
            (None, None) => match &top {
                Some(top) if top.auth.is_some() => top.auth.clone().unwrap_or_else(RouteAuth::unknown),
                Some(top) if top.opted_out => top.none(true),
                Some(top) if top.unknown => RouteAuth::unknown(),
                Some(top) => top.none(false),
                None => RouteAuth::new(AuthKind::None, AuthSource::NotConfigured),
            },
        };
        let governing = own.as_ref().or(top.as_ref());
        let (required, key_node) = match governing {
            Some(security) if security.api_key.is_some() => {
                (Some(true), security.api_key.map(|node| Located { node, origin }))
            }
            Some(security) if security.unknown && api.api_key_required.is_none() => (None, None),
            _ => match api.api_key_required {
                Some(node) => (node.as_bool(), Some(Located::in_template(node))),
                None => (Some(false), None),
            },
        };
        (auth, required, key_node)
    }

    /// What one `security` list asks for.
    fn classify(
        &self,
        api: &super::Api<'t>,
        schemes: &[(&str, Span, &Node)],
        security: &'t Node,
        origin: Origin<'t>,
        source: AuthSource,
    ) -> Security<'t> {
        let mut out = Security {
            node: Located { node: security, origin },
            source,
            auth: None,
            opted_out: false,
            unknown: security.as_seq().is_none(),
            api_key: None,
        };
        for requirement in security.as_seq().unwrap_or_default() {
            let Some(requirement) = requirement.as_map() else {
                out.unknown = true;
                continue;
            };
            for entry in &requirement.entries {
                let name = entry.key.as_str();
                let at = Located { node: &entry.value, origin };
                let scheme = schemes.iter().find(|(n, _, _)| *n == name).map(|(_, _, s)| scheme_kind(s));
                if let Some(position) = api.authorizers.iter().position(|a| a.name == name) {
                    let mut auth = RouteAuth::new(AuthKind::Authorizer, source);
                    auth.authorizer_name = Some(name.to_owned());
                    auth.authorizer = Some(position);
                    auth.node = Some(at);
                    auth.scopes = Some(at);
                    out.auth.get_or_insert(auth);
                } else if name == "NONE" && scheme.is_none() {
                    out.opted_out = true;
                } else if scheme == Some(SchemeKind::Iam) || (name == "AWS_IAM" && scheme.is_none()) {
                    let mut auth = RouteAuth::new(AuthKind::Iam, source);
                    auth.node = Some(at);
                    out.auth.get_or_insert(auth);
                } else if scheme == Some(SchemeKind::ApiKey) {
                    out.api_key = Some(&entry.value);
                } else {
                    out.unknown = true;
                }
            }
        }
        out
    }

    /// The authorization a SAM authorizer name gives (`Auth.Authorizer`, `DefaultAuthorizer`):
    /// `NONE`, `AWS_IAM`, or an authorizer of the API; unknown when the name is not a string.
    pub(super) fn named_authorizer_auth(
        &self,
        api: &super::Api<'t>,
        node: &'t Node,
        source: AuthSource,
    ) -> RouteAuth<'t> {
        let Some(name) = single_string(self, node) else {
            return RouteAuth::unknown();
        };
        let defined = api.authorizers.iter().position(|a| a.name == name);
        let mut auth = match name.as_str() {
            // An authorizer of the API may itself be called `AWS_IAM`; it wins over the built-in.
            _ if defined.is_some() => {
                let mut auth = RouteAuth::new(AuthKind::Authorizer, source);
                auth.authorizer = defined;
                auth.authorizer_name = Some(name);
                auth
            }
            "NONE" => {
                let mut auth = RouteAuth::new(AuthKind::None, source);
                auth.opted_out = source == AuthSource::Route;
                auth
            }
            "AWS_IAM" => RouteAuth::new(AuthKind::Iam, source),
            _ => {
                let mut auth = RouteAuth::new(AuthKind::Authorizer, source);
                auth.authorizer = api.authorizers.iter().position(|a| a.name == name);
                auth.authorizer_name = Some(name);
                auth
            }
        };
        auth.node = Some(Located::in_template(node));
        auth
    }
}

/// The one string a node can be, through parameters and conditions; `None` when it can be
/// several or is unknown.
pub(super) fn single_string(builder: &Builder, node: &Node) -> Option<String> {
    if let Value::String(text) = &node.value {
        return Some(text.to_string());
    }
    let values = builder.template.possible_strings(node)?;
    let first = values.first()?.0.clone();
    values.iter().all(|(v, _)| *v == first).then_some(first)
}

/// Whether a SAM boolean switch is written as false.
pub(super) fn sam_flag_is_false(node: Option<&Node>) -> bool {
    node.and_then(Node::as_bool) == Some(false)
}

/// Whether SAM puts an API's `DefaultAuthorizer` on a route: on every REST route, `OPTIONS`
/// included unless `AddDefaultAuthorizerToCorsPreflight` is false; on HTTP API routes other
/// than `OPTIONS`, which browsers send without credentials.
pub(super) fn default_authorizer_applies(api: &super::Api, is_options: bool) -> bool {
    match api.kind {
        ApiKind::Rest => !(is_options && sam_flag_is_false(api.default_authorizer_on_preflight)),
        ApiKind::Http | ApiKind::WebSocket => !is_options,
    }
}

/// What a `security` list of a definition asks for.
struct Security<'t> {
    node: Located<'t>,
    source: AuthSource,
    /// The first authorizer or IAM requirement.
    auth: Option<RouteAuth<'t>>,
    /// SAM's `NONE` pseudo-scheme.
    opted_out: bool,
    /// A requirement API Gateway does not act on, or a list that is not one.
    unknown: bool,
    /// The API key requirement.
    api_key: Option<&'t Node>,
}

impl<'t> Security<'t> {
    /// No authorization, as this list says (an empty list, or SAM's `NONE`).
    fn none(&self, opted_out: bool) -> RouteAuth<'t> {
        let mut auth = RouteAuth::new(AuthKind::None, self.source);
        auth.opted_out = opted_out;
        auth.node = Some(self.node);
        auth
    }
}
