//! Template parameter values given on the command line: `--parameter Key=Value` and the
//! parameter files people already have for deployments.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::error::CliError;

/// Reads a parameter file in any of the shapes deployments use:
/// - CloudFormation's `[{"ParameterKey": "Stage", "ParameterValue": "prod"}, …]`;
/// - a CodePipeline template configuration or SAM-style `{"Parameters": {"Stage": "prod"}}`;
/// - a plain `{"Stage": "prod"}` object.
pub fn read_file(path: &Path) -> Result<BTreeMap<String, String>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| CliError::new(format!("{}: cannot read the parameter file: {error}", path.display())))?;
    parse(&text).map_err(|message| CliError::new(format!("{}: {message}", path.display())))
}

pub fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let value: Value = serde_json::from_str(text).map_err(|error| format!("not valid JSON: {error}"))?;
    match value {
        Value::Array(items) => parameter_list(&items),
        Value::Object(object) => match object.get("Parameters") {
            Some(Value::Object(parameters)) => key_values(parameters),
            _ => key_values(&object),
        },
        _ => Err("expected a list of {\"ParameterKey\", \"ParameterValue\"} objects or an object of parameter values".to_owned()),
    }
}

/// CloudFormation's list form. Entries that keep the previous value carry no value to use.
fn parameter_list(items: &[Value]) -> Result<BTreeMap<String, String>, String> {
    let mut parameters = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let key = item
            .get("ParameterKey")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("entry {} has no \"ParameterKey\" string", index + 1))?;
        let Some(value) = item.get("ParameterValue") else { continue };
        let value = scalar_text(value).ok_or_else(|| format!("\"ParameterValue\" of `{key}` must be a string"))?;
        parameters.insert(key.to_owned(), value);
    }
    Ok(parameters)
}

fn key_values(object: &serde_json::Map<String, Value>) -> Result<BTreeMap<String, String>, String> {
    object
        .iter()
        .map(|(key, value)| {
            scalar_text(value)
                .map(|text| (key.clone(), text))
                .ok_or_else(|| format!("the value of `{key}` must be a string, number, boolean or list of them"))
        })
        .collect()
}

/// A value as CloudFormation receives it: text, with lists comma-joined (`CommaDelimitedList`).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Option<Vec<String>> =
                items.iter().map(|item| if item.is_array() { None } else { scalar_text(item) }).collect();
            Some(parts?.join(","))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// `Key=Value`, as `--parameter` takes it; the value may itself contain `=`.
pub fn parse_assignment(text: &str) -> Result<(String, String), CliError> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_owned(), value.to_owned())),
        _ => Err(CliError::new(format!("`--parameter {text}`: expected KEY=VALUE"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudformation_list() {
        let parameters = parse(
            r#"[{"ParameterKey": "Stage", "ParameterValue": "prod"},
                {"ParameterKey": "Old", "UsePreviousValue": true},
                {"ParameterKey": "Size", "ParameterValue": "3"}]"#,
        )
        .unwrap();
        assert_eq!(parameters.into_iter().collect::<Vec<_>>(), [("Size".into(), "3".into()), ("Stage".into(), "prod".into())]);
    }

    #[test]
    fn pipeline_configuration_and_plain_object() {
        let parameters = parse(r#"{"Parameters": {"Stage": "dev", "Memory": 512}, "Tags": {"team": "a"}}"#).unwrap();
        assert_eq!(parameters["Stage"], "dev");
        assert_eq!(parameters["Memory"], "512");
        assert!(!parameters.contains_key("team"));
        let parameters = parse(r#"{"Stage": "dev", "Subnets": ["a", "b"], "Debug": false}"#).unwrap();
        assert_eq!(parameters["Subnets"], "a,b");
        assert_eq!(parameters["Debug"], "false");
    }

    #[test]
    fn bad_files_say_why() {
        assert!(parse("not json").unwrap_err().contains("not valid JSON"));
        assert!(parse("3").is_err());
        assert!(parse(r#"[{"ParameterValue": "x"}]"#).unwrap_err().contains("entry 1"));
        assert!(parse(r#"{"Vpc": {"Id": 1}}"#).unwrap_err().contains("`Vpc`"));
    }

    #[test]
    fn assignments() {
        assert_eq!(parse_assignment("Query=a=b").unwrap(), ("Query".into(), "a=b".into()));
        assert_eq!(parse_assignment("Empty=").unwrap(), ("Empty".into(), String::new()));
        assert!(parse_assignment("=x").is_err());
        assert!(parse_assignment("novalue").is_err());
    }
}
