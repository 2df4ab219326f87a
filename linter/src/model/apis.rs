//! API Gateway APIs and their routes, one model whichever of the four ways a template writes
//! them: SAM `Api`/`HttpApi` events (on an implicit or an explicit API), raw
//! `AWS::ApiGateway::*` resources, raw `AWS::ApiGatewayV2::*` resources, and an OpenAPI
//! `DefinitionBody`/`Body` (inline, or an `AWS::Include`/`DefinitionUri` file beside the
//! template when the caller gives the template's folder).
//!
//! Every route is resolved to its API, its stages, its integration (with the Lambda function
//! it invokes), its authorization and whether it needs an API key. Every setting keeps the
//! node it was written at, so that rules can point at it; nodes read from an included file
//! carry an [`Origin`] that says which template node to point at instead.
//!
//! The model follows what SAM and API Gateway do: an explicit SAM API with its own
//! `DefinitionBody` serves the paths of that definition, and an event whose route the
//! definition lacks adds only a permission (those events are kept in
//! [`Apis::events_outside_definition`]); SAM's `DefaultAuthorizer` and `ApiKeyRequired` apply to
//! every route of the API unless a route opts out.

mod http;
mod includes;
mod lambda_uri;
pub mod openapi;
pub mod paths;
mod rest;
mod sam;
#[cfg(test)]
mod tests;

pub use includes::{DefinitionSource, IncludeProblem, IncludedFile, Includes};
pub use lambda_uri::{function_in_uri, stage_variables, uri_shape, UriShape, LAMBDA_PATH_VERSION};

use crate::span::Span;
use crate::syntax::Node;
use crate::template::{Resource, Template};

use super::functions::Functions;
use super::targets::target_of;

/// The logical id SAM gives the REST API it creates for `Api` events without `RestApiId`.
pub const IMPLICIT_REST_API: &str = "ServerlessRestApi";
/// The logical id SAM gives the HTTP API it creates for `HttpApi` events without `ApiId`.
pub const IMPLICIT_HTTP_API: &str = "ServerlessHttpApi";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKind {
    /// API Gateway v1: `AWS::ApiGateway::RestApi`, SAM `AWS::Serverless::Api`.
    Rest,
    /// API Gateway v2 with `ProtocolType: HTTP`, SAM `AWS::Serverless::HttpApi`.
    Http,
    /// API Gateway v2 with `ProtocolType: WEBSOCKET`.
    WebSocket,
}

impl ApiKind {
    pub fn describe(self) -> &'static str {
        match self {
            ApiKind::Rest => "REST API",
            ApiKind::Http => "HTTP API",
            ApiKind::WebSocket => "WebSocket API",
        }
    }

    /// The API type as API Gateway's consoles name it: `REST`, `HTTP`, `WEBSOCKET`.
    pub fn type_name(self) -> &'static str {
        match self {
            ApiKind::Rest => "REST",
            ApiKind::Http => "HTTP",
            ApiKind::WebSocket => "WEBSOCKET",
        }
    }

    /// The integration timeout when `TimeoutInMillis` is not set.
    pub fn default_integration_timeout_ms(self) -> f64 {
        match self {
            ApiKind::Rest | ApiKind::WebSocket => 29_000.0,
            ApiKind::Http => 30_000.0,
        }
    }
}

/// How an API is declared.
#[derive(Clone, Copy, Debug)]
pub enum ApiDeclaration<'t> {
    /// `AWS::Serverless::Api` or `AWS::Serverless::HttpApi`.
    Sam(&'t Resource<'t>),
    /// The API SAM creates for events that name none (`ServerlessRestApi`, `ServerlessHttpApi`),
    /// configured by the `Globals` section's `Api`/`HttpApi`.
    Implicit,
    /// `AWS::ApiGateway::RestApi` or `AWS::ApiGatewayV2::Api`.
    Resource(&'t Resource<'t>),
    /// An API the template refers to but does not declare (a parameter, `Fn::ImportValue`).
    External(&'t Node),
}

/// Where an API's OpenAPI definition comes from.
#[derive(Clone, Copy, Debug)]
pub enum Definition<'t> {
    /// No definition: SAM builds it from events, or raw resources declare the methods.
    None,
    /// A definition the model read, in the template or in an included file.
    Read(Document<'t>),
    /// A definition the model could not read: an S3 location, a local file it was not given the
    /// folder for, an intrinsic function. Routes beyond the events are unknown.
    Unread(&'t Node),
}

/// An OpenAPI document and where it was read from.
#[derive(Clone, Copy, Debug)]
pub struct Document<'t> {
    pub root: &'t Node,
    pub origin: Origin<'t>,
}

/// Where a node was read from: the template, or a file an `AWS::Include` or `DefinitionUri`
/// names. Spans of included nodes are offsets into that file.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'t> {
    Template,
    Included {
        /// The template's `Location`/`DefinitionUri` value.
        location: &'t Node,
        file: &'t IncludedFile,
    },
}

impl<'t> Origin<'t> {
    /// Where to point in the template for a node read from this origin.
    pub fn span_in_template(&self, span: Span) -> Span {
        match self {
            Origin::Template => span,
            Origin::Included { location, .. } => location.span,
        }
    }

    pub fn is_template(&self) -> bool {
        matches!(self, Origin::Template)
    }
}

/// A node and where it was read from.
#[derive(Clone, Copy, Debug)]
pub struct Located<'t> {
    pub node: &'t Node,
    pub origin: Origin<'t>,
}

