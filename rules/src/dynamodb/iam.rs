//! Just enough IAM to tell whether a function may read or write a table: SAM's `Policies`
//! (policy templates, managed policy names, inline documents), roles and the policies attached
//! to them, and SAM connectors. Anything that cannot be read before deployment (an imported
//! role, a customer managed policy ARN, an action list from a parameter) makes the answer
//! [`Access::Unknown`], and the rules stay silent.

use slint_linter::model::apis::paths::arn_pattern_matches;
use slint_linter::model::tables::Table;
use slint_linter::model::{target_of, Function, FunctionKind};
use slint_linter::syntax::{Node, Value};
use slint_linter::template::{sub_variables, Template};

/// Whether a set of policies lets a principal use a table's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Access {
    Granted,
    /// Every policy was read and none grants it.
    Denied,
    Unknown,
}

impl Access {
    /// The best of two answers: any grant wins, any unknown beats a denial.
    fn or(self, other: Access) -> Access {
        match (self, other) {
            (Access::Granted, _) | (_, Access::Granted) => Access::Granted,
            (Access::Unknown, _) | (_, Access::Unknown) => Access::Unknown,
            _ => Access::Denied,
        }
    }
}

/// SAM policy templates that allow reading or writing a table's items.
pub(super) const ITEM_POLICY_TEMPLATES: [&str; 4] =
    ["DynamoDBCrudPolicy", "DynamoDBReadPolicy", "DynamoDBWritePolicy", "DynamoDBRestoreFromBackupPolicy"];

/// AWS managed policies that allow item access on every table.
const ITEM_MANAGED_POLICIES: [&str; 6] = [
    "AmazonDynamoDBFullAccess",
    "AmazonDynamoDBFullAccess_v2",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonDynamoDBFullAccesswithDataPipeline",
    "AdministratorAccess",
    "PowerUserAccess",
];

/// The DynamoDB actions that read or write items.
const ITEM_ACTIONS: [&str; 14] = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:PartiQLSelect",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",
    "dynamodb:GetRecords",
];

/// Whether `function` may use the items of `table`.
pub(super) fn function_access(template: &Template, function: &Function, table: &Table) -> Access {
    let from_role = match function.role {
        Some(role) => role_access(template, role, table),
        None if function.kind == FunctionKind::Sam => {
            let policies = function.property("Policies").map_or(Access::Denied, |p| sam_policies_access(template, p, table));
            let generated_role = format!("{}Role", function.name);
            policies.or(attached_policies_access(template, &generated_role, table))
        }
        // A Lambda function without a role is a schema error reported elsewhere.
        None => Access::Unknown,
    };
    from_role.or(connectors_access(template, function, table))
}

/// A function's `Role`: a role of the template is read; anything else is unknown.
fn role_access(template: &Template, role: &Node, table: &Table) -> Access {
    let Some(target) = target_of(template, role) else { return Access::Unknown };
    let Some(resource) = template.resource(target.logical_id) else { return Access::Unknown };
    if resource.type_name != Some("AWS::IAM::Role") {
        return Access::Unknown;
    }
    let mut access = Access::Denied;
    if let Some(policies) = resource.property("Policies") {
        match policies.as_seq() {
            Some(items) => {
                for item in items {
                    access = access.or(match item.get("PolicyDocument") {
                        Some(document) => document_access(template, document, table),
                        None => Access::Unknown,
                    });
                }
            }
            None => access = Access::Unknown,
        }
    }
    if let Some(arns) = resource.property("ManagedPolicyArns") {
        match arns.as_seq() {
            Some(items) => {
                for item in items {
                    access = access.or(managed_policy_access(template, item, table));
                }
            }
            None => access = Access::Unknown,
        }
    }
    access.or(attached_policies_access(template, target.logical_id, table))
}

