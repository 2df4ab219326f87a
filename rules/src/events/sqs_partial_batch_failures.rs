use slint_linter::model::EventKind;
use slint_linter::Severity;

use crate::lambda::support::{capitalized, strings};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E005",
    name: "sqs-partial-batch-failures",
    area: Area::Events,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "SQS event source does not let the function report partial batch failures",
    docs: r#"
## What it does
Points out SQS event sources (SAM `SQS` events and event source mappings of a queue) without
`FunctionResponseTypes: [ReportBatchItemFailures]`.

## Why it matters
Without it, one failing message makes the whole batch fail: every message in it becomes visible
again and is processed again, including those that succeeded, until they reach the dead-letter
queue. With it, the function returns the ids of the failed messages (`batchItemFailures`) and
only those are retried. The handler has to return that response, so this is advice rather than
an error.

## Example
```yaml
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 10
```

## Use instead
```yaml
            BatchSize: 10
            FunctionResponseTypes:
              - ReportBatchItemFailures
```

## References
- [Handling errors for an SQS event source](https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources().iter().filter(|s| s.kind == EventKind::Sqs) {
        let reports_failures = match source.property("FunctionResponseTypes") {
            None => false,
            Some(node) => match template.possible_values(node) {
                // Not knowable: assume the author meant it.
                None => true,
                Some(possible) => possible.values.iter().any(|list| {
                    list.as_seq().is_some_and(|items| {
                        items.iter().any(|item| {
                            strings(template, item).is_none_or(|values| values.iter().any(|(v, _)| v == "ReportBatchItemFailures"))
                        })
                    })
                }),
            },
        };
        if reports_failures {
            continue;
        }
        report.add(
            source.span(),
            format!(
                "{} does not set `FunctionResponseTypes: [ReportBatchItemFailures]`: one failing message makes Lambda retry \
                 the whole batch, including the messages that succeeded. Report failed message ids from the handler and \
                 add the setting",
                capitalized(&source.label())
            ),
        );
    }
}
