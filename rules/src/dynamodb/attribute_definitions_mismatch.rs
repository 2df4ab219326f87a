use std::collections::BTreeSet;

use slint_linter::model::tables::{AttributeDefinitions, Index, TableVariant};
use slint_linter::syntax::Format;
use slint_linter::{Edit, Fix, Severity, Span};

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D001",
    name: "attribute-definitions-mismatch",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &["E3039"],
    summary: "`AttributeDefinitions` must list exactly the attributes used in the table's and indexes' key schemas",
    docs: r#"
## What it does
Compares a table's `AttributeDefinitions` with the attributes its `KeySchema` and the key schemas
of its local and global secondary indexes use, and names each attribute that is used but not
defined, and each one that is defined but used by no key schema.

## Why it matters
DynamoDB is schemaless apart from its keys: `AttributeDefinitions` describes key attributes
only. CloudFormation rejects the table when a key attribute has no definition, and also when a
definition is not used by any key ("Property AttributeDefinitions is inconsistent with the
KeySchema of the table and the secondary indexes"), so the stack fails at deployment. An extra
definition is often left behind after removing an index.

## Example
```yaml
Orders:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    AttributeDefinitions:
      - {AttributeName: orderId, AttributeType: S}
      - {AttributeName: customerName, AttributeType: S}   # not a key
    KeySchema:
      - {AttributeName: orderId, KeyType: HASH}
      - {AttributeName: createdAt, KeyType: RANGE}        # not defined
```

## Use instead
```yaml
    AttributeDefinitions:
      - {AttributeName: orderId, AttributeType: S}
      - {AttributeName: createdAt, AttributeType: S}
    KeySchema:
      - {AttributeName: orderId, KeyType: HASH}
      - {AttributeName: createdAt, KeyType: RANGE}
```
Attributes that are not keys need no definition: write them with the item. The quick fix adds
a missing key attribute as a string (`S`), the usual key type; change it to `N` or `B` for a
number or binary key.

## References
- [AWS::DynamoDB::Table AttributeDefinitions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-attributedefinitions)
- [Core components of DynamoDB](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            check_variant(cx, variant, report);
        }
    }
    dedupe(report);
}

fn check_variant(cx: &Context, variant: &TableVariant, report: &mut Report) {
    let Some(definitions) = variant.attribute_definitions.as_ref().filter(|d| !d.derived && d.complete) else { return };

    let mut used = BTreeSet::new();
    for (index, schema) in variant.key_schemas() {
        for element in &schema.elements {
            let Some(name) = element.name() else { continue };
            // `insert` is false for a later use of a name: report a missing one once.
            if used.insert(name) && definitions.get(name).is_none() {
                let diagnostic = report.add(
                    element.attribute.span,
                    format!(
                        "`{name}` is a key of {} but has no entry in `AttributeDefinitions`; add `{{AttributeName: {name}, AttributeType: S}}` (or N, B) or CloudFormation rejects the table",
                        owner(index)
                    ),
                );
                diagnostic.add_related(definitions.span, "the attribute definitions are here");
                note_parameter(diagnostic, &element.attribute);
                // A name that comes from a parameter is fixed where the parameter is.
                if element.attribute.parameter.is_none() {
                    diagnostic.fix = add_definition(cx, definitions, name);
                }
            }
        }
    }

    // An unused definition is only certain when every key schema could be read.
    let all_keys_known = variant.indexes_complete() && variant.key_schemas().all(|(_, schema)| schema.complete);
    if !all_keys_known || variant.key_schema.is_none() {
        return;
    }
    for definition in &definitions.items {
        let Some(name) = definition.name.text() else { continue };
        if !used.contains(name) {
            let diagnostic = report.add(
                definition.name.span,
                format!(
                    "`AttributeDefinitions` defines `{name}`, but no key schema of the table or its indexes uses it; CloudFormation rejects definitions of non-key attributes, so remove it"
                ),
            );
            if let Some(schema) = &variant.key_schema {
                diagnostic.add_related(schema.span, "the table's key schema is here");
            }
            note_parameter(diagnostic, &definition.name);
        }
    }
}

/// A definition of `name` as a string, the most common key type (the title says how to change
/// it), written before the first definition in the style of the list.
fn add_definition(cx: &Context, definitions: &AttributeDefinitions, name: &str) -> Option<Fix> {
    let first = definitions.items.first()?.span.start as usize;
    let source = cx.source();
    let before = &source[source[..first].rfind('\n').map_or(0, |i| i + 1)..first];
    let quoted = serde_json::to_string(name).ok()?;
    let replacement = match cx.parsed.format {
        Format::Json => format!("{{\"AttributeName\": {quoted}, \"AttributeType\": \"S\"}}, "),
        Format::Yaml => {
            let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            let item = format!("{{AttributeName: {}, AttributeType: S}}", if plain { name } else { quoted.as_str() });
            // A block list gets a line of its own, a flow list one more item.
            match before.trim_start().strip_prefix('-') {
                Some(rest) if rest.trim().is_empty() => format!("{item}\n{before}"),
                _ => format!("{item}, "),
            }
        }
    };
    Some(Fix {
        title: format!("Add `{name}` to `AttributeDefinitions` as a string (`S`); make it `N` or `B` for a number or binary key"),
        edits: vec![Edit { span: Span::empty(first), replacement }],
    })
}

fn owner(index: Option<&Index>) -> String {
    match index {
        None => "the table's key schema".to_owned(),
        Some(index) => format!("{}'s key schema", index.describe()),
    }
}
