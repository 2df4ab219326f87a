use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D007",
    name: "local-index-same-sort-key",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "A local secondary index should sort by another attribute than the table",
    docs: r#"
## What it does
Reports a local secondary index whose sort (RANGE) key is the table's own sort key.

## Why it matters
A local index exists to order a partition's items by a different attribute. One with the
table's own key schema answers no query the table cannot, yet every write pays for it and its
items count towards the 10 GB limit of each partition key value. Local indexes cannot be
removed without replacing the table, so the cost stays for the table's lifetime.

## Example
```yaml
KeySchema:
  - {AttributeName: customerId, KeyType: HASH}
  - {AttributeName: orderId, KeyType: RANGE}
LocalSecondaryIndexes:
  - IndexName: ByOrder
    KeySchema:
      - {AttributeName: customerId, KeyType: HASH}
      - {AttributeName: orderId, KeyType: RANGE}
    Projection: {ProjectionType: ALL}
```

## Use instead
Sort the index by the attribute the query needs (`orderDate`), or drop the index and query the
table.

## References
- [Local secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html)
- [Item collection size limit](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let (Some(list), Some(table_sort)) = (&variant.local_indexes, variant.key_schema.as_ref().and_then(|k| k.sort_key())) else {
                continue;
            };
            let Some(table_range) = table_sort.name() else { continue };
            for index in &list.items {
                let Some(index_sort) = index.key_schema.as_ref().and_then(|k| k.sort_key()) else { continue };
                if index_sort.name() == Some(table_range) {
                    report
                        .add(
                            index_sort.attribute.span,
                            format!(
                                "{} sorts by `{table_range}`, the table's own sort key, so it answers no query the table cannot while every write pays for it; sort it by another attribute or remove it",
                                index.describe()
                            ),
                        )
                        .add_related(table_sort.attribute.span, "the table's sort key");
                }
            }
        }
    }
    dedupe(report);
}
