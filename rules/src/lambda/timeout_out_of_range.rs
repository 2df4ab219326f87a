use slint_linter::Severity;

use super::support::{add_value_finding, by_node, numbers, show, subject};
use crate::{Area, Context, Report, Rule};

/// Lambda's hard limit, in seconds.
const MAX_SECONDS: f64 = 900.0;
/// On Lambda Managed Instances (`CapacityProviderConfig`) asynchronous and event source mapping
/// invocations may run longer; CloudFormation's schema allows up to this.
const MANAGED_INSTANCES_MAX_SECONDS: f64 = 5400.0;

pub static RULE: Rule = Rule {
    code: "L001",
    name: "function-timeout-out-of-range",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3034", "E3717"],
    summary: "Function `Timeout` outside Lambda's 1–900 second range",
    docs: r#"
## What it does
Reports a function `Timeout` below 1 second or above 900 seconds (15 minutes), on
`AWS::Serverless::Function` and `AWS::Lambda::Function` alike. Values inherited from SAM
`Globals` are reported once at the Globals line, naming every function that inherits them;
values that come from a parameter's `Default` or `AllowedValues` (or from a mapping) are
reported at the property with a pointer to where the value is written.

Functions on Lambda Managed Instances (with `CapacityProviderConfig`) may be given up to
5,400 seconds, which their asynchronous and event-source invocations can use.

## Why it matters
900 seconds is a hard limit that cannot be raised. CloudFormation rejects the function and rolls
the stack back. cfn-lint checks the limit on `AWS::Lambda::Function` only, so a SAM function
with `Timeout: 1200` passes it and fails at deploy time.

## Example
```yaml
Globals:
  Function:
    Timeout: 1200
```

## Use instead
```yaml
Globals:
  Function:
    Timeout: 900   # or split the work: Step Functions, SQS batches
```

## References
- [Configure Lambda function timeout](https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)
- [Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.timeout) {
        let Some(values) = numbers(template, node) else { continue };
        for managed in [false, true] {
            let members: Vec<_> = group.iter().copied().filter(|f| f.capacity_provider.is_some() == managed).collect();
            if members.is_empty() {
                continue;
            }
            let max = if managed { MANAGED_INSTANCES_MAX_SECONDS } else { MAX_SECONDS };
            let who = subject(node, &members);
            for candidate in &values {
                let message = if candidate.value < 1.0 {
                    format!(
                        "`Timeout` of {} seconds on {who} is below Lambda's minimum of 1 second; CloudFormation rejects the function",
                        show(candidate.value)
                    )
                } else if candidate.value > max {
                    let limit = if managed {
                        format!("the {} second maximum for functions on Lambda Managed Instances", show(max))
                    } else {
                        format!("Lambda's hard maximum of {} seconds (15 minutes)", show(max))
                    };
                    format!(
                        "`Timeout` of {} seconds on {who} is above {limit}; CloudFormation rejects the function. \
                         Lower it, or split long work into steps (Step Functions, SQS batches)",
                        show(candidate.value)
                    )
                } else {
                    continue;
                };
                add_value_finding(report, template, node, candidate.span, message);
            }
        }
    }
}
