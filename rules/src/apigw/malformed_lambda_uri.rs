use slint_linter::model::apis::{uri_shape, ApiKind, IntegrationKind, Located, UriShape, LAMBDA_PATH_VERSION};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A008",
    name: "malformed-lambda-integration-uri",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Lambda integration or authorizer URI that is not `arn:…:apigateway:…:lambda:path/2015-03-31/functions/…/invocations`",
    docs: r#"
## What it does
Reports the URI of a Lambda integration or a Lambda authorizer that does not have the shape
API Gateway invokes Lambda through:
`arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/<function ARN>/invocations`.
The usual mistakes are the function's own ARN (`!GetAtt Fn.Arn`) where a REST API or an
authorizer needs the invocation URI, a missing `/invocations`, and another API version than
`2015-03-31`. HTTP API integrations may use the function ARN itself; that is not reported.

## Why it matters
CloudFormation fails to create the method, integration or authorizer ("Invalid ARN specified
in the request", "AWS ARN for integration must contain path or action"), or the route deploys
and every request fails with a 500.

## Example
```yaml
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !GetAtt Orders.Arn
```

## Use instead
```yaml
        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders.Arn}/invocations
```

## References
- [Set up Lambda proxy integrations](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html)
- [AWS::ApiGateway::Authorizer AuthorizerUri](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-authorizer.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in &model.apis.routes {
        let api = model.api(route);
        let Some(integration) = &route.integration else { continue };
        if integration.is_written_by_sam()
            || !matches!(integration.kind, IntegrationKind::AwsProxy | IntegrationKind::Aws)
        {
            continue;
        }
        let Some(uri) = integration.uri else { continue };
        let subject = format!("the integration URI of {}", route.label());
        match uri_shape(model.template, model.functions, uri.node) {
            UriShape::FunctionArn if api.kind != ApiKind::Http => {
                report_function_arn(report, uri, &subject, "a REST or WebSocket API integration");
            }
            UriShape::MalformedLambdaPath => report_malformed(report, uri, &subject),
            _ => {}
        }
    }
    for api in &model.apis.apis {
        for authorizer in api.authorizers.iter().filter(|a| !a.is_sam() && a.kind.is_lambda()) {
            let Some(node) = authorizer.function_node else { continue };
            let uri = authorizer.locate(node);
            let subject = format!("the URI of authorizer `{}`", authorizer.name);
            match uri_shape(model.template, model.functions, node) {
                UriShape::FunctionArn => report_function_arn(report, uri, &subject, "a Lambda authorizer"),
                UriShape::MalformedLambdaPath => report_malformed(report, uri, &subject),
                _ => {}
            }
        }
    }
}

fn report_function_arn(report: &mut Report, uri: Located, subject: &str, what: &str) {
    report.add(
        uri.span(),
        format!(
            "{subject} is the function's ARN; {what} needs the invocation URI `arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/{LAMBDA_PATH_VERSION}/functions/<function ARN>/invocations`, and API Gateway rejects the ARN alone"
        ),
    );
}

fn report_malformed(report: &mut Report, uri: Located, subject: &str) {
    report.add(
        uri.span(),
        format!(
            "{subject} invokes Lambda but is not `…:lambda:path/{LAMBDA_PATH_VERSION}/functions/<function ARN>/invocations`; API Gateway rejects it or cannot call the function"
        ),
    );
}
