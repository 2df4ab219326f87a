//! Which rules run on a document, at which severity: the nearest `slint.toml` in or above the
//! document's folder (found and read exactly as `slint check` does), with the editor's own
//! settings layered on top.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use slint_linter::Severity;
use slint_rules::config::{check_rule_pattern, Config, ConfigError, Discovery};
pub use slint_rules::config::FILE_NAME;
use slint_rules::Settings;

/// How long edits must pause before a lint run starts, unless the client says otherwise.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(15);

/// What an editor may send in `initializationOptions` or `workspace/didChangeConfiguration`,
/// either at the top level or under a `slint` key.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientOptions {
    /// A `slint.toml` to use for every document instead of the nearest one.
    pub config_path: Option<String>,
    /// Rules to run (codes, names or prefixes); replaces the file's `select`.
    pub select: Option<Vec<String>>,
    /// Rules never to run; replaces the file's `ignore`.
    pub ignore: Option<Vec<String>>,
    /// Severity overrides: rule pattern to `error`, `warning` or `info`.
    pub severity: BTreeMap<String, String>,
    /// Milliseconds to wait after an edit before linting.
    pub debounce_ms: Option<u64>,
    /// Whether to show resolved parameter values inline.
    pub inlay_hints: Option<bool>,
    /// The git revision whose version of each template change-aware checks compare with
    /// (`HEAD` when unset: the last committed version); an empty string turns them off.
    pub baseline: Option<String>,
}

impl ClientOptions {
    /// Reads the options from whatever JSON the client sent; unknown keys are ignored and a
    /// shape that does not fit counts as no options, with the reason.
    pub fn from_json(value: Option<&serde_json::Value>) -> (ClientOptions, Option<String>) {
        let Some(value) = value.filter(|v| !v.is_null()) else { return (ClientOptions::default(), None) };
        let value = value.get("slint").unwrap_or(value);
        match serde_json::from_value::<ClientOptions>(value.clone()) {
            Ok(options) => (options.without_empty_values(), None),
            Err(error) => (ClientOptions::default(), Some(format!("ignoring the editor's slint settings: {error}"))),
        }
    }

    /// Editors send every setting, set or not: an empty path or list means "not set" here, so
    /// that `slint.toml` decides.
    fn without_empty_values(mut self) -> ClientOptions {
        self.config_path = self.config_path.filter(|path| !path.trim().is_empty());
        self.select = self.select.filter(|patterns| !patterns.is_empty());
        self.ignore = self.ignore.filter(|patterns| !patterns.is_empty());
        self
    }

    /// The revision to compare with, `None` when comparing is turned off.
    pub fn baseline_revision(&self) -> Option<&str> {
        match self.baseline.as_deref() {
            None => Some("HEAD"),
            Some(revision) if revision.trim().is_empty() => None,
            Some(revision) => Some(revision.trim()),
        }
    }

    pub fn debounce(&self) -> Duration {
        self.debounce_ms.map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
    }

