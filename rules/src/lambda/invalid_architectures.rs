use slint_linter::syntax::Value;
use slint_linter::Severity;

use super::support::{add_value_finding, by_node, subject};
use crate::{Area, Context, Report, Rule};

const ARCHITECTURES: &[&str] = &["x86_64", "arm64"];

pub static RULE: Rule = Rule {
    code: "L015",
    name: "invalid-architectures",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3030", "E3032"],
    summary: "Function `Architectures` is not a one-item list of `x86_64` or `arm64`",
    docs: r#"
## What it does
Reports a function `Architectures` that is not a list with exactly one of `x86_64` (the
default) or `arm64`: a plain string instead of a list, both architectures at once, or a name
from another tool (`aarch64`, `amd64`, `x86-64`), with the Lambda name suggested.

## Why it matters
A function runs on one instruction set; CloudFormation rejects anything else and the stack
rolls back. Moving to `arm64` (Graviton) is usually cheaper, but the code and its native
dependencies must be built for it.

## Example
```yaml
      Architectures: aarch64
```

## Use instead
```yaml
      Architectures:
        - arm64
```

## References
- [Lambda instruction set architectures](https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.architectures) {
        let Some(possible) = template.possible_values(node) else { continue };
        let who = subject(node, &group);
        for value in &possible.values {
            match &value.value {
                Value::Seq(items) if items.len() != 1 => {
                    add_value_finding(
                        report,
                        template,
                        node,
                        value.span,
                        format!(
                            "`Architectures` of {who} lists {} architectures; a function runs on exactly one, `[x86_64]` or `[arm64]`",
                            items.len()
                        ),
                    );
                }
                Value::Seq(items) => {
                    for (name, span) in template.possible_strings(&items[0]).unwrap_or_default() {
                        if ARCHITECTURES.contains(&name.as_str()) {
                            continue;
                        }
                        let suggestion = match lambda_name(&name) {
                            Some(known) => format!("; Lambda calls it `{known}`"),
                            None => String::new(),
                        };
                        add_value_finding(
                            report,
                            template,
                            &items[0],
                            span,
                            format!("`{name}` in `Architectures` of {who} is not `x86_64` or `arm64`{suggestion}"),
                        );
                    }
                }
                Value::String(name) => {
                    let fix = lambda_name(name).unwrap_or(name.as_str());
                    add_value_finding(
                        report,
                        template,
                        node,
                        value.span,
                        format!("`Architectures` of {who} is a string; it must be a list with one item, `[{fix}]`"),
                    );
                }
                _ => {}
            }
        }
    }
}

/// Lambda's name for an architecture written the way other tools write it.
fn lambda_name(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "arm64" | "aarch64" | "arm" | "graviton" | "arm_64" | "arm-64" => Some("arm64"),
        "x86_64" | "amd64" | "x86-64" | "x86" | "x64" | "x86_x64" | "intel" => Some("x86_64"),
        _ => None,
    }
}
