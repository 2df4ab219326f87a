//! The Lambda runtime lifecycle table: when each runtime is deprecated and when creating and
//! updating functions on it is blocked.

use std::sync::OnceLock;

use serde_json::Value;

use crate::bundle;

/// One runtime's lifecycle. Dates are ISO `YYYY-MM-DD`, so they compare as strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeLifecycle {
    /// The runtime identifier as written in a template: `python3.9`, `nodejs18.x`.
    pub name: String,
    /// From this day AWS no longer patches the runtime.
    pub deprecated: Option<String>,
    /// From this day new functions can no longer be created on it.
    pub block_create: Option<String>,
    /// From this day existing functions on it can no longer be updated.
    pub block_update: Option<String>,
    /// The runtime AWS recommends moving to.
    pub successor: Option<String>,
}

/// Every runtime the table knows, sorted by name.
pub fn runtimes() -> &'static [RuntimeLifecycle] {
    static TABLE: OnceLock<Vec<RuntimeLifecycle>> = OnceLock::new();
    TABLE.get_or_init(|| bundle::table("@lambda-runtimes").map(|table| parse(&table)).unwrap_or_default())
}

/// A runtime's lifecycle by its exact identifier.
pub fn runtime(name: &str) -> Option<&'static RuntimeLifecycle> {
    let table = runtimes();
    table.binary_search_by(|r| r.name.as_str().cmp(name)).ok().map(|i| &table[i])
}

fn parse(table: &Value) -> Vec<RuntimeLifecycle> {
    let date = |entry: &Value, key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut runtimes: Vec<RuntimeLifecycle> = table
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, entry)| RuntimeLifecycle {
            name: name.clone(),
            deprecated: date(entry, "deprecated"),
            block_create: date(entry, "create-block"),
            block_update: date(entry, "update-block"),
            successor: date(entry, "successor"),
        })
        .collect();
    runtimes.sort_by(|a, b| a.name.cmp(&b.name));
    runtimes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_retired_and_current_runtimes() {
        let python27 = runtime("python2.7").expect("python2.7 is in the table");
        assert!(python27.deprecated.as_deref().is_some_and(|d| d.starts_with("2021")));
        assert!(python27.block_update.is_some());
        assert!(python27.successor.as_deref().is_some_and(|s| s.starts_with("python3")));
        assert!(runtime("nodejs20.x").is_some());
        assert!(runtime("cobol").is_none());
    }

    #[test]
    fn dates_are_iso_days() {
        for r in runtimes() {
            for date in [&r.deprecated, &r.block_create, &r.block_update].into_iter().flatten() {
                let digits: Vec<&str> = date.split('-').collect();
                assert!(digits.len() == 3 && digits.iter().all(|d| d.parse::<u32>().is_ok()), "{}: {date}", r.name);
            }
        }
    }
}
