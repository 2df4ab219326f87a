use slint_linter::model::tables::{BillingMode, Table, TableKind, TableVariant};
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D014",
    name: "billing-mode-throughput-mismatch",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &["E3638", "E3639"],
    summary: "A provisioned table needs `ProvisionedThroughput`; an on-demand table must not set it",
    docs: r#"
## What it does
Checks the table's capacity settings against its `BillingMode`:

- `PROVISIONED`, which is also what an omitted `BillingMode` means, requires
  `ProvisionedThroughput` (`WriteProvisionedThroughputSettings` on a global table);
- `PAY_PER_REQUEST` must not set non-zero `ProvisionedThroughput`
  (`WriteProvisionedThroughputSettings` on a global table).

Each value a parameter or condition can give the billing mode is checked. Global secondary
indexes are checked by `global-index-throughput-mismatch`.

## Why it matters
Either mismatch fails the deployment. Forgetting `BillingMode: PAY_PER_REQUEST` while leaving
out the throughput is the most common one: the table defaults to provisioned capacity.

## Example
```yaml
Sessions:
  Type: AWS::DynamoDB::Table
  Properties:
    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
    KeySchema: [{AttributeName: id, KeyType: HASH}]
```

## Use instead
```yaml
    BillingMode: PAY_PER_REQUEST
    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
    KeySchema: [{AttributeName: id, KeyType: HASH}]
```

## References
- [AWS::DynamoDB::Table BillingMode](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-billingmode)
- [AWS::DynamoDB::GlobalTable BillingMode](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html#cfn-dynamodb-globaltable-billingmode)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        if table.kind == TableKind::SimpleTable {
            continue; // SAM derives the billing mode from ProvisionedThroughput
        }
        for variant in &table.variants {
            check_variant(table, variant, report);
        }
    }
    dedupe(report);
}

fn check_variant(table: &Table, variant: &TableVariant, report: &mut Report) {
    let Some(mode) = variant.billing_mode() else { return };
    let global_table = table.kind == TableKind::GlobalTable;
    let (setting, throughput) = if global_table {
        ("WriteProvisionedThroughputSettings", &variant.write_provisioned_settings)
    } else {
        ("ProvisionedThroughput", &variant.provisioned_throughput)
    };
    let id = table.logical_id();
    match (mode, throughput) {
        (BillingMode::Provisioned, None) => {
            let (at, said) = match &variant.billing_mode_property {
                Some(b) => (b.span, "`BillingMode: PROVISIONED`"),
                None => (table.property_key_span("KeySchema").unwrap_or(table.resource.type_span()), "no `BillingMode`, which means PROVISIONED,"),
            };
            let diagnostic = report.add(
                at,
                format!(
                    "table `{id}` has {said} but no `{setting}`; set `BillingMode: PAY_PER_REQUEST` for on-demand capacity, or give it `{setting}`"
                ),
            );
            if let Some(b) = &variant.billing_mode_property {
                note_parameter(diagnostic, b);
            }
        }
        (BillingMode::PayPerRequest, Some(throughput)) if global_table || !(throughput.is_all_zero() || throughput.has_unknown()) => {
            let diagnostic = report.add(
                throughput.key_span,
                format!(
                    "table `{id}` is on-demand (`PAY_PER_REQUEST`) but sets `{setting}`; remove it (or make it conditional on the billing mode with `!If`)"
                ),
            );
            if let Some(b) = &variant.billing_mode_property {
                diagnostic.add_related(b.span, "the billing mode is set here");
                note_parameter(diagnostic, b);
            }
        }
        _ => {}
    }
}
