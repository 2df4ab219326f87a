use slint_linter::Severity;

use super::support::{numbers, show, value_origin};
use crate::{Area, Context, Report, Rule};

/// Lambda keeps this many concurrent executions unreserved for functions without a reservation.
const UNRESERVED_FLOOR: f64 = 100.0;
/// The default concurrency quota of an account in a region.
const DEFAULT_ACCOUNT_LIMIT: i64 = 1000;
/// The option in the rule's `slint.toml` table that replaces the default.
pub(crate) const ACCOUNT_LIMIT_OPTION: &str = "account-concurrency";

pub static RULE: Rule = Rule {
    code: "L018",
    name: "reserved-concurrency-exhausts-account",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Reserved concurrency of the template leaves fewer than 100 unreserved executions",
    docs: r#"
## What it does
Adds up `ReservedConcurrentExecutions` over the template's functions and warns when the total
leaves fewer than 100 of the account's concurrent executions unreserved. The account limit is
1,000 (the default quota) unless set in `slint.toml`:

```toml
[rules.L018]
account-concurrency = 5000
```

Only reservations that certainly apply count: functions with a `Condition` are left out, and a
value that depends on a parameter counts with its smallest possible value. Reservations made by
other stacks in the same account and region also draw from the limit, so a finding here is a
lower bound on the problem.

## Why it matters
Lambda always keeps 100 executions unreserved. A reservation that would go below that is
rejected ("decreases account's UnreservedConcurrentExecution below its minimum value") and the
deployment fails; new accounts often start with a quota far below 1,000.

## Example
```yaml
  Ingest:
    Properties:
      ReservedConcurrentExecutions: 600
  Export:
    Properties:
      ReservedConcurrentExecutions: 400
```

## Use instead
```yaml
  Ingest:
    Properties:
      ReservedConcurrentExecutions: 300
  Export:
    Properties:
      ReservedConcurrentExecutions: 100
```

## References
- [Configuring reserved concurrency](https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html)
- [Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
"#,
    check,
};

/// Checks the rule's table in `slint.toml`.
pub(crate) fn check_options(table: &toml::Table) -> Result<(), String> {
    for (key, value) in table {
        if key != ACCOUNT_LIMIT_OPTION {
            return Err(format!("unknown option `{key}`; this rule reads `{ACCOUNT_LIMIT_OPTION}`"));
        }
        match value.as_integer() {
            Some(limit) if limit > 0 => {}
            _ => return Err(format!("`{ACCOUNT_LIMIT_OPTION}` must be a positive whole number of concurrent executions")),
        }
    }
    Ok(())
}

fn account_limit(cx: &Context) -> f64 {
    let configured = cx.settings.rule_options.get(RULE.code).and_then(|t| t.get(ACCOUNT_LIMIT_OPTION)).and_then(|v| v.as_integer());
    configured.filter(|limit| *limit > 0).unwrap_or(DEFAULT_ACCOUNT_LIMIT) as f64
}

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let limit = account_limit(cx);
    let Some(functions) = cx.functions() else { return };
    let mut reservations = Vec::new();
    for function in functions {
        if function.resource.attribute("Condition").is_some() {
            continue;
        }
        let Some(node) = function.reserved_concurrency else { continue };
        let Some(smallest) = numbers(template, node)
            .and_then(|values| values.into_iter().min_by(|a, b| a.value.total_cmp(&b.value)))
        else {
            continue;
        };
        if smallest.value > 0.0 {
            reservations.push((function, node, smallest));
        }
    }
    let total: f64 = reservations.iter().map(|(_, _, c)| c.value).sum();
    if total <= limit - UNRESERVED_FLOOR {
        return;
    }
    reservations.sort_by(|a, b| b.2.value.total_cmp(&a.2.value));
    let Some((largest, node, candidate)) = reservations.first() else { return };
    let breakdown: Vec<String> = reservations.iter().map(|(f, _, c)| format!("`{}` {}", f.name, show(c.value))).collect();
    let diagnostic = report.add(
        node.span,
        format!(
            "the functions of this template reserve at least {} concurrent executions ({}); with an account limit of {}, fewer than \
             the 100 Lambda keeps unreserved would remain, and Lambda rejects the reservation. Lower the reservations, or \
             set `[rules.L018] {ACCOUNT_LIMIT_OPTION}` in slint.toml to the account's actual limit",
            show(total),
            breakdown.join(", "),
            show(limit)
        ),
    );
    if !node.span.contains(candidate.span) {
        diagnostic.add_related(candidate.span, value_origin(template, candidate.span));
    }
    for (function, other, _) in reservations.iter().skip(1) {
        if function.name != largest.name {
            diagnostic.add_related(other.span, format!("`{}` reserves here", function.name));
        }
    }
}
