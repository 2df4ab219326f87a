use slint_linter::model::tables::{Index, KeyElement, KeySchema, TableVariant};
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use super::words::low_cardinality_reason;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D016",
    name: "low-cardinality-partition-key",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "A partition key named like a status, type, date or flag suggests few distinct values and hot partitions",
    docs: r#"
## What it does
Looks at the partition (HASH) key of each table and global secondary index and warns when its
name suggests an attribute with few distinct values: a status, state, type, kind, category,
gender, country, region, date, day, month or year, a priority or tier, a source, channel or
platform, a currency, language or locale, or a yes/no flag (`isActive`, `hasChildren`,
`enabled`, `deleted`). Names are split into words and the last word
counts, so `orderStatus` is judged as `status` and `statusId` is not.

This is a hint from the name alone. It is silent for global indexes whose partition key is the
table's sort key (see `global-index-on-low-cardinality-sort-key`) and for multi-attribute index
keys.

## Why it matters
DynamoDB spreads items over partitions by hashing the partition key, and each partition serves
at most 3,000 read units and 1,000 write units per second. With a handful of distinct values,
all traffic for one value lands on one partition: `status = PENDING` becomes a hot partition
that throttles (`ProvisionedThroughputExceededException`, or `ThrottlingException` on
on-demand tables) however much capacity the table has. A date partition key sends all of
today's writes to one partition. On a global secondary index the throttling also holds back
writes to the base table.

## Example
```yaml
GlobalSecondaryIndexes:
  - IndexName: ByStatus
    KeySchema:
      - {AttributeName: status, KeyType: HASH}
      - {AttributeName: createdAt, KeyType: RANGE}
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
Spread the value over several partition key values (write sharding) and query each shard:
```yaml
      - {AttributeName: statusShard, KeyType: HASH}   # "PENDING#0" … "PENDING#9"
      - {AttributeName: createdAt, KeyType: RANGE}
```
or lead with a high-cardinality attribute and make the low-cardinality one part of a composite
sort key (`customerId` + `status#createdAt`). A sparse index (only items that have the
attribute are indexed) also helps when few items carry the value you query for.

When the name misleads (a `type` with millions of values), silence the hint for that table
with `Metadata: {slint: {ignore: [D016]}}` on the resource, or tune the word list in
`slint.toml`:
```toml
[dynamodb]
extend-low-cardinality-words = ["tier"]      # added to the built-in list
low-cardinality-words = ["status", "state"]  # replaces it
```

## References
- [Designing partition keys to distribute your workload](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-uniform-load.html)
- [Using write sharding to distribute workloads evenly](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-sharding.html)
- [Throttling and hot partitions](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let words = cx.settings.dynamodb.low_cardinality_words();
    for table in tables(cx) {
        for variant in &table.variants {
            if let Some(key) = single_partition_key(variant.key_schema.as_ref()) {
                flag(key, &format!("table `{}`", table.logical_id()), &words, report);
            }
            let table_sort = variant.key_schema.as_ref().and_then(KeySchema::sort_key).and_then(KeyElement::name);
            for index in global_indexes(variant) {
                let Some(key) = single_partition_key(index.key_schema.as_ref()) else { continue };
                if key.name().is_some() && key.name() == table_sort {
                    continue; // global-index-on-low-cardinality-sort-key explains this case
                }
                flag(key, &format!("{} of table `{}`", index.describe(), table.logical_id()), &words, report);
            }
        }
    }
    dedupe(report);
}

fn global_indexes(variant: &TableVariant) -> impl Iterator<Item = &Index> {
    variant.global_indexes.iter().flat_map(|list| &list.items)
}

/// The partition key, when it is a single attribute.
pub(super) fn single_partition_key(schema: Option<&KeySchema>) -> Option<&KeyElement> {
    let schema = schema?;
    let key = schema.partition_key()?;
    (schema.elements.iter().filter(|e| e.is_hash()).count() == 1).then_some(key)
}

fn flag(key: &KeyElement, owner: &str, words: &[String], report: &mut Report) {
    let Some(name) = key.name() else { return };
    let Some(reason) = low_cardinality_reason(name, words) else { return };
    let diagnostic = report.add(
        key.attribute.span,
        format!(
            "{owner} partitions by `{name}`{reason}, which suggests few distinct values: each value is one partition capped at 3,000 reads and 1,000 writes per second, so popular values throttle; shard the key (`{name}#0..N`) or lead with a high-cardinality attribute"
        ),
    );
    note_parameter(diagnostic, &key.attribute);
}
