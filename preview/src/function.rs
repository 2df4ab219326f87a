//! A function as it would be deployed: runtime, handler, code, memory, timeout, environment and
//! layers read through the function model (SAM Globals already merged), with parameters and
//! conditions decided, and `--env-vars` applied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use slint_linter::model::functions::RESERVED_ENVIRONMENT_VARIABLES;
use slint_linter::model::{CodeLocation, Function, Functions};
use slint_linter::syntax::Node;

use crate::env_vars::EnvOverrides;
use crate::layers::LocalLayer;
use crate::resolve::{Deployment, Unresolved};
use crate::runtime::Runtime;

/// Lambda's defaults when a template leaves them out.
const DEFAULT_MEMORY_MB: u32 = 128;
const DEFAULT_TIMEOUT_SECONDS: u32 = 3;

/// Where the function's code is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    /// A folder (CodeUri, or `Code` given as a local path).
    Folder(PathBuf),
    /// Source written in the template, which Lambda saves as `index.py` / `index.js`.
    Inline { file_name: &'static str, source: String },
}

/// Everything needed to start the function locally.
#[derive(Clone, Debug)]
pub struct FunctionConfig {
    pub logical_id: String,
    /// `FunctionName` when set, otherwise the logical id.
    pub function_name: String,
    pub runtime: Runtime,
    /// Empty for `provided` functions that do not set one.
    pub handler: String,
    pub code: Code,
    pub memory_mb: u32,
    pub timeout: Duration,
    pub architecture: String,
    /// The template's variables with `--env-vars` applied.
    pub environment: BTreeMap<String, String>,
    pub layers: Vec<LocalLayer>,
    pub region: String,
    pub account_id: String,
    /// Things the user should know before the function runs.
    pub warnings: Vec<String>,
}

impl FunctionConfig {
    pub fn arn(&self) -> String {
        format!("arn:aws:lambda:{}:{}:function:{}", self.region, self.account_id, self.function_name)
    }

    /// Folders whose change should restart the function.
    pub fn watched_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = match &self.code {
            Code::Folder(folder) => vec![folder.clone()],
            Code::Inline { .. } => Vec::new(),
        };
        folders.extend(crate::layers::watched_folders(&self.layers).map(Path::to_path_buf));
        folders
    }
}

/// Why a function cannot run locally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError(pub String);

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The function named by its logical id or its `FunctionName`.
pub fn find<'f, 't>(functions: &'f Functions<'t>, name: &str) -> Result<&'f Function<'t>, ResolveError> {
    if let Some(function) = functions.get(name) {
        return Ok(function);
    }
    if let Some(function) = functions.iter().find(|f| f.literal_function_name() == Some(name)) {
        return Ok(function);
    }
    let names: Vec<&str> = functions.iter().map(|f| f.name).collect();
    Err(ResolveError(if names.is_empty() {
        "the template has no Lambda functions".to_owned()
    } else {
        format!("no function `{name}` in the template; functions: {}", names.join(", "))
    }))
}

