use slint_linter::syntax::{Format, Node};
use slint_linter::{Edit, Fix, Severity, Span};

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
        let diagnostic = report.add(
            table.id_span(),
            format!(
                "table `{}` has neither `DeletionPolicy` nor `UpdateReplacePolicy`, so deleting the stack, removing the resource or an update that replaces the table deletes every item; set both to `Retain` (or Snapshot)",
                table.logical_id()
            ),
        );
        if let Some(edit) = cx.template.and_then(|t| t.resource(table.logical_id())).and_then(|r| retain_policies(cx, r.node)) {
            diagnostic.fix = Some(Fix { title: "Add `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain`".into(), edits: vec![edit] });
        }
    }
}

/// The two policies written just before the resource's `Type`, in the style around it: one per
/// line at the same indentation in a block mapping, inline in a flow mapping or JSON.
fn retain_policies(cx: &Context, resource: &Node) -> Option<Edit> {
    let key = resource.as_map()?.entry("Type")?.key_span;
    let source = cx.source();
    let line_start = source[..key.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..key.start as usize];
    let replacement = match cx.parsed.format {
        Format::Json => "\"DeletionPolicy\": \"Retain\", \"UpdateReplacePolicy\": \"Retain\", ".to_owned(),
        Format::Yaml if before.chars().all(|c| c == ' ') => {
            format!("DeletionPolicy: Retain\n{before}UpdateReplacePolicy: Retain\n{before}")
        }
        Format::Yaml => "DeletionPolicy: Retain, UpdateReplacePolicy: Retain, ".to_owned(),
    };
    Some(Edit { span: Span::empty(key.start as usize), replacement })
}
