use slint_linter::model::{EventKind, TargetForm};
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E009",
    name: "bucket-event-outside-template",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "SAM `S3` event whose `Bucket` is not a `!Ref` to a bucket of the same template",
    docs: r#"
## What it does
Reports a SAM `S3` event whose `Bucket` is anything other than `!Ref` to an `AWS::S3::Bucket`
declared in the same template: a bucket name, a parameter, an import, or a reference to a
resource of another type.

## Why it matters
SAM wires the event by adding a notification to the bucket's own definition, so the bucket has
to be in the template; the transform fails with "S3 events must reference an S3 bucket in the
same template". For a bucket managed elsewhere, turn on its EventBridge notifications and use
an `EventBridgeRule` event, or subscribe through SNS or SQS.

## Example
```yaml
        Upload:
          Type: S3
          Properties:
            Bucket: my-existing-bucket
            Events: s3:ObjectCreated:*
```

## Use instead
```yaml
        Upload:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [aws.s3]
              detail-type: [Object Created]
              detail:
                bucket:
                  name: [my-existing-bucket]
```

## References
- [SAM S3 event source](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-s3.html)
- [Using EventBridge with S3](https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources().iter().filter(|s| s.kind == EventKind::S3 && s.is_sam_event()) {
        let Some(bucket) = source.source else { continue };
        let problem = match source.source_target {
            Some(target) if target.form == TargetForm::Ref => match template.type_of(target.logical_id) {
                Some("AWS::S3::Bucket") => continue,
                Some(other) => format!("`{}` is of type `{other}`, not an S3 bucket", target.logical_id),
                None if template.parameter(target.logical_id).is_some() => {
                    format!("`{}` is a parameter, so the bucket is defined elsewhere", target.logical_id)
                }
                // An unknown name is reported by `unknown-ref-target`.
                None => continue,
            },
            Some(target) => format!("`{}` is not a plain `!Ref`", target.describe()),
            None => match bucket.as_str() {
                Some(name) if template.resource(name).is_some() => {
                    format!("`{name}` is written as text; it names the bucket `{name}`, not the resource — write `!Ref {name}`")
                }
                Some(name) => format!("`{name}` is a bucket name, not a bucket of this template"),
                None => "it is not a `!Ref` to a bucket of this template".to_owned(),
            },
        };
        report.add(
            bucket.span,
            format!(
                "the `Bucket` of {} must be `!Ref` to an `AWS::S3::Bucket` in this template, but {problem}; the SAM transform \
                 fails (\"S3 events must reference an S3 bucket in the same template\"). For a bucket managed elsewhere, use an \
                 `EventBridgeRule` event on its EventBridge notifications",
                source.label()
            ),
        );
    }
}
