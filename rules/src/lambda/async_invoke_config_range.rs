use slint_linter::Severity;

use super::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L021",
    name: "async-invoke-config-out-of-range",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "Asynchronous invocation retries outside 0–2 or event age outside 60–21,600 seconds",
    docs: r#"
## What it does
Checks the asynchronous invocation settings of a function — SAM's `EventInvokeConfig` and
`AWS::Lambda::EventInvokeConfig` — and reports `MaximumRetryAttempts` outside 0–2 and
`MaximumEventAgeInSeconds` outside 60–21,600 (6 hours), including values from parameters.

## Why it matters
Both ranges are hard limits of Lambda's asynchronous queue; CloudFormation rejects anything
outside them. Longer retry schedules belong in a queue or a Step Functions workflow.

## Example
```yaml
      EventInvokeConfig:
        MaximumRetryAttempts: 5
        MaximumEventAgeInSeconds: 86400
```

## Use instead
```yaml
      EventInvokeConfig:
        MaximumRetryAttempts: 2
        MaximumEventAgeInSeconds: 21600
        DestinationConfig:
          OnFailure:
            Type: SQS
```

## References
- [Configuring error handling for asynchronous invocation](https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html)
- [FunctionEventInvokeConfig](https://docs.aws.amazon.com/lambda/latest/api/API_FunctionEventInvokeConfig.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut checked = Vec::new();
    for function in functions {
        for config in &function.invoke_configs {
            if checked.contains(&config.config.span) {
                continue;
            }
            checked.push(config.config.span);
            let owner = match config.resource {
                Some(resource) => format!("`{}` (for function `{}`)", resource.name, function.name),
                None if function.declares(config.config) => format!("function `{}`", function.name),
                None => "SAM Globals".to_owned(),
            };
            let settings = [
                ("MaximumRetryAttempts", config.maximum_retry_attempts, 0.0, 2.0, "retries"),
                ("MaximumEventAgeInSeconds", config.maximum_event_age, 60.0, 21_600.0, "seconds"),
            ];
            for (key, node, min, max, unit) in settings {
                let Some(node) = node else { continue };
                for candidate in numbers(template, node).unwrap_or_default() {
                    if (min..=max).contains(&candidate.value) {
                        continue;
                    }
                    add_value_finding(
                        report,
                        template,
                        node,
                        candidate.span,
                        format!(
                            "`{key}` of {} in the asynchronous invocation settings of {owner} is outside Lambda's range of \
                             {} to {} {unit}; CloudFormation rejects the configuration",
                            show(candidate.value),
                            show(min),
                            show(max)
                        ),
                    );
                }
            }
        }
    }
}
