//! The resources the SAM transform adds, so that references to them resolve before deployment.

use std::collections::BTreeMap;

use super::Template;
use crate::syntax::Node;

pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// A resource SAM creates while transforming the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedResource {
    pub type_name: &'static str,
    /// The SAM resource that causes it.
    pub source: String,
}

pub(super) fn generated_resources(template: &Template) -> BTreeMap<String, GeneratedResource> {
    let mut out = BTreeMap::new();
    let mut add = |name: String, type_name: &'static str, source: &str| {
        if template.resource(&name).is_none() {
            out.entry(name).or_insert(GeneratedResource { type_name, source: source.to_owned() });
        }
    };
    for resource in &template.resources {
        let name = resource.name;
        let property = |key: &str| resource.property(key);
        match resource.type_name {
            Some("AWS::Serverless::Function") => {
                if property("Role").is_none() {
                    add(format!("{name}Role"), "AWS::IAM::Role", name);
                }
                if let Some(alias) = property("AutoPublishAlias").and_then(Node::as_str) {
                    add(format!("{name}Alias{alias}"), "AWS::Lambda::Alias", name);
                }
                if property("FunctionUrlConfig").is_some() {
                    add(format!("{name}Url"), "AWS::Lambda::Url", name);
                    add(format!("{name}UrlPublicPermissions"), "AWS::Lambda::Permission", name);
                }
                if property("DeploymentPreference").is_some() {
                    add("ServerlessDeploymentApplication".into(), "AWS::CodeDeploy::Application", name);
                    add(format!("{name}DeploymentGroup"), "AWS::CodeDeploy::DeploymentGroup", name);
                    add("CodeDeployServiceRole".into(), "AWS::IAM::Role", name);
                }
                for (event, event_type, node) in events(resource.properties.as_deref()) {
                    add_event_resources(&mut add, name, event, event_type, node);
                }
            }
            Some("AWS::Serverless::StateMachine") => {
                if property("Role").is_none() {
                    add(format!("{name}Role"), "AWS::IAM::Role", name);
                }
                for (event, event_type, node) in events(resource.properties.as_deref()) {
                    if matches!(event_type, "Api" | "HttpApi") {
                        add_event_resources(&mut add, name, event, event_type, node);
                    } else {
                        add(format!("{name}{event}"), "AWS::Events::Rule", name);
                        add(format!("{name}{event}Role"), "AWS::IAM::Role", name);
                    }
                }
            }
            Some("AWS::Serverless::Api") => {
                let stage = property("StageName").map_or(String::new(), stage_id_part);
                add(format!("{name}{stage}Stage"), "AWS::ApiGateway::Stage", name);
            }
            Some("AWS::Serverless::HttpApi") => match property("StageName") {
                Some(stage) if stage.as_str() != Some("$default") => {
                    add(format!("{name}{}Stage", stage_id_part(stage)), "AWS::ApiGatewayV2::Stage", name);
                }
                _ => add(format!("{name}ApiGatewayDefaultStage"), "AWS::ApiGatewayV2::Stage", name),
            },
            _ => {}
        }
    }
    out
}

/// The part of a generated stage's logical id that comes from `StageName`: its letters and
/// digits when it is written as text, nothing when an intrinsic function computes it.
fn stage_id_part(stage: &Node) -> String {
    stage.as_str().map_or(String::new(), |s| s.chars().filter(char::is_ascii_alphanumeric).collect())
}

fn add_event_resources(
    add: &mut impl FnMut(String, &'static str, &str),
    name: &str,
    event: &str,
    event_type: &str,
    node: &Node,
) {
    let on_explicit_api = |key: &str| node.get("Properties").and_then(|p| p.get(key)).is_some();
    match event_type {
        "Api" => {
            if !on_explicit_api("RestApiId") {
                add("ServerlessRestApi".into(), "AWS::ApiGateway::RestApi", name);
                add("ServerlessRestApiProdStage".into(), "AWS::ApiGateway::Stage", name);
            }
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
            add(format!("{name}{event}PermissionProd"), "AWS::Lambda::Permission", name);
        }
        "HttpApi" => {
            if !on_explicit_api("ApiId") {
                add("ServerlessHttpApi".into(), "AWS::ApiGatewayV2::Api", name);
                add("ServerlessHttpApiApiGatewayDefaultStage".into(), "AWS::ApiGatewayV2::Stage", name);
            }
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        "SQS" | "Kinesis" | "DynamoDB" | "MSK" | "MQ" | "SelfManagedKafka" | "DocumentDB" => {
            add(format!("{name}{event}"), "AWS::Lambda::EventSourceMapping", name);
        }
        "SNS" => {
            add(format!("{name}{event}"), "AWS::SNS::Subscription", name);
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        "Schedule" | "CloudWatchEvent" | "EventBridgeRule" => {
            add(format!("{name}{event}"), "AWS::Events::Rule", name);
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        "ScheduleV2" => {
            add(format!("{name}{event}"), "AWS::Scheduler::Schedule", name);
            add(format!("{name}{event}Role"), "AWS::IAM::Role", name);
        }
        "CloudWatchLogs" => {
            add(format!("{name}{event}"), "AWS::Logs::SubscriptionFilter", name);
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        "IoTRule" => {
            add(format!("{name}{event}"), "AWS::IoT::TopicRule", name);
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        "S3" | "AlexaSkill" | "Cognito" => {
            add(format!("{name}{event}Permission"), "AWS::Lambda::Permission", name);
        }
        _ => {}
    }
}

/// `(event name, event type, event)` of a SAM `Events` mapping.
fn events(properties: Option<&Node>) -> Vec<(&str, &str, &Node)> {
    let Some(events) = properties.and_then(|p| p.get("Events")).and_then(Node::as_map) else {
        return Vec::new();
    };
    events.iter().filter_map(|(name, event)| Some((name, event.get("Type")?.as_str()?, event))).collect()
}

/// The suffixes SAM accepts in `Ref: Resource.Suffix`, by resource type.
pub fn sam_ref_suffixes(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "AWS::Serverless::Function" => &["Version", "Alias"],
        "AWS::Serverless::Api" => &["Stage", "Deployment"],
        "AWS::Serverless::HttpApi" => &["Stage"],
        "AWS::Serverless::StateMachine" => &["Name"],
        "AWS::Serverless::LayerVersion" => &[],
        _ => &[],
    }
}
