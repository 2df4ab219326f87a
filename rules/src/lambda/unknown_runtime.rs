use slint_linter::Severity;

use super::runtimes::{closest_runtime, known_runtimes};
use super::support::{add_value_finding, by_node, strings, subject};
use crate::suggest::suggestion_suffix;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L007",
    name: "unknown-runtime",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3030"],
    summary: "Function `Runtime` is not a Lambda runtime identifier",
    docs: r#"
## What it does
Reports a function `Runtime` that is not a Lambda runtime identifier: not one of the values
CloudFormation's resource schema accepts, and not in the Lambda runtime lifecycle table slint
bundles (which also lists retired runtimes, reported by `deprecated-runtime` instead). Near
misses come with a suggestion (`python3.13` for `python3.13.0`, `nodejs22.x` for `nodejs22`).
Runtimes from SAM Globals and from parameters are checked too.

## Why it matters
Lambda rejects the function and the stack rolls back. The usual causes are a version written
the way the language writes it (`python3.12.1`, `node22`) or a runtime that does not exist yet.

## Example
```yaml
      Runtime: nodejs22
```

## Use instead
```yaml
      Runtime: nodejs22.x
```

## References
- [Lambda runtimes](https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let known = known_runtimes();
    for (node, group) in by_node(functions, |f| f.runtime) {
        for (runtime, span) in strings(template, node).unwrap_or_default() {
            if known.contains(&runtime) {
                continue;
            }
            let suggestion = match closest_runtime(&runtime) {
                Some(closest) => format!("; did you mean `{closest}`?"),
                None => suggestion_suffix(&runtime, known.iter().map(String::as_str)),
            };
            add_value_finding(
                report,
                template,
                node,
                span,
                format!(
                    "`{runtime}` on {} is not a Lambda runtime; Lambda rejects the function{suggestion}",
                    subject(node, &group)
                ),
            );
        }
    }
}
