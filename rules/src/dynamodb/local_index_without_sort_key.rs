use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D005",
    name: "local-index-without-sort-key",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Local secondary indexes need a table with a sort key",
    docs: r#"
## What it does
Reports `LocalSecondaryIndexes` on a table whose `KeySchema` has only a partition (HASH) key.

## Why it matters
A local secondary index is an alternative sort key for the items of one partition key value.
A table without a sort key cannot have one, and DynamoDB rejects the table. Because local
indexes (and the table's key schema) can only be set when the table is created, fixing this
later means replacing the table and its data.

## Example
```yaml
KeySchema:
  - {AttributeName: customerId, KeyType: HASH}
LocalSecondaryIndexes:
  - IndexName: ByDate
    KeySchema:
      - {AttributeName: customerId, KeyType: HASH}
      - {AttributeName: orderDate, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
Give the table a sort key, or use a global secondary index, which works on any table and can
be added later:
```yaml
GlobalSecondaryIndexes:
  - IndexName: ByDate
    KeySchema:
      - {AttributeName: customerId, KeyType: HASH}
      - {AttributeName: orderDate, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```

## References
- [Local secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let (Some(list), Some(schema)) = (&variant.local_indexes, &variant.key_schema) else { continue };
            if list.items.is_empty() || !schema.complete || schema.partition_key().is_none() || schema.sort_key().is_some() {
                continue;
            }
            report
                .add(
                    list.key_span,
                    format!(
                        "table `{}` has local secondary indexes but no sort key; a local index is another sort key for the table's partition key, so the table needs a RANGE key (or use a global secondary index)",
                        table.logical_id()
                    ),
                )
                .add_related(schema.span, "the table's key schema has only a HASH key");
        }
    }
    dedupe(report);
}
