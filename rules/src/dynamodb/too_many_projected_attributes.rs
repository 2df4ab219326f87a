use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D012",
    name: "too-many-projected-attributes",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "At most 100 `NonKeyAttributes` in total across a table's secondary indexes",
    docs: r#"
## What it does
Adds up the `NonKeyAttributes` of every local and global secondary index of a table and reports
the index where the total passes 100.

## Why it matters
DynamoDB limits the projected non-key attributes to 100 per table, summed over all indexes; an
attribute projected into two indexes counts twice. Beyond that the table creation or the index
addition fails.

## Example
Three `INCLUDE` indexes listing 40 attributes each.

## Use instead
Project `ALL` on the index that needs most attributes (the limit does not apply to `ALL`), or
trim the lists to what each query reads.

## References
- [Projection](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html)
- [Service quotas: projected secondary index attributes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes)
"#,
    check,
};

const MAX_PROJECTED_ATTRIBUTES: usize = 100;

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let mut total = 0;
            for index in variant.indexes() {
                let Some(attributes) = index.projection.as_ref().and_then(|p| p.non_key_attributes.as_ref()) else { continue };
                let before = total;
                total += attributes.items.len();
                if before <= MAX_PROJECTED_ATTRIBUTES && total > MAX_PROJECTED_ATTRIBUTES {
                    report.add(
                        attributes.span,
                        format!(
                            "with {} the indexes of table `{}` project {total} non-key attributes; DynamoDB allows {MAX_PROJECTED_ATTRIBUTES} across all indexes (the same attribute in two indexes counts twice); project ALL instead or trim the lists",
                            index.describe(),
                            table.logical_id()
                        ),
                    );
                }
            }
        }
    }
    dedupe(report);
}
