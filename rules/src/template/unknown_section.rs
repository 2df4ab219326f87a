use slint_linter::syntax::Entry;
use slint_linter::template::SECTIONS;
use slint_linter::{Edit, Fix, Severity, Span};

use crate::suggest::did_you_mean;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T101",
    name: "unknown-section",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1001"],
    summary: "A top-level key that is not a CloudFormation template section",
    docs: r#"
## What it does
Reports top-level keys that are not one of the sections CloudFormation knows:
`AWSTemplateFormatVersion`, `Description`, `Metadata`, `Parameters`, `Rules`, `Mappings`,
`Conditions`, `Transform`, `Globals` (SAM), `Resources`, `Outputs` and `Hooks`. When the key is
a near miss (`Resource`, `Output`, `parameters`) the finding names the section that was meant
and offers to rename it.

## Why it matters
CloudFormation rejects the whole template with "Invalid template property or properties".
Section names are case-sensitive, and a misspelt section is worse than a missing one: with
`Output:` instead of `Outputs:` nothing the stack was meant to export exists.

## Example
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
Output:
  QueueUrl:
    Value: !Ref Queue
```

## Use instead
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !Ref Queue
```

## References
- [Template anatomy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html)
- [AWS SAM template anatomy](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for entry in template.root.entries.iter().filter(|e| !SECTIONS.contains(&e.key.as_str())) {
        let key = entry.key.as_str();
        match did_you_mean(key, SECTIONS.iter().copied()) {
            Some(section) => {
                let diagnostic = report.add(
                    entry.key_span,
                    format!(
                        "`{key}` is not a template section; did you mean `{section}`? CloudFormation rejects a template \
                         with an unknown top-level key, and section names are case-sensitive"
                    ),
                );
                if let Some(span) = key_text_span(entry, cx.source()) {
                    diagnostic.fix = Some(Fix {
                        title: format!("Rename `{key}` to `{section}`"),
                        edits: vec![Edit { span, replacement: section.to_owned() }],
                    });
                }
            }
            None => {
                report.add(
                    entry.key_span,
                    format!(
                        "`{key}` is not a template section; CloudFormation rejects a template with an unknown top-level key. \
                         Move it under `Metadata` if it is information for tools, or remove it (the sections are {})",
                        SECTIONS.join(", ")
                    ),
                );
            }
        }
    }
}

/// Where the key's name itself is written, inside the quotes if it is quoted; `None` when the
/// source spells it differently (escapes), so that no fix rewrites text it does not understand.
fn key_text_span(entry: &Entry, source: &str) -> Option<Span> {
    let raw = source.get(entry.key_span.range())?;
    let at = raw.find(entry.key.as_str())?;
    let start = entry.key_span.start as usize + at;
    Some(Span::new(start, start + entry.key.len()))
}

#[cfg(test)]
mod tests {
    use crate::{lint_str, Settings};

    #[test]
    fn the_fix_renames_only_the_key_text() {
        let settings = Settings { select: vec!["T101".into()], ..Settings::default() };
        let source = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}, \"Output\": {}}";
        let linted = lint_str(source, &settings);
        let [diagnostic] = linted.diagnostics.as_slice() else { panic!("{:?}", linted.diagnostics) };
        let edit = &diagnostic.fix.as_ref().expect("a near miss has a fix").edits[0];
        let mut text = source.to_owned();
        text.replace_range(edit.span.range(), &edit.replacement);
        assert_eq!(text, "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}, \"Outputs\": {}}");
        assert!(lint_str(&text, &settings).diagnostics.is_empty());
    }
}
