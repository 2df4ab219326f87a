//! `slint.toml`: finding the file that applies to a template, reading it, checking it against the
//! rule catalogue, and turning it into [`Settings`].
//!
//! The command line and the language server both go through here, so a configuration means the
//! same thing in the terminal and in the editor.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use slint_linter::schema::SchemaFolder;
use slint_linter::Severity;
use toml::Spanned;

use crate::date::Date;
use crate::dynamodb::options::DynamoDbOptions;
use crate::engine::matches_rule;
use crate::registry::{all_rules, find_rule};
use crate::settings::Settings;
use crate::suggest::did_you_mean;

/// The name slint looks for in a template's folder and every folder above it.
pub const FILE_NAME: &str = "slint.toml";

/// The lowest severity that makes a run fail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub const NAMES: [&'static str; 4] = ["error", "warning", "info", "never"];

    pub fn parse(text: &str) -> Option<FailOn> {
        match text.to_ascii_lowercase().as_str() {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    /// Whether a finding of `severity` makes the run fail.
    pub fn is_reached_by(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// What one `slint.toml` (or the command line) says, already checked against the rule catalogue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The file it was read from; relative `exclude` patterns start at its folder.
    pub path: Option<PathBuf>,
    /// Rules to run; `None` leaves the choice to a lower layer (all rules by default).
    pub select: Option<Vec<String>>,
    /// Rules never to run; `None` leaves the choice to a lower layer.
    pub ignore: Option<Vec<String>>,
    pub severity: BTreeMap<String, Severity>,
    pub parameters: BTreeMap<String, String>,
    pub fail_on: Option<FailOn>,
    /// Glob patterns of files and folders that folder discovery skips.
    pub exclude: Vec<String>,
    /// Options for single rules (`[rules.D301]`), keyed by the rule's code; each rule reads and
    /// checks its own table.
    pub rules: BTreeMap<String, toml::Table>,
    /// Resource provider schemas that add to or replace the bundled ones (`schemas`).
    pub schemas: Option<SchemaFolder>,
    /// Word lists for the DynamoDB key-design hints (`[dynamodb]`).
    pub dynamodb: DynamoDbOptions,
    /// The day date-dependent checks judge by (`as-of`); `None` is today.
    pub as_of: Option<Date>,
}

impl Config {
    /// The folder relative `exclude` patterns are resolved against.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// `over` layered on top of `self`: lists `over` sets replace ours, tables merge key by key
    /// with `over` winning. The command line is layered this way over the file.
    pub fn overlaid(&self, over: &Config) -> Config {
        let mut merged = self.clone();
        if over.select.is_some() {
            merged.select = over.select.clone();
        }
        if over.ignore.is_some() {
            merged.ignore = over.ignore.clone();
        }
        merged.severity.extend(over.severity.iter().map(|(k, v)| (k.clone(), *v)));
        merged.parameters.extend(over.parameters.iter().map(|(k, v)| (k.clone(), v.clone())));
        merged.fail_on = over.fail_on.or(self.fail_on);
        merged.schemas = over.schemas.clone().or_else(|| self.schemas.clone());
        merged.as_of = over.as_of.or(self.as_of);
        merged.exclude.extend(over.exclude.iter().cloned());
        merged.dynamodb = self.dynamodb.overlaid(&over.dynamodb);
        for (code, table) in &over.rules {
            merged.rules.entry(code.clone()).or_default().extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        merged
    }

    pub fn settings(&self) -> Settings {
        Settings {
            select: self.select.clone().unwrap_or_default(),
            ignore: self.ignore.clone().unwrap_or_default(),
            severity: self.severity.clone(),
            parameters: self.parameters.clone(),
            rule_options: self.rules.clone(),
            schemas: self.schemas.as_ref().map(|folder| folder.validators.clone()),
            dynamodb: self.dynamodb.clone(),
            as_of: self.as_of,
            ..Settings::default()
        }
    }

    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| ConfigError { path: path.to_owned(), line: None, message: format!("cannot read the file: {error}") })?;
        Config::parse(&text, path)
    }

    /// Reads and checks `text`, naming `path` in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            path: path.to_owned(),
            line: span.map(|span| line_of(text, span.start)),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|error| error_at(error.span(), describe_toml_error(error.message())))?;
        let mut config = Config { path: Some(path.to_owned()), ..Config::default() };

        let rule_list = |key: &str, patterns: Option<Vec<Spanned<String>>>| -> Result<Option<Vec<String>>, ConfigError> {
            let Some(patterns) = patterns else { return Ok(None) };
            let mut checked = Vec::with_capacity(patterns.len());
            for pattern in patterns {
                check_rule_pattern(pattern.get_ref()).map_err(|message| error_at(Some(pattern.span()), format!("`{key}`: {message}")))?;
                checked.push(pattern.into_inner());
            }
            Ok(Some(checked))
        };
        config.select = rule_list("select", raw.select)?;
        config.ignore = rule_list("ignore", raw.ignore)?;

        for (pattern, level) in raw.severity {
            check_rule_pattern(pattern.get_ref())
                .map_err(|message| error_at(Some(pattern.span()), format!("`severity`: {message}")))?;
            let severity = Severity::parse(level.get_ref()).ok_or_else(|| {
                error_at(
                    Some(level.span()),
                    format!("`severity.{}`: unknown severity `{}` (expected error, warning or info)", pattern.get_ref(), level.get_ref()),
                )
            })?;
            config.severity.insert(pattern.into_inner(), severity);
        }

        for (name, value) in raw.parameters {
            let text = parameter_text(value.get_ref()).ok_or_else(|| {
                error_at(
                    Some(value.span()),
                    format!("`parameters.{name}`: a parameter value must be a string, number, boolean or list of them"),
                )
            })?;
            config.parameters.insert(name, text);
        }

        if let Some(fail_on) = raw.fail_on {
            config.fail_on = Some(FailOn::parse(fail_on.get_ref()).ok_or_else(|| {
                error_at(
                    Some(fail_on.span()),
                    format!("`fail-on`: unknown value `{}` (expected one of {})", fail_on.get_ref(), FailOn::NAMES.join(", ")),
                )
            })?);
        }

        if let Some(as_of) = raw.as_of {
            // A bare `2026-06-01` is a TOML date; a quoted one is a string. Both mean the day.
            let text = match as_of.get_ref() {
                toml::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            config.as_of = Some(text.parse::<Date>().map_err(|error| error_at(Some(as_of.span()), format!("`as-of`: {error}")))?);
        }

        if let Some(folder) = raw.schemas {
            // Relative to the folder of the slint.toml, like `exclude`.
            let path = path.parent().unwrap_or(Path::new("")).join(folder.get_ref());
            let loaded = SchemaFolder::load(&path).map_err(|error| error_at(Some(folder.span()), format!("`schemas`: {error}")))?;
            config.schemas = Some(loaded);
        }

        for pattern in raw.exclude {
            if let Err(message) = check_glob(pattern.get_ref()) {
                return Err(error_at(Some(pattern.span()), format!("`exclude`: {message}")));
            }
            config.exclude.push(pattern.into_inner());
        }

        if let Some(dynamodb) = raw.dynamodb {
            dynamodb.get_ref().check().map_err(|message| error_at(Some(dynamodb.span()), message))?;
            config.dynamodb = dynamodb.into_inner();
        }

        for (code, table) in raw.rules {
            let rule = find_rule(code.get_ref()).ok_or_else(|| {
                error_at(Some(code.span()), format!("`rules`: {}", unknown_rule_message(code.get_ref())))
            })?;
            crate::lambda::check_options(rule.code, &table)
                .and_then(|()| crate::dynamodb::check_options(rule.code, &table))
                .map_err(|message| error_at(Some(code.span()), format!("`rules.{}`: {message}", code.get_ref())))?;
            config.rules.entry(rule.code.to_owned()).or_default().extend(table);
        }
        Ok(config)
    }
}

