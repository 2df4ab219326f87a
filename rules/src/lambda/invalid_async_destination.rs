use slint_linter::model::Destination;
use slint_linter::Severity;

use super::destinations::{arn_target, ArnKind};
use super::support::strings;
use crate::{Area, Context, Report, Rule};

/// SAM's destination `Type` values and what each names.
const SAM_TYPES: &[(&str, ArnKind)] = &[
    ("SQS", ArnKind::Queue),
    ("SNS", ArnKind::Topic),
    ("Lambda", ArnKind::Function),
    ("EventBridge", ArnKind::EventBus),
    ("S3Bucket", ArnKind::Bucket),
];

pub static RULE: Rule = Rule {
    code: "L022",
    name: "invalid-async-destination",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Asynchronous invocation destination Lambda cannot deliver to",
    docs: r#"
## What it does
Checks the `OnSuccess` and `OnFailure` destinations of asynchronous invocation settings (SAM
`EventInvokeConfig`, `AWS::Lambda::EventInvokeConfig`) and reports:

* a destination that is not an SQS queue, SNS topic, Lambda function or EventBridge event bus,
  or an S3 bucket on `OnSuccess` (buckets only take failures);
* `!Ref` of a queue, function, event bus or bucket, which gives its URL or name instead of the
  ARN Lambda needs;
* a FIFO queue or FIFO topic, which Lambda cannot deliver invocation records to;
* a SAM `Type` that does not match the destination, or is not one of `SQS`, `SNS`, `Lambda`,
  `EventBridge`, `S3Bucket`; and a missing `Destination` for types SAM cannot create for you
  (it creates SQS queues and SNS topics).

## Why it matters
CloudFormation or the SAM transform rejects most of these; a FIFO destination deploys but every
record is lost (the function's `DestinationDeliveryFailures` metric is the only trace), which
defeats the purpose of an on-failure destination.

## Example
```yaml
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !Ref FailedEvents
```

## Use instead
```yaml
            Destination: !GetAtt FailedEvents.Arn
```

## References
- [Capturing records of asynchronous invocations](https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
- [SAM EventInvokeConfig](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventinvokeconfiguration.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut checked = Vec::new();
    for function in functions {
        for config in &function.invoke_configs {
            for (when, destination) in [("OnSuccess", config.on_success), ("OnFailure", config.on_failure)] {
                let Some(destination) = destination else { continue };
                if checked.contains(&destination.node.span) {
                    continue;
                }
                checked.push(destination.node.span);
                check_destination(template, report, function.name, when, &destination);
            }
        }
    }
}

fn check_destination(
    template: &slint_linter::template::Template,
    report: &mut Report,
    function: &str,
    when: &str,
    destination: &Destination,
) {
    let mut sam_kind = None;
    if let Some(type_node) = destination.sam_type {
        for (value, span) in strings(template, type_node).unwrap_or_default() {
            match SAM_TYPES.iter().find(|(name, _)| *name == value) {
                Some((_, kind)) => sam_kind = Some(*kind),
                None => {
                    report.add(
                        span,
                        format!(
                            "`Type: {value}` in the `{when}` destination of function `{function}` is not a destination type; \
                             SAM accepts SQS, SNS, Lambda, EventBridge and S3Bucket"
                        ),
                    );
                }
            }
        }
        if destination.arn.is_none() && sam_kind.is_some_and(|k| !matches!(k, ArnKind::Queue | ArnKind::Topic)) {
            report.add(
                destination.node.span,
                format!(
                    "the `{when}` destination of function `{function}` has no `Destination`; SAM only creates SQS queues and \
                     SNS topics itself, so the transform fails. Add the ARN of the destination"
                ),
            );
        }
    }
    let Some(arn) = destination.arn else {
        if sam_kind == Some(ArnKind::Bucket) && when == "OnSuccess" {
            report.add(destination.node.span, bucket_on_success(function));
        }
        return;
    };
    let Some(target) = arn_target(template, arn) else { return };
    if let Some((what, instead)) = &target.not_an_arn {
        report.add(
            arn.span,
            format!("the `{when}` destination of function `{function}` is not an ARN: {what}. Write `{instead}`"),
        );
        return;
    }
    if target.kind == ArnKind::Other {
        report.add(
            arn.span,
            format!(
                "the `{when}` destination of function `{function}` is {}; asynchronous invocation records can only go to \
                 an SQS queue, SNS topic, Lambda function, EventBridge event bus or (on failure) an S3 bucket",
                match &target.type_name {
                    Some(type_name) => format!("of type `{type_name}`"),
                    None => "not one of the supported services".to_owned(),
                }
            ),
        );
        return;
    }
    if target.kind == ArnKind::Bucket && when == "OnSuccess" {
        report.add(arn.span, bucket_on_success(function));
    }
    if target.fifo {
        report.add(
            arn.span,
            format!(
                "the `{when}` destination of function `{function}` is a FIFO {}; Lambda cannot deliver invocation records \
                 to FIFO queues or topics and drops them (see the `DestinationDeliveryFailures` metric). Use a standard one",
                if target.kind == ArnKind::Queue { "queue" } else { "topic" }
            ),
        );
    }
    if let Some(expected) = sam_kind.filter(|k| *k != target.kind) {
        report.add(
            arn.span,
            format!(
                "the `{when}` destination of function `{function}` is {}, but its SAM `Type` says {}; SAM grants the \
                 function permission for the type it is told, so delivery fails. Make them agree",
                target.kind.describe(),
                expected.describe()
            ),
        );
    }
}

fn bucket_on_success(function: &str) -> String {
    format!(
        "the `OnSuccess` destination of function `{function}` is an S3 bucket; Lambda only sends records of failed \
         invocations to S3. Use a queue, topic, function or event bus for successes"
    )
}
