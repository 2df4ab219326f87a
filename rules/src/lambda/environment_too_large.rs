use slint_linter::syntax::{Entry, Node};
use slint_linter::template::Template;
use slint_linter::Severity;

use super::support::{by_node, show, subject};
use crate::{Area, Context, Report, Rule};

/// 4 KB for all of a function's variables together.
const LIMIT_BYTES: usize = 4096;

pub static RULE: Rule = Rule {
    code: "L004",
    name: "environment-too-large",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3697"],
    summary: "Function environment variables larger than Lambda's 4 KB total",
    docs: r#"
## What it does
Adds up the names and values of a function's `Environment.Variables` (after SAM Globals are
merged in) and reports the function when the total is above 4 KB (4,096 bytes). Values computed
by intrinsic functions count with their shortest known value (a parameter's shortest allowed
value), or as empty when they cannot be known, so a reported total is always a lower bound.

## Why it matters
4 KB for all variables together is a hard limit: CloudFormation fails to create or update the
function. Large values (certificates, JSON documents, long lists) belong in SSM Parameter Store,
Secrets Manager, AppConfig or S3, read when the function starts.

## Example
```yaml
      Environment:
        Variables:
          CA_BUNDLE: "-----BEGIN CERTIFICATE----- ... (5 KB) ..."
```

## Use instead
```yaml
      Environment:
        Variables:
          CA_BUNDLE_PARAMETER: /prod/orders/ca-bundle
```

## References
- [Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
- [Working with Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut reported = Vec::new();
    for (node, group) in by_node(functions, |f| f.environment) {
        let Some(sizes) = smallest_sizes(template, node) else { continue };
        let total: usize = sizes.iter().map(|(_, size)| size).sum();
        let Some((largest, largest_size)) = sizes.iter().max_by_key(|(_, size)| *size) else { continue };
        if total <= LIMIT_BYTES || reported.contains(&largest.key_span) {
            continue;
        }
        reported.push(largest.key_span);
        report.add(
            largest.key_span,
            format!(
                "the environment variables of {} take at least {} bytes (names plus values), the largest being `{}` \
                 ({} bytes); Lambda allows 4 KB (4,096 bytes) in total and CloudFormation fails to deploy the function. \
                 Move large values to SSM Parameter Store, Secrets Manager or S3 and read them at startup",
                subject(node, &group),
                show(total as f64),
                largest.key,
                show(*largest_size as f64)
            ),
        );
    }
}

/// Each variable with the fewest bytes it can take: its name plus its shortest possible value
/// (nothing for a value that cannot be known).
fn smallest_sizes<'n>(template: &Template, variables: &'n Node) -> Option<Vec<(&'n Entry, usize)>> {
    let map = variables.as_map()?;
    let sizes = map
        .entries
        .iter()
        .map(|entry| {
            let shortest = template
                .possible_values(&entry.value)
                .filter(|possible| !possible.may_be_absent)
                .and_then(|possible| possible.values.iter().map(|v| v.as_scalar_string().map(|s| s.len())).min().flatten())
                .unwrap_or(0);
            (entry, entry.key.len() + shortest)
        })
        .collect();
    Some(sizes)
}
