use slint_linter::model::apis::{ApiDeclaration, ApiKind};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A015",
    name: "api-never-deployed",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "API with routes but no deployment (REST) or no stage (HTTP, WebSocket)",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::RestApi` that has routes (methods or a `Body`) but no
`AWS::ApiGateway::Deployment`, and an `AWS::ApiGatewayV2::Api` with routes but no stage (no
`AWS::ApiGatewayV2::Stage`, and no `Target` that creates the `$default` stage). SAM APIs
deploy themselves and are not reported.

## Why it matters
Routes are served only through a stage, and a REST API stage only exists for a deployment.
The stack deploys, the API has no invoke URL, and every call fails — often unnoticed until a
client tries it.

## Example
```yaml
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ...
```

## Use instead
```yaml
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: GetOrders
    Properties:
      RestApiId: !Ref Api
      StageName: prod
```

## References
- [Deploy a REST API](https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-deploy-api.html)
- [AWS::ApiGateway::Deployment](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-deployment.html)
- [Stages for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for (index, api) in model.apis.apis.iter().enumerate() {
        let ApiDeclaration::Resource(resource) = api.declaration else { continue };
        let routes = model.apis.routes_of(index).count();
        if routes == 0 {
            continue;
        }
        let message = match api.kind {
            ApiKind::Rest if api.deployments.is_empty() => format!(
                "{} has {routes} route{} but no `AWS::ApiGateway::Deployment`, so it has no stage and no invoke URL: every call fails. Add a deployment (with `DependsOn` on its methods) and a stage",
                api.label(),
                if routes == 1 { "" } else { "s" }
            ),
            ApiKind::Http | ApiKind::WebSocket if api.stages.is_empty() => format!(
                "{} has {routes} route{} but no stage, so nothing serves them. Add an `AWS::ApiGatewayV2::Stage` (`AutoDeploy: true`, or with a deployment)",
                api.label(),
                if routes == 1 { "" } else { "s" }
            ),
            _ => continue,
        };
        report.add(resource.name_span, message);
    }
}
