//! Whether an open document is a CloudFormation or SAM template, decided by its content: editors
//! open every YAML and JSON file (workflows, OpenAPI, package.json), and slint speaks only about
//! templates.

/// Resource type prefixes: AWS's own, custom resources and the Alexa skill kit.
const TYPE_PREFIXES: &[&str] = &["AWS::", "Custom::", "Alexa::"];

/// A template has a top-level `AWSTemplateFormatVersion` or `Transform`, or a top-level
/// `Resources` with at least one resource type in it. Read from the text, not the tree, so that a
/// half-typed template that does not parse is still recognised.
pub fn is_template(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let keys = if text.trim_start().starts_with('{') { json_top_level_keys(text) } else { yaml_top_level_keys(text) };
    let has = |key: &str| keys.contains(&key);
    has("AWSTemplateFormatVersion") || has("Transform") || (has("Resources") && mentions_resource_type(text))
}

/// Keys written at column 0 of a block mapping, plain or quoted.
fn yaml_top_level_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let (key, rest) = match line.as_bytes().first()? {
                quote @ (b'"' | b'\'') => {
                    let end = line[1..].find(*quote as char)? + 1;
                    (&line[1..end], &line[end + 1..])
                }
                b' ' | b'\t' | b'#' | b'-' | b'{' | b'[' | b'%' => return None,
                _ => {
                    let colon = line.find(':')?;
                    (&line[..colon], &line[colon..])
                }
            };
            rest.starts_with(':').then_some(key.trim_end())
        })
        .collect()
}

/// Keys of the outermost JSON object, tracking strings and nesting; tolerant of unfinished text.
fn json_top_level_keys(text: &str) -> Vec<&str> {
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
                let followed_by_colon =
                    bytes.get(end + 1..).unwrap_or_default().iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
                if depth == 1 && followed_by_colon {
                    if let Some(key) = text.get(start..end) {
                        keys.push(key);
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Whether some `Type:` has a resource type as its value.
fn mentions_resource_type(text: &str) -> bool {
    text.match_indices("Type").any(|(at, _)| {
        let after = text[at + 4..].trim_start_matches(['"', '\'']).trim_start();
        after.strip_prefix(':').is_some_and(|value| {
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            TYPE_PREFIXES.iter().any(|prefix| value.starts_with(prefix))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_recognised_by_content() {
        assert!(is_template("AWSTemplateFormatVersion: '2010-09-09'\n"));
        assert!(is_template("Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serv"));
        assert!(is_template("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"));
        assert!(is_template("{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}"));
        assert!(is_template("\u{feff}{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\""));
    }

    #[test]
    fn other_yaml_and_json_are_left_alone() {
        assert!(!is_template("name: CI\non:\n  push:\njobs:\n  build:\n    runs-on: ubuntu-latest\n"));
        assert!(!is_template("openapi: 3.0.0\npaths:\n  /x:\n    get:\n      description: Resources\n"));
        assert!(!is_template("{\"name\": \"pkg\", \"dependencies\": {\"Transform\": \"1\"}}"));
        assert!(!is_template("Resources:\n  - Type: thing\n"));
        assert!(!is_template(""));
    }
}
