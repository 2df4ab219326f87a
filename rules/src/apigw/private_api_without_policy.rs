use slint_linter::model::apis::{ApiDeclaration, ApiKind};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A020",
    name: "private-api-without-policy",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Private REST API without a resource policy",
    docs: r#"
## What it does
Reports a REST API whose endpoint type is `PRIVATE` (`EndpointConfiguration`, SAM's string or
`Type`, CloudFormation's `Types`) when it has no resource policy: no `Policy` on
`AWS::ApiGateway::RestApi`, no `Policy` or `Auth.ResourcePolicy` on `AWS::Serverless::Api`, and no
`x-amazon-apigateway-policy` in its definition. Each value a parameter or condition can give
the endpoint type is checked.

## Why it matters
A private API is reachable only through VPC endpoints that its resource policy allows, and
API Gateway refuses to deploy a private API without one: the stack fails at the deployment,
or the API exists and no one can call it.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration:
        Type: PRIVATE
        VPCEndpointIds: [!Ref ApiEndpoint]
```

## Use instead
```yaml
      Auth:
        ResourcePolicy:
          SourceVpcWhitelist: [!Ref Vpc]
```

## References
- [Private REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html)
- [Create and attach a resource policy](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for api in &model.apis.apis {
        if api.kind != ApiKind::Rest
            || matches!(api.declaration, ApiDeclaration::External(_))
            || api.resource_policy.is_some()
        {
            continue;
        }
        if !api.routes_are_known() {
            continue; // the unread definition may carry the policy
        }
        let Some(types) = api.endpoint_types(model.template) else { continue };
        let Some((_, value_span)) = types.iter().find(|(t, _)| t == "PRIVATE") else { continue };
        // Report at the property; a value written elsewhere (a parameter) is pointed at too.
        let span = api.endpoint_types_node().map_or(*value_span, |n| n.span);
        let fix = if api.is_sam() {
            "add `Auth.ResourcePolicy` (for example `SourceVpcWhitelist`)"
        } else {
            "add a `Policy` that allows `execute-api:Invoke` from your VPC endpoints"
        };
        let diagnostic = report.add(
            span,
            format!("{} is private but has no resource policy; API Gateway will not deploy a private API without one: {fix}", api.label()),
        );
        if !span.contains(*value_span) {
            diagnostic.add_related(*value_span, crate::lambda::support::value_origin(model.template, *value_span));
        }
    }
}
