use slint_linter::Severity;

use super::support::{add_value_finding, by_node, numbers, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L019",
    name: "reserved-concurrency-zero",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "`ReservedConcurrentExecutions: 0` throttles every invocation of the function",
    docs: r#"
## What it does
Reports `ReservedConcurrentExecutions` that is, or through a parameter or condition can be,
`0`, on SAM and CloudFormation functions and in SAM Globals.

## Why it matters
Zero reserved concurrency stops the function: every invocation is throttled, events from
queues and streams pile up, and asynchronous events are retried and then dropped. It is a
legitimate emergency brake, but in a template it is usually a typo or a leftover; when it is
deliberate, say so with a suppression comment.

## Example
```yaml
      ReservedConcurrentExecutions: 0
```

## Use instead
```yaml
      ReservedConcurrentExecutions: 10   # or leave it out to use the unreserved pool
```

## References
- [Configuring reserved concurrency](https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.reserved_concurrency) {
        for candidate in numbers(template, node).unwrap_or_default() {
            if candidate.value != 0.0 {
                continue;
            }
            add_value_finding(
                report,
                template,
                node,
                candidate.span,
                format!(
                    "`ReservedConcurrentExecutions: 0` on {} throttles every invocation: the function never runs. \
                     Remove it or reserve at least 1; if the function is meant to be switched off, suppress this finding",
                    subject(node, &group)
                ),
            );
        }
    }
}
