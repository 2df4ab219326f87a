use slint_linter::model::tables::KeySchema;
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use super::low_cardinality_partition_key::single_partition_key;
use super::words::low_cardinality_reason;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D018",
    name: "global-index-on-low-cardinality-sort-key",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "A global secondary index partitioned by the table's low-cardinality sort key concentrates its writes",
    docs: r#"
## What it does
Warns when a global secondary index's partition key is the table's sort key and that
attribute's name suggests few distinct values (`status`, `type`, `date`, …, the list of
`low-cardinality-partition-key`, configurable under `[dynamodb]` in `slint.toml`).

## Why it matters
A low-cardinality attribute is a fine sort key: it orders items inside each partition. Turned
into an index's partition key ("inverted index"), it funnels every item sharing a value into a
single index partition, capped at 1,000 writes per second. Once the index throttles, DynamoDB
throttles writes to the base table as well, so the whole table slows down because of the index.

## Example
```yaml
KeySchema:
  - {AttributeName: orderId, KeyType: HASH}
  - {AttributeName: status, KeyType: RANGE}
GlobalSecondaryIndexes:
  - IndexName: ByStatus
    KeySchema:
      - {AttributeName: status, KeyType: HASH}
      - {AttributeName: orderId, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
Shard the index's partition key (`status#0` … `status#9`, written by the application) and
query the shards in parallel, or partition the index by a high-cardinality attribute and keep
the status in a composite sort key (`customerId` + `status#createdAt`). Silence the hint for a
table with `Metadata: {slint: {ignore: [D018]}}`.

## References
- [Using write sharding to distribute workloads evenly](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-sharding.html)
- [Using global secondary indexes for materialized aggregation queries](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-gsi-aggregation.html)
- [GSI write throttling and back pressure](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let words = cx.settings.dynamodb.low_cardinality_words();
    for table in tables(cx) {
        for variant in &table.variants {
            let Some(table_sort) = variant.key_schema.as_ref().and_then(KeySchema::sort_key) else { continue };
            let Some(sort_name) = table_sort.name() else { continue };
            let Some(reason) = low_cardinality_reason(sort_name, &words) else { continue };
            for index in variant.global_indexes.iter().flat_map(|list| &list.items) {
                let Some(key) = single_partition_key(index.key_schema.as_ref()) else { continue };
                if key.name() != Some(sort_name) {
                    continue;
                }
                let diagnostic = report.add(
                    key.attribute.span,
                    format!(
                        "{} of table `{}` partitions by `{sort_name}`{reason}, the table's sort key: few distinct values put the index's writes on a few partitions (1,000 writes per second each), and a throttled index throttles writes to the table too; shard the key (`{sort_name}#0..N`) or partition the index by a high-cardinality attribute",
                        index.describe(),
                        table.logical_id()
                    ),
                );
                diagnostic.add_related(table_sort.attribute.span, "the table's sort key");
                note_parameter(diagnostic, &key.attribute);
            }
        }
    }
    dedupe(report);
}