/// The file as written, before its values are checked. Unknown top-level keys are refused so
/// that a typo does not silently change nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    parameters: BTreeMap<String, Spanned<toml::Value>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, toml::Table>,
    schemas: Option<Spanned<String>>,
    dynamodb: Option<Spanned<DynamoDbOptions>>,
    as_of: Option<Spanned<toml::Value>>,
}

/// The top-level keys a `slint.toml` may have, as written in the file.
pub const KEYS: &[&str] = &["select", "ignore", "severity", "parameters", "fail-on", "exclude", "rules", "as-of", "dynamodb", "schemas"];

/// The reader's message, with unknown keys said in the file's terms and a likely correction.
fn describe_toml_error(message: &str) -> String {
    let unknown = message.strip_prefix("unknown field `").and_then(|rest| rest.split_once('`')).map(|(key, _)| key);
    match unknown {
        Some(key) => {
            let hint = match did_you_mean(key, KEYS.iter().copied()) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("expected one of {}", KEYS.join(", ")),
            };
            format!("unknown key `{key}`; {hint}")
        }
        None => message.trim_end().to_owned(),
    }
}

/// A parameter value as CloudFormation receives it: text, with lists comma-joined.
fn parameter_text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(n) => Some(n.to_string()),
        toml::Value::Float(n) => Some(n.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Array(items) => {
            let parts: Option<Vec<String>> =
                items.iter().map(|item| if item.is_array() { None } else { parameter_text(item) }).collect();
            Some(parts?.join(","))
        }
        toml::Value::Datetime(_) | toml::Value::Table(_) => None,
    }
}

