use slint_linter::model::apis::{CorsForm, Located};
use slint_linter::Severity;

use super::support::{possible_bools, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A022",
    name: "cors-credentials-with-any-origin",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "CORS allows credentials for any origin (`*`)",
    docs: r#"
## What it does
Reports CORS settings that allow credentials (`AllowCredentials: true`) together with any
origin (`*`): SAM `Cors` of an `AWS::Serverless::Api` (`AllowOrigin: "'*'"`),
`CorsConfiguration` of an `AWS::Serverless::HttpApi` or `AWS::ApiGatewayV2::Api`
(`AllowOrigins: ['*']`), and `x-amazon-apigateway-cors` in an HTTP API definition. It is an
error on HTTP APIs and a warning on REST APIs.

## Why it matters
Browsers refuse a credentialed response whose `Access-Control-Allow-Origin` is `*`, so every
call that sends cookies or an `Authorization` header fails in the browser. HTTP APIs reject
the configuration outright and the deployment fails. Allowing credentials for every origin
would also let any site act with the user's session.

## Example
```yaml
      CorsConfiguration:
        AllowOrigins: ['*']
        AllowCredentials: true
```

## Use instead
```yaml
      CorsConfiguration:
        AllowOrigins: ['https://app.example.com']
        AllowCredentials: true
```

## References
- [CORS for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html)
- [CORS for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html)
- [MDN: Access-Control-Allow-Credentials](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Allow-Credentials)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let template = model.template;
    let mut seen = Vec::new();
    for api in &model.apis.apis {
        let Some(cors) = api.cors else { continue };
        let (Some(origins), Some(credentials)) = (cors.allow_origins, cors.allow_credentials) else { continue };
        if seen.contains(&origins.span()) {
            continue;
        }
        seen.push(origins.span());
        let allows_credentials = possible_bools(template, credentials.node).is_some_and(|v| v.iter().any(|(b, _)| *b));
        if !allows_credentials || !allows_any_origin(template, cors.form, origins) {
            continue;
        }
        let (severity, consequence) = match cors.form {
            CorsForm::SamRest => (Severity::Warning, "browsers refuse credentialed responses for `*`, so every call with cookies or an `Authorization` header fails"),
            _ => (Severity::Error, "HTTP APIs reject this configuration and the deployment fails"),
        };
        report
            .add_with_severity(
                severity,
                origins.span(),
                format!(
                    "CORS of {} allows credentials for any origin (`*`): {consequence}. List the allowed origins instead",
                    api.label()
                ),
            )
            .add_related(credentials.span(), "credentials are allowed here");
    }
}

/// Whether the allowed origins include `*`: SAM REST values are quoted (`"'*'"`), HTTP API
/// values are lists.
fn allows_any_origin(template: &slint_linter::template::Template, form: CorsForm, origins: Located) -> bool {
    let is_any = |text: &str| text.trim().trim_matches('\'') == "*";
    match form {
        CorsForm::SamRest => template.possible_strings(origins.node).is_some_and(|v| v.iter().any(|(t, _)| is_any(t))),
        _ => origins.node.as_seq().is_some_and(|items| {
            items.iter().any(|item| template.possible_strings(item).is_some_and(|v| v.iter().any(|(t, _)| is_any(t))))
        }),
    }
}
