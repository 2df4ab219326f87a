use slint_linter::Severity;

use super::sqs::{queue_triggers, relate};
use crate::lambda::support::show;
use crate::{Area, Context, Report, Rule};

/// AWS recommends a visibility timeout of at least this many times the function timeout.
const RECOMMENDED_FACTOR: f64 = 6.0;

pub static RULE: Rule = Rule {
    code: "E002",
    name: "sqs-visibility-below-recommended",
    area: Area::Events,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "SQS queue's visibility timeout is less than 6 times the function timeout",
    docs: r#"
## What it does
For SQS event sources whose queue and function are both in the template, warns when the
queue's `VisibilityTimeout` (30 seconds by default) is at least the function's `Timeout` but
less than six times it — the margin AWS recommends. Shorter than the timeout itself is an
error reported by `sqs-visibility-below-function-timeout`.

## Why it matters
While Lambda is throttled or retrying a batch, messages already taken from the queue wait for
their turn; with a tight visibility timeout they become visible again and are processed twice,
or reach the dead-letter queue without a real failure.

## Example
```yaml
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
```

## Use instead
```yaml
      VisibilityTimeout: 180
```

## References
- [Configuring a queue to use with Lambda](https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let sources = cx.event_sources();
    for trigger in queue_triggers(template, functions, sources) {
        let (Some(visibility), Some(timeout)) = (trigger.visibility_timeout(template), trigger.function_timeout(template)) else {
            continue;
        };
        let shortest = visibility.smallest().value;
        let longest = timeout.largest().value;
        let recommended = longest * RECOMMENDED_FACTOR;
        if shortest < longest || shortest >= recommended {
            continue;
        }
        let diagnostic = report.add(
            trigger.span(),
            format!(
                "queue `{}` hides a message for {} seconds (its visibility timeout{}), less than 6 times the {}-second \
                 timeout of function `{}`; during throttling and retries messages can become visible again and be processed \
                 twice. AWS recommends at least {} seconds",
                trigger.queue.name,
                show(shortest),
                if visibility.is_default { ", the default" } else { "" },
                show(longest),
                trigger.function.name,
                show(recommended)
            ),
        );
        relate(template, diagnostic, &trigger, &visibility, &timeout);
    }
}