/// `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources whose `Roles` name `role`.
fn attached_policies_access(template: &Template, role: &str, table: &Table) -> Access {
    let mut access = Access::Denied;
    let policies = ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"];
    for resource in policies.into_iter().flat_map(|type_name| template.resources_of_type(type_name)) {
        let names_role = |node: &Node| {
            node.as_str() == Some(role) || target_of(template, node).is_some_and(|t| t.logical_id == role)
        };
        let attached = match (resource.property("Roles"), resource.property("RoleName")) {
            (Some(roles), _) => match roles.as_seq() {
                Some(items) => items.iter().any(names_role),
                None => false,
            },
            (None, Some(name)) => names_role(name),
            _ => false,
        };
        if attached {
            access = access.or(match resource.property("PolicyDocument") {
                Some(document) => document_access(template, document, table),
                None => Access::Unknown,
            });
        }
    }
    access
}

/// SAM connectors from the function to the table grant access by construction.
fn connectors_access(template: &Template, function: &Function, table: &Table) -> Access {
    let id_of = |endpoint: Option<&Node>| endpoint.and_then(|e| e.get("Id")).and_then(Node::as_str).map(str::to_owned);
    let destinations = |destination: Option<&Node>| -> Vec<Option<String>> {
        match destination {
            Some(Node { value: Value::Seq(items), .. }) => items.iter().map(|d| id_of(Some(d))).collect(),
            other => vec![id_of(other)],
        }
    };
    let judge = |destination: Option<&Node>| -> Access {
        destinations(destination).into_iter().fold(Access::Denied, |access, id| {
            access.or(match id {
                Some(id) if id == table.logical_id() => Access::Granted,
                Some(_) => Access::Denied,
                None => Access::Unknown,
            })
        })
    };
    let mut access = Access::Denied;
    // Embedded connectors are a resource attribute of the source, next to `Properties`.
    if let Some(connectors) = function.resource.node.get("Connectors").and_then(Node::as_map) {
        for (_, connector) in connectors.iter() {
            access = access.or(judge(connector.get("Properties").and_then(|p| p.get("Destination"))));
        }
    }
    for resource in template.resources_of_type("AWS::Serverless::Connector") {
        let source = id_of(resource.property("Source"));
        if source.as_deref() == Some(function.name) {
            access = access.or(judge(resource.property("Destination")));
        } else if source.as_deref() == Some(table.logical_id())
            && destinations(resource.property("Destination")).iter().any(|d| d.as_deref() == Some(function.name))
        {
            // From the table to the function: stream access whose exact grant is SAM's business.
            access = access.or(Access::Unknown);
        }
    }
    let embedded_on_table = table.resource.node.get("Connectors").and_then(Node::as_map);
    for (_, connector) in embedded_on_table.into_iter().flat_map(|connectors| connectors.iter()) {
        let destination = connector.get("Properties").and_then(|p| p.get("Destination"));
        if destinations(destination).iter().any(|d| d.as_deref() == Some(function.name)) {
            access = access.or(Access::Unknown);
        }
    }
    access
}

/// SAM's `Policies`: a managed policy name or ARN, a policy document, a policy template, or a
/// list of them.
fn sam_policies_access(template: &Template, policies: &Node, table: &Table) -> Access {
    match &policies.value {
        Value::Seq(items) => items.iter().fold(Access::Denied, |access, item| access.or(sam_policy_access(template, item, table))),
        _ => sam_policy_access(template, policies, table),
    }
}

fn sam_policy_access(template: &Template, policy: &Node, table: &Table) -> Access {
    if policy.as_str().is_some() || policy.intrinsic().is_some() {
        return managed_policy_access(template, policy, table);
    }
    let Some(map) = policy.as_map() else { return Access::Unknown };
    if map.get("Statement").is_some() {
        return document_access(template, policy, table);
    }
    match map.entries.as_slice() {
        [entry] if ITEM_POLICY_TEMPLATES.contains(&entry.key.as_str()) => match entry.value.get("TableName") {
            Some(name) => table_name_access(template, name, table),
            None => Access::Unknown,
        },
        // Another policy template: none of the others grants item access.
        [entry] if entry.key.chars().next().is_some_and(char::is_uppercase) => Access::Denied,
        _ => Access::Unknown,
    }
}

