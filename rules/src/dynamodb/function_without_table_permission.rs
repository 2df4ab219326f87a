use slint_linter::model::tables::Table;
use slint_linter::model::{target_of, Function, FunctionKind};
use slint_linter::syntax::Map;
use slint_linter::template::Template;
use slint_linter::Severity;

use super::findings::tables;
use super::iam::{function_access, Access};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D024",
    name: "function-without-table-permission",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "A function is handed a table in an environment variable but has no IAM permission on it",
    docs: r#"
## What it does
Finds functions (SAM or `AWS::Lambda::Function`) whose own environment variables name a table
of the template (`!Ref Table`, `!GetAtt Table.Arn`) and checks that something lets the function
read or write the table's items:

- SAM `Policies`: the policy templates `DynamoDBCrudPolicy`, `DynamoDBReadPolicy`,
  `DynamoDBWritePolicy` and `DynamoDBRestoreFromBackupPolicy` with `TableName` naming the table
  (or `*`), AWS managed policies such as `AmazonDynamoDBFullAccess`, and inline statements;
- the function's `Role`, when it is a role of the template: its inline `Policies`, its
  `ManagedPolicyArns`, and `AWS::IAM::Policy`/`AWS::IAM::ManagedPolicy` resources attached to
  it (also to the role SAM generates, `<Function>Role`);
- SAM connectors from the function to the table.

When a permission cannot be read before deployment (a role imported from elsewhere, a customer
managed policy ARN, actions from a parameter, a SAM connector from the table to the function),
or when the function is also handed an IAM role of the template to assume, the rule stays
silent. Variables inherited from
`Globals` are not considered, since every function gets them.

## Why it matters
Giving the code the table's name is half the wiring; without a policy every call fails at run
time with `AccessDeniedException`, which no deployment step catches.

## Example
```yaml
ListOrders:
  Type: AWS::Serverless::Function
  Properties:
    Handler: app.handler
    Runtime: python3.13
    Environment:
      Variables:
        ORDERS_TABLE: !Ref Orders
```

## Use instead
```yaml
    Policies:
      - DynamoDBReadPolicy:
          TableName: !Ref Orders
```
(`DynamoDBCrudPolicy` when the function also writes; prefer the narrowest template.)

## References
- [SAM policy templates](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html)
- [SAM connectors](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/managing-permissions-connectors.html)
- [Identity-based policies for DynamoDB](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/using-identity-based-policies.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let tables = tables(cx);
    if tables.is_empty() {
        return;
    }
    let Some(functions) = cx.functions() else { return };
    for function in functions.iter() {
        let Some(variables) = function.environment.and_then(|v| v.as_map()) else { continue };
        if hands_over_a_role(template, variables) {
            continue; // the code assumes that role for its data access
        }
        let mut reported = Vec::new();
        for (variable, value) in variables.iter() {
            if !function.declares(value) {
                continue;
            }
            let Some(target) = target_of(template, value) else { continue };
            if !matches!(target.attribute, None | Some("Arn")) {
                continue;
            }
            let Some(table) = tables.iter().find(|t| t.logical_id() == target.logical_id) else { continue };
            if reported.contains(&table.logical_id()) || function_access(template, function, table) != Access::Denied {
                continue;
            }
            reported.push(table.logical_id());
            add_finding(function, table, variable, value.span, report);
        }
    }
}

/// Whether a variable names an IAM role of the template: code that assumes another role (for
/// session tags, `dynamodb:LeadingKeys`) gets its table access from that role, not its own.
fn hands_over_a_role(template: &Template, variables: &Map) -> bool {
    variables.iter().any(|(_, value)| {
        target_of(template, value).is_some_and(|target| template.type_of(target.logical_id) == Some("AWS::IAM::Role"))
    })
}

fn add_finding(function: &Function, table: &Table, variable: &str, at: slint_linter::Span, report: &mut Report) {
    let table_id = table.logical_id();
    let remedy = match function.kind {
        FunctionKind::Sam => format!("add `Policies: [DynamoDBCrudPolicy: {{TableName: !Ref {table_id}}}]` (or DynamoDBReadPolicy/DynamoDBWritePolicy)"),
        FunctionKind::Lambda => format!("give its role a statement allowing the item actions it uses on `!GetAtt {table_id}.Arn`"),
    };
    let diagnostic = report.add(
        at,
        format!(
            "function `{}` gets table `{table_id}` in `{variable}` but no policy lets it read or write the table, so every call fails with AccessDeniedException; {remedy}",
            function.name
        ),
    );
    diagnostic.add_related(table.id_span(), format!("table `{table_id}`"));
    if let Some(policies) = function.property("Policies").or(function.role) {
        diagnostic.add_related(policies.span, "the function's permissions");
    }
}
