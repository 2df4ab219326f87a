//! API Gateway: routes, integrations, stages and authorization, read through the routes model
//! whichever way the template writes its APIs.

pub(crate) mod support;

pub mod api_key_only_protection;
pub mod api_key_without_usage_plan;
pub mod api_never_deployed;
pub mod authorization_type_mismatch;
pub mod authorizer_of_another_api;
pub mod authorizer_permission_missing;
pub mod authorizer_ttl_out_of_range;
pub mod cache_key_without_identity;
pub mod cache_ttl_out_of_range;
pub mod cognito_authorizer_without_user_pool;
pub mod conflicting_path_parameters;
pub mod cors_credentials_with_any_origin;
pub mod cors_preflight_requires_auth;
pub mod duplicate_route;
pub mod event_route_outside_definition;
pub mod function_timeout_exceeds_integration;
pub mod integration_timeout_above_default;
pub mod integration_timeout_out_of_range;
pub mod invalid_binary_media_type;
pub mod invalid_cache_cluster_size;
pub mod invalid_identity_source;
pub mod invalid_route_method;
pub mod jwt_authorizer_incomplete;
pub mod lambda_authorizer_without_function;
pub mod lambda_integration_method;
pub mod malformed_lambda_uri;
pub mod malformed_route_path;
pub mod method_authorizer_missing;
pub mod missing_invoke_permission;
pub mod permission_excludes_route;
pub mod private_api_without_policy;
pub mod route_without_authorization;
pub mod sam_cors_value_unquoted;
pub mod stage_deployment_api_mismatch;
pub mod unauthenticated_routes;
pub mod undefined_stage_variable;
pub mod unknown_authorizer;
pub mod unknown_event_api;
