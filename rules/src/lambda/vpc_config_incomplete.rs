use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Severity;

use super::support::{by_node, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L020",
    name: "vpc-config-incomplete",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Function `VpcConfig` with subnets but no security groups, or the reverse",
    docs: r#"
## What it does
Reports a function `VpcConfig` that lists subnets but no security groups, or security groups
but no subnets (left out, or an empty list). Both lists empty is how a function is taken out of
a VPC and is not reported. Lists that come from parameters are checked with their values;
lists that cannot be known are not.

## Why it matters
Lambda creates a network interface per subnet and security group pair; it needs at least one
of each and rejects the configuration otherwise.

## Example
```yaml
      VpcConfig:
        SubnetIds: [subnet-0a1b2c, subnet-3d4e5f]
```

## Use instead
```yaml
      VpcConfig:
        SubnetIds: [subnet-0a1b2c, subnet-3d4e5f]
        SecurityGroupIds: [!Ref FunctionSecurityGroup]
```

## References
- [Giving Lambda functions access to resources in a VPC](https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html)
- [VpcConfig](https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html)
"#,
    check,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Count {
    None,
    Some,
    Unknown,
}

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.vpc_config) {
        let Some(possible) = template.possible_values(node) else { continue };
        for config in &possible.values {
            if config.as_map().is_none() {
                continue;
            }
            let subnets = count(template, config.get("SubnetIds"));
            let groups = count(template, config.get("SecurityGroupIds"));
            let (present, missing) = match (subnets, groups) {
                (Count::Some, Count::None) => ("subnets", "SecurityGroupIds"),
                (Count::None, Count::Some) => ("security groups", "SubnetIds"),
                _ => continue,
            };
            report.add(
                config.span,
                format!(
                    "`VpcConfig` of {} lists {present} but no `{missing}`; Lambda needs at least one subnet and one security \
                     group to attach the function to a VPC, and rejects the configuration",
                    subject(node, &group)
                ),
            );
        }
    }
}

/// Whether a list of ids is certainly empty (or absent), certainly not, or cannot be known.
fn count(template: &Template, list: Option<&Node>) -> Count {
    let Some(list) = list else { return Count::None };
    let Some(possible) = template.possible_values(list) else { return Count::Unknown };
    let lengths: Option<Vec<usize>> =
        possible.values.iter().map(|v| v.as_seq().map(|items| items.iter().filter(|i| !is_blank(i)).count())).collect();
    match lengths {
        Some(lengths) if !lengths.is_empty() && lengths.iter().all(|n| *n == 0) => Count::None,
        Some(lengths) if !lengths.is_empty() && lengths.iter().all(|n| *n > 0) && !possible.may_be_absent => Count::Some,
        Some(lengths) if lengths.is_empty() && possible.may_be_absent => Count::None,
        _ => Count::Unknown,
    }
}

/// An empty string in a list parameter's default (`""` splits into one blank item).
fn is_blank(item: &Node) -> bool {
    item.as_str().is_some_and(|s| s.trim().is_empty())
}
