use slint_linter::model::EventKind;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E004",
    name: "sqs-starting-position",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &["E3634"],
    summary: "`StartingPosition` on an SQS event source",
    docs: r#"
## What it does
Reports `StartingPosition` (and `StartingPositionTimestamp`) on SQS event sources: SAM `SQS`
events and event source mappings of a queue.

## Why it matters
A queue has no position to start from — Lambda receives whatever messages are available — and
rejects the setting, so the deployment fails. It usually comes from copying a Kinesis or
DynamoDB event.

## Example
```yaml
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            StartingPosition: LATEST
```

## Use instead
```yaml
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
```

## References
- [Lambda parameters for SQS event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for source in cx.event_sources().iter().filter(|s| s.kind == EventKind::Sqs) {
        let Some(properties) = source.properties.and_then(|p| p.as_map()) else { continue };
        for entry in properties.entries.iter().filter(|e| e.key == "StartingPosition" || e.key == "StartingPositionTimestamp") {
            report.add(
                entry.key_span,
                format!(
                    "`{}` on {}, which reads an SQS queue; queues have no position to start from and Lambda rejects the \
                     setting. Remove it",
                    entry.key,
                    source.label()
                ),
            );
        }
    }
}