impl<'t> Located<'t> {
    pub fn in_template(node: &'t Node) -> Self {
        Located { node, origin: Origin::Template }
    }

    /// The span to report at: the node's own, or the include's location.
    pub fn span(&self) -> Span {
        self.origin.span_in_template(self.node.span)
    }

    pub fn get(&self, key: &str) -> Option<Located<'t>> {
        Some(Located { node: self.node.get(key)?, origin: self.origin })
    }
}

/// One API Gateway API.
#[derive(Clone, Debug)]
pub struct Api<'t> {
    /// The logical id (`ServerlessRestApi` for SAM's implicit API); for an external API, how
    /// the template refers to it.
    pub id: String,
    pub kind: ApiKind,
    pub declaration: ApiDeclaration<'t>,
    /// The resource's properties (SAM Globals merged in); for an implicit API, the `Globals`
    /// section's `Api`/`HttpApi`.
    pub properties: Option<&'t Node>,
    pub definition: Definition<'t>,
    /// Whether SAM adds the routes of `Api`/`HttpApi` events to the definition: implicit APIs,
    /// explicit ones without `DefinitionBody`/`DefinitionUri`, and those with `MergeDefinitions`.
    pub events_add_routes: bool,
    /// REST `EndpointConfiguration`: SAM's string or `{Type: …}`, CloudFormation's `{Types: […]}`.
    pub endpoint_configuration: Option<&'t Node>,
    /// The resource policy: `Policy`, SAM `Auth.ResourcePolicy`, or the definition's
    /// `x-amazon-apigateway-policy`.
    pub resource_policy: Option<Located<'t>>,
    /// Lists of binary media types: `BinaryMediaTypes`, the definition's
    /// `x-amazon-apigateway-binary-media-types`.
    pub binary_media_types: Vec<Located<'t>>,
    pub cors: Option<Cors<'t>>,
    /// `ApiKeySourceType` or the definition's `x-amazon-apigateway-api-key-source`.
    pub api_key_source: Option<Located<'t>>,
    /// SAM `Auth.DefaultAuthorizer`.
    pub default_authorizer: Option<&'t Node>,
    /// SAM `Auth.ApiKeyRequired`: every route needs a key unless it opts out.
    pub api_key_required: Option<&'t Node>,
    /// SAM `Auth.AddDefaultAuthorizerToCorsPreflight` (default true).
    pub default_authorizer_on_preflight: Option<&'t Node>,
    /// SAM HTTP API `Auth.EnableIamAuthorizer`, which makes `AWS_IAM` usable as an authorizer name.
    pub iam_authorizer_enabled: Option<&'t Node>,
    /// SAM `Auth.UsagePlan`.
    pub sam_usage_plan: Option<&'t Node>,
    pub authorizers: Vec<Authorizer<'t>>,
    pub stages: Vec<Stage<'t>>,
    /// `AWS::ApiGateway::Deployment`/`AWS::ApiGatewayV2::Deployment` resources of this API.
    pub deployments: Vec<&'t Resource<'t>>,
    /// Usage plan entries that name this API.
    pub usage_plans: Vec<UsagePlanLink<'t>>,
}

impl<'t> Api<'t> {
    fn new(id: String, kind: ApiKind, declaration: ApiDeclaration<'t>, properties: Option<&'t Node>) -> Self {
        Api {
            id,
            kind,
            declaration,
            properties,
            definition: Definition::None,
            events_add_routes: false,
            endpoint_configuration: None,
            resource_policy: None,
            binary_media_types: Vec::new(),
            cors: None,
            api_key_source: None,
            default_authorizer: None,
            api_key_required: None,
            default_authorizer_on_preflight: None,
            iam_authorizer_enabled: None,
            sam_usage_plan: None,
            authorizers: Vec::new(),
            stages: Vec::new(),
            deployments: Vec::new(),
            usage_plans: Vec::new(),
        }
    }

