//! Whether a text is a CloudFormation or SAM template, decided without parsing it: folders and
//! editors also hold workflow files, OpenAPI documents, event payloads and configuration in YAML
//! and JSON, and a half-typed template that does not parse yet must still count.

/// Sections that, next to `Resources`, only a template has.
const COMPANION_SECTIONS: &[&str] = &["Parameters", "Mappings", "Conditions", "Outputs", "Rules", "Globals"];

/// A template has a top-level `AWSTemplateFormatVersion` or `Transform`, or a top-level
/// `Resources` next to resource types or another template section.
pub fn looks_like_template(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let keys = if text.trim_start().starts_with('{') { json_top_level_keys(text) } else { yaml_top_level_keys(text) };
    let has = |key: &str| keys.iter().any(|k| k == key);
    has("AWSTemplateFormatVersion")
        || has("Transform")
        || (has("Resources") && (COMPANION_SECTIONS.iter().any(|section| has(section)) || has_resource_type(text)))
}

/// Keys of the outermost block mapping, plain or quoted: the lines at the indentation of the
/// first one (usually column 0, but a whole document may be indented).
fn yaml_top_level_keys(text: &str) -> Vec<String> {
    let is_content = |line: &&str| {
        let trimmed = line.trim_start();
        !(trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") || trimmed.starts_with('%'))
    };
    let Some(first) = text.lines().find(is_content) else { return Vec::new() };
    let indent = first.len() - first.trim_start_matches(' ').len();
    text.lines()
        .filter(|line| line.len() > indent && line.as_bytes()[..indent].iter().all(|&b| b == b' '))
        .filter_map(|line| {
            let line = &line[indent..];
            let (key, rest) = match line.as_bytes().first()? {
                q @ (b'"' | b'\'') => {
                    let end = line[1..].find(*q as char)? + 1;
                    (&line[1..end], &line[end + 1..])
                }
                b' ' | b'\t' | b'#' | b'-' | b'{' | b'[' => return None,
                _ => {
                    let colon = line.find(':')?;
                    (&line[..colon], &line[colon..])
                }
            };
            rest.trim_start().starts_with(':').then(|| key.trim_end().to_owned())
        })
        .collect()
}

/// The keys of the outermost JSON object, found by tracking string and nesting state.
fn json_top_level_keys(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                let mut end = start;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                let end = end.min(bytes.len());
                let is_key = bytes[end.saturating_add(1).min(bytes.len())..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b == b':');
                if depth == 1 && is_key {
                    keys.push(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Whether some `Type` key has a resource type value: `Custom::Name`, or three or more names
/// joined by `::` (`AWS::SNS::Topic`, registry types, `Org::Service::Name::MODULE`).
fn has_resource_type(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("Type") {
        let after = rest[at + 4..].trim_start_matches(['"', '\'']).trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_')).unwrap_or(value.len());
            if is_resource_type(&value[..end]) {
                return true;
            }
        }
        rest = &rest[at + 4..];
    }
    false
}

fn is_resource_type(value: &str) -> bool {
    let parts: Vec<&str> = value.split("::").collect();
    let named = parts.iter().all(|part| !part.is_empty() && part.starts_with(|c: char| c.is_ascii_alphabetic()));
    named && (parts.len() >= 3 || (parts.len() == 2 && parts[0] == "Custom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_templates() {
        assert!(looks_like_template("AWSTemplateFormatVersion: '2010-09-09'\n"));
        assert!(looks_like_template("Transform: AWS::Serverless-2016-10-31\nResources: {}\n"));
        assert!(looks_like_template("\u{feff}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"));
        assert!(looks_like_template("# comment\n\"Resources\" :\n  T:\n    Type: 'Custom::Thing'\n"));
        assert!(looks_like_template("---\n\n  # indented document\n  AWSTemplateFormatVersion: 2010-09-09\n  Resources: {}\n"));
        assert!(looks_like_template("Resources:\n  Role:\n    Type: \"Org::IAM::Role::MODULE\"\n"));
        assert!(looks_like_template("Parameters: {}\nResources: {}\n"));
    }

    #[test]
    fn json_templates() {
        assert!(looks_like_template(r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#));
        assert!(looks_like_template(r#"{ "Resources": { "T": { "Type" : "AWS::SNS::Topic" } } }"#));
    }

    #[test]
    fn other_files() {
        assert!(!looks_like_template("name: CI\non:\n  push:\njobs:\n  build:\n    runs-on: ubuntu-latest\n"));
        assert!(!looks_like_template("openapi: 3.0.0\npaths: {}\n"));
        assert!(!looks_like_template("Resources:\n  - name: x\n    Type: file\n"));
        assert!(!looks_like_template(r#"{"body": "{\"Resources\": 1, \"Transform\": 2}", "x": {"Transform": 1}}"#));
        assert!(!looks_like_template(r#"{"nested": {"AWSTemplateFormatVersion": "2010-09-09"}}"#));
        assert!(!looks_like_template(""));
        assert!(!looks_like_template("a:\n  Transform: x\n"));
        assert!(!looks_like_template("Resources:\n  x:\n    Type: Custom\n"));
        assert!(!looks_like_template("Resources:\n  x:\n    Type: a::b\n"));
    }

    #[test]
    fn templates_are_recognised_by_content() {
        assert!(looks_like_template("AWSTemplateFormatVersion: '2010-09-09'\n"));
        assert!(looks_like_template("Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serv"));
        assert!(looks_like_template("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"));
        assert!(looks_like_template("{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}"));
        assert!(looks_like_template("\u{feff}{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\""));
    }

    #[test]
    fn other_yaml_and_json_are_left_alone() {
        assert!(!looks_like_template("name: CI\non:\n  push:\njobs:\n  build:\n    runs-on: ubuntu-latest\n"));
        assert!(!looks_like_template("openapi: 3.0.0\npaths:\n  /x:\n    get:\n      description: Resources\n"));
        assert!(!looks_like_template("{\"name\": \"pkg\", \"dependencies\": {\"Transform\": \"1\"}}"));
        assert!(!looks_like_template("Resources:\n  - Type: thing\n"));
        assert!(!looks_like_template(""));
    }
}
