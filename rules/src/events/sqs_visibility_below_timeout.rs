use slint_linter::Severity;

use super::sqs::{queue_triggers, relate};
use crate::lambda::support::show;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E001",
    name: "sqs-visibility-below-function-timeout",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &["E3505"],
    summary: "SQS queue's visibility timeout is shorter than the timeout of the function it triggers",
    docs: r#"
## What it does
For SQS event sources (SAM `SQS` events and `AWS::Lambda::EventSourceMapping`) whose queue and
function are both in the template, compares the queue's `VisibilityTimeout` (30 seconds when
not set) with the function's `Timeout` (3 seconds when not set, or inherited from Globals).
When either comes from a parameter, every value it can take is considered. The finding points
at the event source, with both settings as related locations.

## Why it matters
Lambda refuses to create the event source mapping when the function may run longer than a
message stays invisible, and the deployment fails. If it did not, a message could be handed to
a second invocation while the first is still working on it.

## Example
```yaml
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 60
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
```

## Use instead
```yaml
      VisibilityTimeout: 360   # at least 6 times the function timeout
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
        let shortest = visibility.smallest();
        let longest = timeout.largest();
        if shortest.value >= longest.value {
            continue;
        }
        let diagnostic = report.add(
            trigger.span(),
            format!(
                "queue `{}` hides a message for {} seconds (its visibility timeout{}), less than the {}-second timeout of \
                 function `{}`; Lambda rejects the event source mapping and the deployment fails. Set `VisibilityTimeout` \
                 to at least {} seconds (6 times the function timeout)",
                trigger.queue.name,
                show(shortest.value),
                if visibility.is_default { ", the default" } else { "" },
                show(longest.value),
                trigger.function.name,
                show(longest.value * 6.0)
            ),
        );
        relate(template, diagnostic, &trigger, &visibility, &timeout);
    }
}