/// Reads one function's deployed configuration.
pub fn resolve(
    deployment: &Deployment,
    function: &Function,
    template_dir: &Path,
    env_overrides: &EnvOverrides,
) -> Result<FunctionConfig, ResolveError> {
    let name = function.name;
    let mut warnings = Vec::new();
    let fail = |what: &str, why: Unresolved| ResolveError(format!("function `{name}`: {what}: {why}"));
    if !deployment.is_deployed(name).unwrap_or(true) {
        warnings.push(format!("function `{name}` is not deployed with these parameters (its Condition is false); running it anyway"));
    }
    if let Some(package_type) = function.package_type {
        if deployment.string(package_type).is_ok_and(|t| t == "Image") {
            return Err(ResolveError(format!(
                "function `{name}` is a container image; slint runs zip functions without Docker (use `sam local invoke` for images)"
            )));
        }
    }
    let runtime_name = match function.runtime {
        Some(node) => deployment.string(node).map_err(|e| fail("Runtime", e))?,
        None => return Err(ResolveError(format!("function `{name}` has no Runtime"))),
    };
    let runtime = Runtime::parse(&runtime_name).ok_or_else(|| {
        ResolveError(format!(
            "function `{name}` uses `{runtime_name}`; slint runs python3.*, nodejs* and provided.* functions locally (use `sam local invoke` for others)"
        ))
    })?;
    let handler = match function.handler {
        Some(node) => deployment.string(node).map_err(|e| fail("Handler", e))?,
        None if matches!(runtime, Runtime::Provided { .. }) => String::new(),
        None => return Err(ResolveError(format!("function `{name}` has no Handler"))),
    };
    let code = code(deployment, function, template_dir, &runtime)?;
    if let Code::Folder(folder) = &code {
        if let Some(method) = build_method(function).filter(|m| m == "esbuild" || m == "makefile") {
            warnings.push(format!(
                "function `{name}` is built with `{method}` (Metadata.BuildMethod); slint runs {} as it is, so run `sam build` and pass -t .aws-sam/build/template.yaml to run the built code",
                folder.display()
            ));
        }
    }
    let number = |node: Option<&Node>, what: &str, default: u32| -> Result<u32, ResolveError> {
        match node {
            None => Ok(default),
            Some(node) => {
                let text = deployment.string(node).map_err(|e| fail(what, e))?;
                text.trim().parse::<u32>().map_err(|_| ResolveError(format!("function `{name}`: {what} `{text}` is not a whole number")))
            }
        }
    };
    let memory_mb = number(function.memory_size, "MemorySize", DEFAULT_MEMORY_MB)?;
    let timeout_seconds = number(function.timeout, "Timeout", DEFAULT_TIMEOUT_SECONDS)?;
    let architecture = function
        .architectures
        .and_then(|node| deployment.value(node).ok().flatten())
        .and_then(|v| v.as_array()?.first()?.as_str().map(str::to_owned))
        .unwrap_or_else(|| "x86_64".to_owned());
    let function_name = function
        .property("FunctionName")
        .map(|node| deployment.string(node).map_err(|e| fail("FunctionName", e)))
        .transpose()?
        .unwrap_or_else(|| name.to_owned());
    let mut environment = BTreeMap::new();
    if let Some(variables) = function.environment {
        match deployment.value(variables) {
            Ok(Some(serde_json::Value::Object(_))) | Ok(None) => {}
            Ok(Some(_)) => warnings.push(format!("function `{name}`: Environment.Variables is not a mapping; ignored")),
            Err(why) => warnings.push(format!("function `{name}`: Environment.Variables: {why}")),
        }
        for (key, node) in variables.as_map().map(|m| m.iter().collect::<Vec<_>>()).unwrap_or_default() {
            match deployment.value(node) {
                Ok(Some(value)) => match crate::resolve::as_text(&value) {
                    Some(text) => {
                        environment.insert(key.to_owned(), text);
                    }
                    None => warnings.push(format!("function `{name}`: variable `{key}` is not a string; left unset")),
                },
                Ok(None) => {}
                Err(why) => warnings.push(format!(
                    "function `{name}`: variable `{key}`: {why}; left unset (give it a value with --env-vars)"
                )),
            }
        }
    }
    for key in environment.keys().filter(|k| RESERVED_ENVIRONMENT_VARIABLES.contains(&k.as_str())) {
        warnings.push(format!("function `{name}`: `{key}` is reserved by Lambda, which rejects the template; Lambda's own value is used"));
    }
    for (key, value, own) in env_overrides.for_function(&[name, &function_name]) {
        if !environment.contains_key(key) && function.environment.and_then(|v| v.get(key)).is_none() {
            let scope = if own { format!("`{name}`") } else { "`Parameters`".to_owned() };
            warnings.push(format!(
                "--env-vars sets `{key}` for function `{name}` (from {scope}), which the template does not declare; deployed, the function would not have it"
            ));
        }
        environment.insert(key.to_owned(), value.to_owned());
    }
    let layers = layers(deployment, function, template_dir, &mut warnings);
    Ok(FunctionConfig {
        logical_id: name.to_owned(),
        function_name,
        runtime,
        handler,
        code,
        memory_mb,
        timeout: Duration::from_secs(u64::from(timeout_seconds.max(1))),
        architecture,
        environment,
        layers,
        region: deployment.settings.region.clone(),
        account_id: deployment.settings.account_id.clone(),
        warnings,
    })
}

