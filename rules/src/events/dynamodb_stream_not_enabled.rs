use slint_linter::model::EventKind;
use slint_linter::template::{Resource, Template};
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "E008",
    name: "dynamodb-stream-not-enabled",
    area: Area::Events,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "DynamoDB event source reads a table that has no stream",
    docs: r#"
## What it does
Reports a DynamoDB table of the template that a function reads as a stream — a SAM `DynamoDB`
event or an event source mapping with `!GetAtt Table.StreamArn` — while the table has no
`StreamSpecification` (or only one a condition removes). The finding points at the table, with
the event source as a related location. An `AWS::Serverless::SimpleTable`, which cannot have a
stream, is reported the same way.

## Why it matters
A table without a stream has no `StreamArn`: CloudFormation fails with "Attribute 'StreamArn'
does not exist" and rolls back. Choose the view type the handler needs: `NEW_IMAGE`,
`OLD_IMAGE`, `NEW_AND_OLD_IMAGES` or `KEYS_ONLY`.

## Example
```yaml
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
  Projector:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: LATEST
```

## Use instead
```yaml
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
```

## References
- [Change data capture for DynamoDB Streams](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html)
- [Using Lambda with DynamoDB](https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let sources = cx.event_sources();
    let mut reported: Vec<&str> = Vec::new();
    for source in sources.iter().filter(|s| s.kind == EventKind::DynamoDb) {
        let Some(target) = source.source_target.filter(|t| t.attribute == Some("StreamArn")) else { continue };
        let Some(table) = template.resource(target.logical_id) else { continue };
        if has_stream(template, table) != Some(false) {
            continue;
        }
        // One finding per table, however many functions read it.
        if reported.contains(&table.name) {
            continue;
        }
        reported.push(table.name);
        let simple = table.type_name == Some("AWS::Serverless::SimpleTable");
        report
            .add(
                table.name_span,
                if simple {
                    format!(
                        "table `{}` is read as a stream by {}, but an `AWS::Serverless::SimpleTable` cannot have a stream; \
                         the deployment fails. Use an `AWS::DynamoDB::Table` with `StreamSpecification`",
                        table.name,
                        source.label()
                    )
                } else {
                    format!(
                        "table `{}` is read as a stream by {}, but has no `StreamSpecification`, so it has no `StreamArn` and \
                         the deployment fails. Add `StreamSpecification: {{StreamViewType: NEW_AND_OLD_IMAGES}}` (or the view \
                         the handler needs)",
                        table.name,
                        source.label()
                    )
                },
            )
            .add_related(source.source.map_or(target.span, |node| node.span), format!("{} reads the stream here", source.label()));
    }
}

/// `Some(false)` when the table certainly has no stream; `None` when that cannot be known.
fn has_stream(template: &Template, table: &Resource) -> Option<bool> {
    match table.type_name {
        Some("AWS::Serverless::SimpleTable") => Some(false),
        Some("AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable") => {
            let Some(specification) = table.property("StreamSpecification") else { return Some(false) };
            let possible = template.possible_values(specification)?;
            Some(!(possible.values.is_empty() && possible.may_be_absent))
        }
        _ => None,
    }
}
