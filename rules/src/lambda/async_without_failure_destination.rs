use slint_linter::model::{permissions, Declaration, Function};
use slint_linter::template::Template;
use slint_linter::{Severity, Span};

use super::support::strings;
use crate::{Area, Context, Report, Rule};

/// Service principals that invoke functions asynchronously.
const ASYNC_PRINCIPALS: &[(&str, &str)] = &[
    ("s3.amazonaws.com", "S3"),
    ("sns.amazonaws.com", "SNS"),
    ("events.amazonaws.com", "EventBridge"),
    ("iot.amazonaws.com", "IoT"),
    ("ses.amazonaws.com", "SES"),
];

pub static RULE: Rule = Rule {
    code: "L023",
    name: "async-without-failure-destination",
    area: Area::Lambda,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "Asynchronously invoked function keeps no record of events that fail",
    docs: r#"
## What it does
Points out functions that are invoked asynchronously — by SAM `S3`, `SNS`, `EventBridgeRule`,
`CloudWatchEvent`, `Schedule`, `ScheduleV2`, `CloudWatchLogs` or `IoTRule` events, or through an
`AWS::Lambda::Permission` for S3, SNS, EventBridge, CloudWatch Logs, IoT or SES — and have
neither an `OnFailure` destination (`EventInvokeConfig`) nor a dead-letter queue
(`DeadLetterQueue`, `DeadLetterConfig`).

## Why it matters
Lambda retries a failed asynchronous event twice and keeps it for at most six hours; after that
the event is dropped and nothing records it. An on-failure destination (or a dead-letter queue)
keeps the event and the error, so it can be inspected and replayed.

## Example
```yaml
  Thumbnail:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Upload:
          Type: S3
          Properties: {Bucket: !Ref Images, Events: s3:ObjectCreated:*}
```

## Use instead
```yaml
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS   # SAM creates the queue
```

## References
- [Asynchronous invocation](https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html)
- [Capturing records of asynchronous invocations](https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let sources = cx.event_sources();
    let grants = permissions(template, functions);
    for function in functions {
        if keeps_failures(function) {
            continue;
        }
        let mut invokers: Vec<(Span, String)> = sources
            .iter()
            .filter(|s| s.function == Some(function.name) && s.kind.is_asynchronous())
            .map(|s| {
                let name = match s.declaration {
                    Declaration::SamEvent { event, .. } => format!("{} event `{event}`", s.kind.service_name()),
                    Declaration::Mapping(resource) => format!("{} mapping `{}`", s.kind.service_name(), resource.name),
                };
                (s.span(), name)
            })
            .collect();
        for grant in grants.iter().filter(|g| g.function == Some(function.name)) {
            if let Some(service) = grant.principal.and_then(|p| async_service(template, p)) {
                invokers.push((grant.resource.name_span, format!("{service} through permission `{}`", grant.resource.name)));
            }
        }
        let Some((span, first)) = invokers.first() else { continue };
        report
            .add(
                function.name_span(),
                format!(
                    "function `{}` is invoked asynchronously ({first}{}) but has no on-failure destination or dead-letter \
                     queue: events that still fail after Lambda's retries, or wait longer than 6 hours, are dropped without a \
                     trace. Add `EventInvokeConfig.DestinationConfig.OnFailure` or a dead-letter queue",
                    function.name,
                    if invokers.len() > 1 { format!(" and {} more", invokers.len() - 1) } else { String::new() }
                ),
            )
            .add_related(*span, "invoked asynchronously from here");
    }
}

/// Whether failed asynchronous events of the function end up somewhere.
fn keeps_failures(function: &Function) -> bool {
    function.dead_letter.is_some() || function.invoke_configs.iter().any(|c| c.on_failure.is_some())
}

/// The service a permission's principal names, when it invokes functions asynchronously.
fn async_service(template: &Template, principal: &slint_linter::syntax::Node) -> Option<&'static str> {
    let values = strings(template, principal)?;
    values.iter().find_map(|(value, _)| {
        if value.starts_with("logs.") && value.ends_with(".amazonaws.com") {
            return Some("CloudWatch Logs");
        }
        ASYNC_PRINCIPALS.iter().find(|(p, _)| p == value).map(|(_, name)| *name)
    })
}
