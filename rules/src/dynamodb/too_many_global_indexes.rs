use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D008",
    name: "too-many-global-indexes",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "More than 20 global secondary indexes exceeds the default quota",
    docs: r#"
## What it does
Counts a table's `GlobalSecondaryIndexes` and reports the 21st and later ones.

## Why it matters
The default quota is 20 global secondary indexes per table. It can be raised through Service
Quotas, which is why this is a warning; without a raised quota the deployment fails. So many
indexes also multiply the cost of every write, since each index whose keys an item has is
written too.

## Example
Twenty-one entries under `GlobalSecondaryIndexes`.

## Use instead
Overload indexes: give several entity types generic key attributes (`GSI1PK`, `GSI1SK`) so
that one index serves several access patterns, or request a quota increase before deploying.

## References
- [Service quotas: secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes)
- [Overloading global secondary indexes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-gsi-overloading.html)
"#,
    check,
};

const DEFAULT_MAX_GLOBAL_INDEXES: usize = 20;

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let Some(list) = &variant.global_indexes else { continue };
            let count = list.items.len();
            if count <= DEFAULT_MAX_GLOBAL_INDEXES {
                continue;
            }
            report
                .add(
                    list.items[DEFAULT_MAX_GLOBAL_INDEXES].span,
                    format!(
                        "table `{}` has {count} global secondary indexes; the default quota is {DEFAULT_MAX_GLOBAL_INDEXES} per table, so the deployment fails unless the quota was raised",
                        table.logical_id()
                    ),
                )
                .add_related(list.key_span, "the global secondary indexes start here");
        }
    }
    dedupe(report);
}
