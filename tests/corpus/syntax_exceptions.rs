//! Templates outside the `parse-error` class whose syntax findings are expected: real files with
//! duplicate keys, fixtures written to show one, and reader limitations awaiting a fix. Each entry
//! names the file, the codes and the reason; anything not listed fails the sweep.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    pub codes: BTreeSet<String>,
    pub reason: String,
}

/// By corpus-relative path.
pub type Exceptions = BTreeMap<String, Exception>;

pub fn parse(text: &str) -> Result<Exceptions, String> {
    let table: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
    let mut exceptions = Exceptions::new();
    for (path, value) in table {
        let entry = value.as_table().ok_or(format!("`{path}` must be a table with `codes` and `reason`"))?;
        let codes = entry
            .get("codes")
            .and_then(toml::Value::as_array)
            .and_then(|codes| codes.iter().map(|c| c.as_str().map(str::to_owned)).collect::<Option<BTreeSet<_>>>())
            .filter(|codes| !codes.is_empty())
            .ok_or(format!("`{path}`: `codes` must be a non-empty list of rule codes"))?;
        let reason = entry
            .get("reason")
            .and_then(toml::Value::as_str)
            .filter(|r| !r.trim().is_empty())
            .ok_or(format!("`{path}`: `reason` must say why the finding is expected"))?;
        if let Some(unknown) = entry.keys().find(|k| !matches!(k.as_str(), "codes" | "reason")) {
            return Err(format!("`{path}`: `{unknown}` is not an exception field (only `codes` and `reason` are)"));
        }
        exceptions.insert(path, Exception { codes, reason: reason.to_owned() });
    }
    Ok(exceptions)
}

/// Whether a syntax finding of `code` on `path` is listed.
pub fn allows(exceptions: &Exceptions, path: &str, code: &str) -> bool {
    exceptions.get(path).is_some_and(|e| e.codes.contains(code))
}

/// Listed `(path, code)` pairs that the sweep no longer reports, given what it did report.
pub fn stale<'e>(exceptions: &'e Exceptions, reported: &BTreeSet<(String, String)>) -> Vec<(&'e str, &'e str)> {
    exceptions
        .iter()
        .flat_map(|(path, e)| e.codes.iter().map(move |code| (path.as_str(), code.as_str())))
        .filter(|(path, code)| !reported.contains(&(path.to_string(), code.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "[\"a/t.yaml\"]\ncodes = [\"T002\"]\nreason = \"real duplicate\"\n";

    #[test]
    fn listed_codes_are_allowed_and_others_are_not() {
        let exceptions = parse(SAMPLE).unwrap();
        assert!(allows(&exceptions, "a/t.yaml", "T002"));
        assert!(!allows(&exceptions, "a/t.yaml", "T001"));
        assert!(!allows(&exceptions, "b/t.yaml", "T002"));
    }

    #[test]
    fn exceptions_that_no_longer_fire_are_stale() {
        let exceptions = parse(SAMPLE).unwrap();
        assert_eq!(stale(&exceptions, &BTreeSet::new()), vec![("a/t.yaml", "T002")]);
        let reported = BTreeSet::from([("a/t.yaml".to_owned(), "T002".to_owned())]);
        assert!(stale(&exceptions, &reported).is_empty());
    }

    #[test]
    fn entries_need_codes_and_a_reason() {
        assert!(parse("[\"a\"]\ncodes = []\nreason = \"r\"\n").is_err());
        assert!(parse("[\"a\"]\ncodes = [\"T002\"]\nreason = \" \"\n").is_err());
        assert!(parse("[\"a\"]\ncodes = [\"T002\"]\n").is_err());
    }
}