fn build_method(function: &Function) -> Option<String> {
    function.resource.attribute("Metadata")?.get("BuildMethod")?.as_str().map(str::to_owned)
}

fn code(deployment: &Deployment, function: &Function, template_dir: &Path, runtime: &Runtime) -> Result<Code, ResolveError> {
    let name = function.name;
    let folder = |text: &str| -> Result<Code, ResolveError> {
        if text.starts_with("s3://") || text.starts_with("https://") {
            return Err(ResolveError(format!("function `{name}`: its code is at `{text}`; slint runs code from a local folder")));
        }
        let path = template_dir.join(text);
        if path.is_dir() {
            return Ok(Code::Folder(path));
        }
        if path.is_file() {
            return Err(ResolveError(format!(
                "function `{name}`: CodeUri `{text}` is a file; slint runs code from a folder (point CodeUri at the folder the archive is built from)"
            )));
        }
        Err(ResolveError(format!("function `{name}`: code folder `{}` does not exist", path.display())))
    };
    match function.code {
        None => Ok(Code::Folder(template_dir.to_path_buf())),
        Some(CodeLocation::Image(_)) => Err(ResolveError(format!(
            "function `{name}` is a container image; slint runs zip functions without Docker (use `sam local invoke` for images)"
        ))),
        Some(CodeLocation::Inline(node)) => {
            let source = deployment.string(node).map_err(|e| ResolveError(format!("function `{name}`: inline code: {e}")))?;
            let file_name = runtime
                .inline_file_name()
                .ok_or_else(|| ResolveError(format!("function `{name}`: inline code needs a Python or Node.js runtime")))?;
            Ok(Code::Inline { file_name, source })
        }
        Some(CodeLocation::Package(node)) => match deployment.value(node) {
            Ok(Some(serde_json::Value::String(text))) => folder(&text),
            Ok(Some(serde_json::Value::Object(location))) => {
                let bucket = location.get("Bucket").or_else(|| location.get("S3Bucket")).and_then(|v| v.as_str()).unwrap_or("?");
                let key = location.get("Key").or_else(|| location.get("S3Key")).and_then(|v| v.as_str()).unwrap_or("?");
                Err(ResolveError(format!("function `{name}`: its code is in S3 (`s3://{bucket}/{key}`); slint runs code from a local folder")))
            }
            Ok(_) => Err(ResolveError(format!("function `{name}`: CodeUri must be a folder path"))),
            Err(why) => Err(ResolveError(format!("function `{name}`: CodeUri: {why}"))),
        },
    }
}

/// Layers written in the template with local content; others are reported and skipped.
fn layers(deployment: &Deployment, function: &Function, template_dir: &Path, warnings: &mut Vec<String>) -> Vec<LocalLayer> {
    let name = function.name;
    let Some(items) = function.layers.and_then(Node::as_seq) else { return Vec::new() };
    let template = deployment.template();
    let mut out = Vec::new();
    for item in items {
        let local = item
            .intrinsic()
            .filter(|(f, _)| *f == "Ref")
            .and_then(|(_, target)| target.as_str())
            .and_then(|id| Some((id, template.resource(id)?)));
        let Some((id, resource)) = local else {
            let shown = deployment.string(item).unwrap_or_else(|_| "a layer".to_owned());
            warnings.push(format!("function `{name}`: layer `{shown}` is not in the template, so it is not available locally; skipped"));
            continue;
        };
        let content = match resource.type_name {
            Some("AWS::Serverless::LayerVersion") => resource.property("ContentUri"),
            Some("AWS::Lambda::LayerVersion") => resource.property("Content"),
            _ => None,
        };
        let folder = content.and_then(|c| deployment.string(c).ok()).map(|text| template_dir.join(text)).filter(|p| p.is_dir());
        match folder {
            Some(root) => out.push(LocalLayer {
                logical_id: id.to_owned(),
                root,
                build_method: resource.attribute("Metadata").and_then(|m| m.get("BuildMethod")).and_then(Node::as_str).map(str::to_owned),
            }),
            None => warnings.push(format!("function `{name}`: layer `{id}` has no local content folder; skipped")),
        }
    }
    out
}
