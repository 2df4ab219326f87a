//! What invokes a function: SAM `Events` and `AWS::Lambda::EventSourceMapping` resources as one
//! view, each connected to its function and to the queue, stream, table, bucket or topic it
//! reads from; and the `AWS::Lambda::Permission` resources that let services and people call in.

use crate::span::Span;
use crate::syntax::Node;
use crate::template::{Resource, Template};

use super::functions::Functions;
use super::targets::{arn_service, target_of, Target};

/// The service an event source reads from or is pushed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Sqs,
    Kinesis,
    DynamoDb,
    Msk,
    SelfManagedKafka,
    Mq,
    DocumentDb,
    S3,
    Sns,
    Schedule,
    ScheduleV2,
    /// SAM `EventBridgeRule` and its older name `CloudWatchEvent`.
    EventBridge,
    CloudWatchLogs,
    Api,
    HttpApi,
    IoTRule,
    AlexaSkill,
    Cognito,
    /// A SAM event type this model does not know, or a mapping whose source cannot be told.
    Other,
}

impl EventKind {
    /// The kind of a SAM event `Type`.
    pub fn from_sam_type(type_name: &str) -> EventKind {
        match type_name {
            "SQS" => EventKind::Sqs,
            "Kinesis" => EventKind::Kinesis,
            "DynamoDB" => EventKind::DynamoDb,
            "MSK" => EventKind::Msk,
            "SelfManagedKafka" => EventKind::SelfManagedKafka,
            "MQ" => EventKind::Mq,
            "DocumentDB" => EventKind::DocumentDb,
            "S3" => EventKind::S3,
            "SNS" => EventKind::Sns,
            "Schedule" => EventKind::Schedule,
            "ScheduleV2" => EventKind::ScheduleV2,
            "EventBridgeRule" | "CloudWatchEvent" => EventKind::EventBridge,
            "CloudWatchLogs" => EventKind::CloudWatchLogs,
            "Api" => EventKind::Api,
            "HttpApi" => EventKind::HttpApi,
            "IoTRule" => EventKind::IoTRule,
            "AlexaSkill" => EventKind::AlexaSkill,
            "Cognito" => EventKind::Cognito,
            _ => EventKind::Other,
        }
    }

    /// The kind of source an ARN's service names (`sqs`, `kinesis`, `dynamodb`, ...).
    fn from_arn_service(service: &str) -> EventKind {
        match service {
            "sqs" => EventKind::Sqs,
            "kinesis" => EventKind::Kinesis,
            "dynamodb" => EventKind::DynamoDb,
            "kafka" => EventKind::Msk,
            "mq" => EventKind::Mq,
            "rds" => EventKind::DocumentDb,
            _ => EventKind::Other,
        }
    }

    /// The kind of source a resource type is, for an `EventSourceArn` that names a resource.
    fn from_resource_type(type_name: &str) -> EventKind {
        match type_name {
            "AWS::SQS::Queue" => EventKind::Sqs,
            "AWS::Kinesis::Stream" | "AWS::Kinesis::StreamConsumer" => EventKind::Kinesis,
            "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => EventKind::DynamoDb,
            "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => EventKind::Msk,
            "AWS::AmazonMQ::Broker" => EventKind::Mq,
            "AWS::DocDB::DBCluster" => EventKind::DocumentDb,
            _ => EventKind::Other,
        }
    }

    /// Kinesis and DynamoDB streams, read shard by shard.
    pub fn is_stream(self) -> bool {
        matches!(self, EventKind::Kinesis | EventKind::DynamoDb)
    }

    /// Sources Lambda polls through an event source mapping.
    pub fn is_polled(self) -> bool {
        matches!(
            self,
            EventKind::Sqs
                | EventKind::Kinesis
                | EventKind::DynamoDb
                | EventKind::Msk
                | EventKind::SelfManagedKafka
                | EventKind::Mq
                | EventKind::DocumentDb
        )
    }

    /// Services that invoke the function asynchronously, so that failed events are retried by
    /// Lambda and then dropped unless a destination or dead-letter queue keeps them.
    pub fn is_asynchronous(self) -> bool {
        matches!(
            self,
            EventKind::S3
                | EventKind::Sns
                | EventKind::Schedule
                | EventKind::ScheduleV2
                | EventKind::EventBridge
                | EventKind::CloudWatchLogs
                | EventKind::IoTRule
        )
    }

