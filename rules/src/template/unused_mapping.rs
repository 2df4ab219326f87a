use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T303",
    name: "unused-mapping",
    area: Area::Template,
    severity: Severity::Warning,
    cfn_lint: &["W7001"],
    summary: "A mapping that no `Fn::FindInMap` reads",
    docs: r#"
## What it does
Reports mappings of the `Mappings` section that no `Fn::FindInMap` names. A `Fn::FindInMap`
whose mapping name comes from a parameter counts for every mapping the parameter can name, and
for all of them when that cannot be known. Templates that run a macro (`AWS::Include`,
`Fn::Transform` or a custom transform) are skipped.

## Why it matters
A mapping only matters through `Fn::FindInMap`. One that nothing reads is dead configuration:
someone updating, say, an AMI id or an account id per region edits it and nothing changes.

## Example
```yaml
Mappings:
  StageConfig:
    dev: {MemorySize: 512}
    prod: {MemorySize: 2048}
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 1024
```

## Use instead
```yaml
Mappings:
  StageConfig:
    dev: {MemorySize: 512}
    prod: {MemorySize: 2048}
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: !FindInMap [StageConfig, !Ref Stage, MemorySize]
```

## References
- [Mappings](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html)
- [Fn::FindInMap](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    if template.mappings.is_empty() {
        return;
    }
    let Some(usage) = cx.usage() else { return };
    if usage.has_macro {
        return;
    }
    for mapping in &template.mappings {
        if usage.uses_mapping(mapping.name) {
            continue;
        }
        let name = mapping.name;
        report.add(
            mapping.name_span,
            format!(
                "mapping `{name}` is never used: no `Fn::FindInMap` reads it, so changing its values changes nothing; \
                 read it with `!FindInMap [{name}, <key>, <key>]` where it was meant to be used, or remove it"
            ),
        );
    }
}
