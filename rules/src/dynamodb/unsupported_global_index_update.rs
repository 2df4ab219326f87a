use slint_linter::model::tables::TableChangeKind;
use slint_linter::Severity;

use super::baseline::{table_changes, was_at};
use super::findings::list;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D027",
    name: "unsupported-global-index-update",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "One update can create or delete only one global secondary index, and cannot change an index in place",
    docs: r#"
## What it does
Runs with `slint check --baseline REF` or `--baseline-file old.yaml` and compares each table's
global secondary indexes with the previous version:

- more than one index created or deleted in the same update (renaming an index is a delete
  and a create);
- an index that keeps its name but changes its `KeySchema` or `Projection`.

## Why it matters
DynamoDB's `UpdateTable` creates or deletes one global secondary index per call, and
CloudFormation rejects an update that needs more, rolling back the whole stack update. An
index's key schema and projection cannot be updated at all: the index has to be deleted and
created again under another name.

## Example
Two new entries under `GlobalSecondaryIndexes` in one commit.

## Use instead
Deploy one index change at a time: add the first index, deploy, add the second, deploy. To
change an index, add the new version under a new name, deploy, move the queries over, then
delete the old one in a later deployment.

## References
- [UpdateTable: GlobalSecondaryIndexUpdates](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html)
- [AWS::DynamoDB::Table GlobalSecondaryIndexes](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-globalsecondaryindexes)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some((changes, baseline)) = table_changes(cx) else { return };
    for change in &changes {
        match &change.kind {
            TableChangeKind::GlobalIndexesCreatedAndDeleted { created, deleted } => {
                let mut parts = Vec::new();
                if !created.is_empty() {
                    parts.push(format!("creates {}", list(&created.iter().map(String::as_str).collect::<Vec<_>>())));
                }
                if !deleted.is_empty() {
                    parts.push(format!("deletes {}", list(&deleted.iter().map(String::as_str).collect::<Vec<_>>())));
                }
                report.add(
                    change.span,
                    format!(
                        "this update {} on table `{}`{}: CloudFormation can create or delete only one global secondary index per update and rolls the stack back; deploy one index change at a time",
                        parts.join(" and "),
                        change.logical_id,
                        was_at(baseline, change.old_span)
                    ),
                );
            }
            TableChangeKind::GlobalIndexChanged { name } => {
                report.add(
                    change.span,
                    format!(
                        "global secondary index `{name}` of table `{}` changes its key schema or projection{}; an index cannot be changed in place, so add the new version under another name, deploy, then remove the old one",
                        change.logical_id,
                        was_at(baseline, change.old_span)
                    ),
                );
            }
            _ => {}
        }
    }
}