    /// The name people know the service by.
    pub fn service_name(self) -> &'static str {
        match self {
            EventKind::Sqs => "SQS",
            EventKind::Kinesis => "Kinesis",
            EventKind::DynamoDb => "DynamoDB Streams",
            EventKind::Msk => "Amazon MSK",
            EventKind::SelfManagedKafka => "self-managed Kafka",
            EventKind::Mq => "Amazon MQ",
            EventKind::DocumentDb => "DocumentDB",
            EventKind::S3 => "S3",
            EventKind::Sns => "SNS",
            EventKind::Schedule => "EventBridge schedule",
            EventKind::ScheduleV2 => "EventBridge Scheduler",
            EventKind::EventBridge => "EventBridge",
            EventKind::CloudWatchLogs => "CloudWatch Logs",
            EventKind::Api => "API Gateway REST API",
            EventKind::HttpApi => "API Gateway HTTP API",
            EventKind::IoTRule => "IoT rule",
            EventKind::AlexaSkill => "Alexa skill",
            EventKind::Cognito => "Cognito",
            EventKind::Other => "event source",
        }
    }

    /// The SAM event property that names the source resource, if the type has one.
    pub fn sam_source_key(self) -> Option<&'static str> {
        Some(match self {
            EventKind::Sqs => "Queue",
            EventKind::Kinesis | EventKind::DynamoDb | EventKind::Msk => "Stream",
            EventKind::Mq => "Broker",
            EventKind::DocumentDb => "Cluster",
            EventKind::S3 => "Bucket",
            EventKind::Sns => "Topic",
            EventKind::EventBridge => "EventBusName",
            EventKind::CloudWatchLogs => "LogGroupName",
            EventKind::Api => "RestApiId",
            EventKind::HttpApi => "ApiId",
            EventKind::Cognito => "UserPool",
            _ => return None,
        })
    }
}

/// How the event source is written.
#[derive(Clone, Copy, Debug)]
pub enum Declaration<'t> {
    /// An entry of a SAM function's `Events`.
    SamEvent {
        function: &'t str,
        event: &'t str,
        /// The event's name in `Events`.
        event_span: Span,
        /// The event's mapping (`Type`, `Properties`).
        node: &'t Node,
    },
    /// An `AWS::Lambda::EventSourceMapping` resource.
    Mapping(&'t Resource<'t>),
}

/// One event source of one function.
#[derive(Clone, Debug)]
pub struct EventSource<'t> {
    pub kind: EventKind,
    pub declaration: Declaration<'t>,
    /// The SAM event's `Properties`, or the mapping's properties. The names shared by both
    /// (`BatchSize`, `StartingPosition`, `MaximumRetryAttempts`, ...) can be read the same way.
    pub properties: Option<&'t Node>,
    /// The function invoked, when it is a function of this template.
    pub function: Option<&'t str>,
    /// The property naming the source: `Queue`, `Stream`, `Bucket`, `Topic`, `EventSourceArn`, ...
    pub source: Option<&'t Node>,
    /// The template resource `source` names, when it names one.
    pub source_target: Option<Target<'t>>,
}

impl<'t> EventSource<'t> {
    pub fn property(&self, key: &str) -> Option<&'t Node> {
        self.properties?.get(key)
    }

    /// The resource the source names, when it is a resource written in the template.
    pub fn source_resource(&self, template: &'t Template<'t>) -> Option<&'t Resource<'t>> {
        template.resource(self.source_target?.logical_id)
    }

    /// Where to point when talking about the event source as a whole.
    pub fn span(&self) -> Span {
        match self.declaration {
            Declaration::SamEvent { event_span, .. } => event_span,
            Declaration::Mapping(resource) => resource.name_span,
        }
    }

    /// "event `Orders` of function `Worker`" or "event source mapping `OrdersMapping`".
    pub fn label(&self) -> String {
        match self.declaration {
            Declaration::SamEvent { function, event, .. } => format!("event `{event}` of function `{function}`"),
            Declaration::Mapping(resource) => format!("event source mapping `{}`", resource.name),
        }
    }

    pub fn is_sam_event(&self) -> bool {
        matches!(self.declaration, Declaration::SamEvent { .. })
    }

    /// The name of the property that names the source, as the user wrote it.
    pub fn source_key(&self) -> &'static str {
        match self.declaration {
            Declaration::SamEvent { .. } => self.kind.sam_source_key().unwrap_or("source"),
            Declaration::Mapping(_) => "EventSourceArn",
        }
    }
}

/// Every event source of the template: SAM events in function and event order, then event
/// source mappings in template order.
pub fn event_sources<'t>(template: &'t Template<'t>, functions: &Functions<'t>) -> Vec<EventSource<'t>> {
    let mut out = Vec::new();
    for function in functions.iter().filter(|f| f.is_sam()) {
        let Some(events) = function.events.and_then(Node::as_map) else { continue };
        for entry in &events.entries {
            let Some(type_name) = entry.value.get("Type").and_then(Node::as_str) else { continue };
            let kind = EventKind::from_sam_type(type_name);
            let properties = entry.value.get("Properties");
            let source = kind.sam_source_key().and_then(|key| properties?.get(key));
            out.push(EventSource {
                kind,
                declaration: Declaration::SamEvent {
                    function: function.name,
                    event: &entry.key,
                    event_span: entry.key_span,
                    node: &entry.value,
                },
                properties,
                function: Some(function.name),
                source,
                source_target: source.and_then(|s| target_of(template, s)),
            });
        }
    }
    for resource in template.resources_of_type("AWS::Lambda::EventSourceMapping") {
        let properties = resource.properties.as_deref();
        let source = properties.and_then(|p| p.get("EventSourceArn"));
        let source_target = source.and_then(|s| target_of(template, s));
        out.push(EventSource {
            kind: mapping_kind(template, properties, source, source_target),
            declaration: Declaration::Mapping(resource),
            properties,
            function: properties.and_then(|p| p.get("FunctionName")).and_then(|n| functions.named_by(n)).map(|f| f.name),
            source,
            source_target,
        });
    }
    out
}