    pub fn property(&self, key: &str) -> Option<&'t Node> {
        self.properties?.get(key)
    }

    pub fn resource(&self) -> Option<&'t Resource<'t>> {
        match self.declaration {
            ApiDeclaration::Sam(resource) | ApiDeclaration::Resource(resource) => Some(resource),
            _ => None,
        }
    }

    pub fn is_sam(&self) -> bool {
        matches!(self.declaration, ApiDeclaration::Sam(_) | ApiDeclaration::Implicit)
    }

    pub fn is_implicit(&self) -> bool {
        matches!(self.declaration, ApiDeclaration::Implicit)
    }

    /// The API's logical id in the template, if it has one there.
    pub fn name_span(&self) -> Option<Span> {
        match self.declaration {
            ApiDeclaration::Sam(resource) | ApiDeclaration::Resource(resource) => Some(resource.name_span),
            ApiDeclaration::External(node) => Some(node.span),
            ApiDeclaration::Implicit => None,
        }
    }

    /// "REST API `OrdersApi`", "the implicit HTTP API `ServerlessHttpApi`".
    pub fn label(&self) -> String {
        match self.declaration {
            ApiDeclaration::Implicit => {
                format!("the implicit {} `{}`", self.kind.describe(), self.id)
            }
            ApiDeclaration::External(_) => {
                format!("{} `{}` (not declared in this template)", self.kind.describe(), self.id)
            }
            _ => format!("{} `{}`", self.kind.describe(), self.id),
        }
    }

    pub fn authorizer(&self, name: &str) -> Option<&Authorizer<'t>> {
        self.authorizers.iter().find(|a| a.name == name)
    }

    /// Whether the model knows every route of the API: its definition, if any, was read.
    pub fn routes_are_known(&self) -> bool {
        !matches!(self.definition, Definition::Unread(_)) && !matches!(self.declaration, ApiDeclaration::External(_))
    }

    /// The node that gives the endpoint types: a SAM string or `Type`, or CloudFormation's `Types` list.
    pub fn endpoint_types_node(&self) -> Option<&'t Node> {
        let config = self.endpoint_configuration?;
        if config.as_str().is_some() || config.intrinsic().is_some() {
            return Some(config);
        }
        config.get("Types").or_else(|| config.get("Type"))
    }

    /// The endpoint types the API can be deployed with (`EDGE`, `REGIONAL`, `PRIVATE`), each with
    /// where it is written; `EDGE` at the API's name when none is given (the REST default).
    /// `None` for HTTP and WebSocket APIs (always regional) and when the value is unknown.
    pub fn endpoint_types(&self, template: &Template) -> Option<Vec<(String, Span)>> {
        if self.kind != ApiKind::Rest {
            return None;
        }
        let Some(node) = self.endpoint_types_node() else {
            let at = self.name_span().unwrap_or_default();
            return Some(vec![("EDGE".to_owned(), at)]);
        };
        let possible = template.possible_values(node)?;
        let mut out = Vec::new();
        for value in &possible.values {
            match value.as_seq() {
                Some(items) => {
                    for item in items {
                        let strings = template.possible_strings(item)?;
                        out.extend(strings.into_iter().map(|(s, span)| (s.to_ascii_uppercase(), span)));
                    }
                }
                None => out.push((value.as_scalar_string()?.to_ascii_uppercase(), value.span)),
            }
        }
        if possible.may_be_absent {
            out.push(("EDGE".to_owned(), node.span));
        }
        Some(out)
    }
}

/// CORS settings of an API.
#[derive(Clone, Copy, Debug)]
pub struct Cors<'t> {
    pub form: CorsForm,
    /// The whole setting: SAM `Cors` (a string or mapping), `CorsConfiguration`, or the
    /// definition's `x-amazon-apigateway-cors`.
    pub node: Located<'t>,
    /// SAM `AllowOrigin` (or the `Cors` string itself), `AllowOrigins`, `allowOrigins`.
    pub allow_origins: Option<Located<'t>>,
    pub allow_credentials: Option<Located<'t>>,
    pub allow_methods: Option<Located<'t>>,
    pub allow_headers: Option<Located<'t>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorsForm {
    /// SAM `AWS::Serverless::Api` `Cors`: values are quoted strings SAM puts in a mock
    /// integration (`"'*'"`).
    SamRest,
    /// SAM `AWS::Serverless::HttpApi` `CorsConfiguration` (`true`, or a mapping).
    SamHttp,
    /// `AWS::ApiGatewayV2::Api` `CorsConfiguration`.
    Http,
    /// `x-amazon-apigateway-cors` in an HTTP API definition.
    OpenApi,
}

impl<'t> Cors<'t> {
    fn from_mapping(form: CorsForm, node: Located<'t>, keys: [&str; 4]) -> Self {
        let [origins, credentials, methods, headers] = keys;
        Cors {
            form,
            node,
            allow_origins: node.get(origins),
            allow_credentials: node.get(credentials),
            allow_methods: node.get(methods),
            allow_headers: node.get(headers),
        }
    }
}

/// How a stage is declared.
#[derive(Clone, Copy, Debug)]
pub enum StageDeclaration<'t> {
    /// SAM's `StageName` (or the `$default` stage of a SAM HTTP API) on this resource.
    Sam(&'t Resource<'t>),
    /// The `Prod` stage of `ServerlessRestApi`, the `$default` stage of `ServerlessHttpApi`.
    Implicit,
    /// `AWS::ApiGateway::Stage` or `AWS::ApiGatewayV2::Stage`.
    Resource(&'t Resource<'t>),
    /// A stage a `Deployment` creates through its `StageName`.
    Deployment(&'t Resource<'t>),
    /// The `$default` stage an `AWS::ApiGatewayV2::Api` with `Target` creates.
    QuickCreate(&'t Resource<'t>),
}

/// One stage of an API and its settings.
#[derive(Clone, Debug)]
pub struct Stage<'t> {
    pub declaration: StageDeclaration<'t>,
    pub name: Option<&'t Node>,
    /// The name SAM or API Gateway gives when none is written (`Prod`, `$default`).
    pub implied_name: Option<&'static str>,
    /// `Variables` (REST, SAM Api) or `StageVariables` (HTTP, SAM HttpApi).
    pub variables: Option<&'t Node>,
    /// REST `MethodSettings`, HTTP `RouteSettings`.
    pub method_settings: Option<&'t Node>,
    /// HTTP `DefaultRouteSettings`.
    pub default_route_settings: Option<&'t Node>,
    pub cache_cluster_enabled: Option<&'t Node>,
    pub cache_cluster_size: Option<&'t Node>,
    /// A Deployment's `StageDescription.CachingEnabled`: caching for every method of the stage.
    pub caching_enabled: Option<&'t Node>,
    /// A Deployment's `StageDescription.CacheTtlInSeconds`.
    pub cache_ttl: Option<&'t Node>,
    /// `DeploymentId`.
    pub deployment: Option<&'t Node>,
    /// The node naming the API (`RestApiId`, `ApiId`), for resources.
    pub api_reference: Option<&'t Node>,
    /// SAM's extra `Stage` stage of a REST API, which its deployment creates as a side effect
    /// and nobody calls on purpose; it has none of the API's stage settings.
    pub incidental: bool,
}