    /// The editor's layer, with every pattern checked against the rule catalogue; the problems
    /// are returned so the user hears about them, and the bad entries are dropped.
    fn layer(&self) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let mut keep = |patterns: &Option<Vec<String>>| {
            patterns.as_ref().map(|patterns| {
                patterns
                    .iter()
                    .filter(|pattern| match check_rule_pattern(pattern) {
                        Ok(()) => true,
                        Err(message) => {
                            problems.push(message);
                            false
                        }
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        };
        let select = keep(&self.select);
        let ignore = keep(&self.ignore);
        let mut severity = BTreeMap::new();
        for (pattern, level) in &self.severity {
            match (check_rule_pattern(pattern), Severity::parse(level)) {
                (Err(message), _) => problems.push(message),
                (Ok(()), None) => problems.push(format!("severity `{level}` for `{pattern}` is not error, warning or info")),
                (Ok(()), Some(level)) => {
                    severity.insert(pattern.clone(), level);
                }
            }
        }
        (Config { select, ignore, severity, ..Config::default() }, problems)
    }
}

/// The settings for one document and the configuration file they came from.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub settings: Arc<Settings>,
    /// Why the configuration file could not be used, when it could not.
    pub error: Option<ConfigError>,
}

/// Finds and reads configuration files, once per file, for every open document.
pub struct Configuration {
    options: ClientOptions,
    layer: Config,
    discovery: Discovery,
    resolved: HashMap<Option<PathBuf>, Resolved>,
}

impl Configuration {
    /// Returns the configuration and what was wrong with the editor's settings.
    pub fn new(options: ClientOptions) -> (Configuration, Vec<String>) {
        let (layer, problems) = options.layer();
        (Configuration { options, layer, discovery: Discovery::new(), resolved: HashMap::new() }, problems)
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// Forgets every file read, after one changed on disk.
    pub fn reload(&mut self) {
        self.discovery = Discovery::new();
        self.resolved.clear();
    }

    /// The settings for a document at `path` (`None` for unsaved buffers: the editor's layer only).
    pub fn resolve(&mut self, path: Option<&Path>) -> Resolved {
        let file = match (&self.options.config_path, path.and_then(Path::parent)) {
            (Some(explicit), _) => Some(Ok(PathBuf::from(explicit))),
            (None, Some(dir)) => match self.discovery.config_for_dir(dir) {
                Ok(found) => found.and_then(|config| config.path.clone()).map(Ok),
                Err(error) => Some(Err(error)),
            },
            (None, None) => None,
        };
        let key = match &file {
            Some(Ok(path)) => Some(path.clone()),
            Some(Err(error)) => Some(error.path.clone()),
            None => None,
        };
        if let Some(resolved) = self.resolved.get(&key) {
            return resolved.clone();
        }
        let (base, error) = match file {
            Some(Ok(path)) => match Config::load(&path) {
                Ok(config) => (config, None),
                Err(error) => (Config::default(), Some(error)),
            },
            Some(Err(error)) => (Config::default(), Some(error)),
            None => (Config::default(), None),
        };
        let settings = Arc::new(base.overlaid(&self.layer).settings());
        let resolved = Resolved { settings, error };
        self.resolved.insert(key, resolved.clone());
        resolved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_are_read_at_the_top_or_under_slint() {
        let (options, problem) = ClientOptions::from_json(Some(&json!({"slint": {"select": ["T2"], "debounceMs": 5}})));
        assert_eq!(problem, None);
        assert_eq!(options.select, Some(vec!["T2".to_owned()]));
        assert_eq!(options.debounce(), Duration::from_millis(5));
        let (options, _) = ClientOptions::from_json(Some(&json!({"ignore": ["T3"]})));
        assert_eq!(options.ignore, Some(vec!["T3".to_owned()]));
        let (options, _) = ClientOptions::from_json(Some(&json!({"configPath": "", "select": [], "trace": {"server": "off"}})));
        assert_eq!(options, ClientOptions::default());
        let (options, problem) = ClientOptions::from_json(Some(&json!({"select": "T2"})));
        assert_eq!(options, ClientOptions::default());
        assert!(problem.is_some());
    }

    #[test]
    fn unknown_rules_and_severities_in_editor_settings_are_reported_and_dropped() {
        let options = ClientOptions {
            select: Some(vec!["T2".into(), "Z999".into()]),
            severity: BTreeMap::from([("T201".into(), "fatal".into()), ("T2".into(), "info".into())]),
            ..ClientOptions::default()
        };
        let (configuration, problems) = Configuration::new(options);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(configuration.layer.select, Some(vec!["T2".to_owned()]));
        assert_eq!(configuration.layer.severity.get("T2"), Some(&Severity::Info));
    }

    #[test]
    fn the_nearest_slint_toml_applies_and_a_broken_one_is_reported() {
        let dir = std::env::temp_dir().join(format!("slint-lsp-settings-{}", std::process::id()));
        let nested = dir.join("app/src");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.join("slint.toml"), "ignore = [\"T3\"]\n").unwrap();
        let (mut configuration, _) = Configuration::new(ClientOptions::default());
        let resolved = configuration.resolve(Some(&nested.join("template.yaml")));
        assert_eq!(resolved.settings.ignore, vec!["T3".to_owned()]);
        std::fs::write(dir.join("slint.toml"), "ignore = 3\n").unwrap();
        configuration.reload();
        let resolved = configuration.resolve(Some(&nested.join("template.yaml")));
        assert!(resolved.error.is_some());
        assert!(resolved.settings.ignore.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
