//! The template a preview command runs: found (`template.yaml` or `template.yml` in the current
//! folder, as SAM CLI users expect), read, and turned into function configurations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use slint_linter::model::Functions;
use slint_linter::syntax::{parse, Parsed};
use slint_linter::template::Template;

use crate::env_vars::EnvOverrides;
use crate::function::{self, FunctionConfig, ResolveError};
use crate::resolve::{Deployment, Settings};

/// The names tried, in order, when no template is given.
pub const DEFAULT_TEMPLATES: [&str; 3] = ["template.yaml", "template.yml", "template.json"];

/// The template given, or the default one of `folder`.
pub fn locate(given: Option<&Path>, folder: &Path) -> Result<PathBuf, String> {
    if let Some(path) = given {
        return if path.is_file() { Ok(path.to_path_buf()) } else { Err(format!("{}: no such template file", path.display())) };
    }
    DEFAULT_TEMPLATES.iter().map(|name| folder.join(name)).find(|p| p.is_file()).ok_or_else(|| {
        format!("no template.yaml or template.yml in {}; pass -t/--template FILE", folder.display())
    })
}

/// A template read from disk, with the deploy-time values to run it with.
pub struct Project {
    pub path: PathBuf,
    /// The folder relative paths (CodeUri, ContentUri) start from.
    pub folder: PathBuf,
    pub parsed: Parsed,
    pub parameter_overrides: BTreeMap<String, String>,
    pub env_overrides: EnvOverrides,
    pub settings: Settings,
}

impl Project {
    pub fn load(path: &Path, parameter_overrides: BTreeMap<String, String>, env_overrides: EnvOverrides, settings: Settings) -> Result<Project, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let parsed = parse(&bytes);
        if parsed.root.is_none() || !parsed.errors.is_empty() {
            let message = parsed.errors.first().map_or_else(
                || "the template could not be read".to_owned(),
                |error| {
                    let at = parsed.line_index.line_column(error.span.start as usize, &parsed.text);
                    format!("{}:{}:{}: {}", path.display(), at.line, at.column, error.message)
                },
            );
            if parsed.root.is_none() {
                return Err(format!("{message}; run `slint check` for details"));
            }
        }
        let folder = path.parent().map(Path::to_path_buf).filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| PathBuf::from("."));
        Ok(Project { path: path.to_path_buf(), folder, parsed, parameter_overrides, env_overrides, settings })
    }

    /// Runs `use_template` on the template model and its deployment.
    pub fn with_deployment<T>(&self, use_template: impl FnOnce(&Deployment, &Functions) -> T) -> Result<T, String> {
        let root = self.parsed.root.as_ref().ok_or("the template could not be read")?;
        let template = Template::new(root, &self.parsed.text, self.parameter_overrides.clone())
            .ok_or_else(|| format!("{}: the top level of a template must be a mapping", self.path.display()))?;
        let functions = Functions::of(&template);
        let deployment = Deployment::new(&template, self.settings.clone());
        Ok(use_template(&deployment, &functions))
    }

    /// Problems with the parameters: overrides the template does not declare, and parameters
    /// without a value.
    pub fn parameter_warnings(&self) -> Result<Vec<String>, String> {
        self.with_deployment(|deployment, _| {
            let mut warnings: Vec<String> = deployment
                .unknown_overrides()
                .into_iter()
                .map(|name| format!("--parameter-overrides sets `{name}`, which the template does not declare"))
                .collect();
            warnings.extend(deployment.missing_parameters().into_iter().map(|name| {
                format!("parameter `{name}` has no Default; values that use it stay unset (pass --parameter-overrides {name}=VALUE)")
            }));
            warnings
        })
    }

    /// One function's configuration, by logical id or FunctionName.
    pub fn function(&self, name: &str) -> Result<FunctionConfig, String> {
        self.with_deployment(|deployment, functions| {
            let function = function::find(functions, name)?;
            function::resolve(deployment, function, &self.folder, &self.env_overrides)
        })?
        .map_err(|ResolveError(message)| message)
    }

    /// Logical ids of every function, in template order.
    pub fn function_names(&self) -> Result<Vec<String>, String> {
        self.with_deployment(|_, functions| functions.iter().map(|f| f.name.to_owned()).collect())
    }
}

/// `Key=Value` pairs as `--parameter-overrides` takes them (SAM CLI's form), also
/// `ParameterKey=Key,ParameterValue=Value`.
pub fn parse_parameter_overrides(items: &[String]) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for item in items {
        for part in split_overrides(item) {
            let (key, value) = if let Some(rest) = part.strip_prefix("ParameterKey=") {
                let (key, value) = rest
                    .split_once(",ParameterValue=")
                    .ok_or_else(|| format!("`{part}`: expected ParameterKey=KEY,ParameterValue=VALUE"))?;
                (key.to_owned(), value.to_owned())
            } else {
                let (key, value) = part.split_once('=').ok_or_else(|| format!("`{part}`: expected KEY=VALUE"))?;
                (key.trim().to_owned(), value.to_owned())
            };
            if key.is_empty() {
                return Err(format!("`{part}`: the parameter name is empty"));
            }
            out.insert(key, unquote(&value));
        }
    }
    Ok(out)
}

/// Splits `A=1 B="two words"` on spaces outside quotes.
fn split_overrides(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() {
                    parts.push(std::mem::take(&mut current));
                }
            }
            (_, c) => current.push(c),
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn unquote(value: &str) -> String {
    let trimmed = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = trimmed.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner.to_owned();
        }
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_in_sam_forms() {
        let parsed = parse_parameter_overrides(&[
            "Stage=prod Name=\"two words\"".to_owned(),
            "ParameterKey=Size,ParameterValue=3".to_owned(),
            "Empty=".to_owned(),
        ])
        .unwrap();
        assert_eq!(parsed["Stage"], "prod");
        assert_eq!(parsed["Name"], "two words");
        assert_eq!(parsed["Size"], "3");
        assert_eq!(parsed["Empty"], "");
        assert!(parse_parameter_overrides(&["novalue".to_owned()]).is_err());
        assert!(parse_parameter_overrides(&["=x".to_owned()]).is_err());
    }

    #[test]
    fn default_template_names() {
        let dir = tempfile::tempdir().unwrap();
        assert!(locate(None, dir.path()).unwrap_err().contains("-t/--template"));
        std::fs::write(dir.path().join("template.yml"), "Resources: {}").unwrap();
        assert_eq!(locate(None, dir.path()).unwrap(), dir.path().join("template.yml"));
        std::fs::write(dir.path().join("template.yaml"), "Resources: {}").unwrap();
        assert_eq!(locate(None, dir.path()).unwrap(), dir.path().join("template.yaml"));
        assert!(locate(Some(&dir.path().join("nope.yaml")), dir.path()).is_err());
    }
}
