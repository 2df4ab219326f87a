use slint_linter::Severity;

use super::support::{add_value_finding, by_node, numbers, show, subject};
use crate::{Area, Context, Report, Rule};

const MIN_MB: f64 = 512.0;
const MAX_MB: f64 = 10_240.0;

pub static RULE: Rule = Rule {
    code: "L003",
    name: "ephemeral-storage-out-of-range",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3034"],
    summary: "`EphemeralStorage.Size` outside Lambda's 512–10,240 MB range",
    docs: r#"
## What it does
Reports an `EphemeralStorage.Size` (the function's `/tmp`) below 512 MB or above 10,240 MB, on
SAM and CloudFormation functions, through Globals, parameters and mappings. Functions on Lambda
Managed Instances (`CapacityProviderConfig`) are only checked against the floor.

## Why it matters
The range is a hard limit: CloudFormation rejects the function. 512 MB is also the default, so
a smaller value is always a mistake.

## Example
```yaml
      EphemeralStorage:
        Size: 20480
```

## Use instead
```yaml
      EphemeralStorage:
        Size: 10240   # or stream large files to S3 or mount EFS
```

## References
- [AWS::Lambda::Function EphemeralStorage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-ephemeralstorage.html)
- [Configure ephemeral storage](https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.ephemeral_storage) {
        let Some(values) = numbers(template, node) else { continue };
        let standard: Vec<_> = group.iter().copied().filter(|f| f.capacity_provider.is_none()).collect();
        for candidate in &values {
            let message = if candidate.value < MIN_MB {
                format!(
                    "`EphemeralStorage.Size` of {} MB on {} is below Lambda's minimum (and default) of 512 MB; CloudFormation rejects the function",
                    show(candidate.value),
                    subject(node, &group)
                )
            } else if candidate.value > MAX_MB && !standard.is_empty() {
                format!(
                    "`EphemeralStorage.Size` of {} MB on {} is above Lambda's maximum of 10,240 MB; CloudFormation rejects the function. \
                     Keep large files in S3 or on an EFS mount",
                    show(candidate.value),
                    subject(node, &standard)
                )
            } else {
                continue;
            };
            add_value_finding(report, template, node, candidate.span, message);
        }
    }
}
