use slint_linter::Severity;
use slint_schemas::RuntimeLifecycle;

use super::support::{add_value_finding, by_node, strings, subject};
use crate::date::Date;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L008",
    name: "deprecated-runtime",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &["W2531", "E2531", "E2533"],
    summary: "Function runtime is deprecated (warning) or blocked for new or updated functions (error)",
    docs: r#"
## What it does
Looks up the function's `Runtime` in the Lambda runtime lifecycle table slint bundles and
compares its three dates with the day of the check:

* past the **deprecation** date: a warning — the runtime no longer gets security patches;
* past the **block-create** date: an error — Lambda refuses to create functions on it, so the
  stack cannot be deployed to a new account or region, or recreate the function;
* past the **block-update** date: an error — Lambda also refuses to update the function's code
  or configuration, so every deployment that touches it fails.

The message names the runtime AWS recommends moving to. The day of the check is today (UTC);
`slint check --as-of 2026-06-01` or `as-of = 2026-06-01` in `slint.toml` pins it, so that a CI
run gives the same answer tomorrow. AWS moves these dates from time to time: the table is
refreshed with slint's schema bundle.

## Why it matters
Functions keep running after deprecation, which is why these runtimes linger until a deployment
fails on the day updates are blocked, often when a fix is urgent.

## Example
```yaml
      Runtime: python3.9
```

## Use instead
```yaml
      Runtime: python3.13
```

## References
- [Lambda runtimes](https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
- [Runtime deprecation policy](https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let today = cx.settings.as_of.unwrap_or_else(Date::today_utc);
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.runtime) {
        for (runtime, span) in strings(template, node).unwrap_or_default() {
            let Some(lifecycle) = slint_schemas::runtime(&runtime) else { continue };
            let Some((severity, what)) = assess(lifecycle, today) else { continue };
            let successor = match &lifecycle.successor {
                Some(successor) => format!(" Move to `{successor}`"),
                None => " Move to a supported runtime".to_owned(),
            };
            let message = format!("`{runtime}` on {} {what}.{successor}", subject(node, &group));
            let diagnostic = add_value_finding(report, template, node, span, message);
            diagnostic.severity = severity;
        }
    }
}

/// The severity and the state of the runtime on `today`, or `None` while it is supported.
fn assess(lifecycle: &RuntimeLifecycle, today: Date) -> Option<(Severity, String)> {
    let day = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<Date>().ok());
    let deprecated = day(&lifecycle.deprecated);
    let block_create = day(&lifecycle.block_create);
    let block_update = day(&lifecycle.block_update);
    let reached = |date: Option<Date>| date.is_some_and(|d| d <= today);
    if reached(block_update) {
        let create = block_create.map(|d| format!("creating functions on it since {d} and ")).unwrap_or_default();
        return Some((
            Severity::Error,
            format!(
                "is past end of support: Lambda has blocked {create}updating them since {}; any deployment that changes the function fails",
                block_update.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    if reached(block_create) {
        let update = block_update.map(|d| format!("; updates to existing functions are blocked from {d}")).unwrap_or_default();
        return Some((
            Severity::Error,
            format!(
                "can no longer be used for new functions: Lambda has blocked creating functions on it since {}, so the stack \
                 cannot be deployed to a new account or region{update}",
                block_create.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    if reached(deprecated) {
        let next = match (block_create, block_update) {
            (Some(create), Some(update)) => {
                format!("; Lambda blocks creating functions on it from {create} and updating them from {update}")
            }
            (Some(create), None) => format!("; Lambda blocks creating functions on it from {create}"),
            _ => String::new(),
        };
        return Some((
            Severity::Warning,
            format!(
                "is deprecated since {} and no longer receives security patches{next}",
                deprecated.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifecycle() -> RuntimeLifecycle {
        RuntimeLifecycle {
            name: "python3.9".into(),
            deprecated: Some("2025-12-15".into()),
            block_create: Some("2027-02-01".into()),
            block_update: Some("2027-03-03".into()),
            successor: Some("python3.14".into()),
        }
    }

    fn on(day: &str) -> Option<Severity> {
        assess(&lifecycle(), day.parse().unwrap()).map(|(severity, _)| severity)
    }

    #[test]
    fn severity_follows_the_dates() {
        assert_eq!(on("2025-12-14"), None);
        assert_eq!(on("2025-12-15"), Some(Severity::Warning));
        assert_eq!(on("2027-01-31"), Some(Severity::Warning));
        assert_eq!(on("2027-02-01"), Some(Severity::Error));
        assert_eq!(on("2027-03-03"), Some(Severity::Error));
        let (_, text) = assess(&lifecycle(), "2027-03-04".parse().unwrap()).unwrap();
        assert!(text.contains("updating them since 2027-03-03"), "{text}");
    }
}
