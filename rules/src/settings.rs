//! What a user can choose about a run: which rules, at which severity, with which parameter values.

use std::collections::BTreeMap;

use slint_linter::Severity;

#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Codes, names or code prefixes to run; empty runs every rule.
    pub select: Vec<String>,
    /// Codes, names or code prefixes never to run.
    pub ignore: Vec<String>,
    /// Severity overrides by code or name.
    pub severity: BTreeMap<String, Severity>,
    /// Values for template parameters, as deploy-time overrides: they replace Default and
    /// AllowedValues in the evaluator.
    pub parameters: BTreeMap<String, String>,
    /// Options for single rules (`[rules.D301]` in `slint.toml`), keyed by rule code; each rule
    /// reads its own table.
    pub rule_options: BTreeMap<String, toml::Table>,
    /// The resource schemas to check against when not the bundled ones (`--schemas DIR`).
    pub schemas: Option<std::sync::Arc<slint_linter::schema::Validators>>,
    /// The day date-dependent checks (runtime deprecation) judge by; `None` is today in UTC.
    /// `--as-of` and `as-of` in `slint.toml` pin it so that CI results do not change overnight.
    pub as_of: Option<crate::date::Date>,
    /// Word lists for the DynamoDB key-design hints (`[dynamodb]` in `slint.toml`).
    pub dynamodb: crate::DynamoDbOptions,
    /// The previous version of the document, for checks of what an update changes
    /// (`--baseline`, `--baseline-file`, or the language server's last committed version).
    pub baseline: Option<std::sync::Arc<crate::Baseline>>,
}
