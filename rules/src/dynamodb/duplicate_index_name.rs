use std::collections::HashMap;

use slint_linter::model::tables::Index;
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D009",
    name: "duplicate-index-name",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Index names must be unique across a table's local and global secondary indexes",
    docs: r#"
## What it does
Reports an `IndexName` used by more than one secondary index of the same table, local and
global indexes together.

## Why it matters
Queries name the index they read, so DynamoDB requires every index name of a table to be
unique and rejects the table (or the update) otherwise. Copying an index block and forgetting
to rename it is the usual cause.

## Example
```yaml
GlobalSecondaryIndexes:
  - IndexName: ByCustomer
    KeySchema: [{AttributeName: customerId, KeyType: HASH}]
    Projection: {ProjectionType: ALL}
  - IndexName: ByCustomer
    KeySchema: [{AttributeName: status, KeyType: HASH}]
    Projection: {ProjectionType: KEYS_ONLY}
```

## Use instead
```yaml
  - IndexName: ByStatus
    KeySchema: [{AttributeName: status, KeyType: HASH}]
    Projection: {ProjectionType: KEYS_ONLY}
```

## References
- [GlobalSecondaryIndex IndexName](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let mut seen: HashMap<&str, &Index> = HashMap::new();
            for index in variant.indexes() {
                let Some(name) = index.name() else { continue };
                let Some(first) = seen.get(name) else {
                    seen.insert(name, index);
                    continue;
                };
                let (Some(scalar), Some(first_name)) = (&index.name, &first.name) else { continue };
                let diagnostic = report.add(
                    scalar.span,
                    format!(
                        "table `{}` already has an index named `{name}` ({}); index names must be unique across local and global secondary indexes",
                        table.logical_id(),
                        first.kind.describe()
                    ),
                );
                diagnostic.add_related(first_name.span, "the first index with this name");
                note_parameter(diagnostic, scalar);
            }
        }
    }
    dedupe(report);
}