/// A policy template's `TableName`: the table itself, its literal name, or `*`.
fn table_name_access(template: &Template, name: &Node, table: &Table) -> Access {
    if let Some(target) = target_of(template, name) {
        if target.logical_id == table.logical_id() {
            return Access::Granted;
        }
        if template.has_resource(target.logical_id) {
            return Access::Denied; // another table of the template
        }
    }
    let Some(values) = template.possible_strings(name) else { return Access::Unknown };
    let names = table_names(table);
    let mut access = Access::Denied;
    for (value, _) in values {
        access = access.or(if value == "*" {
            Access::Granted
        } else {
            match &names {
                Some(names) if names.contains(&value) => Access::Granted,
                Some(_) => Access::Denied,
                None => Access::Unknown,
            }
        });
    }
    access
}

/// A managed policy: an AWS managed one by name or ARN, or one defined in the template.
fn managed_policy_access(template: &Template, policy: &Node, table: &Table) -> Access {
    if let Some(target) = target_of(template, policy) {
        if let Some(resource) = template.resource(target.logical_id) {
            if resource.type_name == Some("AWS::IAM::ManagedPolicy") {
                return resource.property("PolicyDocument").map_or(Access::Unknown, |d| document_access(template, d, table));
            }
        }
        return Access::Unknown;
    }
    let text = match policy.intrinsic() {
        // `arn:${AWS::Partition}:iam::aws:policy/...` is the usual way to stay partition-neutral.
        Some(("Fn::Sub", args)) => match args.as_str() {
            Some(text) => text.replace("${AWS::Partition}", "aws"),
            None => return Access::Unknown,
        },
        Some(_) => return Access::Unknown,
        None => match policy.as_str() {
            Some(text) => text.to_owned(),
            None => return Access::Unknown,
        },
    };
    let name = if text.starts_with("arn:") {
        // Only AWS managed policies (account `aws`) have contents known in advance.
        match text.split(':').nth(4) {
            Some("aws") => text.rsplit('/').next().unwrap_or_default().to_owned(),
            _ => return Access::Unknown,
        }
    } else {
        text
    };
    if ITEM_MANAGED_POLICIES.contains(&name.as_str()) {
        Access::Granted
    } else {
        Access::Denied
    }
}

/// An IAM policy document: does an Allow statement give item actions on the table?
fn document_access(template: &Template, document: &Node, table: &Table) -> Access {
    let Some(statements) = document.get("Statement") else { return Access::Unknown };
    let statements: Vec<&Node> = match &statements.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Map(_) if statements.intrinsic().is_none() => vec![statements],
        _ => return Access::Unknown,
    };
    statements.into_iter().fold(Access::Denied, |access, statement| access.or(statement_access(template, statement, table)))
}

fn statement_access(template: &Template, statement: &Node, table: &Table) -> Access {
    match statement.get("Effect").and_then(Node::as_str) {
        Some("Allow") => {}
        Some(_) => return Access::Denied,
        None => return Access::Unknown,
    }
    if statement.get("NotAction").is_some() || statement.get("NotResource").is_some() {
        return Access::Unknown;
    }
    let Some(actions) = statement.get("Action").and_then(|a| strings(template, a)) else { return Access::Unknown };
    if !actions.iter().any(|action| ITEM_ACTIONS.iter().any(|item| glob_matches(action, item, false))) {
        return Access::Denied;
    }
    let Some(resources) = statement.get("Resource") else { return Access::Unknown };
    let items: Vec<&Node> = match &resources.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![resources],
    };
    items.into_iter().fold(Access::Denied, |access, resource| access.or(resource_access(template, resource, table)))
}

/// A statement's resource: does it cover the table (or its indexes)?
fn resource_access(template: &Template, resource: &Node, table: &Table) -> Access {
    if names_table(template, resource, table) {
        return Access::Granted;
    }
    if target_of(template, resource).is_some_and(|t| template.has_resource(t.logical_id)) {
        return Access::Denied; // another resource of the template
    }
    let Some(values) = template.possible_strings(resource) else { return Access::Unknown };
    let names = table_names(table);
    values.iter().fold(Access::Denied, |access, (arn, _)| access.or(arn_access(arn, names.as_deref())))
}

