use slint_linter::model::apis::{CorsForm, Located};
use slint_linter::{Edit, Fix, Severity};

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A023",
    name: "sam-cors-value-unquoted",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "SAM `Cors` value not wrapped in single quotes inside the string (`'*'` instead of `\"'*'\"`)",
    docs: r#"
## What it does
Reports a value of SAM `Cors` on an `AWS::Serverless::Api` — the `Cors` string itself, or
`AllowOrigin`, `AllowHeaders`, `AllowMethods` — that is not wrapped in single quotes inside
the string. In YAML, `AllowOrigin: '*'` is the string `*`; SAM needs the string `'*'`, written
`"'*'"`.

## Why it matters
SAM copies these values into the CORS mock integration as response mapping values, where a
quoted string is a literal and anything else is an expression. API Gateway rejects the
unquoted value ("Invalid mapping expression specified: *") and the deployment fails.

## Example
```yaml
      Cors:
        AllowOrigin: '*'
        AllowHeaders: Content-Type,Authorization
```

## Use instead
```yaml
      Cors:
        AllowOrigin: "'*'"
        AllowHeaders: "'Content-Type,Authorization'"
```

## References
- [AWS::Serverless::Api CorsConfiguration](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen = Vec::new();
    for api in &model.apis.apis {
        let Some(cors) = api.cors.filter(|c| c.form == CorsForm::SamRest) else { continue };
        let values: [(&str, Option<Located>); 3] = if cors.node.node.as_map().is_some() {
            [
                ("AllowOrigin", cors.allow_origins),
                ("AllowHeaders", cors.allow_headers),
                ("AllowMethods", cors.allow_methods),
            ]
        } else {
            [("Cors", cors.allow_origins), ("", None), ("", None)]
        };
        for (key, value) in values {
            let Some(value) = value else { continue };
            if seen.contains(&value.span()) {
                continue;
            }
            seen.push(value.span());
            let Some(strings) = model.template.possible_strings(value.node) else { continue };
            for (text, span) in strings {
                if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
                    continue;
                }
                let diagnostic = report.add(
                    value.span(),
                    format!(
                        "`{key}` of {} is `{text}`; SAM needs the value quoted inside the string, `\"'{text}'\"`, or API Gateway rejects it as a mapping expression and the deployment fails",
                        api.label()
                    ),
                );
                let literal = value.node.as_str().is_some() && value.node.span.contains(span);
                if literal && !text.contains(['"', '\\', '\'']) {
                    diagnostic.fix = Some(Fix {
                        title: format!("quote the value: \"'{text}'\""),
                        edits: vec![Edit { span: value.node.span, replacement: format!("\"'{text}'\"") }],
                    });
                }
            }
        }
    }
}
