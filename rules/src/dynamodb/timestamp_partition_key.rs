use slint_linter::model::tables::{KeyElement, TableVariant};
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use super::low_cardinality_partition_key::single_partition_key;
use super::words::timestamp_word;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D017",
    name: "timestamp-partition-key",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "A Number partition key named like a timestamp cannot serve time-range queries",
    docs: r#"
## What it does
Warns when the partition (HASH) key of a table or global secondary index is a Number (`N`)
attribute whose name reads as a point in time: `timestamp`, `createdAt`, `updated_at`,
`epoch`, `eventTime`, `ts`. The word list is configurable with `timestamp-words` and
`extend-timestamp-words` under `[dynamodb]` in `slint.toml`.

## Why it matters
A partition key can only be matched exactly: `Query` needs one value, so "everything from the
last hour" cannot be asked of a table keyed by time, and ends up as a `Scan` of the whole table.
Two items written in the same second (or millisecond) also share a key and overwrite each
other. Time belongs in the sort key, where range conditions (`BETWEEN`, `>`) work.

## Example
```yaml
KeySchema:
  - {AttributeName: createdAt, KeyType: HASH}
AttributeDefinitions:
  - {AttributeName: createdAt, AttributeType: N}
```

## Use instead
Partition by what you look things up by, and sort by time:
```yaml
KeySchema:
  - {AttributeName: deviceId, KeyType: HASH}
  - {AttributeName: createdAt, KeyType: RANGE}
```
For "latest events of any device", use a sharded day bucket as partition key
(`2024-05-01#3`) with the timestamp as sort key. Silence the hint for a table with
`Metadata: {slint: {ignore: [D017]}}` when the key really is looked up by exact value.

## References
- [Best practices for using sort keys to organize data](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html)
- [Best practices for handling time series data](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-time-series.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let words = cx.settings.dynamodb.timestamp_words();
    for table in tables(cx) {
        for variant in &table.variants {
            let keys = std::iter::once((format!("table `{}`", table.logical_id()), variant.key_schema.as_ref())).chain(
                variant
                    .global_indexes
                    .iter()
                    .flat_map(|list| &list.items)
                    .map(|index| (format!("{} of table `{}`", index.describe(), table.logical_id()), index.key_schema.as_ref())),
            );
            for (owner, schema) in keys {
                let Some(key) = single_partition_key(schema) else { continue };
                flag(variant, key, &owner, &words, report);
            }
        }
    }
    dedupe(report);
}

fn flag(variant: &TableVariant, key: &KeyElement, owner: &str, words: &[String], report: &mut Report) {
    let Some(name) = key.name() else { return };
    let Some(definition) = variant.attribute_definitions.as_ref().and_then(|d| d.get(name)) else { return };
    if !matches!(definition.attribute_type.text(), Some("N" | "Number")) {
        return;
    }
    let Some(word) = timestamp_word(name, words) else { return };
    let diagnostic = report.add(
        key.attribute.span,
        format!(
            "{owner} partitions by `{name}`, a Number named like a timestamp (`{word}`): a partition key only matches exact values, so time ranges need a full Scan, and items written at the same instant overwrite each other; make it the sort key under an attribute you look items up by"
        ),
    );
    diagnostic.add_related(definition.attribute_type.span, "defined as a Number here");
    note_parameter(diagnostic, &key.attribute);
}
