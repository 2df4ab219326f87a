use slint_linter::model::apis::{Api, ApiDeclaration, ApiKind};
use slint_linter::model::targets::target_of;
use slint_linter::syntax::Node;
use slint_linter::template::Template;
use slint_linter::Severity;

use super::support::{listed, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A037",
    name: "api-key-without-usage-plan",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "REST API routes require an API key, but no usage plan includes the API's stage",
    docs: r#"
## What it does
Reports a REST API with routes that require an API key when a stage of the API is in no usage
plan: no `AWS::ApiGateway::UsagePlan` lists it in `ApiStages`, and SAM's `Auth.UsagePlan` does
not create one (`CreateUsagePlan: PER_API` or `SHARED`). When a usage plan of the template
names an API or stage the model cannot resolve, nothing is reported.

## Why it matters
API Gateway accepts a key only on the stages of the usage plans the key belongs to. Without a
plan for the stage, every request is refused with `403 Forbidden`, however valid the key. A
plan created in another stack or by hand would also do; if so, suppress the finding.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ApiKeyRequired: true
```

## Use instead
```yaml
      Auth:
        ApiKeyRequired: true
        UsagePlan:
          CreateUsagePlan: PER_API
          Quota: {Limit: 10000, Period: MONTH}
```

## References
- [Usage plans and API keys for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)
- [AWS::Serverless::Api ApiUsagePlan](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiusageplan.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    if has_unresolved_plans(model.template) {
        return;
    }
    for (index, api) in model.apis.apis.iter().enumerate() {
        if api.kind != ApiKind::Rest || matches!(api.declaration, ApiDeclaration::External(_)) {
            continue;
        }
        let keyed: Vec<_> = model.apis.routes_of(index).filter(|r| r.api_key_required == Some(true)).collect();
        let Some(first) = keyed.first() else { continue };
        let Some(missing) = uncovered_stages(model.template, api) else { continue };
        if missing.is_empty() {
            continue;
        }
        let keys: Vec<String> = keyed.iter().map(|r| format!("`{}`", r.key())).collect();
        let stages: Vec<String> = missing.iter().map(|s| format!("`{s}`")).collect();
        let fix = if api.is_sam() {
            "Set `Auth.UsagePlan.CreateUsagePlan: PER_API` (or `SHARED`)"
        } else {
            "Add an `AWS::ApiGateway::UsagePlan` whose `ApiStages` include it"
        };
        let at = first.api_key_node.map_or_else(|| first.span(), |n| n.span());
        report.add(
            at,
            format!(
                "{} of {} require{} an API key, but no usage plan of this template includes stage {}: API Gateway accepts no key there and answers 403 to every request. {fix}",
                listed(&keys, 3),
                api.label(),
                if keyed.len() == 1 { "s" } else { "" },
                stages.join(", ")
            ),
        );
    }
}

/// The API's stages no usage plan covers; `None` when that cannot be told.
fn uncovered_stages(template: &Template, api: &Api) -> Option<Vec<String>> {
    if let Some(plan) = api.sam_usage_plan {
        let creates = plan.get("CreateUsagePlan")?;
        let values = template.possible_strings(creates)?;
        if values.iter().any(|(v, _)| v == "PER_API" || v == "SHARED") {
            return Some(Vec::new());
        }
    }
    let mut covered: Vec<&str> = Vec::new();
    for link in &api.usage_plans {
        let Some(stage) = link.stage else { return Some(Vec::new()) };
        match stage.as_str() {
            Some(name) => covered.push(name),
            // `!Ref Stage`, `!Ref ApiProdStage` (SAM's generated stage), a parameter: it may name
            // any stage of the API, so nothing is reported.
            None => return Some(Vec::new()),
        }
    }
    let mut missing = Vec::new();
    for stage in api.stages.iter().filter(|s| !s.incidental) {
        let name = stage.literal_name()?;
        if !covered.contains(&name) {
            missing.push(name.to_owned());
        }
    }
    Some(missing)
}

/// Whether a usage plan of the template names an API that is not a resource of it (an import, a
/// parameter), which might be any API.
fn has_unresolved_plans(template: &Template) -> bool {
    template.resources_of_type("AWS::ApiGateway::UsagePlan").any(|plan| {
        plan.property("ApiStages").and_then(Node::as_seq).unwrap_or_default().iter().any(|item| {
            item.get("ApiId")
                .and_then(|id| target_of(template, id))
                .is_none_or(|target| !template.has_resource(target.logical_id))
        })
    })
}
