use slint_linter::syntax::{Node, Value};
use slint_linter::template::Template;
use slint_linter::Severity;

use super::iam::ITEM_POLICY_TEMPLATES;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D025",
    name: "dynamodb-wildcard-permission",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "`dynamodb:*` on `*`, or a DynamoDB policy template for every table, grants far more than a function needs",
    docs: r#"
## What it does
Reports IAM statements in the template that allow `dynamodb:*` on `Resource: "*"` (in SAM
`Policies`, roles, users, groups and policy resources), and SAM DynamoDB policy templates
(`DynamoDBCrudPolicy`, `DynamoDBReadPolicy`, `DynamoDBWritePolicy`,
`DynamoDBRestoreFromBackupPolicy`) whose `TableName` is `*`.

## Why it matters
`dynamodb:*` on `*` lets the code (or whoever takes it over) read, change and delete every
table of the account and region, including `DeleteTable`, backups and exports. A bug in one
function can then damage unrelated data. `DynamoDBCrudPolicy` with `TableName: "*"` is the SAM
way of writing nearly the same thing.

## Example
```yaml
Policies:
  - Statement:
      - Effect: Allow
        Action: dynamodb:*
        Resource: "*"
```

## Use instead
```yaml
Policies:
  - DynamoDBCrudPolicy:
      TableName: !Ref Orders
```
or a statement listing the actions the code uses on `!GetAtt Orders.Arn` (and
`!Sub "${Orders.Arn}/index/*"` for its indexes).

## References
- [SAM policy templates](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html)
- [Grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
- [Actions, resources and condition keys for DynamoDB](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for resource in &template.resources {
        let Some(type_name) = resource.type_name else { continue };
        let owner = resource.name;
        match type_name {
            "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
                let Some(policies) = resource.property("Policies") else { continue };
                let items: Vec<&Node> = match &policies.value {
                    Value::Seq(items) => items.iter().collect(),
                    _ => vec![policies],
                };
                for policy in items {
                    if policy.get("Statement").is_some() {
                        check_document(template, policy, owner, report);
                    } else {
                        check_policy_template(template, policy, owner, report);
                    }
                }
            }
            "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group" => {
                for policy in resource.property("Policies").and_then(Node::as_seq).unwrap_or_default() {
                    if let Some(document) = policy.get("PolicyDocument") {
                        check_document(template, document, owner, report);
                    }
                }
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" | "AWS::IAM::RolePolicy" | "AWS::IAM::UserPolicy" | "AWS::IAM::GroupPolicy" => {
                if let Some(document) = resource.property("PolicyDocument") {
                    check_document(template, document, owner, report);
                }
            }
            _ => {}
        }
    }
}

fn check_document(template: &Template, document: &Node, owner: &str, report: &mut Report) {
    let statements: Vec<&Node> = match document.get("Statement").map(|s| &s.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        Some(Value::Map(_)) => document.get("Statement").into_iter().collect(),
        _ => return,
    };
    for statement in statements {
        if statement.get("Effect").and_then(Node::as_str) != Some("Allow") {
            continue;
        }
        let Some(wildcard_action) = items(statement.get("Action")).into_iter().find(|action| {
            template.possible_strings(action).is_some_and(|values| values.iter().any(|(v, _)| v.eq_ignore_ascii_case("dynamodb:*")))
        }) else {
            continue;
        };
        let Some(every_resource) = items(statement.get("Resource"))
            .into_iter()
            .find(|resource| template.possible_strings(resource).is_some_and(|values| values.iter().any(|(v, _)| v == "*")))
        else {
            continue;
        };
        report
            .add(
                wildcard_action.span,
                format!(
                    "`{owner}` is allowed `dynamodb:*` on every resource: any table of the account and region can be read, changed or deleted (even `DeleteTable`); allow the actions the code uses on the table's ARN, or use a SAM policy template such as `DynamoDBCrudPolicy` with `TableName: !Ref <Table>`"
                ),
            )
            .add_related(every_resource.span, "on every resource");
    }
}

fn check_policy_template(template: &Template, policy: &Node, owner: &str, report: &mut Report) {
    let Some(map) = policy.as_map() else { return };
    let [entry] = map.entries.as_slice() else { return };
    if !ITEM_POLICY_TEMPLATES.contains(&entry.key.as_str()) {
        return;
    }
    let Some(name) = entry.value.get("TableName") else { return };
    let Some(values) = template.possible_strings(name) else { return };
    if let Some((_, span)) = values.iter().find(|(v, _)| v == "*") {
        let diagnostic = report.add(
            name.span,
            format!(
                "`{owner}` uses `{}` with `TableName: \"*\"`, which grants it on every table of the account and region; name the table (`TableName: !Ref <Table>`)",
                entry.key
            ),
        );
        if !name.span.contains(*span) {
            diagnostic.add_related(*span, "the value `*` comes from here");
        }
    }
}

fn items(node: Option<&Node>) -> Vec<&Node> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        Some(_) => node.into_iter().collect(),
        None => Vec::new(),
    }
}
