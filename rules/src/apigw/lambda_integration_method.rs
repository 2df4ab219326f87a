use slint_linter::model::apis::{uri_shape, ApiKind, IntegrationKind, UriShape};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A007",
    name: "lambda-integration-method-not-post",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Lambda integration whose `IntegrationHttpMethod` is not POST, or missing",
    docs: r#"
## What it does
Reports a REST or WebSocket API integration that invokes a Lambda function (`AWS_PROXY`, or
`AWS` with a Lambda URI) with an `IntegrationHttpMethod` (`httpMethod` in OpenAPI,
`IntegrationMethod` for WebSocket) other than `POST`, or (REST) without one. The method of the route
itself (`GET`, `DELETE`, …) is unrelated and may be anything.

## Why it matters
API Gateway calls Lambda's `Invoke` API, which only accepts `POST`. With `GET` the route
deploys and every request fails with a 500 "Internal server error" (the execution log says
"Execution failed due to configuration error: Invalid permissions on Lambda function" or a
405 from Lambda). Without a method, CloudFormation rejects the integration.

## Example
```yaml
  GetOrder:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: GET
        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders.Arn}/invocations
```

## Use instead
```yaml
        IntegrationHttpMethod: POST
```

## References
- [Set up Lambda proxy integrations](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html)
- [AWS::ApiGateway::Method Integration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-method-integration.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in &model.apis.routes {
        let api = model.api(route);
        if api.kind == ApiKind::Http {
            continue;
        }
        let Some(integration) = &route.integration else { continue };
        if integration.is_written_by_sam()
            || !matches!(integration.kind, IntegrationKind::AwsProxy | IntegrationKind::Aws)
        {
            continue;
        }
        let invokes_lambda = integration.function.is_some()
            || integration
                .uri
                .is_some_and(|uri| uri_shape(model.template, model.functions, uri.node) == UriShape::LambdaInvocation);
        if !invokes_lambda {
            continue;
        }
        let target = integration.function.map_or_else(|| "a Lambda function".to_owned(), |f| format!("function `{f}`"));
        match integration.http_method {
            Some(method) => {
                let Some(values) = model.template.possible_strings(method.node) else { continue };
                for (value, span) in values.iter().filter(|(v, _)| !v.eq_ignore_ascii_case("POST")) {
                    let diagnostic = report.add(
                        method.span(),
                        format!(
                            "the integration of {} calls {target} with `{value}`; Lambda is invoked with POST whatever the route's method, so every request fails with 500",
                            route.label()
                        ),
                    );
                    if !method.node.span.contains(*span) && method.origin.is_template() {
                        diagnostic.add_related(*span, "the method comes from here");
                    }
                }
            }
            // WebSocket APIs invoke Lambda with POST when the method is left out.
            None if api.kind == ApiKind::WebSocket => {}
            None => {
                let at = integration.type_node.or(integration.node).map_or_else(|| route.span(), |n| n.span());
                report.add(
                    at,
                    format!(
                        "the `{}` integration of {} calls {target} but sets no integration method; Lambda integrations need `POST`, and API Gateway rejects the integration without one",
                        integration.kind.describe(),
                        route.label()
                    ),
                );
            }
        }
    }
}