impl<'t> Stage<'t> {
    fn new(declaration: StageDeclaration<'t>) -> Self {
        Stage {
            declaration,
            name: None,
            implied_name: None,
            variables: None,
            method_settings: None,
            default_route_settings: None,
            cache_cluster_enabled: None,
            cache_cluster_size: None,
            caching_enabled: None,
            cache_ttl: None,
            deployment: None,
            api_reference: None,
            incidental: false,
        }
    }

    /// The stage's name when it is written literally or implied.
    pub fn literal_name(&self) -> Option<&'t str> {
        match self.name {
            Some(node) => node.as_str(),
            None => self.implied_name,
        }
    }

    pub fn resource(&self) -> Option<&'t Resource<'t>> {
        match self.declaration {
            StageDeclaration::Sam(r)
            | StageDeclaration::Resource(r)
            | StageDeclaration::Deployment(r)
            | StageDeclaration::QuickCreate(r) => Some(r),
            StageDeclaration::Implicit => None,
        }
    }

    /// "stage `Prod`" or "the stage of `MyStage`".
    pub fn label(&self) -> String {
        match (self.literal_name(), self.resource()) {
            (Some(name), _) => format!("stage `{name}`"),
            (None, Some(resource)) => format!("the stage of `{}`", resource.name),
            (None, None) => "the stage".to_owned(),
        }
    }

    /// Where to point when talking about the stage.
    pub fn span(&self) -> Option<Span> {
        self.name.map(|n| n.span).or_else(|| self.resource().map(|r| r.name_span))
    }
}

/// A usage plan entry naming an API: an `AWS::ApiGateway::UsagePlan` `ApiStages` item, or SAM's
/// `Auth.UsagePlan`.
#[derive(Clone, Copy, Debug)]
pub struct UsagePlanLink<'t> {
    /// The usage plan resource; `None` for SAM's `Auth.UsagePlan`.
    pub plan: Option<&'t Resource<'t>>,
    /// The `ApiStages` item, or SAM's `UsagePlan` mapping.
    pub node: &'t Node,
    /// The `Stage` the entry names; `None` for SAM, whose plan covers the API's stage.
    pub stage: Option<&'t Node>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorizerKind {
    /// Lambda authorizer fed a token (REST `TOKEN`, SAM's default `FunctionPayloadType`).
    Token,
    /// Lambda authorizer fed the request (REST and HTTP `REQUEST`).
    Request,
    CognitoUserPools,
    /// HTTP API JWT authorizer.
    Jwt,
    /// The type is not written, not known, or not one API Gateway has.
    Unknown,
}

impl AuthorizerKind {
    pub fn parse(text: &str) -> AuthorizerKind {
        match text.to_ascii_uppercase().as_str() {
            "TOKEN" => AuthorizerKind::Token,
            "REQUEST" => AuthorizerKind::Request,
            "COGNITO_USER_POOLS" => AuthorizerKind::CognitoUserPools,
            "JWT" => AuthorizerKind::Jwt,
            _ => AuthorizerKind::Unknown,
        }
    }

    pub fn is_lambda(self) -> bool {
        matches!(self, AuthorizerKind::Token | AuthorizerKind::Request)
    }

    /// The type as API Gateway spells it (`TOKEN`, `COGNITO_USER_POOLS`, `JWT`).
    pub fn type_name(self) -> &'static str {
        match self {
            AuthorizerKind::Token => "TOKEN",
            AuthorizerKind::Request => "REQUEST",
            AuthorizerKind::CognitoUserPools => "COGNITO_USER_POOLS",
            AuthorizerKind::Jwt => "JWT",
            AuthorizerKind::Unknown => "UNKNOWN",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            AuthorizerKind::Token => "Lambda TOKEN",
            AuthorizerKind::Request => "Lambda REQUEST",
            AuthorizerKind::CognitoUserPools => "Cognito user pool",
            AuthorizerKind::Jwt => "JWT",
            AuthorizerKind::Unknown => "unknown",
        }
    }
}

/// How an authorizer is declared.
#[derive(Clone, Copy, Debug)]
pub enum AuthorizerDeclaration<'t> {
    /// An entry of SAM's `Auth.Authorizers`.
    Sam,
    /// `AWS::ApiGateway::Authorizer` or `AWS::ApiGatewayV2::Authorizer`.
    Resource(&'t Resource<'t>),
    /// A security scheme with `x-amazon-apigateway-authorizer` in the API's definition.
    OpenApi,
}

