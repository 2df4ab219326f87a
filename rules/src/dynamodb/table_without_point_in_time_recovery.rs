use slint_linter::model::tables::PointInTimeRecovery;
use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D022",
    name: "table-without-point-in-time-recovery",
    area: Area::DynamoDb,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "A table without point-in-time recovery cannot be restored after bad writes or deletes",
    docs: r#"
## What it does
Reports tables whose `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is missing or
false (on a global table: on any replica). SAM SimpleTables are included.

## Why it matters
Point-in-time recovery keeps continuous backups (up to 35 days) and restores the table to any
second in that window. Without it, a buggy deployment that overwrites items, or a script that
deletes the wrong ones, cannot be undone. It is off by default. `DeletionPolicy` does not help
here: it protects the table, not its contents.

## Example
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    ...
```

## Use instead
```yaml
    PointInTimeRecoverySpecification:
      PointInTimeRecoveryEnabled: true
```
For scratch or easily rebuilt tables, silence the rule for the resource with
`Metadata: {slint: {ignore: [D022]}}`.

## References
- [Point-in-time recovery for DynamoDB](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html)
- [AWS::DynamoDB::Table PointInTimeRecoverySpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let PointInTimeRecovery::Disabled { at } = &variant.point_in_time_recovery else { continue };
            let (span, how) = match at {
                Some(span) => (*span, "has point-in-time recovery turned off"),
                None => (table.id_span(), "has no point-in-time recovery"),
            };
            report.add(
                span,
                format!(
                    "table `{}` {how}: bad writes or deletes cannot be undone; set `PointInTimeRecoverySpecification: {{PointInTimeRecoveryEnabled: true}}`",
                    table.logical_id()
                ),
            );
        }
    }
    dedupe(report);
}
