use slint_linter::model::tables::TableChangeKind;
use slint_linter::Severity;

use super::baseline::{table_changes, was_at};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D029",
    name: "removed-table-deleted",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Removing a table whose DeletionPolicy is Delete deletes the table and its data",
    docs: r#"
## What it does
Runs with `slint check --baseline REF` or `--baseline-file old.yaml` and reports each table of
the previous version that is gone from the template (or renamed: a new logical id is a new
table) while its `DeletionPolicy` was `Delete` or not set, which means Delete.

## Why it matters
CloudFormation deletes resources that leave the template. For a table that is every item in
it, with no undo: point-in-time recovery backups go with the table unless you restore them
first. Renaming a logical id during a refactoring has the same effect, and the new, empty table
is created under the new id.

## Example
Deleting the `Orders` resource, or renaming it to `OrdersTable`.

## Use instead
Set `DeletionPolicy: Retain` (and `UpdateReplacePolicy: Retain`) and deploy that first; then
remove the resource in a second deployment, which leaves the table in the account. To rename,
keep the logical id, or import the retained table into the stack under the new id.

## References
- [DeletionPolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html)
- [Importing existing resources into a stack](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some((changes, baseline)) = table_changes(cx) else { return };
    for change in &changes {
        let TableChangeKind::TableRemoved { deletion_policy } = &change.kind else { continue };
        let policy = match deletion_policy {
            Some(policy) => format!("its `DeletionPolicy` is `{policy}`"),
            None => "it had no `DeletionPolicy`, which means Delete".to_owned(),
        };
        report.add(
            change.span,
            format!(
                "table `{}` was removed from the template{} and {policy}: deploying this deletes the table and every item in it; set `DeletionPolicy: Retain` and deploy that first, or keep the logical id if it was renamed",
                change.logical_id,
                was_at(baseline, change.old_span)
            ),
        );
    }
}
