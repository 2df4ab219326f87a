use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D006",
    name: "local-index-partition-key",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "A local secondary index must use the table's partition key",
    docs: r#"
## What it does
Compares the HASH key of each local secondary index with the table's HASH key.

## Why it matters
A local secondary index re-sorts the items of one partition: its partition key is, by
definition, the table's. DynamoDB rejects a local index with another partition key, and since
local indexes only exist from table creation on, the mistake costs a table replacement once
deployed. An index on another partition key is a global secondary index.

## Example
```yaml
KeySchema:
  - {AttributeName: customerId, KeyType: HASH}
  - {AttributeName: orderId, KeyType: RANGE}
LocalSecondaryIndexes:
  - IndexName: ByStatus
    KeySchema:
      - {AttributeName: status, KeyType: HASH}
      - {AttributeName: orderDate, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
```yaml
LocalSecondaryIndexes:
  - IndexName: ByDate
    KeySchema:
      - {AttributeName: customerId, KeyType: HASH}
      - {AttributeName: orderDate, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```
or move the index to `GlobalSecondaryIndexes`.

## References
- [Local secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html)
- [LocalSecondaryIndex](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_LocalSecondaryIndex.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let (Some(list), Some(table_key)) = (&variant.local_indexes, variant.key_schema.as_ref().and_then(|k| k.partition_key())) else {
                continue;
            };
            let Some(table_hash) = table_key.name() else { continue };
            for index in &list.items {
                let Some(index_key) = index.key_schema.as_ref().and_then(|k| k.partition_key()) else { continue };
                let Some(index_hash) = index_key.name() else { continue };
                if index_hash != table_hash {
                    let diagnostic = report.add(
                        index_key.attribute.span,
                        format!(
                            "{} partitions by `{index_hash}`, but a local secondary index must use the table's partition key `{table_hash}`; use `{table_hash}` here, or make it a global secondary index",
                            index.describe()
                        ),
                    );
                    diagnostic.add_related(table_key.attribute.span, "the table's partition key");
                    note_parameter(diagnostic, &index_key.attribute);
                }
            }
        }
    }
    dedupe(report);
}
