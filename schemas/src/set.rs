//! The schemas one run checks against: the bundle, optionally with a folder of overrides.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::bundle;
use crate::overrides::{self, LoadError, OverrideFile};

pub struct SchemaSet {
    overrides: HashMap<String, Override>,
}

struct Override {
    file: OverrideFile,
    value: OnceLock<Option<Arc<Value>>>,
}

impl SchemaSet {
    /// The bundled schemas alone.
    pub fn bundled() -> &'static SchemaSet {
        static BUNDLED: OnceLock<SchemaSet> = OnceLock::new();
        BUNDLED.get_or_init(|| SchemaSet { overrides: HashMap::new() })
    }

    /// The bundled schemas, with every provider schema in `dir` added or, for a type the bundle
    /// has, used instead. Two files for one type are an error: which one wins would be a guess.
    pub fn with_overrides(dir: &Path) -> Result<SchemaSet, LoadError> {
        let mut by_type: HashMap<String, Override> = HashMap::new();
        for file in overrides::read_dir(dir)? {
            if let Some(earlier) = by_type.get(&file.type_name) {
                return Err(LoadError {
                    path: file.path.clone(),
                    message: format!("describes {} again, as {} already does", file.type_name, earlier.file.path.display()),
                });
            }
            by_type.insert(file.type_name.clone(), Override { file, value: OnceLock::new() });
        }
        Ok(SchemaSet { overrides: by_type })
    }

    /// A resource type's schema, parsed once on first use.
    pub fn schema(&self, type_name: &str) -> Option<Arc<Value>> {
        match self.overrides.get(type_name) {
            Some(o) => o.value.get_or_init(|| serde_json::from_str(&o.file.schema_text).ok().map(Arc::new)).clone(),
            None if type_name.starts_with('@') => None,
            None => bundle::get(type_name),
        }
    }

    pub fn contains(&self, type_name: &str) -> bool {
        self.overrides.contains_key(type_name) || !type_name.starts_with('@') && bundle::contains(type_name)
    }

    /// The file a type's schema was read from, when it is not the bundled one.
    pub fn override_path(&self, type_name: &str) -> Option<&PathBuf> {
        self.overrides.get(type_name).map(|o| &o.file.path)
    }

    /// Every known resource type name, sorted.
    pub fn type_names(&self) -> Vec<&str> {
        if self.overrides.is_empty() {
            return bundle::resource_type_names().collect();
        }
        let mut names: BTreeSet<&str> = self.overrides.keys().map(String::as_str).collect();
        for name in bundle::resource_type_names() {
            names.insert(name);
        }
        names.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("slint-schemas-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn bundled_types_resolve_and_tables_do_not_pass_for_types() {
        let set = SchemaSet::bundled();
        let function = set.schema("AWS::Lambda::Function").expect("AWS::Lambda::Function");
        assert!(function["properties"]["Runtime"].is_object());
        assert!(set.schema("AWS::Serverless::Function").is_some());
        assert!(set.contains("AWS::DynamoDB::Table"));
        assert!(!set.contains("AWS::Lamda::Function"));
        assert!(!set.contains("@lambda-runtimes") && set.schema("@lambda-runtimes").is_none());
        assert!(!set.type_names().iter().any(|n| n.starts_with('@')));
    }

    #[test]
    fn a_folder_adds_and_replaces_types() {
        let dir = scratch_dir("overrides");
        std::fs::write(dir.join("gear.json"), r#"{"typeName": "Acme::Widget::Gear", "properties": {"Teeth": {"type": "integer"}}}"#).unwrap();
        std::fs::write(dir.join("queue.json"), r#"{"typeName": "AWS::SQS::Queue", "properties": {}}"#).unwrap();
        std::fs::write(dir.join("notes.txt"), "not a schema").unwrap();
        let set = SchemaSet::with_overrides(&dir).unwrap();
        assert_eq!(set.schema("Acme::Widget::Gear").unwrap()["properties"]["Teeth"]["type"], "integer");
        assert_eq!(set.schema("AWS::SQS::Queue").unwrap()["properties"], serde_json::json!({}));
        assert!(set.schema("AWS::SNS::Topic").is_some(), "bundled types are still there");
        assert!(set.type_names().contains(&"Acme::Widget::Gear"));
        assert_eq!(set.override_path("AWS::SQS::Queue"), Some(&dir.join("queue.json")));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn two_files_for_one_type_are_refused() {
        let dir = scratch_dir("duplicates");
        std::fs::write(dir.join("a.json"), r#"{"typeName": "Acme::Widget::Gear"}"#).unwrap();
        std::fs::write(dir.join("b.json"), r#"{"typeName": "Acme::Widget::Gear"}"#).unwrap();
        let error = SchemaSet::with_overrides(&dir).err().expect("refused");
        assert!(error.message.contains("again"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(SchemaSet::with_overrides(&dir).is_err(), "a missing folder is an error");
    }
}
