use slint_linter::Severity;

use super::baseline::table_changes;
use super::findings::tables;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D020",
    name: "table-without-retain-policy",
    area: Area::DynamoDb,
    severity: Severity::Info,
    cfn_lint: &["I3011"],
    summary: "A table without `DeletionPolicy`/`UpdateReplacePolicy` Retain or Snapshot loses its data on deletion or replacement",
    docs: r#"
## What it does
Reports DynamoDB tables (`AWS::DynamoDB::Table`, `AWS::DynamoDB::GlobalTable`, SAM
`AWS::Serverless::SimpleTable`) that set neither `DeletionPolicy` nor `UpdateReplacePolicy`,
leaving CloudFormation's default, Delete. An explicit policy, even `Delete`, counts as a
decision. With `slint check --baseline`, a table that the update replaces while its
`UpdateReplacePolicy` does not keep the data is reported as a warning, whatever else is set.

## Why it matters
Without a policy CloudFormation deletes the table, and every item in it, when the stack is
deleted, when the resource is removed from the template, and when an update has to replace it
(a new key schema, local index or table name). A policy is the one-line safety net against an
accidental `sam delete` or a refactoring that renames the logical id.

## Example
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties: {...}
```

## Use instead
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
  Properties: {...}
```
For short-lived tables (test stacks, caches) keep the default on purpose and silence the rule
for the resource with `Metadata: {slint: {ignore: [D020]}}`.

## References
- [DeletionPolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html)
- [UpdateReplacePolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let changes = table_changes(cx).map(|(changes, _)| changes).unwrap_or_default();
    for table in tables(cx) {
        let replaced = changes.iter().any(|c| c.logical_id == table.logical_id() && c.kind.requires_replacement());
        if replaced && table.update_replace_policy.keeps_data() == Some(false) {
            let at = table.update_replace_policy.span.unwrap_or(table.id_span());
            report.add_with_severity(
                Severity::Warning,
                at,
                format!(
                    "table `{}` is replaced by this update and its `UpdateReplacePolicy` does not keep the data: CloudFormation will delete the old table and every item in it; set `UpdateReplacePolicy: Retain` (or Snapshot) and `DeletionPolicy: Retain` before deploying",
                    table.logical_id()
                ),
            );
            continue;
        }
        // An explicit policy, even Delete, is a decision; only the silent default is reported.
        if table.deletion_policy.is_set() || table.update_replace_policy.is_set() {
            continue;
        }
        report.add(
            table.id_span(),
            format!(
                "table `{}` has neither `DeletionPolicy` nor `UpdateReplacePolicy`, so deleting the stack, removing the resource or an update that replaces the table deletes every item; set both to `Retain` (or Snapshot)",
                table.logical_id()
            ),
        );
    }
}
