use slint_linter::Severity;

use super::support::{by_node, strings, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L026",
    name: "log-level-requires-json",
    area: Area::Lambda,
    severity: Severity::Warning,
    cfn_lint: &["E3696"],
    summary: "Log level set while the function logs in plain text",
    docs: r#"
## What it does
Reports `LoggingConfig.ApplicationLogLevel` or `SystemLogLevel` on a function whose
`LogFormat` is `Text` or left out (Text is the default), including settings inherited from SAM
Globals.

## Why it matters
Lambda filters logs by level only for functions that log in JSON. With plain text logs the
level is refused or has no effect, so DEBUG output keeps flowing into CloudWatch (and the bill)
while the template suggests otherwise.

## Example
```yaml
      LoggingConfig:
        ApplicationLogLevel: WARN
```

## Use instead
```yaml
      LoggingConfig:
        LogFormat: JSON
        ApplicationLogLevel: WARN
```

## References
- [Log-level filtering](https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html)
- [Configuring advanced logging controls](https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut reported = Vec::new();
    for (config, group) in by_node(functions, |f| f.logging_config) {
        let format = config.get("LogFormat");
        let plain_text = match format {
            None => true,
            Some(node) => strings(template, node).unwrap_or_default().iter().any(|(value, _)| value == "Text"),
        };
        if !plain_text {
            continue;
        }
        let Some(map) = config.as_map() else { continue };
        for entry in map.entries.iter().filter(|e| e.key == "ApplicationLogLevel" || e.key == "SystemLogLevel") {
            // A level set in Globals reaches each function's merged settings: report it once.
            if reported.contains(&entry.key_span) {
                continue;
            }
            reported.push(entry.key_span);
            let diagnostic = report.add(
                entry.key_span,
                format!(
                    "`{}` on {} has no effect with {} logs: Lambda filters by level only when `LogFormat` is `JSON`. \
                     Set `LogFormat: JSON`, or remove the level",
                    entry.key,
                    subject(config, &group),
                    if format.is_some() { "`LogFormat: Text`" } else { "the default plain text" }
                ),
            );
            if let Some(format) = format {
                diagnostic.add_related(format.span, "the log format is set here");
            }
        }
    }
}
