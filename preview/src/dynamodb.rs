//! `--dynamodb-endpoint URL`: the template's tables created on a local DynamoDB-compatible
//! endpoint (DynamoDB Local, moto, LocalStack) with their key schema, indexes and streams, under
//! the names the functions' `!Ref Table` resolves to, and the functions' SDKs pointed at it.

use std::time::Duration;

use serde_json::{json, Map, Value};
use slint_linter::model::tables::TABLE_TYPES;

use crate::resolve::Deployment;

/// Throughput given to provisioned tables and indexes that do not say, as the local endpoint
/// requires one and the number does not matter there.
const DEFAULT_CAPACITY: u64 = 5;

/// What happened to one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableOutcome {
    Created { logical_id: String, name: String },
    AlreadyExists { logical_id: String, name: String },
    Skipped { logical_id: String, why: String },
}

/// The CreateTable request for each table of the template, with its logical id.
pub fn create_table_requests(deployment: &Deployment) -> Vec<(String, Result<Value, String>)> {
    let template = deployment.template();
    template
        .resources
        .iter()
        .filter(|r| r.type_name.is_some_and(|t| TABLE_TYPES.contains(&t)))
        .filter(|r| deployment.is_deployed(r.name).unwrap_or(true))
        .map(|resource| {
            let properties = match resource.properties.as_deref() {
                Some(node) => deployment.value(node).map_err(|e| e.to_string()).map(|v| v.unwrap_or_else(|| json!({}))),
                None => Ok(json!({})),
            };
            let request = properties.and_then(|p| {
                let name = deployment.physical_name(resource.name);
                if resource.type_name == Some("AWS::Serverless::SimpleTable") {
                    Ok(simple_table(&name, &p))
                } else {
                    table(&name, &p)
                }
            });
            (resource.name.to_owned(), request)
        })
        .collect()
}

fn table(name: &str, properties: &Value) -> Result<Value, String> {
    let get = |key: &str| properties.get(key).cloned();
    let key_schema = get("KeySchema").ok_or("it has no KeySchema")?;
    let provisioned = get("BillingMode").and_then(|m| m.as_str().map(str::to_owned)).is_none_or(|m| m == "PROVISIONED");
    let capacity = json!({"ReadCapacityUnits": DEFAULT_CAPACITY, "WriteCapacityUnits": DEFAULT_CAPACITY});
    let mut request = Map::new();
    request.insert("TableName".into(), json!(name));
    request.insert("AttributeDefinitions".into(), get("AttributeDefinitions").unwrap_or_else(|| json!([])));
    request.insert("KeySchema".into(), key_schema);
    if provisioned {
        request.insert("BillingMode".into(), json!("PROVISIONED"));
        request.insert("ProvisionedThroughput".into(), get("ProvisionedThroughput").unwrap_or_else(|| capacity.clone()));
    } else {
        request.insert("BillingMode".into(), json!("PAY_PER_REQUEST"));
    }
    let index = |item: &Value, global: bool| -> Value {
        let mut out = Map::new();
        for key in ["IndexName", "KeySchema", "Projection"] {
            if let Some(value) = item.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        if global && provisioned {
            out.insert("ProvisionedThroughput".into(), item.get("ProvisionedThroughput").cloned().unwrap_or_else(|| capacity.clone()));
        }
        Value::Object(out)
    };
    for (key, global) in [("GlobalSecondaryIndexes", true), ("LocalSecondaryIndexes", false)] {
        if let Some(Value::Array(items)) = get(key) {
            if !items.is_empty() {
                request.insert(key.into(), Value::Array(items.iter().map(|i| index(i, global)).collect()));
            }
        }
    }
    if let Some(view_type) = get("StreamSpecification").and_then(|s| s.get("StreamViewType").cloned()) {
        request.insert("StreamSpecification".into(), json!({"StreamEnabled": true, "StreamViewType": view_type}));
    }
    Ok(Value::Object(request))
}

/// SAM's SimpleTable: one `PrimaryKey` (default `id` of type String), on demand unless it sets
/// ProvisionedThroughput.
fn simple_table(name: &str, properties: &Value) -> Value {
    let key = properties.get("PrimaryKey");
    let key_name = key.and_then(|k| k.get("Name")).and_then(Value::as_str).unwrap_or("id");
    let key_type = match key.and_then(|k| k.get("Type")).and_then(Value::as_str).unwrap_or("String") {
        "Number" => "N",
        "Binary" => "B",
        _ => "S",
    };
    let mut request = json!({
        "TableName": name,
        "AttributeDefinitions": [{"AttributeName": key_name, "AttributeType": key_type}],
        "KeySchema": [{"AttributeName": key_name, "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    });
    if let Some(throughput) = properties.get("ProvisionedThroughput") {
        request["BillingMode"] = json!("PROVISIONED");
        request["ProvisionedThroughput"] = throughput.clone();
    }
    request
}

/// Creates every table on `endpoint`; tables that exist already are left as they are.
pub fn create_tables(endpoint: &str, deployment: &Deployment) -> Result<Vec<TableOutcome>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(15))).build().into();
    let region = &deployment.settings.region;
    let mut outcomes = Vec::new();
    for (logical_id, request) in create_table_requests(deployment) {
        let request = match request {
            Ok(request) => request,
            Err(why) => {
                outcomes.push(TableOutcome::Skipped { logical_id, why });
                continue;
            }
        };
        let name = request["TableName"].as_str().unwrap_or_default().to_owned();
        let (status, body) = call(&agent, endpoint, region, "CreateTable", &request)?;
        if status == 200 {
            outcomes.push(TableOutcome::Created { logical_id, name });
        } else if body.contains("ResourceInUseException") || body.contains("already exists") {
            outcomes.push(TableOutcome::AlreadyExists { logical_id, name });
        } else {
            let message = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v.get("message").or_else(|| v.get("Message")).and_then(Value::as_str).map(str::to_owned))
                .unwrap_or(body);
            outcomes.push(TableOutcome::Skipped { logical_id, why: format!("the endpoint refused it ({status}): {message}") });
        }
    }
    Ok(outcomes)
}

/// The tables the endpoint has.
pub fn list_tables(endpoint: &str, region: &str) -> Result<Vec<String>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(15))).build().into();
    let (status, body) = call(&agent, endpoint, region, "ListTables", &json!({}))?;
    if status != 200 {
        return Err(format!("ListTables answered {status}: {body}"));
    }
    let value: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    Ok(value["TableNames"].as_array().map(|names| names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect()).unwrap_or_default())
}

