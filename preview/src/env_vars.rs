//! `--env-vars FILE`: environment overrides in SAM CLI's format,
//! `{"Parameters": {"VAR": "value"}, "MyFunction": {"VAR": "value"}}`, where `Parameters` applies
//! to every function and a function's own entry (by logical id or `FunctionName`) wins over it.

use std::collections::BTreeMap;

use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvOverrides {
    pub all_functions: BTreeMap<String, String>,
    pub by_function: BTreeMap<String, BTreeMap<String, String>>,
}

impl EnvOverrides {
    pub fn parse(text: &str) -> Result<EnvOverrides, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let Value::Object(sections) = value else {
            return Err("expected an object of functions, e.g. {\"MyFunction\": {\"TABLE\": \"orders\"}}".to_owned());
        };
        let mut overrides = EnvOverrides::default();
        for (section, variables) in sections {
            let Value::Object(variables) = variables else {
                return Err(format!("`{section}` must be an object of variable names and values"));
            };
            let mut parsed = BTreeMap::new();
            for (name, value) in variables {
                let text = match value {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => String::new(),
                    _ => return Err(format!("`{section}.{name}` must be a string, number or boolean")),
                };
                parsed.insert(name, text);
            }
            if section == "Parameters" {
                overrides.all_functions = parsed;
            } else {
                overrides.by_function.insert(section, parsed);
            }
        }
        Ok(overrides)
    }

    /// The overrides for one function, the function's own entries last so that they win.
    pub fn for_function<'a>(&'a self, names: &[&str]) -> impl Iterator<Item = (&'a str, &'a str, bool)> + 'a {
        let own: Vec<&BTreeMap<String, String>> = names.iter().filter_map(|n| self.by_function.get(*n)).collect();
        self.all_functions
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str(), false))
            .chain(own.into_iter().flat_map(|m| m.iter().map(|(k, v)| (k.as_str(), v.as_str(), true))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sam_format() {
        let overrides = EnvOverrides::parse(r#"{"Parameters": {"STAGE": "dev", "N": 3}, "Fn": {"STAGE": "test", "DEBUG": true}}"#).unwrap();
        let values: Vec<_> = overrides.for_function(&["Fn", "fn-name"]).collect();
        assert_eq!(values, [("N", "3", false), ("STAGE", "dev", false), ("DEBUG", "true", true), ("STAGE", "test", true)]);
        assert!(EnvOverrides::parse("[]").is_err());
        assert!(EnvOverrides::parse(r#"{"Fn": {"A": {"x": 1}}}"#).unwrap_err().contains("`Fn.A`"));
        assert!(EnvOverrides::parse(r#"{"Fn": 3}"#).is_err());
    }
}
