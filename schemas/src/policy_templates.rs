//! SAM's policy templates (`Policies: [DynamoDBCrudPolicy: {TableName: ...}]`): their names and
//! the parameters each one takes.

use std::sync::OnceLock;

use serde_json::Value;

use crate::bundle;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyTemplate {
    pub name: String,
    pub description: String,
    /// Parameter names, sorted; every one is required by SAM.
    pub parameters: Vec<String>,
}

/// Every SAM policy template, sorted by name.
pub fn policy_templates() -> &'static [PolicyTemplate] {
    static TABLE: OnceLock<Vec<PolicyTemplate>> = OnceLock::new();
    TABLE.get_or_init(|| bundle::table("@sam-policy-templates").map(|table| parse(&table)).unwrap_or_default())
}

pub fn policy_template(name: &str) -> Option<&'static PolicyTemplate> {
    let table = policy_templates();
    table.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &table[i])
}

fn parse(table: &Value) -> Vec<PolicyTemplate> {
    let mut templates: Vec<PolicyTemplate> = table
        .get("Templates")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, template)| {
            let mut parameters: Vec<String> =
                template.get("Parameters").and_then(Value::as_object).into_iter().flatten().map(|(p, _)| p.clone()).collect();
            parameters.sort();
            PolicyTemplate {
                name: name.clone(),
                description: template.get("Description").and_then(Value::as_str).unwrap_or_default().to_owned(),
                parameters,
            }
        })
        .collect();
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    templates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_dynamodb_templates_and_their_parameters() {
        let crud = policy_template("DynamoDBCrudPolicy").expect("DynamoDBCrudPolicy");
        assert_eq!(crud.parameters, ["TableName"]);
        assert!(policy_template("AWSLambdaBasicExecutionRole").is_none(), "a managed policy, not a template");
        assert!(policy_templates().len() > 50);
    }
}
