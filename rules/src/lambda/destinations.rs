//! What an ARN-valued property points at: which service, whether a `!Ref` gives an ARN at all,
//! and whether the target is a FIFO queue or topic. Shared by the rules about asynchronous
//! invocation destinations and event source references.

use slint_linter::model::{arn_service, target_of, Target, TargetForm};
use slint_linter::syntax::Node;
use slint_linter::template::{Resource, Template};

/// The kind of resource an ARN names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArnKind {
    Queue,
    Topic,
    Function,
    EventBus,
    Bucket,
    Other,
}

impl ArnKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            ArnKind::Queue => "an SQS queue",
            ArnKind::Topic => "an SNS topic",
            ArnKind::Function => "a Lambda function",
            ArnKind::EventBus => "an EventBridge event bus",
            ArnKind::Bucket => "an S3 bucket",
            ArnKind::Other => "another kind of resource",
        }
    }

    fn of_service(service: &str) -> ArnKind {
        match service {
            "sqs" => ArnKind::Queue,
            "sns" => ArnKind::Topic,
            "lambda" => ArnKind::Function,
            "events" => ArnKind::EventBus,
            "s3" => ArnKind::Bucket,
            _ => ArnKind::Other,
        }
    }

    fn of_type(type_name: &str) -> ArnKind {
        match type_name {
            "AWS::SQS::Queue" => ArnKind::Queue,
            "AWS::SNS::Topic" => ArnKind::Topic,
            "AWS::Lambda::Function" | "AWS::Serverless::Function" | "AWS::Lambda::Alias" | "AWS::Lambda::Version" => {
                ArnKind::Function
            }
            "AWS::Events::EventBus" => ArnKind::EventBus,
            "AWS::S3::Bucket" => ArnKind::Bucket,
            _ => ArnKind::Other,
        }
    }
}

/// What a property that should hold an ARN holds.
#[derive(Clone, Debug)]
pub(crate) struct ArnTarget {
    pub kind: ArnKind,
    /// The resource's type, when `target` names one the template writes or SAM generates.
    pub type_name: Option<String>,
    /// Set when the value is a resource's name or URL rather than its ARN: what it is, and
    /// what to write instead.
    pub not_an_arn: Option<(String, String)>,
    /// A FIFO queue or topic (which asynchronous destinations do not support).
    pub fifo: bool,
}

/// What `node` points at, or `None` when that cannot be known.
pub(crate) fn arn_target(template: &Template, node: &Node) -> Option<ArnTarget> {
    if let Some(target) = target_of(template, node) {
        let type_name = template.type_of(target.logical_id).map(str::to_owned);
        let kind = match &type_name {
            Some(type_name) => ArnKind::of_type(type_name),
            // A parameter holding an ARN: judge by its values below.
            None if template.parameter(target.logical_id).is_some() => return by_value(template, node),
            None if target.logical_id.split_once('.').is_some_and(|(_, suffix)| suffix == "Alias" || suffix == "Version") => {
                ArnKind::Function
            }
            None => return None,
        };
        let not_an_arn = type_name.as_deref().and_then(|t| ref_gives_no_arn(t, &target));
        let fifo = template.resource(target.logical_id).is_some_and(|r| is_fifo(template, r));
        return Some(ArnTarget { kind, type_name, not_an_arn, fifo });
    }
    by_value(template, node)
}

fn by_value(template: &Template, node: &Node) -> Option<ArnTarget> {
    let service = arn_service(template, node)?;
    let fifo = template
        .possible_strings(node)
        .is_some_and(|values| !values.is_empty() && values.iter().all(|(v, _)| v.ends_with(".fifo")));
    Some(ArnTarget { kind: ArnKind::of_service(&service), type_name: None, not_an_arn: None, fifo })
}

/// For a `Ref` (or a Sub variable without attribute) to a resource whose `Ref` is not its ARN:
/// what `Ref` gives, and the form that gives the ARN.
fn ref_gives_no_arn(type_name: &str, target: &Target) -> Option<(String, String)> {
    let is_ref = match target.form {
        TargetForm::Ref => true,
        TargetForm::Sub => target.attribute.is_none(),
        TargetForm::GetAtt => false,
    };
    if !is_ref {
        return None;
    }
    let id = target.logical_id;
    let (gives, attribute) = match type_name {
        "AWS::SQS::Queue" => ("the queue URL", "Arn"),
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => ("the function name", "Arn"),
        "AWS::Events::EventBus" => ("the event bus name", "Arn"),
        "AWS::S3::Bucket" => ("the bucket name", "Arn"),
        "AWS::Kinesis::Stream" => ("the stream name", "Arn"),
        "AWS::DynamoDB::Table" => ("the table name", "StreamArn"),
        _ => return None,
    };
    Some((format!("`!Ref {id}` gives {gives}, not an ARN"), format!("!GetAtt {id}.{attribute}")))
}

/// A FIFO queue or topic: `FifoQueue`/`FifoTopic` true, or a name ending in `.fifo`.
fn is_fifo(template: &Template, resource: &Resource) -> bool {
    let flag = match resource.type_name {
        Some("AWS::SQS::Queue") => "FifoQueue",
        Some("AWS::SNS::Topic") => "FifoTopic",
        _ => return false,
    };
    let certainly = |node: Option<&Node>, test: &dyn Fn(&Node) -> bool| {
        node.and_then(|n| template.possible_values(n))
            .is_some_and(|p| !p.may_be_absent && !p.values.is_empty() && p.values.iter().all(|v| test(v)))
    };
    certainly(resource.property(flag), &|v| v.as_bool() == Some(true))
        || certainly(resource.property(if flag == "FifoQueue" { "QueueName" } else { "TopicName" }), &|v| {
            v.as_str().is_some_and(|s| s.ends_with(".fifo"))
        })
}
