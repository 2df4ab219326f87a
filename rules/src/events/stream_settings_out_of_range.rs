use slint_linter::Severity;

use crate::lambda::support::{add_value_finding, numbers, show};
use crate::{Area, Context, Report, Rule};

/// A stream setting and the values Lambda accepts for it.
struct Setting {
    key: &'static str,
    accepts: fn(f64) -> bool,
    range: &'static str,
}

const SETTINGS: &[Setting] = &[
    Setting { key: "BatchSize", accepts: |v| (1.0..=10_000.0).contains(&v), range: "1 to 10,000" },
    Setting { key: "ParallelizationFactor", accepts: |v| (1.0..=10.0).contains(&v), range: "1 to 10" },
    Setting {
        key: "MaximumRetryAttempts",
        accepts: |v| (-1.0..=10_000.0).contains(&v),
        range: "-1 (retry until the record expires) to 10,000",
    },
    Setting {
        key: "MaximumRecordAgeInSeconds",
        accepts: |v| v == -1.0 || (60.0..=604_800.0).contains(&v),
        range: "-1 (no limit) or 60 to 604,800 seconds",
    },
    Setting { key: "TumblingWindowInSeconds", accepts: |v| (0.0..=900.0).contains(&v), range: "0 to 900 seconds" },
    Setting { key: "MaximumBatchingWindowInSeconds", accepts: |v| (0.0..=300.0).contains(&v), range: "0 to 300 seconds" },
];

pub static RULE: Rule = Rule {
    code: "E007",
    name: "stream-settings-out-of-range",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "Kinesis or DynamoDB stream event source setting outside the range Lambda accepts",
    docs: r#"
## What it does
Checks the numeric settings of Kinesis and DynamoDB Streams event sources (SAM events and
event source mappings), including values from parameters:

| setting | accepted |
| --- | --- |
| `BatchSize` | 1 to 10,000 |
| `ParallelizationFactor` | 1 to 10 |
| `MaximumRetryAttempts` | -1 (until the record expires) to 10,000 |
| `MaximumRecordAgeInSeconds` | -1 (no limit), or 60 to 604,800 (7 days) |
| `TumblingWindowInSeconds` | 0 to 900 |
| `MaximumBatchingWindowInSeconds` | 0 to 300 |

## Why it matters
Lambda rejects the event source mapping and the deployment fails. A `MaximumRecordAgeInSeconds`
between 0 and 59 is a common slip: it is inside the type's range but Lambda does not allow it.

## Example
```yaml
            StartingPosition: LATEST
            ParallelizationFactor: 20
            MaximumRecordAgeInSeconds: 30
```

## Use instead
```yaml
            StartingPosition: LATEST
            ParallelizationFactor: 10
            MaximumRecordAgeInSeconds: 60
```

## References
- [Lambda parameters for Kinesis event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html)
- [Lambda parameters for DynamoDB event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources().iter().filter(|s| s.kind.is_stream()) {
        for setting in SETTINGS {
            let Some(node) = source.property(setting.key) else { continue };
            for candidate in numbers(template, node).unwrap_or_default() {
                if (setting.accepts)(candidate.value) {
                    continue;
                }
                add_value_finding(
                    report,
                    template,
                    node,
                    candidate.span,
                    format!(
                        "`{}` of {} on {} is outside what Lambda accepts for {} ({}); the event source mapping is rejected",
                        setting.key,
                        show(candidate.value),
                        source.label(),
                        source.kind.service_name(),
                        setting.range
                    ),
                );
            }
        }
    }
}