/// Rejects the glob syntax errors that would otherwise only surface as "never matches".
fn check_glob(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Err("an empty pattern excludes nothing".to_owned());
    }
    let mut depth = 0i32;
    let mut in_class = false;
    for c in pattern.chars() {
        match c {
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '{' if !in_class => depth += 1,
            '}' if !in_class => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            break;
        }
    }
    if in_class {
        Err(format!("unclosed `[` in pattern `{pattern}`"))
    } else if depth != 0 {
        Err(format!("unbalanced `{{`/`}}` in pattern `{pattern}`"))
    } else {
        Ok(())
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A `slint.toml` that could not be used, with the line at fault when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Checks that `pattern` (a code, a name or a code prefix) names at least one rule; the error
/// says what was probably meant.
pub fn check_rule_pattern(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Err("an empty rule code matches every rule; name a code, a name or a code prefix".to_owned());
    }
    if all_rules().iter().any(|rule| matches_rule(rule, pattern)) {
        Ok(())
    } else {
        Err(unknown_rule_message(pattern))
    }
}

/// "unknown rule `X`", with the closest code or name when one is close enough to be a typo.
pub fn unknown_rule_message(pattern: &str) -> String {
    match suggest_rule(pattern) {
        Some(suggestion) => format!("unknown rule `{pattern}`; did you mean `{suggestion}`?"),
        None => format!("unknown rule `{pattern}`; `slint rules` lists every rule"),
    }
}

/// The rule code or name closest to `pattern`, if one is within a typo's distance.
pub fn suggest_rule(pattern: &str) -> Option<&'static str> {
    did_you_mean(pattern, all_rules().iter().flat_map(|rule| [rule.code, rule.name]))
}

/// Finds the `slint.toml` that applies to each folder (the nearest one in it or above it),
/// reading each file once however many templates share it.
#[derive(Debug, Default)]
pub struct Discovery {
    nearest_by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Arc<Config>>,
}

impl Discovery {
    pub fn new() -> Self {
        Discovery::default()
    }

    /// The configuration for templates in `dir`, `None` when no folder up to the root has one.
    pub fn config_for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
        let Some(path) = self.nearest(&dir) else { return Ok(None) };
        if let Some(config) = self.loaded.get(&path) {
            return Ok(Some(Arc::clone(config)));
        }
        let config = Arc::new(Config::load(&path)?);
        self.loaded.insert(path, Arc::clone(&config));
        Ok(Some(config))
    }

    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut walked = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = self.nearest_by_dir.get(ancestor) {
                found = known.clone();
                break;
            }
            walked.push(ancestor.to_owned());
            let candidate = ancestor.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for dir in walked {
            self.nearest_by_dir.insert(dir, found.clone());
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("slint.toml"))
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            r#"
select = ["T"]
ignore = ["syntax-error"]
fail-on = "error"
exclude = ["build/**", "*.generated.yaml"]

[severity]
T001 = "warning"

[parameters]
Stage = "prod"
Memory = 512
Subnets = ["a", "b"]

