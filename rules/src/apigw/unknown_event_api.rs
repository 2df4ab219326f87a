use slint_linter::model::apis::ApiKind;
use slint_linter::model::targets::target_of;
use slint_linter::syntax::Node;
use slint_linter::Severity;

use super::support::{kind_article, Model};
use crate::suggest::suggestion_suffix;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A001",
    name: "unknown-event-api",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "SAM `Api`/`HttpApi` event whose `RestApiId`/`ApiId` names no API of the right kind",
    docs: r#"
## What it does
Reports a SAM `Api` event whose `RestApiId`, or an `HttpApi` event whose `ApiId`, does not name
an API of the same template that the event can use: a name that is not in the template, a
parameter or `Fn::ImportValue` (SAM needs the logical id), a resource that is not an API, or an
API of the other kind (`Api` events go on REST APIs, `HttpApi` events on HTTP APIs).

## Why it matters
The SAM transform resolves the reference itself and stops with "RestApiId must be a valid
reference to an 'AWS::Serverless::Api' resource in same template"; nothing deploys. When the
reference names an API of the other kind, the route lands in a definition written for another
API type, if anywhere.

## Example
```yaml
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref OrderApi
            Path: /orders
            Method: get
```

## Use instead
```yaml
            RestApiId: !Ref OrdersApi
```

## References
- [Api event source](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html)
- [HttpApi event source](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let template = model.template;
    for unresolved in &model.apis.unresolved_events {
        let (key, event_type) = match unresolved.kind {
            ApiKind::Rest => ("RestApiId", "Api"),
            _ => ("ApiId", "HttpApi"),
        };
        let wanted = match unresolved.kind {
            ApiKind::Rest => "an `AWS::Serverless::Api` (or `AWS::ApiGateway::RestApi`)",
            _ => "an `AWS::Serverless::HttpApi` (or `AWS::ApiGatewayV2::Api`)",
        };
        let candidates: Vec<&str> = model
            .apis
            .apis
            .iter()
            .filter(|a| a.kind == unresolved.kind && a.resource().is_some())
            .map(|a| a.id.as_str())
            .collect();
        let event = unresolved.event.label();
        let reference = unresolved.reference;
        let name = match reference.intrinsic() {
            Some(("Ref", name)) => name.as_str(),
            Some(_) => None,
            None => reference.as_str(),
        };
        let problem = match name {
            Some(name) => match template.resource(name) {
                Some(resource) => {
                    let type_name = resource.type_name.unwrap_or("resource without a type");
                    match model.apis.api(name) {
                        Some(api) if api.kind != unresolved.kind => format!(
                            "names `{name}`, {} ({type_name}); `{event_type}` events need {}. Use an `{}` event for it",
                            kind_article(api.kind),
                            kind_article(unresolved.kind),
                            if api.kind == ApiKind::Rest { "Api" } else { "HttpApi" },
                        ),
                        _ => format!("names `{name}`, which is an `{type_name}` resource, not an API; it needs {wanted}"),
                    }
                }
                None if template.parameter(name).is_some() => format!(
                    "names parameter `{name}`; SAM needs the logical id of {wanted} in this template and fails the transform"
                ),
                None => format!(
                    "names `{name}`, which is not a resource of this template; SAM fails the transform{}",
                    suggestion_suffix(name, candidates.iter().copied())
                ),
            },
            None => describe_other(reference, wanted),
        };
        let span = target_of(template, reference).map_or(reference.span, |t| t.span);
        report.add(span, format!("`{key}` of {event} {problem}"));
    }
}

fn describe_other(reference: &Node, wanted: &str) -> String {
    match reference.intrinsic() {
        Some((function, _)) => format!(
            "is an `{function}`; SAM only follows `!Ref` to {wanted} of the same template, and fails the transform on anything else"
        ),
        None => format!("is not the logical id of {wanted}; SAM fails the transform"),
    }
}