/// An authorizer of an API.
#[derive(Clone, Debug)]
pub struct Authorizer<'t> {
    /// The name routes use: SAM's key, the security scheme's name, or the resource's logical id.
    pub name: String,
    pub name_span: Span,
    pub origin: Origin<'t>,
    pub declaration: AuthorizerDeclaration<'t>,
    pub kind: AuthorizerKind,
    /// The written type (`Type`, `AuthorizerType`, `FunctionPayloadType`, `type`), if any.
    pub type_node: Option<&'t Node>,
    /// The authorizer's mapping: SAM's entry, the resource's properties, the
    /// `x-amazon-apigateway-authorizer` mapping.
    pub node: &'t Node,
    /// SAM `FunctionArn`, `AuthorizerUri`, `authorizerUri`.
    pub function_node: Option<&'t Node>,
    /// The function of this template the authorizer runs.
    pub function: Option<&'t str>,
    /// `AuthorizerCredentials`, SAM `FunctionInvokeRole`: a role API Gateway assumes to invoke
    /// the function, in place of a resource-based permission.
    pub credentials: Option<&'t Node>,
    /// `IdentitySource`/`identitySource`; for SAM, `Identity`.
    pub identity_source: Option<&'t Node>,
    /// `ProviderARNs`/`providerARNs`; SAM `UserPoolArn`.
    pub provider_arns: Option<&'t Node>,
    /// `AuthorizerResultTtlInSeconds`; SAM `Identity.ReauthorizeEvery`.
    pub ttl: Option<&'t Node>,
    /// HTTP API JWT issuer and audience.
    pub jwt_issuer: Option<&'t Node>,
    pub jwt_audience: Option<&'t Node>,
    /// The node naming the API, for resources.
    pub api_reference: Option<&'t Node>,
}

impl<'t> Authorizer<'t> {
    fn new(
        name: String,
        name_span: Span,
        origin: Origin<'t>,
        declaration: AuthorizerDeclaration<'t>,
        node: &'t Node,
    ) -> Self {
        Authorizer {
            name,
            name_span,
            origin,
            declaration,
            kind: AuthorizerKind::Unknown,
            type_node: None,
            node,
            function_node: None,
            function: None,
            credentials: None,
            identity_source: None,
            provider_arns: None,
            ttl: None,
            jwt_issuer: None,
            jwt_audience: None,
            api_reference: None,
        }
    }

    /// Where to point when talking about the authorizer.
    pub fn span(&self) -> Span {
        self.origin.span_in_template(self.name_span)
    }

    /// A node of this authorizer as a location to report at.
    pub fn locate(&self, node: &'t Node) -> Located<'t> {
        Located { node, origin: self.origin }
    }

    /// SAM creates the invoke permission for the authorizers of its `Auth.Authorizers`.
    pub fn is_sam(&self) -> bool {
        matches!(self.declaration, AuthorizerDeclaration::Sam)
    }
}

/// A SAM `Api`/`HttpApi` event.
#[derive(Clone, Copy, Debug)]
pub struct SamEvent<'t> {
    /// The SAM function (or state machine) the event belongs to.
    pub owner: &'t str,
    pub name: &'t str,
    pub name_span: Span,
    /// The event's mapping (`Type`, `Properties`).
    pub node: &'t Node,
    pub properties: Option<&'t Node>,
}

impl<'t> SamEvent<'t> {
    pub fn property(&self, key: &str) -> Option<&'t Node> {
        self.properties?.get(key)
    }

    /// "event `GetOrder` of `OrdersFunction`".
    pub fn label(&self) -> String {
        format!("event `{}` of `{}`", self.name, self.owner)
    }
}

/// An operation of an OpenAPI definition.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'t> {
    pub node: &'t Node,
    pub path_span: Span,
    pub method_span: Span,
    pub origin: Origin<'t>,
}

/// How a route is declared.
#[derive(Clone, Copy, Debug)]
pub enum RouteDeclaration<'t> {
    /// A SAM `Api` or `HttpApi` event.
    SamEvent(SamEvent<'t>),
    /// `AWS::ApiGateway::Method`.
    Method(&'t Resource<'t>),
    /// `AWS::ApiGatewayV2::Route`.
    Route(&'t Resource<'t>),
    /// An operation of the API's OpenAPI definition.
    OpenApi(Operation<'t>),
    /// The `$default` route an `AWS::ApiGatewayV2::Api` with `Target` creates.
    QuickCreate(&'t Resource<'t>),
    /// The `OPTIONS` method SAM adds to every path of a REST API with `Cors`; the node is the
    /// `Cors` setting.
    CorsPreflight(Located<'t>),
    /// An entry of an `AWS::Serverless::WebSocketApi`'s `Routes`.
    SamRoute { name_span: Span, node: &'t Node },
}

/// What a route's integration calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntegrationKind {
    /// `AWS_PROXY`: Lambda proxy (or an HTTP API AWS service integration).
    AwsProxy,
    /// `AWS`: a non-proxy AWS service or Lambda integration with mapping templates.
    Aws,
    Http,
    HttpProxy,
    Mock,
    /// The type is not written or not known.
    Unknown,
}

impl IntegrationKind {
    pub fn parse(text: &str) -> IntegrationKind {
        match text.to_ascii_uppercase().as_str() {
            "AWS_PROXY" => IntegrationKind::AwsProxy,
            "AWS" => IntegrationKind::Aws,
            "HTTP" => IntegrationKind::Http,
            "HTTP_PROXY" => IntegrationKind::HttpProxy,
            "MOCK" => IntegrationKind::Mock,
            _ => IntegrationKind::Unknown,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            IntegrationKind::AwsProxy => "AWS_PROXY",
            IntegrationKind::Aws => "AWS",
            IntegrationKind::Http => "HTTP",
            IntegrationKind::HttpProxy => "HTTP_PROXY",
            IntegrationKind::Mock => "MOCK",
            IntegrationKind::Unknown => "unknown",
        }
    }
}

/// How an integration is declared.
#[derive(Clone, Copy, Debug)]
pub enum IntegrationDeclaration<'t> {
    /// SAM writes a Lambda proxy integration for the event itself.
    SamEvent,
    /// SAM writes the integration of an `AWS::Serverless::WebSocketApi` route.
    SamRoute,
    /// The `Integration` property of an `AWS::ApiGateway::Method`.
    MethodProperty,
    /// An `AWS::ApiGatewayV2::Integration` resource.
    Resource(&'t Resource<'t>),
    /// `x-amazon-apigateway-integration` of an operation.
    OpenApi,
    /// The `Target` of an `AWS::ApiGatewayV2::Api`.
    QuickCreate,
    /// The mock integration of SAM's CORS preflight method.
    CorsPreflight,
}

/// What a route calls.
#[derive(Clone, Debug)]
pub struct Integration<'t> {
    pub declaration: IntegrationDeclaration<'t>,
    pub kind: IntegrationKind,
    /// The integration's mapping (or properties); `None` for SAM events and quick create.
    pub node: Option<Located<'t>>,
    pub type_node: Option<Located<'t>>,
    /// `IntegrationHttpMethod`, `IntegrationMethod`, `httpMethod`.
    pub http_method: Option<Located<'t>>,
    /// `Uri`, `IntegrationUri`, `uri`, quick create `Target`.
    pub uri: Option<Located<'t>>,
    /// The Lambda function of this template the integration invokes.
    pub function: Option<&'t str>,
    /// The SAM state machine an `Api` event of a state machine starts.
    pub state_machine: Option<&'t str>,
    /// `TimeoutInMillis`/`timeoutInMillis`.
    pub timeout: Option<Located<'t>>,
    /// HTTP API `PayloadFormatVersion`/`payloadFormatVersion`.
    pub payload_format_version: Option<Located<'t>>,
    /// `CacheKeyParameters`/`cacheKeyParameters`.
    pub cache_key_parameters: Option<Located<'t>>,
    /// `Credentials`/`CredentialsArn`/`credentials`: a role API Gateway assumes to invoke the
    /// target, in place of a resource-based permission.
    pub credentials: Option<Located<'t>>,
}

