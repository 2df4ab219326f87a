//! The environment a function process sees: Lambda's own variables, the function's variables,
//! the layers' search paths, and, from the user's shell, only what the AWS SDKs need to find
//! credentials and a few system basics. Nothing else leaks in, as on Lambda.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

use crate::function::{Code, FunctionConfig};
use crate::layers;
use crate::runtime::Runtime;

/// Variables taken from the user's environment when set: credentials and SDK configuration, so
/// that handlers can reach AWS (or a local endpoint) as the developer does.
const PASSED_THROUGH: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CA_BUNDLE",
    "AWS_ENDPOINT_URL",
    "HOME",
    "TMPDIR",
    "SYSTEMROOT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
];

/// The variables every instance of a function shares; the runtime API address and log stream
/// are added per instance.
pub fn base_environment(config: &FunctionConfig, task_root: &std::path::Path, extra: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    for name in PASSED_THROUGH {
        if let Ok(value) = std::env::var(name) {
            env.insert((*name).to_owned(), value);
        }
    }
    for (name, value) in std::env::vars() {
        if name.starts_with("AWS_ENDPOINT_URL_") {
            env.insert(name, value);
        }
    }
    env.extend(config.environment.iter().map(|(k, v)| (k.clone(), v.clone())));
    env.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));

    let path_list = |paths: Vec<PathBuf>, tail: Option<OsString>| -> Option<String> {
        let all: Vec<OsString> = paths.into_iter().map(PathBuf::into_os_string).chain(tail).collect();
        if all.is_empty() {
            return None;
        }
        std::env::join_paths(all).ok().map(|joined| joined.to_string_lossy().into_owned())
    };
    if let Some(path) = path_list(layers::bin_paths(&config.layers), std::env::var_os("PATH")) {
        env.insert("PATH".to_owned(), path);
    }
    if let Some(path) = path_list(layers::lib_paths(&config.layers), std::env::var_os("LD_LIBRARY_PATH")) {
        env.insert("LD_LIBRARY_PATH".to_owned(), path);
    }
    let module_paths = layers::module_paths(&config.layers, &config.runtime);
    match &config.runtime {
        Runtime::Python { .. } => {
            if let Some(path) = path_list(module_paths, None) {
                env.entry("PYTHONPATH".to_owned()).or_insert(path);
            }
            // No `__pycache__` folders written into the user's code; and a cache written in the
            // same second as an edit of the same size would hide the edit from a restart.
            env.insert("PYTHONDONTWRITEBYTECODE".to_owned(), "1".to_owned());
        }
        Runtime::Node { .. } => {
            if let Some(path) = path_list(module_paths, Some(task_root.as_os_str().to_owned())) {
                env.entry("NODE_PATH".to_owned()).or_insert(path);
            }
        }
        Runtime::Provided { .. } => {}
    }

    let task_root = task_root.to_string_lossy().into_owned();
    let lambda = [
        ("AWS_LAMBDA_FUNCTION_NAME", config.function_name.clone()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", config.memory_mb.to_string()),
        ("AWS_LAMBDA_FUNCTION_TIMEOUT", config.timeout.as_secs().to_string()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{}", config.function_name)),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".to_owned()),
        ("AWS_REGION", config.region.clone()),
        ("AWS_DEFAULT_REGION", config.region.clone()),
        ("_HANDLER", config.handler.clone()),
        ("LAMBDA_TASK_ROOT", task_root.clone()),
        ("LAMBDA_RUNTIME_DIR", task_root),
        ("TZ", ":UTC".to_owned()),
        ("LANG", "en_US.UTF-8".to_owned()),
    ];
    for (name, value) in lambda {
        env.insert(name.to_owned(), value);
    }
    if let Some(execution_env) = config.runtime.execution_env() {
        env.insert("AWS_EXECUTION_ENV".to_owned(), execution_env);
    }
    env
}

/// The folder the code runs from, which the caller keeps alive while instances run.
pub fn code_folder(code: &Code) -> Option<&std::path::Path> {
    match code {
        Code::Folder(folder) => Some(folder),
        Code::Inline { .. } => None,
    }
}
