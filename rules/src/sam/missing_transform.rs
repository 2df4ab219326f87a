use slint_linter::syntax::{Format, Node, Value};
use slint_linter::template::{Template, SAM_TRANSFORM};
use slint_linter::{Edit, Fix, Related, Severity, Span};

use crate::suggest::did_you_mean;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "M001",
    name: "missing-sam-transform",
    area: Area::Sam,
    severity: Severity::Error,
    cfn_lint: &["E3038", "E3066", "E3724"],
    summary: "SAM resources, `Globals` or SAM resource attributes without `Transform: AWS::Serverless-2016-10-31`",
    docs: r#"
## What it does
Reports what only the SAM transform understands — `AWS::Serverless::*` resource types, the
`Globals` section, and the `Connectors` and `IgnoreGlobals` resource attributes — in a template
whose `Transform` does not include `AWS::Serverless-2016-10-31`. A misspelt transform name is
pointed out, and the fix adds the missing line.

## Why it matters
The transform is what turns `AWS::Serverless::Function` into a Lambda function, a role and
permissions. Without it CloudFormation sees resource types it does not know and a section it
does not accept, and rejects the template ("Unrecognized resource types:
[AWS::Serverless::Function]"). `sam build` and `sam deploy` may still work locally, which makes
the mistake easy to miss until the template is deployed some other way.

## Example
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Globals:
  Function:
    Timeout: 10
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
```

## Use instead
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 10
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
```
With other transforms, list SAM after `AWS::LanguageExtensions`:
`Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]`.

## References
- [AWS SAM template anatomy](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html)
- [AWS::Serverless transform](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-serverless.html)
- [Globals section](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html)
"#,
    check,
};

/// Resource attributes that only the SAM transform accepts.
const SAM_ATTRIBUTES: &[&str] = &["Connectors", "IgnoreGlobals"];

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    if template.has_sam_transform() {
        return;
    }
    let offenders = sam_only_features(template);
    if offenders.is_empty() {
        return;
    }
    let state = TransformState::of(template);
    let advice = state.advice();
    let mut fix = state.fix(cx, template);
    for (span, what, rejected) in offenders {
        let diagnostic = report.add(
            span,
            format!("{what}, but the template does not declare the SAM transform, so CloudFormation rejects it {rejected}; {advice}"),
        );
        if let TransformState::Misspelt { name, span } = &state {
            diagnostic.related.push(Related { span: *span, message: format!("`{name}` is declared here") });
        }
        // One edit resolves every finding; offering it once keeps "fix all" from applying it twice.
        diagnostic.fix = fix.take();
    }
}

/// Where the template uses something only SAM understands: the span, what it is, and how
/// CloudFormation rejects it.
fn sam_only_features(template: &Template) -> Vec<(Span, String, &'static str)> {
    let mut found = Vec::new();
    if let Some(globals) = template.root.entry("Globals") {
        found.push((globals.key_span, "`Globals` is a SAM section".to_owned(), "as an unknown section"));
    }
    for resource in &template.resources {
        if let Some(type_name) = resource.type_name.filter(|_| resource.is_sam()) {
            found.push((
                resource.type_span(),
                format!("`{type_name}` is a SAM resource type"),
                "as an unrecognized resource type",
            ));
        }
        let Some(attributes) = resource.node.as_map() else { continue };
        for entry in attributes.entries.iter().filter(|e| SAM_ATTRIBUTES.contains(&e.key.as_str())) {
            found.push((
                entry.key_span,
                format!("`{}` on `{}` is a SAM resource attribute", entry.key, resource.name),
                "as an unknown resource attribute",
            ));
        }
    }
    found.sort_by_key(|(span, ..)| span.start);
    found
}

enum TransformState<'a> {
    /// No `Transform` key at all.
    Absent,
    /// A transform name that was meant to be SAM's.
    Misspelt { name: &'a str, span: Span },
    /// Other transforms only.
    Others { node: &'a Node, names: Vec<&'a str> },
}

