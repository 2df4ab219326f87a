//! The `[dynamodb]` table of `slint.toml`: the word lists the key-design hints judge attribute
//! names by.
//!
//! ```toml
//! [dynamodb]
//! extend-low-cardinality-words = ["tier"]   # added to the built-in list
//! low-cardinality-words = ["status"]        # replaces it
//! extend-timestamp-words = ["instant"]
//! ```

use serde::Deserialize;

/// Words that, as part of an attribute name, suggest few distinct values.
pub const LOW_CARDINALITY_WORDS: &[&str] = &[
    "status", "state", "type", "kind", "category", "gender", "sex", "country", "region", "date", "day", "weekday", "month", "year",
    "priority", "tier", "source", "channel", "platform", "currency", "language", "locale", "flag", "enabled", "disabled", "active",
    "deleted", "bool", "boolean",
];

/// Words that, in the name of a Number attribute, suggest a point in time.
pub const TIMESTAMP_WORDS: &[&str] =
    &["timestamp", "time", "ts", "epoch", "datetime", "millis", "milliseconds", "created", "updated", "modified", "at"];

/// What `[dynamodb]` says, as written; `None` keeps the built-in list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DynamoDbOptions {
    pub low_cardinality_words: Option<Vec<String>>,
    #[serde(default)]
    pub extend_low_cardinality_words: Vec<String>,
    pub timestamp_words: Option<Vec<String>>,
    #[serde(default)]
    pub extend_timestamp_words: Vec<String>,
}

impl DynamoDbOptions {
    /// `over` layered on `self`: replacement lists win, extensions add up.
    pub fn overlaid(&self, over: &DynamoDbOptions) -> DynamoDbOptions {
        let extend = |a: &[String], b: &[String]| a.iter().chain(b).cloned().collect();
        DynamoDbOptions {
            low_cardinality_words: over.low_cardinality_words.clone().or_else(|| self.low_cardinality_words.clone()),
            extend_low_cardinality_words: extend(&self.extend_low_cardinality_words, &over.extend_low_cardinality_words),
            timestamp_words: over.timestamp_words.clone().or_else(|| self.timestamp_words.clone()),
            extend_timestamp_words: extend(&self.extend_timestamp_words, &over.extend_timestamp_words),
        }
    }

    /// The low-cardinality words in effect, lower-cased.
    pub fn low_cardinality_words(&self) -> Vec<String> {
        effective(&self.low_cardinality_words, &self.extend_low_cardinality_words, LOW_CARDINALITY_WORDS)
    }

    /// The timestamp words in effect, lower-cased.
    pub fn timestamp_words(&self) -> Vec<String> {
        effective(&self.timestamp_words, &self.extend_timestamp_words, TIMESTAMP_WORDS)
    }

    /// Rejects words that could never match an attribute name's words.
    pub fn check(&self) -> Result<(), String> {
        let lists = [
            ("low-cardinality-words", self.low_cardinality_words.as_deref().unwrap_or_default()),
            ("extend-low-cardinality-words", &self.extend_low_cardinality_words),
            ("timestamp-words", self.timestamp_words.as_deref().unwrap_or_default()),
            ("extend-timestamp-words", &self.extend_timestamp_words),
        ];
        for (key, words) in lists {
            if let Some(word) = words.iter().find(|w| w.is_empty() || !w.chars().all(|c| c.is_ascii_alphanumeric())) {
                return Err(format!(
                    "`dynamodb.{key}`: `{word}` is not a single word; attribute names are split into words at case changes, digits and separators (`orderStatus` is `order` + `status`), so list words of letters and digits"
                ));
            }
        }
        Ok(())
    }
}

fn effective(replacement: &Option<Vec<String>>, extension: &[String], builtin: &[&str]) -> Vec<String> {
    let base: Vec<String> = match replacement {
        Some(words) => words.clone(),
        None => builtin.iter().map(|w| (*w).to_owned()).collect(),
    };
    base.into_iter().chain(extension.iter().cloned()).map(|w| w.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_adds_and_replacement_replaces() {
        let options = DynamoDbOptions { extend_low_cardinality_words: vec!["Tier2".into()], ..Default::default() };
        let words = options.low_cardinality_words();
        assert!(words.contains(&"status".to_owned()) && words.contains(&"tier2".to_owned()));
        let options = DynamoDbOptions { low_cardinality_words: Some(vec!["colour".into()]), ..Default::default() };
        assert_eq!(options.low_cardinality_words(), ["colour"]);
        let layered = options.overlaid(&DynamoDbOptions { extend_low_cardinality_words: vec!["size".into()], ..Default::default() });
        assert_eq!(layered.low_cardinality_words(), ["colour", "size"]);
    }

    #[test]
    fn slint_toml_reads_the_dynamodb_table() {
        let parse = |text: &str| crate::config::Config::parse(text, std::path::Path::new("slint.toml"));
        let config = parse("[dynamodb]\nextend-low-cardinality-words = [\"tier2\"]\n").unwrap();
        assert!(config.settings().dynamodb.low_cardinality_words().contains(&"tier2".to_owned()));

        let unknown = parse("[dynamodb]\nlow-cardinality-word = [\"x\"]\n").unwrap_err();
        assert!(unknown.message.contains("low-cardinality-word"), "{unknown}");
        let not_a_word = parse("\n[dynamodb]\ntimestamp-words = [\"created_at\"]\n").unwrap_err();
        assert!(not_a_word.message.contains("dynamodb.timestamp-words"), "{not_a_word}");
        assert!(not_a_word.line.is_some());

        assert!(parse("[rules.D013]\nmax-all-projections = 4\n").is_ok());
        assert!(parse("[rules.D013]\nmax-all-projections = -1\n").is_err());
        assert!(parse("[rules.many-all-projections]\nmax = 4\n").is_err());
    }

    #[test]
    fn words_must_be_words() {
        assert!(DynamoDbOptions { extend_timestamp_words: vec!["created_at".into()], ..Default::default() }.check().is_err());
        assert!(DynamoDbOptions { low_cardinality_words: Some(vec!["".into()]), ..Default::default() }.check().is_err());
        assert!(DynamoDbOptions::default().check().is_ok());
    }
}
