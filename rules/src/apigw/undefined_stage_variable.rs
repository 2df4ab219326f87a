use slint_linter::model::apis::{stage_variables, Located};
use slint_linter::syntax::{Node, Value};
use slint_linter::Severity;

use super::support::{listed, Model};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A016",
    name: "undefined-stage-variable",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "`${stageVariables.name}` in an integration or authorizer that a stage of the API does not define",
    docs: r#"
## What it does
Reports a `${stageVariables.name}` reference in an integration URI (or an authorizer's URI)
when a stage of the API does not define `name` in its `Variables` (REST) or `StageVariables`
(HTTP). Stages whose variables are not written out, and APIs whose stages are not in the
template, are not judged.

## Why it matters
API Gateway substitutes the variable per stage at request time. On a stage without it the
URI has an empty piece: the Lambda ARN or URL is wrong, and requests fail with a 500 while
other stages work — the classic "works in dev, fails in prod".

## Example
```yaml
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders.Arn}:${!stageVariables.alias}/invocations
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      Variables: {version: '2'}
```

## Use instead
```yaml
      Variables: {alias: live}
```

## References
- [Use stage variables for a REST API](https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html)
- [Stage variables for HTTP APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.stage-variables.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for (index, api) in model.apis.apis.iter().enumerate() {
        if api.stages.is_empty() || !api.routes_are_known() {
            continue;
        }
        let mut uses: Vec<(Located, String)> = Vec::new();
        for route in model.apis.routes_of(index) {
            if let Some(uri) = route.integration.as_ref().and_then(|i| i.uri) {
                uses.push((uri, format!("the integration URI of {}", route.label())));
            }
        }
        for authorizer in &api.authorizers {
            if let Some(uri) = authorizer.function_node {
                uses.push((authorizer.locate(uri), format!("the URI of authorizer `{}`", authorizer.name)));
            }
        }
        let mut reported: Vec<(slint_linter::Span, String)> = Vec::new();
        for (uri, whose) in uses {
            for text in strings_in(uri.node) {
                for (name, _) in stage_variables(text) {
                    if reported.iter().any(|(span, n)| *span == uri.span() && n == name) {
                        continue;
                    }
                    let mut missing = Vec::new();
                    let mut judged = true;
                    for stage in api.stages.iter().filter(|s| !s.incidental) {
                        match defines(stage.variables, name) {
                            Some(true) => {}
                            Some(false) => missing.push(stage),
                            None => judged = false,
                        }
                    }
                    if !judged || missing.is_empty() {
                        continue;
                    }
                    reported.push((uri.span(), name.to_owned()));
                    let names: Vec<String> = missing.iter().map(|s| s.label()).collect();
                    let diagnostic = report.add(
                        uri.span(),
                        format!(
                            "{whose} uses `${{stageVariables.{name}}}`, which {} of {} does not define; there the URI has an empty piece and requests fail with 500",
                            listed(&names, 3),
                            api.label()
                        ),
                    );
                    for stage in missing.iter().take(3) {
                        let at = stage.variables.map(|v| v.span).or_else(|| stage.span());
                        if let Some(at) = at {
                            diagnostic.add_related(at, format!("{} defines no `{name}`", stage.label()));
                        }
                    }
                }
            }
        }
    }
}

/// Every string inside a URI node (a literal, a `Fn::Sub` text, the parts of an `Fn::Join`).
fn strings_in(node: &Node) -> Vec<&str> {
    let mut out = Vec::new();
    node.walk(&mut |n: &Node| {
        if let Value::String(text) = &n.value {
            out.push(text.as_str());
        }
    });
    out
}

/// Whether a stage's variables define `name`; `None` when they cannot be read.
fn defines(variables: Option<&Node>, name: &str) -> Option<bool> {
    let Some(variables) = variables else { return Some(false) };
    if variables.intrinsic().is_some() {
        return None;
    }
    let map = variables.as_map()?;
    if map.entries.iter().any(|e| e.key.starts_with("Fn::")) {
        return None;
    }
    Some(map.get(name).is_some())
}
