use slint_linter::model::tables::TableKind;
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D002",
    name: "invalid-key-attribute-type",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &["E3030"],
    summary: "Key attributes must be of type S, N or B (String, Number or Binary for a SimpleTable)",
    docs: r#"
## What it does
Checks the `AttributeType` of every attribute definition (`S`, `N` or `B`) and the `Type` of a
SAM SimpleTable's `PrimaryKey` (`String`, `Number` or `Binary`), including values that come
from parameters.

## Why it matters
Only scalar strings, numbers and binary values can be keys. A boolean, a list, a map or a set
type (`BOOL`, `L`, `M`, `SS`) is rejected when the table is created, and SimpleTable's
`PrimaryKey.Type` uses the long names: the SAM transform refuses `S`.

## Example
```yaml
AttributeDefinitions:
  - {AttributeName: id, AttributeType: String}
```

## Use instead
```yaml
AttributeDefinitions:
  - {AttributeName: id, AttributeType: S}
```
and for a SimpleTable:
```yaml
PrimaryKey: {Name: id, Type: String}
```

## References
- [AttributeDefinition](https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html)
- [AWS::Serverless::SimpleTable PrimaryKey](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-simpletable-primarykeyobject.html)
"#,
    check,
};

const CLOUDFORMATION_TYPES: [&str; 3] = ["S", "N", "B"];
const SIMPLE_TABLE_TYPES: [&str; 3] = ["String", "Number", "Binary"];

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        let (allowed, other) = match table.kind {
            TableKind::SimpleTable => (SIMPLE_TABLE_TYPES, CLOUDFORMATION_TYPES),
            _ => (CLOUDFORMATION_TYPES, SIMPLE_TABLE_TYPES),
        };
        for variant in &table.variants {
            let Some(definitions) = &variant.attribute_definitions else { continue };
            for definition in &definitions.items {
                let Some(written) = definition.attribute_type.text() else { continue };
                if allowed.contains(&written) {
                    continue;
                }
                let name = definition.name.text().unwrap_or("the key attribute");
                let hint = match equivalent(written, &other, &allowed) {
                    Some(meant) => format!("write `{meant}`"),
                    None => format!("keys can only be {}", allowed.join(", ")),
                };
                let what = match table.kind {
                    TableKind::SimpleTable => "`PrimaryKey.Type`",
                    _ => "`AttributeType`",
                };
                let diagnostic = report.add(
                    definition.attribute_type.span,
                    format!("{what} of `{name}` is `{written}`, which is not a key type; {hint}"),
                );
                note_parameter(diagnostic, &definition.attribute_type);
            }
        }
    }
    dedupe(report);
}

/// The allowed spelling of a type written the other resource's way (`String` for `S`) or in
/// another case (`s`).
fn equivalent(written: &str, other: &[&str; 3], allowed: &[&'static str; 3]) -> Option<&'static str> {
    if let Some(i) = other.iter().position(|t| t.eq_ignore_ascii_case(written)) {
        return Some(allowed[i]);
    }
    if let Some(same) = allowed.iter().find(|t| t.eq_ignore_ascii_case(written)) {
        return Some(same);
    }
    let long = ["STRING", "NUMBER", "BINARY"];
    long.iter().position(|t| t.eq_ignore_ascii_case(written)).map(|i| allowed[i])
}
