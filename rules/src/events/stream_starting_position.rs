use slint_linter::model::EventKind;
use slint_linter::Severity;

use crate::lambda::support::{add_value_finding, strings};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E006",
    name: "stream-starting-position",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &["E3633"],
    summary: "Stream event source without a valid `StartingPosition`",
    docs: r#"
## What it does
For Kinesis, DynamoDB Streams and Amazon MSK event sources (SAM events and event source
mappings) reports:

* a missing `StartingPosition`;
* a value the source does not accept: Kinesis and MSK take `TRIM_HORIZON`, `LATEST` or
  `AT_TIMESTAMP`, DynamoDB Streams only `TRIM_HORIZON` or `LATEST`;
* `AT_TIMESTAMP` without `StartingPositionTimestamp`.

## Why it matters
Lambda needs to know where in the stream to begin reading and rejects the event source mapping
otherwise, so the deployment fails. `TRIM_HORIZON` processes everything still in the stream;
`LATEST` only what arrives from now on.

## Example
```yaml
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
```

## Use instead
```yaml
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: TRIM_HORIZON
```

## References
- [Lambda parameters for Kinesis event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html)
- [Lambda parameters for DynamoDB event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources() {
        let allowed: &[&str] = match source.kind {
            EventKind::Kinesis | EventKind::Msk => &["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"],
            EventKind::DynamoDb => &["TRIM_HORIZON", "LATEST"],
            _ => continue,
        };
        let service = source.kind.service_name();
        let Some(position) = source.property("StartingPosition") else {
            report.add(
                source.span(),
                format!(
                    "{} reads {service} but has no `StartingPosition`; Lambda needs to know where to start reading and rejects \
                     the mapping. Add `StartingPosition: TRIM_HORIZON` (everything still in the stream) or `LATEST` (new records only)",
                    source.label()
                ),
            );
            continue;
        };
        for (value, span) in strings(template, position).unwrap_or_default() {
            if !allowed.contains(&value.as_str()) {
                add_value_finding(
                    report,
                    template,
                    position,
                    span,
                    format!(
                        "`StartingPosition: {value}` on {} is not one {service} accepts; use {}",
                        source.label(),
                        allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(" or ")
                    ),
                );
            } else if value == "AT_TIMESTAMP" && source.property("StartingPositionTimestamp").is_none() {
                add_value_finding(
                    report,
                    template,
                    position,
                    span,
                    format!(
                        "`StartingPosition: AT_TIMESTAMP` on {} needs `StartingPositionTimestamp` (seconds since the epoch)",
                        source.label()
                    ),
                );
            }
        }
    }
}
