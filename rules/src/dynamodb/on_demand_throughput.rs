use slint_linter::model::tables::{BillingMode, Scalar, Throughput, TableVariant};
use slint_linter::Severity;

use super::findings::{dedupe, note_parameter, tables};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "D015",
    name: "on-demand-throughput-mismatch",
    area: Area::DynamoDb,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "On-demand maximums only apply to PAY_PER_REQUEST tables, and warm throughput above them is wasted",
    docs: r#"
## What it does
- Reports `OnDemandThroughput` (a table's or an index's) and a global table's
  `WriteOnDemandThroughputSettings` on a table whose billing mode is `PROVISIONED` (error).
- Warns when `WarmThroughput` asks for more read or write units per second than the table's
  (or index's) own on-demand maximum allows (warning).

## Why it matters
On-demand maximums cap the request rate of a `PAY_PER_REQUEST` table; DynamoDB rejects them on
a provisioned table, so the deployment fails. Warm throughput pre-warms partitions for a peak,
and pre-warming is billed; pre-warming beyond the on-demand maximum buys capacity that the
maximum never lets a request use.

## Example
```yaml
BillingMode: PAY_PER_REQUEST
OnDemandThroughput: {MaxWriteRequestUnits: 1000}
WarmThroughput: {WriteUnitsPerSecond: 20000}
```

## Use instead
```yaml
BillingMode: PAY_PER_REQUEST
OnDemandThroughput: {MaxWriteRequestUnits: 20000}
WarmThroughput: {WriteUnitsPerSecond: 20000}
```

## References
- [DynamoDB maximum throughput for on-demand tables](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html)
- [Understanding DynamoDB warm throughput](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html)
- [Warm throughput scenarios](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    for table in tables(cx) {
        for variant in &table.variants {
            let owner = format!("table `{}`", table.logical_id());
            check_settings(variant, &owner, &variant.on_demand_throughput, &variant.write_on_demand_settings, &variant.warm_throughput, report);
            for index in variant.indexes() {
                let owner = format!("{} of table `{}`", index.describe(), table.logical_id());
                check_settings(variant, &owner, &index.on_demand_throughput, &index.write_on_demand_settings, &index.warm_throughput, report);
            }
        }
    }
    dedupe(report);
}

fn check_settings(
    variant: &TableVariant,
    owner: &str,
    on_demand: &Option<Throughput>,
    write_on_demand: &Option<Throughput>,
    warm: &Option<Throughput>,
    report: &mut Report,
) {
    if variant.billing_mode() == Some(BillingMode::Provisioned) {
        for (setting, throughput) in [("OnDemandThroughput", on_demand), ("WriteOnDemandThroughputSettings", write_on_demand)] {
            let Some(throughput) = throughput else { continue };
            let diagnostic = report.add(
                throughput.key_span,
                format!(
                    "{owner} sets `{setting}`, but its billing mode is PROVISIONED; on-demand maximums only apply to `PAY_PER_REQUEST` tables, so remove it or switch the billing mode"
                ),
            );
            if let Some(b) = &variant.billing_mode_property {
                diagnostic.add_related(b.span, "the billing mode is set here");
                note_parameter(diagnostic, b);
            }
        }
        return;
    }
    let Some(warm) = warm else { return };
    let max_read = on_demand.as_ref().and_then(|t| t.read.as_ref());
    let max_write = on_demand.as_ref().and_then(|t| t.write.as_ref()).or(write_on_demand.as_ref().and_then(|t| t.write.as_ref()));
    for (what, wanted, cap) in [("read", warm.read.as_ref(), max_read), ("write", warm.write.as_ref(), max_write)] {
        let (Some(wanted), Some(cap)) = (wanted, cap) else { continue };
        let (Some(wanted_units), Some(cap_units)) = (wanted.number(), cap.number()) else { continue };
        // -1 removes a maximum rather than setting one.
        if cap_units >= 1.0 && wanted_units > cap_units {
            warm_above_cap(owner, what, wanted, wanted_units, cap, cap_units, report);
        }
    }
}

fn warm_above_cap(owner: &str, what: &str, wanted: &Scalar, wanted_units: f64, cap: &Scalar, cap_units: f64, report: &mut Report) {
    let diagnostic = report.add_with_severity(
        Severity::Warning,
        wanted.span,
        format!(
            "{owner} pre-warms {wanted_units} {what} units per second, but its on-demand maximum is {cap_units}; requests never get past the maximum, so the pre-warming above it is paid for and unused; lower the warm throughput or raise the maximum"
        ),
    );
    diagnostic.add_related(cap.span, format!("the on-demand {what} maximum"));
    note_parameter(diagnostic, wanted);
    note_parameter(diagnostic, cap);
}
