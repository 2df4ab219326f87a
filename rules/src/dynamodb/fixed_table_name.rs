use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D023",
    name: "fixed-table-name",
    area: Area::DynamoDb,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "A fixed `TableName` blocks updates that replace the table and a second copy of the stack",
    docs: r#"
## What it does
Reports tables that set `TableName`.

## Why it matters
CloudFormation replaces a table by creating the new one first. With a fixed name the new table
cannot be created while the old one exists, so any update that requires replacement (key
schema, local indexes) fails and has to be done by hand. A fixed name also stops a second copy
of the stack (another stage, a developer's test stack) from being deployed to the same account
and region. Names that include `${AWS::StackName}` avoid the second problem, not the first.

## Example
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties:
    TableName: orders
```

## Use instead
Leave `TableName` out and pass the generated name to code with `!Ref Orders`:
```yaml
Environment:
  Variables:
    ORDERS_TABLE: !Ref Orders
```
When another system needs a stable name, keep it and silence the rule for the resource with
`Metadata: {slint: {ignore: [D023]}}`.

## References
- [AWS::DynamoDB::Table TableName](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-tablename)
- [Name type](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let Some(name) = &variant.table_name else { continue };
            // A literal name also clashes between two stacks; a computed one (`${AWS::StackName}-…`)
            // may not, but still blocks replacement.
            let (shown, clash) = match name.text() {
                Some(text) => (format!("the fixed name `{text}`"), " and the stack cannot be deployed twice in one account and region"),
                None => ("a set name".to_owned(), ""),
            };
            report.add(
                name.span,
                format!(
                    "table `{}` has {shown}: CloudFormation cannot replace a named table (key schema or local index changes fail){clash}; leave `TableName` out and use `!Ref {}`",
                    table.logical_id(),
                    table.logical_id()
                ),
            );
        }
    }
    dedupe(report);
}