impl<'a> TransformState<'a> {
    fn of(template: &Template<'a>) -> TransformState<'a> {
        let Some(node) = template.section("Transform") else { return TransformState::Absent };
        let misspelt = template.transforms.iter().find(|(name, _)| {
            name.starts_with("AWS::Serverless") || did_you_mean(name, [SAM_TRANSFORM]).is_some()
        });
        match misspelt {
            Some(&(name, span)) => TransformState::Misspelt { name, span },
            None => TransformState::Others { node, names: template.transforms.iter().map(|(name, _)| *name).collect() },
        }
    }

    fn advice(&self) -> String {
        match self {
            TransformState::Absent => format!("add `Transform: {SAM_TRANSFORM}` at the top level of the template"),
            TransformState::Misspelt { name, .. } => {
                format!("the template's transform `{name}` is misspelt: write exactly `{SAM_TRANSFORM}`")
            }
            TransformState::Others { names, .. } => {
                let mut listed = names.clone();
                listed.push(SAM_TRANSFORM);
                format!(
                    "add `{SAM_TRANSFORM}` to the template's Transform after the transforms already there: `Transform: [{}]`",
                    listed.join(", ")
                )
            }
        }
    }

    fn fix(&self, cx: &Context, template: &Template) -> Option<Fix> {
        let source = cx.source();
        let edit = match self {
            TransformState::Absent => insert_transform(cx, template)?,
            TransformState::Misspelt { name, span } => {
                let raw = source.get(span.range())?;
                let at = raw.find(name)?;
                let start = span.start as usize + at;
                Edit { span: Span::new(start, start + name.len()), replacement: SAM_TRANSFORM.to_owned() }
            }
            // A single transform written as a string becomes a list; lists and `{Name, Parameters}`
            // forms are left for the user, whose layout the fix cannot know.
            TransformState::Others { node, names } => {
                let Value::String(_) = node.value else { return None };
                let listed: Vec<String> =
                    names.iter().copied().chain([SAM_TRANSFORM]).map(|name| format!("\"{name}\"")).collect();
                Edit { span: node.span, replacement: format!("[{}]", listed.join(", ")) }
            }
        };
        Some(Fix { title: format!("Use the `{SAM_TRANSFORM}` transform"), edits: vec![edit] })
    }
}

/// A new `Transform` entry before the first section after `AWSTemplateFormatVersion`, indented
/// like it; `None` when the top level is not laid out one key per line.
fn insert_transform(cx: &Context, template: &Template) -> Option<Edit> {
    let source = cx.source();
    let index = &cx.parsed.line_index;
    let anchor = match cx.parsed.format {
        Format::Json => template.root.entries.first()?,
        Format::Yaml => template.root.entries.iter().find(|e| e.key != "AWSTemplateFormatVersion")?,
    };
    let key_start = anchor.key_span.start as usize;
    let line_start = index.line_start(index.line_of(key_start), source);
    let indent = source.get(line_start..key_start)?;
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let edit = match cx.parsed.format {
        Format::Json => Edit {
            span: Span::empty(key_start),
            replacement: format!("\"Transform\": \"{SAM_TRANSFORM}\",\n{indent}"),
        },
        Format::Yaml => {
            Edit { span: Span::empty(line_start), replacement: format!("{indent}Transform: {SAM_TRANSFORM}\n") }
        }
    };
    Some(edit)
}

#[cfg(test)]
mod tests {
    use crate::{lint_str, Settings};

    /// The template after applying the one fix M001 offers; the fixed template must be clean.
    fn fixed(source: &str) -> String {
        let settings = Settings { select: vec!["M001".into()], ..Settings::default() };
        let linted = lint_str(source, &settings);
        let fixes: Vec<_> = linted.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
        assert_eq!(fixes.len(), 1, "exactly one finding carries the fix");
        let mut text = source.to_owned();
        for edit in fixes[0].edits.iter().rev() {
            text.replace_range(edit.span.range(), &edit.replacement);
        }
        let after = lint_str(&text, &settings);
        assert!(after.diagnostics.is_empty() && after.parsed.errors.is_empty(), "the fix did not resolve:\n{text}");
        text
    }

    #[test]
    fn yaml_gets_the_line_after_the_format_version() {
        let source = "AWSTemplateFormatVersion: \"2010-09-09\"\nGlobals:\n  Function:\n    Timeout: 3\nResources:\n  F:\n    Type: AWS::Serverless::Function\n";
        assert_eq!(
            fixed(source),
            "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\nResources:\n  F:\n    Type: AWS::Serverless::Function\n"
        );
    }

    #[test]
    fn json_gets_a_first_member() {
        let source = "{\n  \"Resources\": {\n    \"F\": {\"Type\": \"AWS::Serverless::Function\"}\n  }\n}\n";
        assert_eq!(
            fixed(source),
            "{\n  \"Transform\": \"AWS::Serverless-2016-10-31\",\n  \"Resources\": {\n    \"F\": {\"Type\": \"AWS::Serverless::Function\"}\n  }\n}\n"
        );
    }

    #[test]
    fn a_misspelt_name_is_corrected_in_place() {
        let source = "Transform: [AWS::LanguageExtensions, \"AWS::Serverless-2016-1031\"]\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n";
        assert!(fixed(source).starts_with("Transform: [AWS::LanguageExtensions, \"AWS::Serverless-2016-10-31\"]\n"));
    }

    #[test]
    fn another_single_transform_becomes_a_list() {
        let source = "Transform: AWS::LanguageExtensions\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n";
        assert!(fixed(source).starts_with("Transform: [\"AWS::LanguageExtensions\", \"AWS::Serverless-2016-10-31\"]\n"));
    }
}
