use slint_linter::model::{arn_service, EventKind, EventSource, Target, TargetForm};
use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

/// A resource type an event source property may name, how, and the attribute that gives its ARN.
struct Accepted {
    type_name: &'static str,
    /// `!Ref` of this type gives the ARN the property needs.
    ref_is_arn: bool,
    /// The `Fn::GetAtt` attribute that gives it.
    attribute: &'static str,
}

/// What a property naming an event source needs.
struct Expected {
    /// "an SQS queue ARN"
    what: &'static str,
    /// The ARN's service, for values written out.
    service: &'static str,
    accepted: &'static [Accepted],
    /// Whether the property needs an ARN at all (EventBridge takes a bus name as well).
    needs_arn: bool,
}

const QUEUE: Expected = Expected {
    what: "an SQS queue ARN",
    service: "sqs",
    accepted: &[Accepted { type_name: "AWS::SQS::Queue", ref_is_arn: false, attribute: "Arn" }],
    needs_arn: true,
};
const TOPIC: Expected = Expected {
    what: "an SNS topic ARN",
    service: "sns",
    accepted: &[Accepted { type_name: "AWS::SNS::Topic", ref_is_arn: true, attribute: "TopicArn" }],
    needs_arn: true,
};
const KINESIS: Expected = Expected {
    what: "a Kinesis stream or stream consumer ARN",
    service: "kinesis",
    accepted: &[
        Accepted { type_name: "AWS::Kinesis::Stream", ref_is_arn: false, attribute: "Arn" },
        Accepted { type_name: "AWS::Kinesis::StreamConsumer", ref_is_arn: true, attribute: "ConsumerARN" },
    ],
    needs_arn: true,
};
const DYNAMODB: Expected = Expected {
    what: "a DynamoDB stream ARN",
    service: "dynamodb",
    accepted: &[
        Accepted { type_name: "AWS::DynamoDB::Table", ref_is_arn: false, attribute: "StreamArn" },
        Accepted { type_name: "AWS::DynamoDB::GlobalTable", ref_is_arn: false, attribute: "StreamArn" },
    ],
    needs_arn: true,
};
const EVENT_BUS: Expected = Expected {
    what: "an EventBridge event bus",
    service: "events",
    accepted: &[
        Accepted { type_name: "AWS::Events::EventBus", ref_is_arn: false, attribute: "Arn" },
    ],
    needs_arn: false,
};

pub static RULE: Rule = Rule {
    code: "E010",
    name: "event-source-wrong-reference",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Event source names the wrong resource, or a name or URL where an ARN is needed",
    docs: r#"
## What it does
Checks the property that names an event source's resource — SAM `Queue` (SQS), `Topic` (SNS),
`Stream` (Kinesis, DynamoDB), `EventBusName` (EventBridge), the `DeadLetterConfig.Arn` of
schedule and EventBridge events, and `EventSourceArn` of event source mappings — and reports:

* `!Ref` of a resource whose `Ref` is not its ARN: a queue (gives its URL), a Kinesis stream or
  a DynamoDB table (give their names);
* the wrong attribute: `!GetAtt Table.Arn` where the table's `StreamArn` is needed;
* a resource of another type: `Topic: !Ref Queue`, a mapping of an SNS topic;
* text that is not an ARN (often the logical id of a resource of the template, written without
  `!Ref`), or the ARN of another service.

An unknown logical id is left to `unknown-ref-target`.

## Why it matters
CloudFormation or Lambda rejects the reference and the deployment fails — or, for an SNS topic
named by text, SAM subscribes the function to a topic that does not exist.

## Example
```yaml
        Jobs:
          Type: SQS
          Properties:
            Queue: !Ref JobsQueue
```

## Use instead
```yaml
            Queue: !GetAtt JobsQueue.Arn
```

## References
- [SAM event source types](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html)
- [Fn::GetAtt return values of AWS::SQS::Queue](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html#aws-resource-sqs-queue-return-values)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for source in cx.event_sources() {
        if let Some(node) = source.source {
            if source.is_sam_event() {
                if let Some(expected) = expected_source(source.kind) {
                    if let Some(problem) = problem(template, node, source.source_target, expected) {
                        report.add(node.span, format!("`{}` of {} {problem}", source.source_key(), source.label()));
                    }
                }
            } else {
                check_mapping_source(template, report, &source, node);
            }
        }
        if matches!(source.kind, EventKind::Schedule | EventKind::ScheduleV2 | EventKind::EventBridge) {
            if let Some(arn) = source.property("DeadLetterConfig").and_then(|d| d.get("Arn")) {
                let target = slint_linter::model::target_of(template, arn);
                if let Some(problem) = problem(template, arn, target, &QUEUE) {
                    report.add(arn.span, format!("`DeadLetterConfig.Arn` of {} {problem}", source.label()));
                }
            }
        }
    }
}

