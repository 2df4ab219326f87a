use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Severity;

use super::support::subject;
use crate::{Area, Context, Report, Rule};

const MAX_LAYERS: usize = 5;

pub static RULE: Rule = Rule {
    code: "L013",
    name: "too-many-layers",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3032"],
    summary: "Function uses more than Lambda's 5 layers",
    docs: r#"
## What it does
Counts a function's `Layers` after SAM Globals are merged in (SAM adds the function's own
layers after the Globals ones) and reports more than five. Layers that a condition may remove
(`!If [Cond, arn, !Ref AWS::NoValue]`) are not counted.

## Why it matters
Five layers per function is a hard limit; the deployment fails. Layers inherited from Globals
are easy to overlook when a function adds its own.

## Example
```yaml
Globals:
  Function:
    Layers: [!Ref Common, !Ref Powertools, !Ref Insights]
Resources:
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Layers: [!Ref Pandas, !Ref Numpy, !Ref Fonts]
```

## Use instead
```yaml
      Layers: [!Ref DataScience]   # one layer with pandas, numpy and the fonts
```

## References
- [Adding layers to functions](https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html)
- [Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    let mut reported = Vec::new();
    for function in functions {
        let Some(layers) = function.layers else { continue };
        let Some(count) = fewest_layers(template, layers) else { continue };
        if count <= MAX_LAYERS || reported.contains(&layers.span) {
            continue;
        }
        reported.push(layers.span);
        let from_globals = layers.as_seq().map_or(0, |items| items.iter().filter(|item| !function.declares(item)).count());
        let origin = match from_globals {
            0 => String::new(),
            n if function.declares(layers) => format!(", {n} of them from Globals"),
            _ => String::new(),
        };
        report.add(
            layers.span,
            format!(
                "{} uses {count} layers{origin}; Lambda allows at most 5 per function and the deployment fails. \
                 Merge layers, or build the dependencies into the deployment package",
                subject(layers, &[function])
            ),
        );
    }
}

/// The fewest layers the list can hold: items a condition may remove do not count.
fn fewest_layers(template: &Template, layers: &Node) -> Option<usize> {
    let possible = template.possible_values(layers)?;
    possible
        .values
        .iter()
        .map(|list| {
            list.as_seq().map(|items| {
                items.iter().filter(|item| template.possible_values(item).is_none_or(|p| !p.may_be_absent)).count()
            })
        })
        .collect::<Option<Vec<usize>>>()?
        .into_iter()
        .min()
}
