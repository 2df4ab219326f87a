use slint_linter::model::apis::{ApiDeclaration, Definition};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A006",
    name: "event-route-outside-definition",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "SAM event names a route that the API's own definition or resources do not have",
    docs: r#"
## What it does
Reports a SAM `Api` event on an API that brings its own routes — an `AWS::Serverless::Api`
with a `DefinitionBody` (and no `MergeDefinitions`), or an `AWS::ApiGateway::RestApi` — when
those routes do not include the event's method and path.

## Why it matters
SAM adds the event's route only to definitions it builds. For an API with its own definition
it adds the invoke permission and nothing else, so the function is deployed, allowed to be
called, and never called: requests get `403 Missing Authentication Token`.

## Example
```yaml
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /orders:
            get: {x-amazon-apigateway-integration: {...}}
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Create: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /orders, Method: post}}
```

## Use instead
Add `post` under `/orders` in the definition, or set `MergeDefinitions: true` on the API so
that SAM merges the events into it.

## References
- [AWS::Serverless::Api DefinitionBody and MergeDefinitions](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for route in &model.apis.events_outside_definition {
        let api = model.api(route);
        let Some(event) = route.sam_event() else { continue };
        let (what, fix) = match (api.declaration, api.definition) {
            (ApiDeclaration::Sam(_), Definition::Read(_)) => (
                "whose `DefinitionBody` has no such route",
                "add the route to the definition, or set `MergeDefinitions: true` so that SAM merges events into it",
            ),
            _ => ("whose methods are declared as resources and do not include it", "declare the method on the API"),
        };
        let diagnostic = report.add(
            route.span(),
            format!(
                "{} names `{}` on {}, {what}; SAM only adds the function's invoke permission, so API Gateway never calls it: {fix}",
                event.label(),
                route.key(),
                api.label()
            ),
        );
        if let Definition::Read(document) = api.definition {
            diagnostic.add_related(document.origin.span_in_template(document.root.span), "the API's definition");
        }
    }
}
