use slint_linter::model::tables::{BillingMode, Table, TableKind, TableVariant};
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D010",
    name: "global-index-throughput-mismatch",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Every global secondary index of a provisioned table needs its own throughput; an on-demand table's indexes take none",
    docs: r#"
## What it does
Checks each global secondary index against the table's billing mode:

- `PROVISIONED` (the default when `BillingMode` is omitted): every index needs its own
  `ProvisionedThroughput` (`WriteProvisionedThroughputSettings` on a global table);
- `PAY_PER_REQUEST`: no index may set non-zero `ProvisionedThroughput` (nor
  `WriteProvisionedThroughputSettings` on a global table).

The billing mode may come from a parameter or a condition; each possible value is checked.

## Why it matters
Indexes inherit the table's capacity mode but not its capacity: a provisioned index without
throughput, or an on-demand index with it, makes the table creation or update fail. The usual
way to get there is switching `BillingMode` and forgetting the indexes, or making the billing
mode a parameter and only testing one value.

## Example
```yaml
BillingMode: PROVISIONED
ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
GlobalSecondaryIndexes:
  - IndexName: ByStatus
    KeySchema: [{AttributeName: status, KeyType: HASH}]
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
```yaml
GlobalSecondaryIndexes:
  - IndexName: ByStatus
    KeySchema: [{AttributeName: status, KeyType: HASH}]
    Projection: {ProjectionType: KEYS_ONLY}
    ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
```
With a parameter-driven billing mode, pair the two with the same condition:
`ProvisionedThroughput: !If [IsProvisioned, {...}, !Ref AWS::NoValue]`.

## References
- [AWS::DynamoDB::Table GlobalSecondaryIndex](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-globalsecondaryindex.html)
- [AWS::DynamoDB::GlobalTable GlobalSecondaryIndex](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-globalsecondaryindex.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            check_variant(table, variant, report);
        }
    }
    dedupe(report);
}

fn check_variant(table: &Table, variant: &TableVariant, report: &mut Report) {
    let (Some(mode), Some(list)) = (variant.billing_mode(), &variant.global_indexes) else { return };
    let global_table = table.kind == TableKind::GlobalTable;
    let (setting, mode_at) = match (&variant.billing_mode_property, global_table) {
        (Some(b), true) => ("WriteProvisionedThroughputSettings", Some(b)),
        (Some(b), false) => ("ProvisionedThroughput", Some(b)),
        (None, true) => ("WriteProvisionedThroughputSettings", None),
        (None, false) => ("ProvisionedThroughput", None),
    };
    let mode_text = match mode_at {
        Some(_) => format!("`BillingMode: {}`", mode.as_str()),
        None => "the default billing mode PROVISIONED".to_owned(),
    };
    for index in &list.items {
        let throughput = if global_table { &index.write_provisioned_settings } else { &index.provisioned_throughput };
        match (mode, throughput) {
            (BillingMode::Provisioned, None) => {
                let at = index.name.as_ref().map_or(index.span, |n| n.span);
                let diagnostic = report.add(
                    at,
                    format!(
                        "{} of table `{}` has no `{setting}`, but the table uses {mode_text}: every index of a provisioned table needs its own capacity; add it, or switch the table to `PAY_PER_REQUEST`",
                        index.describe(),
                        table.logical_id()
                    ),
                );
                if let Some(mode_at) = mode_at {
                    diagnostic.add_related(mode_at.span, "the billing mode is set here");
                    note_parameter(diagnostic, mode_at);
                }
            }
            (BillingMode::PayPerRequest, Some(throughput)) if global_table || !(throughput.is_all_zero() || throughput.has_unknown()) => {
                let diagnostic = report.add(
                    throughput.key_span,
                    format!(
                        "{} of table `{}` sets `{setting}`, but the table is on-demand (`PAY_PER_REQUEST`), whose indexes take no provisioned capacity; remove it (or make it conditional on the billing mode)",
                        index.describe(),
                        table.logical_id()
                    ),
                );
                if let Some(mode_at) = mode_at {
                    diagnostic.add_related(mode_at.span, "the billing mode is set here");
                    note_parameter(diagnostic, mode_at);
                }
            }
            _ => {}
        }
    }
}
