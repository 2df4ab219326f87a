use std::collections::HashMap;

use slint_linter::model::tables::{Index, IndexKind, KeySchema};
use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D003",
    name: "invalid-key-schema",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "A key schema must start with its HASH key, have at most one RANGE key (GSIs: up to four of each) and name each attribute once",
    docs: r#"
## What it does
Checks the shape of the table's `KeySchema` and of every index's:

- each `KeyType` is `HASH` (partition key) or `RANGE` (sort key);
- the HASH key comes first;
- a table has one HASH key and at most one RANGE key; a local secondary index has exactly the
  two; a global secondary index has one to four HASH keys followed by up to four RANGE keys
  (multi-attribute keys);
- no attribute appears twice.

## Why it matters
DynamoDB rejects any other shape when the table is created or the index added, so the
deployment fails. Putting the sort key first is an easy slip when copying key schemas around.

## Example
```yaml
KeySchema:
  - {AttributeName: createdAt, KeyType: RANGE}
  - {AttributeName: customerId, KeyType: HASH}
```

## Use instead
```yaml
KeySchema:
  - {AttributeName: customerId, KeyType: HASH}
  - {AttributeName: createdAt, KeyType: RANGE}
```

## References
- [KeySchemaElement](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeySchemaElement.html)
- [CreateTable KeySchema](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html#DDB-CreateTable-request-KeySchema)
- [Multi-attribute keys for global secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html)
"#,
    check,
};

/// A GSI key may combine up to this many partition and this many sort attributes.
const GSI_MAX_PER_KIND: usize = 4;

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            for (index, schema) in variant.key_schemas() {
                check_schema(index, schema, report);
            }
        }
    }
    dedupe(report);
}

fn check_schema(index: Option<&Index>, schema: &KeySchema, report: &mut Report) {
    let whose = match index {
        None => "the table's key schema".to_owned(),
        Some(index) => format!("{}'s key schema", index.describe()),
    };
    let mut seen: HashMap<&str, &slint_linter::model::tables::KeyElement> = HashMap::new();
    for element in &schema.elements {
        if let Some(key_type) = element.key_type.text() {
            if key_type != "HASH" && key_type != "RANGE" {
                report.add(element.key_type.span, format!("`KeyType: {key_type}` in {whose}: a key type is `HASH` (partition key) or `RANGE` (sort key)"));
                return;
            }
        }
        if let Some(name) = element.name() {
            if let Some(earlier) = seen.insert(name, element) {
                report
                    .add(element.attribute.span, format!("`{name}` appears twice in {whose}; a key uses each attribute once"))
                    .add_related(earlier.attribute.span, "first used here");
            }
        }
    }
    if !schema.complete {
        return;
    }
    let elements = &schema.elements;
    let Some(first) = elements.first() else {
        report.add(schema.span, format!("{whose} is empty; it needs a HASH (partition) key"));
        return;
    };
    if !first.is_hash() {
        let name = first.name().unwrap_or("?");
        let diagnostic = report.add(
            first.key_type.span,
            format!("{whose} starts with the RANGE (sort) key `{name}`; the HASH (partition) key must come first"),
        );
        if let Some(hash) = elements.iter().find(|e| e.is_hash()) {
            diagnostic.add_related(hash.span, "move this HASH key to the top");
        }
        return;
    }
    let hashes = elements.iter().filter(|e| e.is_hash()).count();
    let ranges = elements.len() - hashes;
    if let Some(misplaced) = elements.iter().skip_while(|e| e.is_hash()).find(|e| e.is_hash()) {
        report.add(misplaced.key_type.span, format!("{whose} lists a HASH key after a RANGE key; list every HASH key before the RANGE keys"));
        return;
    }
    match index.map(|i| i.kind) {
        Some(IndexKind::Global) => {
            if hashes > GSI_MAX_PER_KIND {
                report.add(elements[GSI_MAX_PER_KIND].span, format!("{whose} has {hashes} HASH keys; a global secondary index combines at most {GSI_MAX_PER_KIND} partition key attributes"));
            }
            if ranges > GSI_MAX_PER_KIND {
                report.add(elements[hashes + GSI_MAX_PER_KIND].span, format!("{whose} has {ranges} RANGE keys; a global secondary index combines at most {GSI_MAX_PER_KIND} sort key attributes"));
            }
        }
        Some(IndexKind::Local) => {
            if hashes != 1 || ranges != 1 {
                report.add(
                    schema.span,
                    format!("{whose} has {hashes} HASH and {ranges} RANGE keys; a local secondary index has exactly the table's HASH key and one RANGE key"),
                );
            }
        }
        None => {
            if hashes > 1 {
                report.add(elements[1].key_type.span, format!("{whose} has {hashes} HASH keys; a table has exactly one partition key (combine values into one attribute, such as `tenant#user`)"));
            } else if ranges > 1 {
                report.add(elements[2].key_type.span, format!("{whose} has {ranges} RANGE keys; a table has at most one sort key (combine values into one attribute, such as `date#orderId`)"));
            }
        }
    }
}