/// One call of DynamoDB's JSON protocol. Local endpoints read the region from the credential
/// scope but check no signature, so a fixed one is sent.
fn call(agent: &ureq::Agent, endpoint: &str, region: &str, operation: &str, body: &Value) -> Result<(u16, String), String> {
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential=slintlocal/20240101/{region}/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000"
    );
    let response = agent
        .post(endpoint)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", format!("DynamoDB_20120810.{operation}"))
        .header("X-Amz-Date", "20240101T000000Z")
        .header("Authorization", authorization)
        .send(body.to_string())
        .map_err(|e| format!("cannot reach the DynamoDB endpoint {endpoint}: {e}"))?;
    let status = response.status().as_u16();
    let text = response.into_body().read_to_string().map_err(|e| e.to_string())?;
    Ok((status, text))
}

/// The variables that point the functions' SDKs at the endpoint; dummy credentials when the
/// user has none, as SDKs refuse to sign without them.
pub fn function_environment(endpoint: &str) -> Vec<(String, String)> {
    let mut env = vec![("AWS_ENDPOINT_URL_DYNAMODB".to_owned(), endpoint.to_owned())];
    let has_credentials = std::env::var_os("AWS_ACCESS_KEY_ID").is_some()
        || std::env::var_os("AWS_PROFILE").is_some()
        || std::env::var_os("HOME").is_some_and(|home| std::path::Path::new(&home).join(".aws/credentials").is_file());
    if !has_credentials {
        env.push(("AWS_ACCESS_KEY_ID".to_owned(), "slintlocal".to_owned()));
        env.push(("AWS_SECRET_ACCESS_KEY".to_owned(), "slintlocal".to_owned()));
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_follow_the_template() {
        let text = "\
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: sk, AttributeType: S}, {AttributeName: status, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]
      GlobalSecondaryIndexes:
        - IndexName: ByStatus
          KeySchema: [{AttributeName: status, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
      LocalSecondaryIndexes:
        - IndexName: ByStatusLocal
          KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: status, KeyType: RANGE}]
          Projection: {ProjectionType: KEYS_ONLY}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Simple:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: code, Type: Number}
";
        let parsed = slint_linter::syntax::parse_str(text);
        let template = slint_linter::template::Template::new(parsed.root.as_ref().unwrap(), &parsed.text, Default::default()).unwrap();
        let deployment = Deployment::new(&template, crate::resolve::Settings::default());
        let requests = create_table_requests(&deployment);
        let orders = requests[0].1.as_ref().unwrap();
        assert_eq!(orders["TableName"], "orders");
        assert_eq!(orders["BillingMode"], "PROVISIONED");
        assert_eq!(orders["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"], 5);
        assert_eq!(orders["LocalSecondaryIndexes"][0]["IndexName"], "ByStatusLocal");
        assert_eq!(orders["StreamSpecification"], json!({"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}));
        let simple = requests[1].1.as_ref().unwrap();
        assert_eq!(simple["TableName"], "Simple");
        assert_eq!(simple["AttributeDefinitions"], json!([{"AttributeName": "code", "AttributeType": "N"}]));
    }
}
