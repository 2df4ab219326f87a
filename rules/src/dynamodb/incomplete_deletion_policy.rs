use slint_linter::Severity;

use super::findings::tables;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D021",
    name: "incomplete-deletion-policy",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &["W3011"],
    summary: "Set both `DeletionPolicy` and `UpdateReplacePolicy` on a table, not only one",
    docs: r#"
## What it does
Reports a DynamoDB table that keeps its data with one of `DeletionPolicy` and
`UpdateReplacePolicy` (`Retain`, `Snapshot`) but does not set the other.

## Why it matters
The two attributes protect against different events. `DeletionPolicy` applies when the stack
is deleted or the resource removed; `UpdateReplacePolicy` applies when an update replaces the
table (a new key schema, local index or name). Setting only `DeletionPolicy: Retain` feels safe
but the next replacing update still deletes the old table with its data.

## Example
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  DeletionPolicy: Retain
```

## Use instead
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  DeletionPolicy: Retain
  UpdateReplacePolicy: Retain
```

## References
- [UpdateReplacePolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html)
- [DeletionPolicy attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        let (set, missing, key, policy) = match (table.deletion_policy.key_span, table.update_replace_policy.key_span) {
            (Some(key), None) => ("DeletionPolicy", "UpdateReplacePolicy", key, &table.deletion_policy),
            (None, Some(key)) => ("UpdateReplacePolicy", "DeletionPolicy", key, &table.update_replace_policy),
            _ => continue,
        };
        // A lone `Delete` deletes in both events anyway; only a policy that keeps data is half done.
        if policy.keeps_data() != Some(true) {
            continue;
        }
        let event = match missing {
            "UpdateReplacePolicy" => "an update that replaces it (new key schema, local index or name)",
            _ => "stack deletion or removing it from the template",
        };
        report.add(
            key,
            format!(
                "table `{}` sets `{set}` but not `{missing}`, so {event} still deletes the table and its data; set `{missing}` too",
                table.logical_id()
            ),
        );
    }
}
