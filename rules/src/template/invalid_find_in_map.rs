use slint_linter::template::ReferenceKind;
use slint_linter::{Severity, Span};

use crate::suggest::{suggest_replacement, suggestion_suffix};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T208",
    name: "invalid-find-in-map",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E1011"],
    summary: "`Fn::FindInMap` names a mapping or a literal key that does not exist",
    docs: r#"
## What it does
Reports `Fn::FindInMap` whose mapping is not in `Mappings`, and literal top-level or
second-level keys that the mapping does not have. Keys computed from parameters or pseudo
parameters (`!Ref AWS::Region`) are checked only when every value they can take is known.
A lookup with a `DefaultValue` is not reported for missing keys.

## Why it matters
A lookup that misses fails the deployment — or, when the key comes from the region, fails only
in the regions the mapping forgot, long after the template was written.

## Example
```yaml
Mappings:
  Sizes:
    prod: {Memory: 1024}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: !FindInMap [Sizes, production, Memory]
```

## Use instead
```yaml
      MemorySize: !FindInMap [Sizes, prod, Memory]
```

## References
- [Fn::FindInMap](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for reference in template.references().iter().filter(|r| r.kind == ReferenceKind::FindInMap) {
        let name = reference.target.as_ref();
        let Some(mapping) = template.mapping(name) else {
            let diagnostic = report.add(reference.span, format!("`Fn::FindInMap` names mapping `{name}`, which is not in `Mappings`"));
            suggest_replacement(diagnostic, cx.source(), name, template.mappings.iter().map(|m| m.name));
            continue;
        };
        let Some(entries) = mapping.node.as_map() else { continue };
        let Some([_, top_key, second_key, rest @ ..]) = reference.node.as_seq() else { continue };
        if !rest.is_empty() {
            continue; // a DefaultValue makes a missing key legitimate
        }
        let Some(top_keys) = template.possible_strings(top_key) else { continue };
        for (key, value_span) in top_keys {
            let Some(level) = entries.get(&key) else {
                let suggestion = suggestion_suffix(&key, entries.entries.iter().map(|e| e.key.as_str()));
                let diagnostic = report.add(top_key.span, format!("mapping `{name}` has no top-level key `{key}`{suggestion}"));
                explain_origin(diagnostic, top_key.span, value_span, &key);
                diagnostic.add_related(mapping.name_span, format!("mapping `{name}` is defined here"));
                continue;
            };
            let Some(level) = level.as_map() else { continue };
            for (second, value_span) in template.possible_strings(second_key).unwrap_or_default() {
                if level.get(&second).is_none() {
                    let suggestion = suggestion_suffix(&second, level.entries.iter().map(|e| e.key.as_str()));
                    let diagnostic =
                        report.add(second_key.span, format!("mapping `{name}` has no key `{second}` under `{key}`{suggestion}"));
                    explain_origin(diagnostic, second_key.span, value_span, &second);
                    diagnostic.add_related(mapping.name_span, format!("mapping `{name}` is defined here"));
                }
            }
        }
    }
}


/// When the key comes from elsewhere (a parameter's AllowedValues or Default), point there too.
fn explain_origin(diagnostic: &mut slint_linter::Diagnostic, key_span: Span, value_span: Span, value: &str) {
    if !key_span.contains(value_span) {
        diagnostic.add_related(value_span, format!("the key can be `{value}`, from here"));
    }
}
