use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D011",
    name: "non-key-attributes-without-include",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "`NonKeyAttributes` is only allowed with `ProjectionType: INCLUDE`",
    docs: r#"
## What it does
Reports an index `Projection` that lists `NonKeyAttributes` while its `ProjectionType` is
`ALL` or `KEYS_ONLY` (or missing, which means `KEYS_ONLY`).

## Why it matters
`NonKeyAttributes` names the extra attributes an `INCLUDE` projection copies into the index.
With any other projection type DynamoDB rejects the index, so the table creation or update
fails. It usually means the type was changed from `INCLUDE` and the list left behind, or that
`INCLUDE` was intended.

## Example
```yaml
Projection:
  ProjectionType: KEYS_ONLY
  NonKeyAttributes: [total, currency]
```

## Use instead
```yaml
Projection:
  ProjectionType: INCLUDE
  NonKeyAttributes: [total, currency]
```

## References
- [Projection](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html)
- [Attribute projections](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            for index in variant.indexes() {
                let Some(projection) = &index.projection else { continue };
                let Some(attributes) = &projection.non_key_attributes else { continue };
                let (projection_type, at) = match &projection.projection_type {
                    Some(scalar) => match scalar.text() {
                        Some(text) => (text, Some(scalar)),
                        None => continue,
                    },
                    None => ("KEYS_ONLY", None),
                };
                if projection_type == "INCLUDE" {
                    continue;
                }
                let written = if at.is_some() { format!("`{projection_type}`") } else { "missing (KEYS_ONLY)".to_owned() };
                let diagnostic = report.add(
                    attributes.span,
                    format!(
                        "{} lists `NonKeyAttributes`, but its `ProjectionType` is {written}; the list is only allowed with `INCLUDE`, so set `ProjectionType: INCLUDE` or remove the list",
                        index.describe()
                    ),
                );
                if let Some(at) = at {
                    diagnostic.add_related(at.span, "the projection type is set here");
                    note_parameter(diagnostic, at);
                }
            }
        }
    }
    dedupe(report);
}