/// Whether the node mentions the table through `Ref`, `GetAtt` or a `Sub` variable.
fn names_table(template: &Template, node: &Node, table: &Table) -> bool {
    let id = table.logical_id();
    let mut found = false;
    node.walk(&mut |n| {
        if found {
            return;
        }
        if target_of(template, n).is_some_and(|t| t.logical_id == id) {
            found = true;
            return;
        }
        if let Some(("Fn::Sub", args)) = n.intrinsic() {
            let text = match &args.value {
                Value::String(text) => Some(text.as_str()),
                Value::Seq(items) => items.first().and_then(Node::as_str),
                _ => None,
            };
            if let Some(text) = text {
                found = sub_variables(text).iter().any(|v| v.name == id || v.name.split_once('.').is_some_and(|(name, _)| name == id));
            }
        }
    });
    found
}

/// A resource ARN against the table's possible names (`None`: CloudFormation generates it).
fn arn_access(arn: &str, names: Option<&[String]>) -> Access {
    if arn == "*" {
        return Access::Granted;
    }
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_partition), Some(service), Some(_region), Some(_account), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Access::Unknown;
    };
    if !glob_matches(service, "dynamodb", false) {
        return Access::Denied;
    }
    let Some(table_part) = rest.strip_prefix("table/").map(|r| r.split('/').next().unwrap_or_default()) else {
        return if rest == "*" { Access::Granted } else { Access::Denied };
    };
    if table_part == "*" {
        return Access::Granted;
    }
    match names {
        Some(names) => {
            if names.iter().any(|name| glob_matches(table_part, name, true)) {
                Access::Granted
            } else {
                Access::Denied
            }
        }
        // A generated name is unpredictable: a literal name cannot be it, a pattern might.
        None if table_part.contains(['*', '?']) => Access::Unknown,
        None => Access::Denied,
    }
}

/// The literal names the table can have; `None` when CloudFormation generates it or it is unknown.
fn table_names(table: &Table) -> Option<Vec<String>> {
    table.variants.iter().map(|v| v.table_name.as_ref().and_then(|n| n.text().map(str::to_owned))).collect()
}

/// The strings of a value or list of values, when every one is known.
fn strings(template: &Template, node: &Node) -> Option<Vec<String>> {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    let mut out = Vec::new();
    for item in items {
        out.extend(template.possible_strings(item)?.into_iter().map(|(s, _)| s));
    }
    Some(out)
}

/// IAM wildcard matching: `*` any run of characters, `?` any one character.
pub(super) fn glob_matches(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        arn_pattern_matches(pattern, text)
    } else {
        arn_pattern_matches(&pattern.to_ascii_lowercase(), &text.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_like_iam() {
        assert!(glob_matches("dynamodb:*", "dynamodb:GetItem", false));
        assert!(glob_matches("DynamoDB:Get*", "dynamodb:GetItem", false));
        assert!(glob_matches("dynamodb:?etItem", "dynamodb:GetItem", false));
        assert!(!glob_matches("dynamodb:Describe*", "dynamodb:GetItem", false));
        assert!(glob_matches("*", "anything", true));
        assert!(!glob_matches("Orders", "orders", true));
        assert!(glob_matches("prod-*-orders", "prod-eu-orders", true));
    }

    #[test]
    fn reads_table_arns() {
        let names = vec!["orders".to_owned()];
        assert_eq!(arn_access("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", Some(&names)), Access::Granted);
        assert_eq!(arn_access("arn:aws:dynamodb:*:*:table/orders/index/*", Some(&names)), Access::Granted);
        assert_eq!(arn_access("arn:aws:dynamodb:*:*:table/users", Some(&names)), Access::Denied);
        assert_eq!(arn_access("arn:aws:dynamodb:*:*:table/*", None), Access::Granted);
        assert_eq!(arn_access("arn:aws:dynamodb:*:*:table/ord*", None), Access::Unknown);
        assert_eq!(arn_access("arn:aws:s3:::bucket/*", Some(&names)), Access::Denied);
        assert_eq!(arn_access("not an arn", Some(&names)), Access::Unknown);
    }
}
