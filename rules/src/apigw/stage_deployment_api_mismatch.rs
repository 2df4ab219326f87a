use slint_linter::model::targets::target_of;
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A014",
    name: "stage-deployment-api-mismatch",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &["E3698"],
    summary: "Stage whose `DeploymentId` is a deployment of another API",
    docs: r#"
## What it does
Reports an `AWS::ApiGateway::Stage` (or `AWS::ApiGatewayV2::Stage`) whose `DeploymentId`
names a deployment of a different API than the stage's own `RestApiId` (`ApiId`).

## Why it matters
A stage serves one deployment of its own API. API Gateway rejects a deployment of another API
("Invalid deployment identifier specified") and the stack rolls back. The mismatch usually
comes from copying a stage and changing only one of the two references.

## Example
```yaml
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref OrdersApi
      DeploymentId: !Ref UsersDeployment   # a deployment of UsersApi
```

## Use instead
```yaml
      DeploymentId: !Ref OrdersDeployment
```

## References
- [AWS::ApiGateway::Stage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html)
- [AWS::ApiGatewayV2::Stage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for (stage_type, deployment_type, key) in [
        ("AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "RestApiId"),
        ("AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Deployment", "ApiId"),
    ] {
        for stage in template.resources_of_type(stage_type) {
            let (Some(api), Some(deployment_id)) = (stage.property(key), stage.property("DeploymentId")) else {
                continue;
            };
            let Some(deployment_target) = target_of(template, deployment_id) else { continue };
            let Some(deployment) = template.resource(deployment_target.logical_id) else { continue };
            if deployment.type_name != Some(deployment_type) {
                continue;
            }
            let Some(deployment_api) = deployment.property(key) else { continue };
            let (Some(stage_api_target), Some(deployment_api_target)) =
                (target_of(template, api), target_of(template, deployment_api))
            else {
                continue;
            };
            if stage_api_target.logical_id == deployment_api_target.logical_id {
                continue;
            }
            report
                .add(
                    api.span,
                    format!(
                        "stage `{}` belongs to `{}`, but its `DeploymentId` names `{}`, a deployment of `{}`; a stage can only serve a deployment of its own API, so the deployment fails",
                        stage.name, stage_api_target.logical_id, deployment.name, deployment_api_target.logical_id
                    ),
                )
                .add_related(deployment_api.span, format!("`{}` deploys `{}`", deployment.name, deployment_api_target.logical_id));
        }
    }
}
