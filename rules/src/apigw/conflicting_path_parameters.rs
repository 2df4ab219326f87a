use std::collections::HashMap;

use slint_linter::model::apis::paths::{segments, DEFAULT_ROUTE};
use slint_linter::model::apis::{ApiKind, Route};
use slint_linter::Severity;

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A004",
    name: "conflicting-path-parameters",
    area: Area::ApiGateway,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "REST API paths name the parameter at one position differently (`/users/{id}`, `/users/{userId}/orders`)",
    docs: r#"
## What it does
Reports two routes of one REST API whose paths have a parameter at the same position under the
same parent, spelt differently: `/users/{id}` and `/users/{userId}/orders`, or `/files/{name}`
and `/files/{proxy+}`. Routes of every kind count: SAM events, methods, and OpenAPI paths.

## Why it matters
A REST API is a tree of resources, and a resource may have only one variable child. API
Gateway rejects the second spelling with "A sibling ({id}) of this resource already has a
variable path part -- only one is allowed", and the deployment rolls back.

## Example
```yaml
        GetUser:
          Type: Api
          Properties: {Path: /users/{id}, Method: get}
        ListOrders:
          Type: Api
          Properties: {Path: /users/{userId}/orders, Method: get}
```

## Use instead
```yaml
        ListOrders:
          Type: Api
          Properties: {Path: /users/{id}/orders, Method: get}
```

## References
- [Set up API resources](https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-create-api-resources-methods.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    for (index, api) in model.apis.apis.iter().enumerate() {
        if api.kind != ApiKind::Rest {
            continue;
        }
        // The variable child of each resource, by its parent's path shape: the first route that
        // spells it, and the spelling.
        let mut children: HashMap<String, (&Route, String)> = HashMap::new();
        for route in model.apis.routes_of(index) {
            let Some(path) = route.path.as_deref() else { continue };
            if path == DEFAULT_ROUTE {
                continue;
            }
            let mut parent = String::new();
            for segment in segments(path) {
                let variable = segment.starts_with('{') && segment.ends_with('}');
                if variable {
                    match children.get(&parent) {
                        Some((first, spelling)) if spelling != segment => {
                            let parent_shown = if parent.is_empty() { "/" } else { parent.as_str() };
                            report
                                .add(
                                    route.span(),
                                    format!(
                                        "`{}` spells the path parameter after `{parent_shown}` as `{segment}`, but `{}` spells it `{spelling}`; a REST API resource has one variable child, so API Gateway rejects the second spelling (\"A sibling ({}) of this resource already has a variable path part\") and the deployment fails. Spell it the same in every path of {}",
                                        route.key(),
                                        first.key(),
                                        spelling.trim_matches(|c| c == '{' || c == '}'),
                                        api.label()
                                    ),
                                )
                                .add_related(first.span(), format!("`{}` spells it `{spelling}`", first.key()));
                            // One finding per route is enough; the rest of its path follows the first.
                            break;
                        }
                        Some(_) => {}
                        None => {
                            children.insert(parent.clone(), (route, segment.to_owned()));
                        }
                    }
                }
                parent.push('/');
                parent.push_str(if variable { "{}" } else { segment });
            }
        }
    }
}