[rules.T001]
limit = 3
"#,
        )
        .unwrap();
        assert_eq!(config.select, Some(vec!["T".to_owned()]));
        assert_eq!(config.ignore, Some(vec!["syntax-error".to_owned()]));
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(config.exclude, ["build/**", "*.generated.yaml"]);
        assert_eq!(config.severity["T001"], Severity::Warning);
        assert_eq!(config.parameters["Stage"], "prod");
        assert_eq!(config.parameters["Memory"], "512");
        assert_eq!(config.parameters["Subnets"], "a,b");
        assert_eq!(config.rules["T001"]["limit"].as_integer(), Some(3));
    }

    #[test]
    fn as_of_is_a_day_quoted_or_bare() {
        let quoted = parse("as-of = \"2026-06-01\"\n").unwrap();
        let bare = parse("as-of = 2026-06-01\n").unwrap();
        assert_eq!(quoted.as_of.map(|d| d.to_string()).as_deref(), Some("2026-06-01"));
        assert_eq!(bare.as_of, quoted.as_of);
        assert_eq!(quoted.settings().as_of, quoted.as_of);
        let error = parse("\nas-of = \"June 2026\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("as-of") && error.message.contains("YYYY-MM-DD"), "{error}");
        let mut flags = Config::default();
        flags.as_of = "2027-01-01".parse().ok();
        assert_eq!(quoted.overlaid(&flags).as_of, flags.as_of);
        assert_eq!(quoted.overlaid(&Config::default()).as_of, quoted.as_of);
    }

    #[test]
    fn unknown_top_level_key_names_key_and_line() {
        let error = parse("select = [\"T001\"]\n\nfail_on = \"error\"\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        assert_eq!(error.message, "unknown key `fail_on`; did you mean `fail-on`?");
        let error = parse("[plugins]\nx = 1\n").unwrap_err();
        assert_eq!(error.line, Some(1), "{error}");
        assert!(error.message.starts_with("unknown key `plugins`; expected one of select, ignore"), "{error}");
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        let error = parse("ignore = [\n  \"T001\",\n  \"sytnax-error\",\n]\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("did you mean `syntax-error`"), "{error}");
        let error = parse("[severity]\nT0001 = \"info\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("did you mean `T001`"), "{error}");
    }

    #[test]
    fn bad_values_name_their_key() {
        let error = parse("[severity]\nT001 = \"fatal\"\n").unwrap_err();
        assert!(error.message.contains("severity.T001") && error.message.contains("fatal"), "{error}");
        let error = parse("fail-on = \"sometimes\"\n").unwrap_err();
        assert!(error.message.contains("fail-on"), "{error}");
        let error = parse("[parameters]\nVpc = { Id = 1 }\n").unwrap_err();
        assert!(error.message.contains("parameters.Vpc"), "{error}");
        let error = parse("select = \"T001\"\n").unwrap_err();
        assert_eq!(error.line, Some(1));
        let error = parse("exclude = [\"build/[abc\"]\n").unwrap_err();
        assert!(error.message.contains("exclude"), "{error}");
        let error = parse("[rules.nonexistent-rule]\nx = 1\n").unwrap_err();
        assert_eq!(error.line, Some(1));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let error = parse("select = [\"T001\"\nignore = []\n").unwrap_err();
        assert!(error.line.is_some(), "{error}");
    }

    #[test]
    fn command_line_layer_wins() {
        let file = parse("select = [\"T\"]\nfail-on = \"error\"\n[severity]\nT001 = \"info\"\n[parameters]\nA = \"1\"\nB = \"2\"\n").unwrap();
        let mut flags = Config::default();
        flags.severity.insert("T001".into(), Severity::Warning);
        flags.parameters.insert("B".into(), "3".into());
        flags.ignore = Some(vec!["T001".into()]);
        let merged = file.overlaid(&flags);
        assert_eq!(merged.select, Some(vec!["T".to_owned()]));
        assert_eq!(merged.ignore, Some(vec!["T001".to_owned()]));
        assert_eq!(merged.fail_on, Some(FailOn::Error));
        assert_eq!(merged.severity["T001"], Severity::Warning);
        assert_eq!(merged.parameters["A"], "1");
        assert_eq!(merged.parameters["B"], "3");
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Warning.is_reached_by(Severity::Error));
        assert!(FailOn::Warning.is_reached_by(Severity::Warning));
        assert!(!FailOn::Warning.is_reached_by(Severity::Info));
        assert!(!FailOn::Error.is_reached_by(Severity::Warning));
        assert!(FailOn::Info.is_reached_by(Severity::Info));
        assert!(!FailOn::Never.is_reached_by(Severity::Error));
    }

    #[test]
    fn suggestions_stay_near() {
        assert_eq!(suggest_rule("T01"), Some("T001"));
        assert_eq!(suggest_rule("sytnax-error"), Some("syntax-error"));
        assert_eq!(suggest_rule("completely-different-words"), None);
    }

    #[test]
    fn discovery_walks_up_and_caches() {
        let root = std::env::temp_dir().join(format!("slint-config-discovery-{}", std::process::id()));
        let nested = root.join("a").join("b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.join(FILE_NAME), "fail-on = \"never\"\n").unwrap();
        let mut discovery = Discovery::new();
        let config = discovery.config_for_dir(&nested).unwrap().expect("found above");
        assert_eq!(config.fail_on, Some(FailOn::Never));
        assert_eq!(config.root(), Some(root.as_path()));
        let again = discovery.config_for_dir(&root.join("a")).unwrap().unwrap();
        assert!(Arc::ptr_eq(&config, &again));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
