use slint_linter::Severity;

use super::support::{add_value_finding, by_node, numbers, show, subject};
use crate::{Area, Context, Report, Rule};

const MIN_MB: f64 = 128.0;
const MAX_MB: f64 = 10_240.0;

pub static RULE: Rule = Rule {
    code: "L002",
    name: "function-memory-out-of-range",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "Function `MemorySize` outside Lambda's 128–10,240 MB range",
    docs: r#"
## What it does
Reports a function `MemorySize` below 128 MB or above 10,240 MB, on `AWS::Serverless::Function`
and `AWS::Lambda::Function` alike, including values inherited from SAM `Globals` (reported once,
at the Globals line) and values taken from parameters or mappings (reported at the property,
with a pointer to the parameter).

Functions on Lambda Managed Instances (with `CapacityProviderConfig`) take their memory from
the capacity provider's instances; only the 128 MB floor is checked for them.

## Why it matters
Memory between 128 MB and 10,240 MB is a hard limit. A value outside it makes CloudFormation
reject the function and roll the stack back; cfn-lint does not check SAM functions, so
`MemorySize: 20000` on a SAM function is only found at deploy time. New accounts may also start
with a lower memory quota that AWS raises as they are used.

## Example
```yaml
Resources:
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 20000
```

## Use instead
```yaml
      MemorySize: 10240
```

## References
- [Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
- [Configure Lambda function memory](https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.memory_size) {
        let Some(values) = numbers(template, node) else { continue };
        let standard: Vec<_> = group.iter().copied().filter(|f| f.capacity_provider.is_none()).collect();
        for candidate in &values {
            let message = if candidate.value < MIN_MB {
                format!(
                    "`MemorySize` of {} MB on {} is below Lambda's minimum of 128 MB; CloudFormation rejects the function",
                    show(candidate.value),
                    subject(node, &group)
                )
            } else if candidate.value > MAX_MB && !standard.is_empty() {
                format!(
                    "`MemorySize` of {} MB on {} is above Lambda's hard maximum of 10,240 MB; CloudFormation rejects the function",
                    show(candidate.value),
                    subject(node, &standard)
                )
            } else {
                continue;
            };
            add_value_finding(report, template, node, candidate.span, message);
        }
    }
}
