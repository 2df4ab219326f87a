use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D004",
    name: "too-many-local-indexes",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "A table can have at most 5 local secondary indexes",
    docs: r#"
## What it does
Counts a table's `LocalSecondaryIndexes` and reports the sixth and later ones.

## Why it matters
Five local secondary indexes per table is a hard quota: table creation fails beyond it. Local
indexes can only be created with the table, so there is no way to add a sixth later either.
Each local index also counts towards the 10 GB item collection limit of every partition key
value.

## Example
Six entries under `LocalSecondaryIndexes`.

## Use instead
Keep the five access patterns that need strongly consistent reads as local indexes and serve
the others with global secondary indexes (up to 20 by default), which can also be added later.

## References
- [Service quotas: secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes)
- [Local secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html)
"#,
    check,
};

const MAX_LOCAL_INDEXES: usize = 5;

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let Some(list) = &variant.local_indexes else { continue };
            let count = list.items.len();
            if count <= MAX_LOCAL_INDEXES {
                continue;
            }
            let extra = &list.items[MAX_LOCAL_INDEXES];
            report
                .add(
                    extra.span,
                    format!(
                        "table `{}` has {count} local secondary indexes; DynamoDB allows at most {MAX_LOCAL_INDEXES}, and they can only be created with the table",
                        table.logical_id()
                    ),
                )
                .add_related(list.key_span, "the local secondary indexes start here");
        }
    }
    dedupe(report);
}