/// What an event source mapping reads from: the type of the resource its `EventSourceArn`
/// names, the service in a written ARN, or the properties only one kind of source has.
fn mapping_kind(template: &Template, properties: Option<&Node>, source: Option<&Node>, target: Option<Target>) -> EventKind {
    if let Some(target) = target {
        if let Some(type_name) = template.type_of(target.logical_id) {
            return EventKind::from_resource_type(type_name);
        }
    }
    if let Some(service) = source.and_then(|s| arn_service(template, s)) {
        return EventKind::from_arn_service(&service);
    }
    if properties.is_some_and(|p| p.get("SelfManagedEventSource").is_some()) {
        return EventKind::SelfManagedKafka;
    }
    EventKind::Other
}

/// An `AWS::Lambda::Permission` resource.
#[derive(Clone, Copy, Debug)]
pub struct Permission<'t> {
    pub resource: &'t Resource<'t>,
    /// The function the permission is on, when it is a function of this template.
    pub function: Option<&'t str>,
    pub action: Option<&'t Node>,
    pub principal: Option<&'t Node>,
    pub source_arn: Option<&'t Node>,
    pub function_url_auth_type: Option<&'t Node>,
    pub invoked_via_function_url: Option<&'t Node>,
}

/// Every `AWS::Lambda::Permission` of the template, in template order.
pub fn permissions<'t>(template: &'t Template<'t>, functions: &Functions<'t>) -> Vec<Permission<'t>> {
    template
        .resources_of_type("AWS::Lambda::Permission")
        .map(|resource| {
            let get = |key: &str| resource.properties.as_deref().and_then(|p| p.get(key));
            Permission {
                resource,
                function: get("FunctionName").and_then(|n| functions.named_by(n)).map(|f| f.name),
                action: get("Action"),
                principal: get("Principal"),
                source_arn: get("SourceArn"),
                function_url_auth_type: get("FunctionUrlAuthType"),
                invoked_via_function_url: get("InvokedViaFunctionUrl"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::syntax::parse_str;

    const TEMPLATE: &str = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
        Broken:
          Properties: {}
  Raw:
    Type: AWS::Lambda::Function
  TableMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Raw
      EventSourceArn: !GetAtt Table.StreamArn
  StreamMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !GetAtt Raw.Arn
      EventSourceArn: !Sub arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks
  ForeignMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: somebody-elses-function
      EventSourceArn: arn:aws:sqs:us-east-1:123456789012:jobs
  UnknownMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Raw
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Raw.Arn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
";

    #[test]
    fn sam_events_and_mappings_share_one_view() {
        let parsed = parse_str(TEMPLATE);
        let template = Template::new(parsed.root.as_ref().unwrap(), &parsed.text, BTreeMap::new()).unwrap();
        let functions = Functions::of(&template);
        let sources = event_sources(&template, &functions);
        let summary: Vec<(EventKind, Option<&str>, Option<&str>, String)> = sources
            .iter()
            .map(|s| (s.kind, s.function, s.source_target.map(|t| t.logical_id), s.label()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (EventKind::Sqs, Some("Worker"), Some("Queue"), "event `Jobs` of function `Worker`".to_owned()),
                (EventKind::Schedule, Some("Worker"), None, "event `Nightly` of function `Worker`".to_owned()),
                (EventKind::DynamoDb, Some("Raw"), Some("Table"), "event source mapping `TableMapping`".to_owned()),
                (EventKind::Kinesis, Some("Raw"), None, "event source mapping `StreamMapping`".to_owned()),
                (EventKind::Sqs, None, None, "event source mapping `ForeignMapping`".to_owned()),
                (EventKind::Other, Some("Raw"), None, "event source mapping `UnknownMapping`".to_owned()),
            ]
        );
        assert_eq!(sources[0].source_key(), "Queue");
        assert_eq!(sources[2].source_key(), "EventSourceArn");
        assert_eq!(sources[2].source_target.unwrap().attribute, Some("StreamArn"));
        assert_eq!(sources[0].source_resource(&template).map(|r| r.name), Some("Queue"));

        let permissions = permissions(&template, &functions);
        assert_eq!(permissions.len(), 1);
        assert_eq!(permissions[0].function, Some("Raw"));
        assert_eq!(permissions[0].principal.and_then(Node::as_str), Some("s3.amazonaws.com"));
    }

    #[test]
    fn event_kinds_group_the_services() {
        assert!(EventKind::from_sam_type("DynamoDB").is_stream());
        assert!(EventKind::from_sam_type("SQS").is_polled());
        assert!(!EventKind::from_sam_type("SQS").is_asynchronous());
        assert!(EventKind::from_sam_type("CloudWatchEvent").is_asynchronous());
        assert_eq!(EventKind::from_sam_type("Made-up"), EventKind::Other);
    }
}
