use slint_linter::model::target_of;
use slint_linter::syntax::{Node, Value};
use slint_linter::template::{sub_variables, Template};
use slint_linter::Severity;

use super::support::{add_value_finding, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L014",
    name: "layer-arn-format",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3031"],
    summary: "Function layer is not a layer version ARN",
    docs: r#"
## What it does
Checks each entry of a function's `Layers` that is written out (a literal, a parameter's values,
or an `Fn::Sub` whose variables stand for whole ARN parts) against the shape of a layer version
ARN, `arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION`. It reports a missing version number
(the most common mistake), a layer name used instead of an ARN, and ARNs of other services.
`!Ref` to a layer version of the template is always right and is not checked.

## Why it matters
Lambda attaches a specific version of a layer; an ARN without the version, or anything else,
makes the deployment fail.

## Example
```yaml
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils
```

## Use instead
```yaml
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:7
```

## References
- [Adding layers to functions](https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html)
- [AWS::Lambda::Function Layers](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html#cfn-lambda-function-layers)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut reported = Vec::new();
    for function in functions {
        let Some(items) = function.layers.and_then(Node::as_seq) else { continue };
        for item in items {
            if reported.contains(&item.span) {
                continue;
            }
            for (text, span) in written_arns(template, item) {
                let Some(problem) = problem(&text) else { continue };
                reported.push(item.span);
                add_value_finding(
                    report,
                    template,
                    item,
                    span,
                    format!("layer `{text}` of {} {problem}", subject(item, &[function])),
                );
            }
        }
    }
}

/// The texts a layer entry can be, with `${...}` variables kept as they are; nothing for a
/// reference to a resource or a value that cannot be known.
fn written_arns(template: &Template, item: &Node) -> Vec<(String, slint_linter::Span)> {
    if let Some(target) = target_of(template, item) {
        if template.has_resource(target.logical_id) {
            return Vec::new();
        }
    }
    if let Some(("Fn::Sub", args)) = item.intrinsic() {
        let text = match &args.value {
            Value::String(text) => Some(text.as_str()),
            Value::Seq(items) => items.first().and_then(Node::as_str),
            _ => None,
        };
        return text.map(|t| vec![(t.to_owned(), item.span)]).unwrap_or_default();
    }
    template.possible_strings(item).unwrap_or_default()
}

/// What is wrong with a layer ARN; `${...}` variables stand for any one part.
fn problem(text: &str) -> Option<String> {
    let mut blanked = String::new();
    let mut last = 0;
    for variable in sub_variables(text) {
        blanked.push_str(&text[last..variable.start]);
        blanked.push('\u{0}');
        last = variable.end;
    }
    blanked.push_str(&text[last..]);
    let parts: Vec<&str> = blanked.split(':').collect();
    let is_variable = |part: &str| part.contains('\u{0}');
    if parts.first() != Some(&"arn") {
        return Some(
            "is not an ARN; layers are attached by version ARN (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`) \
             or by `!Ref` to a layer version of the template"
                .to_owned(),
        );
    }
    if parts.get(2).is_some_and(|service| *service != "lambda" && !is_variable(service)) {
        return Some(format!("is an ARN of `{}`, not of a Lambda layer version", parts[2]));
    }
    // AWS-managed layers: arn:aws:lambda:::awslayer:NAME
    if parts.len() == 7 && parts[5] == "awslayer" {
        return None;
    }
    if parts.get(5).is_some_and(|kind| *kind != "layer" && !is_variable(kind)) {
        return Some(format!("names a Lambda `{}`, not a layer version", parts[5]));
    }
    match parts.len() {
        7 => Some(
            "has no version number; Lambda attaches one version of a layer, so the ARN must end in `:VERSION` \
             (for example `:3`) and the deployment fails without it"
                .to_owned(),
        ),
        8 if parts[7].parse::<u64>().is_err() && !is_variable(parts[7]) => Some(format!(
            "ends in `{}`, which is not a version number; the last part of a layer version ARN is its version",
            parts[7]
        )),
        8 => None,
        _ if parts.iter().any(|p| is_variable(p)) => None,
        _ => Some("is not a layer version ARN (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn layer_arn_shapes() {
        assert!(problem("arn:aws:lambda:us-east-1:123456789012:layer:utils:3").is_none());
        assert!(problem("arn:${AWS::Partition}:lambda:${AWS::Region}:580247275435:layer:LambdaInsightsExtension:14").is_none());
        assert!(problem("arn:aws:lambda:${AWS::Region}:123456789012:layer:utils:${Version}").is_none());
        assert!(problem("arn:aws:lambda:::awslayer:AmazonLinux1703").is_none());
        assert!(problem("arn:aws:lambda:us-east-1:123456789012:layer:utils").unwrap().contains("no version"));
        assert!(problem("utils").unwrap().contains("not an ARN"));
        assert!(problem("arn:aws:s3:::bucket/layer.zip").is_some());
        assert!(problem("arn:aws:lambda:us-east-1:123456789012:function:utils:3").unwrap().contains("function"));
        assert!(problem("arn:aws:lambda:us-east-1:123456789012:layer:utils:latest").unwrap().contains("latest"));
    }
}
