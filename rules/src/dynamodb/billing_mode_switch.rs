use slint_linter::model::tables::{BillingMode, TableChangeKind};
use slint_linter::Severity;

use super::baseline::{table_changes, was_at};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D028",
    name: "billing-mode-switch",
    area: Area::DynamoDb,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Switching a table's billing mode is rate-limited and changes how it scales",
    docs: r#"
## What it does
Runs with `slint check --baseline REF` or `--baseline-file old.yaml` and reports a table whose
effective `BillingMode` changes (an omitted `BillingMode` is `PROVISIONED`). A switch to
`PAY_PER_REQUEST` is a warning; a switch to `PROVISIONED` is information.

## Why it matters
A table can move from provisioned to on-demand capacity at most four times in a rolling 24
hours, and the switch takes several minutes during which the table is being restructured. A
deployment that flips the mode back and forth (a rollback, a parameter that differs between
stages sharing a table) can hit the limit and fail. Moving to provisioned capacity is allowed
at any time, but the table then throttles at the capacity you set instead of following the
traffic, so the capacity (and auto scaling) must be right from the first minute.

## Example
```yaml
BillingMode: PAY_PER_REQUEST   # was PROVISIONED
```

## Use instead
Make the switch a deliberate, separate deployment, and keep the billing mode out of anything
that can flip automatically.

## References
- [Considerations when switching capacity modes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-switching-capacity-modes.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some((changes, baseline)) = table_changes(cx) else { return };
    for change in &changes {
        let TableChangeKind::BillingModeSwitched { old, new } = &change.kind else { continue };
        let where_was = was_at(baseline, change.old_span);
        let id = &change.logical_id;
        match new {
            BillingMode::PayPerRequest => {
                report.add(
                    change.span,
                    format!(
                        "table `{id}` switches from {} to PAY_PER_REQUEST{where_was}: this is allowed at most four times in 24 hours and takes minutes; deploy it on its own and avoid flipping back",
                        old.as_str()
                    ),
                );
            }
            BillingMode::Provisioned => {
                report.add_with_severity(
                    Severity::Info,
                    change.span,
                    format!(
                        "table `{id}` switches from {} to PROVISIONED{where_was}: from then on it throttles at the capacity you set, so size `ProvisionedThroughput` (and auto scaling) for current traffic, including every global secondary index",
                        old.as_str()
                    ),
                );
            }
        }
    }
}
