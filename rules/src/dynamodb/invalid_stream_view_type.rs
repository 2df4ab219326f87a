use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::suggest::suggestion_suffix;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D019",
    name: "invalid-stream-view-type",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &["E3030"],
    summary: "`StreamSpecification` needs a `StreamViewType` of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES",
    docs: r#"
## What it does
Checks a table's `StreamSpecification`: it must set `StreamViewType`, to one of `KEYS_ONLY`,
`NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES` (values from parameters included).

## Why it matters
The view type decides what each stream record carries, and without a valid one CloudFormation
cannot enable the stream, so the deployment fails. Choose by what the consumer needs:

| view type | each record holds |
| --- | --- |
| `KEYS_ONLY` | the key attributes of the changed item |
| `NEW_IMAGE` | the item as it is after the change |
| `OLD_IMAGE` | the item as it was before the change |
| `NEW_AND_OLD_IMAGES` | both, for computing differences |

Changing the view type later replaces the stream: consumers get a new stream ARN and records
of the old stream are not carried over.

## Example
```yaml
StreamSpecification:
  StreamViewType: NEW_AND_OLD_IMAGE
```

## Use instead
```yaml
StreamSpecification:
  StreamViewType: NEW_AND_OLD_IMAGES
```

## References
- [StreamSpecification](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html)
- [Change data capture for DynamoDB Streams](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html)
"#,
    check,
};

const VIEW_TYPES: [&str; 4] = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"];

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let Some(stream) = &variant.stream else { continue };
            let Some(view_type) = &stream.view_type else {
                report.add(
                    stream.key_span,
                    format!(
                        "the stream of table `{}` has no `StreamViewType`; set one of {} to say what each record carries",
                        table.logical_id(),
                        VIEW_TYPES.join(", ")
                    ),
                );
                continue;
            };
            let Some(text) = view_type.text() else { continue };
            if VIEW_TYPES.contains(&text) {
                continue;
            }
            let suggestion = suggestion_suffix(text, VIEW_TYPES);
            let diagnostic = report.add(
                view_type.span,
                format!("`StreamViewType: {text}` is not a stream view type; use one of {}{suggestion}", VIEW_TYPES.join(", ")),
            );
            note_parameter(diagnostic, view_type);
        }
    }
    dedupe(report);
}