fn expected_source(kind: EventKind) -> Option<&'static Expected> {
    match kind {
        EventKind::Sqs => Some(&QUEUE),
        EventKind::Sns => Some(&TOPIC),
        EventKind::Kinesis => Some(&KINESIS),
        EventKind::DynamoDb => Some(&DYNAMODB),
        EventKind::EventBridge => Some(&EVENT_BUS),
        _ => None,
    }
}

/// An event source mapping's `EventSourceArn`: its kind follows from what it names, so only a
/// name-or-URL `Ref` and resources Lambda cannot poll are mistakes.
fn check_mapping_source(template: &Template, report: &mut Report, source: &EventSource, node: &Node) {
    let label = source.label();
    let Some(target) = source.source_target else { return };
    let Some(type_name) = template.type_of(target.logical_id) else { return };
    match expected_source(source.kind) {
        Some(expected) => {
            if let Some(problem) = problem(template, node, Some(target), expected) {
                report.add(node.span, format!("`EventSourceArn` of {label} {problem}"));
            }
        }
        None if source.kind == EventKind::Other => {
            report.add(
                node.span,
                format!(
                    "`EventSourceArn` of {label} names `{}`, of type `{type_name}`, which is not a source Lambda can poll; event \
                     source mappings read SQS queues, Kinesis and DynamoDB streams, Kafka, Amazon MQ and DocumentDB",
                    target.logical_id
                ),
            );
        }
        None => {}
    }
}

/// What is wrong with `node` as a reference to the expected kind of resource, or `None`.
fn problem(template: &Template, node: &Node, target: Option<Target>, expected: &Expected) -> Option<String> {
    if let Some(target) = target {
        let type_name = template.type_of(target.logical_id)?;
        let id = target.logical_id;
        let Some(accepted) = expected.accepted.iter().find(|a| a.type_name == type_name) else {
            if template.parameter(id).is_some() {
                return None;
            }
            return Some(format!("names `{id}`, of type `{type_name}`, but needs {}", expected.what));
        };
        if !expected.needs_arn {
            return None;
        }
        let fix = format!("!GetAtt {id}.{}", accepted.attribute);
        let is_ref = matches!(target.form, TargetForm::Ref) || (target.form == TargetForm::Sub && target.attribute.is_none());
        if is_ref && !accepted.ref_is_arn {
            return Some(format!(
                "is `{}`, which gives the {} of `{id}`, not its ARN; write `{fix}`",
                target.describe(),
                ref_value(type_name)
            ));
        }
        if let Some(attribute) = target.attribute.filter(|a| *a != accepted.attribute) {
            let ok_alternative = accepted.ref_is_arn && attribute == "Arn";
            if !ok_alternative {
                return Some(format!("is `{}`, but {} is `{fix}`", target.describe(), expected.what));
            }
        }
        return None;
    }
    if !expected.needs_arn {
        return None;
    }
    let text = node.as_str()?;
    if !text.starts_with("arn:") {
        let hint = match template.type_of(text) {
            Some(type_name) if expected.accepted.iter().any(|a| a.type_name == type_name) => {
                let accepted = expected.accepted.iter().find(|a| a.type_name == type_name)?;
                let form = if accepted.ref_is_arn { format!("!Ref {text}") } else { format!("!GetAtt {text}.{}", accepted.attribute) };
                return Some(format!(
                    "is the text `{text}`, the logical id of a resource of this template rather than its ARN; write `{form}`"
                ));
            }
            _ => String::new(),
        };
        return Some(format!("is `{text}`, which is not an ARN; it needs {}{hint}", expected.what));
    }
    let service = arn_service(template, node)?;
    if service != expected.service {
        return Some(format!("is an ARN of `{service}`, but needs {}", expected.what));
    }
    if expected.service == "dynamodb" && !text.contains("/stream/") {
        return Some("is a DynamoDB table ARN, but needs the ARN of the table's stream (`.../table/NAME/stream/LABEL`)".to_owned());
    }
    None
}

fn ref_value(type_name: &str) -> &'static str {
    match type_name {
        "AWS::SQS::Queue" => "URL",
        _ => "name",
    }
}
