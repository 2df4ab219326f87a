//! Rules about Lambda functions — limits, runtimes, packaging, concurrency, networking,
//! asynchronous invocation, function URLs and logging — for `AWS::Serverless::Function` (with
//! Globals merged in) and `AWS::Lambda::Function` alike.

pub mod async_invoke_config_range;
pub mod async_without_failure_destination;
pub mod deprecated_runtime;
pub(crate) mod destinations;
pub mod environment_too_large;
pub mod ephemeral_storage_out_of_range;
pub mod function_url_without_permission;
pub mod handler_format;
pub mod image_function_settings;
pub mod inline_code_runtime;
pub mod invalid_architectures;
pub mod invalid_async_destination;
pub mod layer_arn_format;
pub mod log_level_requires_json;
pub mod memory_out_of_range;
pub mod provisioned_concurrency_without_version;
pub mod public_function_url;
pub mod reserved_concurrency_exhausts_account;
pub mod reserved_concurrency_zero;
pub mod reserved_environment_variable;
pub(crate) mod runtimes;
pub mod secret_in_environment;
pub mod snapstart_unsupported;
pub(crate) mod support;
pub mod timeout_out_of_range;
pub mod too_many_layers;
pub mod unknown_runtime;
pub mod vpc_config_incomplete;
pub mod zip_function_incomplete;

/// Checks the options a Lambda rule reads from its `[rules.CODE]` table in `slint.toml`;
/// tables of rules without options are left to the rule.
pub(crate) fn check_options(code: &str, table: &toml::Table) -> Result<(), String> {
    if code == reserved_concurrency_exhausts_account::RULE.code {
        return reserved_concurrency_exhausts_account::check_options(table);
    }
    Ok(())
}