impl<'t> Integration<'t> {
    fn new(declaration: IntegrationDeclaration<'t>, kind: IntegrationKind) -> Self {
        Integration {
            declaration,
            kind,
            node: None,
            type_node: None,
            http_method: None,
            uri: None,
            function: None,
            state_machine: None,
            timeout: None,
            payload_format_version: None,
            cache_key_parameters: None,
            credentials: None,
        }
    }

    /// Whether SAM writes the integration (and the invoke permission) itself.
    pub fn is_written_by_sam(&self) -> bool {
        matches!(self.declaration, IntegrationDeclaration::SamEvent | IntegrationDeclaration::SamRoute)
    }

    /// Whether the integration calls a Lambda function: a proxy or non-proxy integration
    /// whose URI invokes Lambda, or that resolves to a function of the template.
    pub fn is_lambda(&self) -> bool {
        self.function.is_some() || self.is_written_by_sam() && self.state_machine.is_none()
    }
}

/// How a route is authorized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    /// Anyone can call the route.
    None,
    /// AWS Signature Version 4 with IAM permissions.
    Iam,
    /// An authorizer of the API (Lambda, Cognito, JWT), or one that is named but missing.
    Authorizer,
    /// Cannot be told from the template (an intrinsic function, a definition that was not read).
    Unknown,
}

/// Where a route's authorization is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthSource {
    /// Written on the route itself: the event's `Auth.Authorizer`, the method's
    /// `AuthorizationType`, the route's `AuthorizationType`, the operation's `security`.
    Route,
    /// SAM's `Auth.DefaultAuthorizer` of the API.
    ApiDefault,
    /// The definition's top-level `security`.
    DefinitionDefault,
    /// Nothing is written: the route is open because no one said otherwise.
    NotConfigured,
}

/// A route's authorization.
#[derive(Clone, Debug)]
pub struct RouteAuth<'t> {
    pub kind: AuthKind,
    pub source: AuthSource,
    /// The authorizer's name as the route (or the default) gives it.
    pub authorizer_name: Option<String>,
    /// The index of the authorizer in the API's [`Api::authorizers`], when it exists.
    pub authorizer: Option<usize>,
    /// The node that decides: SAM `Authorizer`/`DefaultAuthorizer`, `AuthorizationType`, `security`.
    pub node: Option<Located<'t>>,
    /// Raw `AuthorizationType` of a method or route.
    pub authorization_type: Option<&'t Node>,
    /// Raw `AuthorizerId` of a method or route.
    pub authorizer_id: Option<&'t Node>,
    /// `AuthorizationScopes` (SAM, CloudFormation) or the scopes of the `security` entry.
    pub scopes: Option<Located<'t>>,
    /// SAM `Authorizer: NONE` (or `security: [{NONE: []}]`): the route deliberately opts out
    /// of the API's default authorizer.
    pub opted_out: bool,
}

impl<'t> RouteAuth<'t> {
    fn new(kind: AuthKind, source: AuthSource) -> Self {
        RouteAuth {
            kind,
            source,
            authorizer_name: None,
            authorizer: None,
            node: None,
            authorization_type: None,
            authorizer_id: None,
            scopes: None,
            opted_out: false,
        }
    }

    pub fn unknown() -> Self {
        RouteAuth::new(AuthKind::Unknown, AuthSource::Route)
    }

    /// Whether callers must prove who they are (IAM or an authorizer).
    pub fn is_authenticated(&self) -> bool {
        matches!(self.kind, AuthKind::Iam | AuthKind::Authorizer)
    }
}

