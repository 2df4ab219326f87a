use slint_linter::model::tables::Index;
use slint_linter::Severity;

use super::findings::{dedupe, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D013",
    name: "many-all-projections",
    area: Area::DynamoDb,
    severity: Severity::Info,
    cfn_lint: &[],
    summary: "Several secondary indexes projecting ALL multiply the cost of every write",
    docs: r#"
## What it does
Counts a table's secondary indexes with `ProjectionType: ALL` and reports when more than two
do (configurable: `[rules.D013] max-all-projections = 3` in `slint.toml`).

## Why it matters
Each write to the table is also written to every index whose key attributes the item has. With
`ALL`, each index copy is the full item, so a 4 KB item written to a table with four such
indexes consumes about five times the write capacity and stores five copies. Most access
patterns read a few attributes, which `KEYS_ONLY` or `INCLUDE` projections serve at a fraction
of the cost.

## Example
Three or more `GlobalSecondaryIndexes` each with `Projection: {ProjectionType: ALL}`.

## Use instead
```yaml
Projection:
  ProjectionType: INCLUDE
  NonKeyAttributes: [status, total]
```
and fetch the full item from the table (`GetItem`/`BatchGetItem`) for the rare query that
needs everything.

## References
- [Best practices for secondary indexes: project attributes efficiently](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general.html#bp-indexes-general-projections)
- [Provisioned throughput considerations for GSIs](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations)
"#,
    check,
};

const DEFAULT_MAX_ALL_PROJECTIONS: i64 = 2;
const MAX_OPTION: &str = "max-all-projections";

/// Checks the rule's table in `slint.toml`.
pub(crate) fn check_options(table: &toml::Table) -> Result<(), String> {
    for (key, value) in table {
        if key != MAX_OPTION {
            return Err(format!("unknown option `{key}`; this rule reads `{MAX_OPTION}`"));
        }
        if value.as_integer().is_none_or(|max| max < 0) {
            return Err(format!("`{MAX_OPTION}` must be a whole number of indexes, 0 or more"));
        }
    }
    Ok(())
}

fn check(cx: &Context, report: &mut Report) {
    let max = cx
        .settings
        .rule_options
        .get(RULE.code)
        .and_then(|options| options.get(MAX_OPTION))
        .and_then(toml::Value::as_integer)
        .unwrap_or(DEFAULT_MAX_ALL_PROJECTIONS)
        .max(0) as usize;
    for table in tables(cx) {
        for variant in &table.variants {
            let all: Vec<&Index> = variant.indexes().filter(|i| i.projection_type() == Some("ALL")).collect();
            if all.len() <= max {
                continue;
            }
            let names: Vec<String> = all.iter().map(|i| i.describe()).collect();
            let last = all[all.len() - 1];
            let at = last.projection.as_ref().and_then(|p| p.projection_type.as_ref()).map_or(last.span, |t| t.span);
            let diagnostic = report.add(
                at,
                format!(
                    "{} indexes of table `{}` project ALL ({}); every write copies the whole item into each of them, so writes cost up to {}x; project KEYS_ONLY or INCLUDE where the query reads only a few attributes",
                    all.len(),
                    table.logical_id(),
                    names.join(", "),
                    all.len() + 1
                ),
            );
            for index in &all[..all.len() - 1] {
                if let Some(t) = index.projection.as_ref().and_then(|p| p.projection_type.as_ref()) {
                    diagnostic.add_related(t.span, format!("{} projects ALL", index.describe()));
                }
            }
        }
    }
    dedupe(report);
}
