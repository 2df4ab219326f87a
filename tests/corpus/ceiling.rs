//! The committed ceiling: per rule, how many error findings on known-good templates are accepted,
//! and why.

use std::collections::BTreeMap;

/// Rewrites the ceiling file from the current counts instead of comparing against it.
pub const UPDATE_ENV: &str = "UPDATE_CORPUS_CEILING";
/// The reason given to a rule that appears for the first time; the sweep fails until it is replaced.
pub const TODO_REASON: &str = "TODO: explain";

const HEADER: &str = "\
# Error findings that slint reports on known-good corpus templates (cfn-lint `good` fixtures and
# SAM translator `output` files), per rule code. Each is a false positive until shown otherwise, so
# every count carries the reason it is accepted. tests/corpus.rs fails when a count rises above its
# ceiling and notes when it falls; a rule without an entry has a ceiling of 0.
#
# `UPDATE_CORPUS_CEILING=1 cargo test --test corpus` rewrites the counts, keeps the reasons and
# gives new codes a reason of \"TODO: explain\", which fails the sweep until it is written.
";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    pub count: usize,
    pub reason: String,
}

pub type Ceiling = BTreeMap<String, Limit>;

pub fn parse(text: &str) -> Result<Ceiling, String> {
    let table: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
    let mut ceiling = Ceiling::new();
    for (code, value) in table {
        let entry = value.as_table().ok_or(format!("`{code}` must be a table with `count` and `reason`"))?;
        let count = entry
            .get("count")
            .and_then(toml::Value::as_integer)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(format!("`{code}.count` must be a non-negative integer"))?;
        let reason = entry.get("reason").and_then(toml::Value::as_str).ok_or(format!("`{code}.reason` must be a string"))?;
        if let Some(unknown) = entry.keys().find(|k| !matches!(k.as_str(), "count" | "reason")) {
            return Err(format!("`{code}.{unknown}` is not a ceiling field (only `count` and `reason` are)"));
        }
        ceiling.insert(code, Limit { count, reason: reason.to_owned() });
    }
    Ok(ceiling)
}

pub fn render(ceiling: &Ceiling) -> String {
    let mut text = HEADER.to_owned();
    for (code, limit) in ceiling {
        let reason = toml::Value::String(limit.reason.clone());
        text.push_str(&format!("\n[{code}]\ncount = {}\nreason = {reason}\n", limit.count));
    }
    text
}

/// The ceiling the current counts call for: counts replaced, reasons kept, codes that no longer
/// fire dropped, new codes marked as unexplained.
pub fn updated(ceiling: &Ceiling, counts: &BTreeMap<String, usize>) -> Ceiling {
    counts
        .iter()
        .filter(|(_, &count)| count > 0)
        .map(|(code, &count)| {
            let reason = ceiling.get(code).map_or(TODO_REASON.to_owned(), |limit| limit.reason.clone());
            (code.clone(), Limit { count, reason })
        })
        .collect()
}

/// A rule whose count differs from its ceiling.
#[derive(Debug, PartialEq, Eq)]
pub struct Change {
    pub code: String,
    pub count: usize,
    pub ceiling: usize,
}

/// Rules above their ceiling (a failure) and below it (the ceiling can come down).
pub fn compare(ceiling: &Ceiling, counts: &BTreeMap<String, usize>) -> (Vec<Change>, Vec<Change>) {
    let codes: std::collections::BTreeSet<&String> = ceiling.keys().chain(counts.keys()).collect();
    let (mut above, mut below) = (Vec::new(), Vec::new());
    for code in codes {
        let count = counts.get(code).copied().unwrap_or(0);
        let limit = ceiling.get(code).map_or(0, |l| l.count);
        let change = Change { code: code.clone(), count, ceiling: limit };
        if count > limit {
            above.push(change);
        } else if count < limit {
            below.push(change);
        }
    }
    (above, below)
}

/// Codes whose reason is missing or still the placeholder.
pub fn unexplained(ceiling: &Ceiling) -> Vec<&str> {
    ceiling
        .iter()
        .filter(|(_, limit)| limit.reason.trim().is_empty() || limit.reason.contains("TODO"))
        .map(|(code, _)| code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
        pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect()
    }

    #[test]
    fn rendering_reads_back_the_same_ceiling() {
        let mut ceiling = Ceiling::new();
        ceiling.insert("T201".into(), Limit { count: 3, reason: "quotes \" and\nnew lines".into() });
        ceiling.insert("S001".into(), Limit { count: 1, reason: "x".into() });
        assert_eq!(parse(&render(&ceiling)).unwrap(), ceiling);
    }

    #[test]
    fn an_update_keeps_reasons_drops_silent_rules_and_flags_new_ones() {
        let old = parse("[T201]\ncount = 5\nreason = \"known\"\n[T202]\ncount = 1\nreason = \"gone\"\n").unwrap();
        let new = updated(&old, &counts(&[("T201", 2), ("T202", 0), ("S100", 4)]));
        assert_eq!(new["T201"], Limit { count: 2, reason: "known".into() });
        assert!(!new.contains_key("T202"));
        assert_eq!(unexplained(&new), vec!["S100"]);
    }

    #[test]
    fn counts_are_compared_against_a_default_of_zero() {
        let ceiling = parse("[T201]\ncount = 2\nreason = \"r\"\n").unwrap();
        let (above, below) = compare(&ceiling, &counts(&[("T201", 1), ("T203", 1)]));
        assert_eq!(above, vec![Change { code: "T203".into(), count: 1, ceiling: 0 }]);
        assert_eq!(below, vec![Change { code: "T201".into(), count: 1, ceiling: 2 }]);
    }

    #[test]
    fn malformed_entries_are_rejected() {
        assert!(parse("[T201]\ncount = -1\nreason = \"r\"\n").is_err());
        assert!(parse("[T201]\ncount = 1\n").is_err());
        assert!(parse("[T201]\ncount = 1\nreason = \"r\"\ncuont = 2\n").is_err());
        assert!(parse("T201 = 3\n").is_err());
    }
}