/// One route: a method and path on an API.
#[derive(Clone, Debug)]
pub struct Route<'t> {
    /// Index of the API in [`Apis::apis`].
    pub api: usize,
    pub declaration: RouteDeclaration<'t>,
    /// The SAM event that names this route of an OpenAPI definition, when one does.
    pub event: Option<SamEvent<'t>>,
    /// `GET`, `POST`, …, `ANY`, upper case; `None` when not known, and for WebSocket routes.
    pub method: Option<String>,
    pub method_node: Option<Located<'t>>,
    /// `/orders/{id}`, `$default`, or a WebSocket route key (`$connect`, `sendmessage`);
    /// `None` when not known.
    pub path: Option<String>,
    pub path_node: Option<Located<'t>>,
    pub integration: Option<Integration<'t>>,
    pub auth: RouteAuth<'t>,
    /// Whether callers must send an API key; `None` when not known.
    pub api_key_required: Option<bool>,
    /// The node that makes the key required (or not).
    pub api_key_node: Option<Located<'t>>,
}

impl<'t> Route<'t> {
    /// Where to point when talking about the route as a whole.
    pub fn span(&self) -> Span {
        match self.declaration {
            RouteDeclaration::SamEvent(event) => event.name_span,
            RouteDeclaration::Method(resource) | RouteDeclaration::Route(resource) => resource.name_span,
            RouteDeclaration::OpenApi(operation) => match self.event {
                Some(event) if !operation.origin.is_template() => event.name_span,
                _ => operation.origin.span_in_template(operation.method_span),
            },
            RouteDeclaration::QuickCreate(resource) => {
                resource.property("Target").map_or(resource.name_span, |t| t.span)
            }
            RouteDeclaration::CorsPreflight(cors) => cors.span(),
            RouteDeclaration::SamRoute { name_span, .. } => name_span,
        }
    }

    /// "GET /orders/{id}", "$connect"; "? /orders" when the method is unknown.
    pub fn key(&self) -> String {
        match (&self.method, &self.path) {
            (Some(method), Some(path)) if path == paths::DEFAULT_ROUTE => {
                if method == "ANY" {
                    path.clone()
                } else {
                    format!("{method} {path}")
                }
            }
            (Some(method), Some(path)) => format!("{method} {path}"),
            (None, Some(path)) => path.clone(),
            (Some(method), None) => format!("{method} ?"),
            (None, None) => "?".to_owned(),
        }
    }

    /// The route's function, through its integration.
    pub fn function(&self) -> Option<&'t str> {
        self.integration.as_ref()?.function
    }

    pub fn is_options(&self) -> bool {
        self.method.as_deref() == Some("OPTIONS")
    }

    /// Whether the route is declared in SAM's shorthand (an event, alone or naming a route of
    /// the API's definition).
    pub fn has_sam_event(&self) -> bool {
        self.event.is_some() || matches!(self.declaration, RouteDeclaration::SamEvent(_))
    }

    /// The SAM event of the route, if any.
    pub fn sam_event(&self) -> Option<SamEvent<'t>> {
        match self.declaration {
            RouteDeclaration::SamEvent(event) => Some(event),
            _ => self.event,
        }
    }

    /// "route `GET /orders` (event `Get` of `Orders`)", for messages.
    pub fn label(&self) -> String {
        let origin = match self.declaration {
            RouteDeclaration::SamEvent(event) => event.label(),
            RouteDeclaration::Method(resource) => format!("method `{}`", resource.name),
            RouteDeclaration::Route(resource) => format!("route `{}`", resource.name),
            RouteDeclaration::OpenApi(_) => match self.event {
                Some(event) => format!("definition; {}", event.label()),
                None => "OpenAPI definition".to_owned(),
            },
            RouteDeclaration::QuickCreate(resource) => format!("`Target` of `{}`", resource.name),
            RouteDeclaration::CorsPreflight(_) => "CORS preflight SAM adds".to_owned(),
            RouteDeclaration::SamRoute { .. } => "an entry of the API's `Routes`".to_owned(),
        };
        format!("`{}` ({origin})", self.key())
    }
}

/// Every API and route of a template.
#[derive(Debug)]
pub struct Apis<'t> {
    pub apis: Vec<Api<'t>>,
    /// Routes in declaration order: definitions, raw resources and events, API by API.
    pub routes: Vec<Route<'t>>,
    /// SAM events that name an API whose own `DefinitionBody` lacks their method and path: SAM
    /// adds their permission but not the route, so API Gateway never calls the function.
    pub events_outside_definition: Vec<Route<'t>>,
    /// SAM events whose `RestApiId`/`ApiId` names nothing usable; kept for the rules that
    /// report them.
    pub unresolved_events: Vec<UnresolvedEvent<'t>>,
}

/// A SAM `Api`/`HttpApi` event whose API reference does not name an API of the right kind.
#[derive(Clone, Copy, Debug)]
pub struct UnresolvedEvent<'t> {
    pub event: SamEvent<'t>,
    /// The kind of API the event type needs.
    pub kind: ApiKind,
    /// `RestApiId`/`ApiId`.
    pub reference: &'t Node,
}

impl<'t> Apis<'t> {
    /// The model of a template's APIs; definitions in other files stay unread.
    pub fn of(template: &'t Template<'t>, functions: &Functions<'t>) -> Self {
        Self::build(template, functions, None)
    }

    /// The model, reading `AWS::Include` and local `DefinitionUri` definitions from `includes`.
    pub fn with_includes(template: &'t Template<'t>, functions: &Functions<'t>, includes: &'t Includes) -> Self {
        Self::build(template, functions, Some(includes))
    }

