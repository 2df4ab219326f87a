use slint_linter::Severity;

use super::support::{capitalized, strings, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L017",
    name: "provisioned-concurrency-without-version",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Provisioned concurrency without a published version or alias to apply to",
    docs: r#"
## What it does
Reports provisioned concurrency that has no published version to keep warm:

* a SAM function with `ProvisionedConcurrencyConfig` but no `AutoPublishAlias` (set directly or
  in Globals);
* an `AWS::Lambda::Alias` with `ProvisionedConcurrencyConfig` whose `FunctionVersion` is
  `$LATEST`.

## Why it matters
Provisioned concurrency applies to a published version or an alias pointing at one, never to
`$LATEST`. SAM refuses the template ("To set ProvisionedConcurrencyConfig AutoPublishALias must
be defined on the function"); Lambda refuses the alias.

## Example
```yaml
  Checkout:
    Type: AWS::Serverless::Function
    Properties:
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
```

## Use instead
```yaml
  Checkout:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
```

## References
- [Configuring provisioned concurrency](https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html)
- [SAM AutoPublishAlias](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-autopublishalias)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for function in functions.iter().filter(|f| f.is_sam()) {
        let Some(config) = function.provisioned_concurrency else { continue };
        if function.auto_publish_alias.is_some() {
            continue;
        }
        report.add(
            config.span,
            format!(
                "{} sets `ProvisionedConcurrencyConfig` without `AutoPublishAlias`; provisioned concurrency needs a \
                 published version, and the SAM transform fails. Add `AutoPublishAlias: live` (or another alias name)",
                capitalized(&subject(config, &[function]))
            ),
        );
    }
    for alias in template.resources_of_type("AWS::Lambda::Alias") {
        let Some(config) = alias.property("ProvisionedConcurrencyConfig") else { continue };
        let Some(version) = alias.property("FunctionVersion") else { continue };
        for (value, span) in strings(template, version).unwrap_or_default() {
            if value != "$LATEST" {
                continue;
            }
            report
                .add(
                    config.span,
                    format!(
                        "alias `{}` points at `$LATEST` and sets provisioned concurrency; Lambda only provisions published \
                         versions. Point `FunctionVersion` at an `AWS::Lambda::Version` (`!GetAtt Version.Version`)",
                        alias.name
                    ),
                )
                .add_related(span, "`FunctionVersion` is `$LATEST` here");
        }
    }
}
