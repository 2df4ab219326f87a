use slint_linter::model::apis::paths::route_shape;
use slint_linter::model::apis::{ApiDeclaration, Definition, Route};
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

An event whose path the API serves with the same function through another route (an `ANY`
event beside a `GET` operation) is taken to be there for its permission and not reported.

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
        if reaches_function_anyway(&model, route, event.owner) {
            continue;
        }
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

/// Whether the API serves the event's path with the event's function through a route of its
/// own (`GET /` in the definition for an `ANY /` event): the event then only grants the
/// permission that route needs, which is how some templates use it.
fn reaches_function_anyway(model: &Model, event_route: &Route, function: &str) -> bool {
    let Some(path) = event_route.path.as_deref() else { return false };
    let shape = route_shape(path);
    model.apis.routes.iter().any(|route| {
        route.api == event_route.api
            && route.function() == Some(function)
            && route.path.as_deref().is_some_and(|p| route_shape(p) == shape)
            && (event_route.method.as_deref() == Some("ANY") || route.method == event_route.method)
    })
}
