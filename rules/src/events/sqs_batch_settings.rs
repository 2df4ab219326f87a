use slint_linter::model::EventKind;
use slint_linter::Severity;

use super::sqs::is_fifo_queue;
use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

const MAX_BATCH: f64 = 10_000.0;
const MAX_FIFO_BATCH: f64 = 10.0;
const MAX_WINDOW_SECONDS: f64 = 300.0;

pub static RULE: Rule = Rule {
    code: "E003",
    name: "sqs-batch-settings",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &["E3705", "E3034"],
    summary: "SQS event source batch size or batching window that Lambda rejects",
    docs: r#"
## What it does
Checks `BatchSize` and `MaximumBatchingWindowInSeconds` of SQS event sources (SAM `SQS`
events and event source mappings of a queue):

* `BatchSize` from 1 to 10,000, and at most 10 for a FIFO queue;
* a `BatchSize` above 10 needs `MaximumBatchingWindowInSeconds` of at least 1 second;
* `MaximumBatchingWindowInSeconds` from 0 to 300 seconds, and not on a FIFO queue.

A queue counts as FIFO when it is in the template with `FifoQueue: true` or a `.fifo` name, or
when the event source names its ARN and the ARN ends in `.fifo`.

## Why it matters
Lambda rejects these settings when it creates the event source mapping, and the deployment fails.

## Example
```yaml
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 100
```

## Use instead
```yaml
            BatchSize: 100
            MaximumBatchingWindowInSeconds: 5
```

## References
- [Lambda parameters for SQS event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html)
- [CreateEventSourceMapping](https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources().iter().filter(|s| s.kind == EventKind::Sqs) {
        let fifo = is_fifo_queue(template, source);
        let label = source.label();
        let window_node = source.property("MaximumBatchingWindowInSeconds");
        let windows = window_node.and_then(|n| numbers(template, n));
        let smallest_window = match (window_node, &windows) {
            (None, _) => Some(0.0),
            (Some(_), Some(values)) => values.iter().map(|c| c.value).min_by(f64::total_cmp),
            (Some(_), None) => None,
        };
        if let Some(batch) = source.property("BatchSize") {
            for candidate in numbers(template, batch).unwrap_or_default() {
                let size = candidate.value;
                let message = if !(1.0..=MAX_BATCH).contains(&size) {
                    format!("`BatchSize` of {} on {label} is outside the 1 to 10,000 Lambda accepts for SQS", show(size))
                } else if fifo && size > MAX_FIFO_BATCH {
                    format!("`BatchSize` of {} on {label}, which reads a FIFO queue; FIFO queues allow at most 10 messages per batch", show(size))
                } else if size > 10.0 && smallest_window.is_some_and(|w| w < 1.0) {
                    format!(
                        "`BatchSize` of {} on {label} needs a batching window: above 10 messages Lambda requires \
                         `MaximumBatchingWindowInSeconds` of at least 1 second",
                        show(size)
                    )
                } else {
                    continue;
                };
                add_value_finding(report, template, batch, candidate.span, message);
            }
        }
        let Some(window) = window_node else { continue };
        for candidate in windows.unwrap_or_default() {
            let message = if !(0.0..=MAX_WINDOW_SECONDS).contains(&candidate.value) {
                format!(
                    "`MaximumBatchingWindowInSeconds` of {} on {label} is outside the 0 to 300 seconds Lambda accepts",
                    show(candidate.value)
                )
            } else if fifo && candidate.value > 0.0 {
                format!("`MaximumBatchingWindowInSeconds` on {label}, which reads a FIFO queue; FIFO queues do not support a batching window")
            } else {
                continue;
            };
            add_value_finding(report, template, window, candidate.span, message);
        }
    }
}
