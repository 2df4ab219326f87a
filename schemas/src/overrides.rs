//! Reading a folder of resource provider schemas that add to or replace the bundled ones
//! (`slint check --schemas DIR`): a newer release of a type, or the user's own registry types.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// A schema file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

/// One override file: its type name and its schema text, parsed when first used.
pub(crate) struct OverrideFile {
    pub type_name: String,
    pub path: PathBuf,
    pub schema_text: String,
}

/// The `*.json` files directly inside `dir`, each a provider schema (`{"typeName": ..}`) or the
/// output of `aws cloudformation describe-type` (`{"TypeName": .., "Schema": "<json text>"}`).
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<OverrideFile>, LoadError> {
    let error = |path: &Path, message: String| LoadError { path: path.to_owned(), message };
    let listing = std::fs::read_dir(dir).map_err(|e| error(dir, format!("cannot read the schema folder: {e}")))?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json")))
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| error(&path, format!("cannot read: {e}")))?;
        let (type_name, schema_text) = identify(&text).map_err(|message| error(&path, message))?;
        files.push(OverrideFile { type_name, path, schema_text });
    }
    Ok(files)
}

/// Just enough of a schema file to know which type it describes; the rest is parsed on use.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "typeName")]
    type_name: Option<String>,
    #[serde(rename = "TypeName")]
    describe_type_name: Option<String>,
    #[serde(rename = "Schema")]
    describe_schema: Option<String>,
}

fn identify(text: &str) -> Result<(String, String), String> {
    let head: Head = serde_json::from_str(text).map_err(|e| format!("not a JSON schema object: {e}"))?;
    match head {
        Head { type_name: Some(name), .. } => Ok((name, text.to_owned())),
        Head { describe_type_name: Some(name), describe_schema: Some(schema), .. } => {
            serde_json::from_str::<Value>(&schema).map_err(|e| format!("its `Schema` is not JSON: {e}"))?;
            Ok((name, schema))
        }
        _ => Err("has no `typeName`; a resource provider schema names its type in `typeName`".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_provider_schemas_and_describe_type_output() {
        let (name, text) = identify(r#"{"typeName": "Acme::Widget::Gear", "properties": {}}"#).unwrap();
        assert_eq!(name, "Acme::Widget::Gear");
        assert!(text.contains("properties"));

        let describe = r#"{"TypeName": "Acme::Widget::Cog", "Schema": "{\"typeName\":\"Acme::Widget::Cog\"}"}"#;
        let (name, text) = identify(describe).unwrap();
        assert_eq!((name.as_str(), text.as_str()), ("Acme::Widget::Cog", r#"{"typeName":"Acme::Widget::Cog"}"#));
    }

    #[test]
    fn explains_files_it_cannot_use() {
        assert!(identify("{").unwrap_err().contains("not a JSON schema object"));
        assert!(identify("[1]").unwrap_err().contains("not a JSON schema object"));
        assert!(identify(r#"{"properties": {}}"#).unwrap_err().contains("typeName"));
    }
}
