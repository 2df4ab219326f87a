use slint_linter::model::tables::TableChangeKind;
use slint_linter::Severity;

use super::baseline::{table_changes, was_at};
use super::findings::tables;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D026",
    name: "table-replacement-change",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Changing a table's key schema, key types, local indexes, name or type replaces the table and deletes its data",
    docs: r#"
## What it does
Runs with `slint check --baseline REF` (the template at a git revision) or `--baseline-file
old.yaml`, and compares each table with its previous version by logical id. It reports, on the
changed lines, the changes CloudFormation can only make by replacing the table:

- `KeySchema` changed;
- the type of an attribute in `AttributeDefinitions` changed;
- a local secondary index added, removed or changed (local indexes exist only from table
  creation on);
- `TableName` added, removed or changed;
- the type changed between `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable`.

Values that depend on parameters or conditions are compared only when every variant agrees.

## Why it matters
Replacement means CloudFormation creates a new, empty table and deletes the old one with all
its items, unless `UpdateReplacePolicy` is `Retain` or `Snapshot`. With a fixed `TableName` the
update fails instead, because the new table cannot take the name of the old. Neither outcome is
what a "small change to the index" should do in production.

## Example
Adding a local secondary index to a deployed table:
```yaml
LocalSecondaryIndexes:
  - IndexName: ByDate
    ...
```

## Use instead
Add a global secondary index, which CloudFormation creates in place:
```yaml
GlobalSecondaryIndexes:
  - IndexName: ByDate
    ...
```
When the key really must change, create a second table, migrate the data (export to S3 and
import, or a backfill job), switch the code over, then remove the old table with
`DeletionPolicy: Retain` in place.

## References
- [AWS::DynamoDB::Table: update requires replacement](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html)
- [AWS::DynamoDB::Table LocalSecondaryIndex](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-localsecondaryindex.html)
- [UpdateReplacePolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some((changes, baseline)) = table_changes(cx) else { return };
    let tables = tables(cx);
    for change in changes.iter().filter(|c| c.kind.requires_replacement()) {
        let what = match &change.kind {
            TableChangeKind::TypeChanged { old, new } => format!("its type changes from `{}` to `{}`", old.type_name(), new.type_name()),
            TableChangeKind::KeySchemaChanged { old, new } => format!("its key schema changes from `{old}` to `{new}`"),
            TableChangeKind::AttributeTypeChanged { attribute, old, new } => {
                format!("the type of attribute `{attribute}` changes from `{old}` to `{new}`")
            }
            TableChangeKind::LocalIndexAdded { name } => {
                format!("local secondary index `{name}` is added (local indexes can only be created with the table; add a global secondary index instead)")
            }
            TableChangeKind::LocalIndexRemoved { name } => format!("local secondary index `{name}` is removed"),
            TableChangeKind::LocalIndexChanged { name } => format!("local secondary index `{name}` changes"),
            TableChangeKind::TableNameChanged { old, new } => {
                let show = |name: &Option<String>| name.as_deref().map_or("a generated name".to_owned(), |n| format!("`{n}`"));
                format!("its `TableName` changes from {} to {}", show(old), show(new))
            }
            _ => continue,
        };
        let table = tables.iter().find(|t| t.logical_id() == change.logical_id);
        // A fixed name blocks the replacement unless this same update also renames the table.
        let renamed = changes.iter().any(|c| c.logical_id == change.logical_id && matches!(c.kind, TableChangeKind::TableNameChanged { .. }));
        let consequence = match table {
            Some(table) if table.variants.iter().any(|v| v.table_name.is_some()) && !renamed => {
                "the table has a fixed `TableName`, so the update fails: the new table cannot take the old one's name".to_owned()
            }
            Some(table) if table.update_replace_policy.keeps_data() == Some(true) => {
                "its `UpdateReplacePolicy` keeps the old table, but the new one starts empty".to_owned()
            }
            _ => "the table and its data are deleted and recreated empty".to_owned(),
        };
        report.add(
            change.span,
            format!(
                "table `{}` requires replacement: {what}{}; {consequence}",
                change.logical_id,
                was_at(baseline, change.old_span)
            ),
        );
    }
}