    fn build(template: &'t Template<'t>, functions: &Functions<'t>, includes: Option<&'t Includes>) -> Self {
        let mut builder = Builder {
            template,
            functions,
            includes,
            apis: Vec::new(),
            routes: Vec::new(),
            orphans: Vec::new(),
            unresolved: Vec::new(),
        };
        builder.declared_apis();
        builder.implicit_apis();
        builder.definitions();
        builder.rest_resources();
        builder.http_resources();
        builder.definition_routes();
        builder.sam_events();
        builder.sam_websocket_routes();
        builder.cors_preflights();
        Apis {
            apis: builder.apis,
            routes: builder.routes,
            events_outside_definition: builder.orphans,
            unresolved_events: builder.unresolved,
        }
    }

    pub fn api(&self, id: &str) -> Option<&Api<'t>> {
        self.apis.iter().find(|a| a.id == id)
    }

    /// The API a route belongs to.
    pub fn api_of(&self, route: &Route<'t>) -> &Api<'t> {
        &self.apis[route.api]
    }

    /// The routes of one API.
    pub fn routes_of(&self, api: usize) -> impl Iterator<Item = &Route<'t>> {
        self.routes.iter().filter(move |r| r.api == api)
    }

    /// The authorizer a route uses, when it is one of its API's.
    pub fn authorizer_of(&self, route: &Route<'t>) -> Option<&Authorizer<'t>> {
        self.apis[route.api].authorizers.get(route.auth.authorizer?)
    }

    pub fn is_empty(&self) -> bool {
        self.apis.is_empty()
    }
}

/// The state shared by the steps that build the model.
struct Builder<'t, 'f> {
    template: &'t Template<'t>,
    functions: &'f Functions<'t>,
    includes: Option<&'t Includes>,
    apis: Vec<Api<'t>>,
    routes: Vec<Route<'t>>,
    orphans: Vec<Route<'t>>,
    unresolved: Vec<UnresolvedEvent<'t>>,
}

impl<'t, 'f> Builder<'t, 'f> {
    /// The API a property (`RestApiId`, `ApiId`) names: `!Ref Api`, `!GetAtt Api.RestApiId`, a
    /// logical id written as a string (SAM accepts it), or an API outside the template.
    fn api_named(&mut self, node: &'t Node, kind: ApiKind) -> Option<usize> {
        if let Some(target) = target_of(self.template, node) {
            let id = target.logical_id;
            if self.template.has_resource(id) {
                return self
                    .apis
                    .iter()
                    .position(|a| a.id == id && !matches!(a.declaration, ApiDeclaration::External(_)));
            }
            // A name that is neither a resource nor a parameter names nothing; the reference
            // rules report it.
            self.template.parameter(id)?;
            return Some(self.external_api(node, kind));
        }
        if let Some(text) = node.as_str() {
            return self.apis.iter().position(|a| a.id == text);
        }
        Some(self.external_api(node, kind))
    }

    /// An API the template refers to without declaring it, one entry per way of naming it.
    fn external_api(&mut self, node: &'t Node, kind: ApiKind) -> usize {
        let id = describe_reference(node);
        if let Some(i) = self
            .apis
            .iter()
            .position(|a| matches!(a.declaration, ApiDeclaration::External(_)) && a.id == id && a.kind == kind)
        {
            return i;
        }
        self.apis.push(Api::new(id, kind, ApiDeclaration::External(node), None));
        self.apis.len() - 1
    }

    fn function_name(&self, node: &Node) -> Option<&'t str> {
        function_in_uri(self.functions, node).map(|f| f.name)
    }

    /// An authorizer declared as a resource (`AWS::ApiGateway::Authorizer`,
    /// `AWS::ApiGatewayV2::Authorizer`), with what both kinds name alike; `type_key` is where
    /// its type is written.
    fn authorizer_resource(&self, resource: &'t Resource<'t>, properties: &'t Node, type_key: &str) -> Authorizer<'t> {
        let mut authorizer = Authorizer::new(
            resource.name.to_owned(),
            resource.name_span,
            Origin::Template,
            AuthorizerDeclaration::Resource(resource),
            properties,
        );
        authorizer.type_node = properties.get(type_key);
        authorizer.kind = authorizer
            .type_node
            .and_then(|t| openapi::single_string(self, t))
            .map_or(AuthorizerKind::Unknown, |t| AuthorizerKind::parse(&t));
        authorizer.function_node = properties.get("AuthorizerUri");
        authorizer.function = authorizer.function_node.and_then(|uri| self.function_name(uri));
        authorizer.identity_source = properties.get("IdentitySource");
        authorizer.ttl = properties.get("AuthorizerResultTtlInSeconds");
        authorizer
    }
}

/// How a node names something, for an API outside the template: `!Ref Name`,
/// `!ImportValue Name`, or the kind of intrinsic.
fn describe_reference(node: &Node) -> String {
    match node.intrinsic() {
        Some(("Ref", args)) => args.as_str().map_or("!Ref".to_owned(), |name| format!("!Ref {name}")),
        Some(("Fn::ImportValue", args)) => match args.as_str() {
            Some(name) => format!("!ImportValue {name}"),
            None => match args.intrinsic() {
                Some(("Fn::Sub", text)) => {
                    format!("!ImportValue !Sub {}", text.as_str().unwrap_or("…"))
                }
                _ => "!ImportValue …".to_owned(),
            },
        },
        Some((name, _)) => format!("{name} …"),
        None => node.as_scalar_string().map_or("?".to_owned(), |s| s.into_owned()),
    }
}
