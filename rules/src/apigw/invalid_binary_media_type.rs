use slint_linter::{Severity, Span};

use super::support::Model;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "A021",
    name: "invalid-binary-media-type",
    area: Area::ApiGateway,
    severity: Severity::Warning,
    cfn_lint: &[],
    summary: "Binary media type that is not a `type/subtype` media type",
    docs: r#"
## What it does
Reports an entry of `BinaryMediaTypes` (on `AWS::ApiGateway::RestApi` or SAM
`AWS::Serverless::Api`) or `x-amazon-apigateway-binary-media-types` that is not one media
type `type/subtype` — wildcards such as `image/*` and `*/*` are fine, as is SAM's `~1`
spelling of the slash (`image~1png`). Typical mistakes are a bare extension (`png`) and
several types in one string (`image/png, image/jpeg`).

## Why it matters
API Gateway compares the request's `Content-Type` and `Accept` headers against each entry as
a media type. An entry that is not one never matches, so the payloads it was meant for are
mangled as UTF-8 text — corrupted images and PDFs — with no error anywhere.

## Example
```yaml
      BinaryMediaTypes:
        - png
        - image/jpeg, image/gif
```

## Use instead
```yaml
      BinaryMediaTypes:
        - image/png
        - image/jpeg
        - image/gif
```

## References
- [Binary media types for REST APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html)
- [AWS::Serverless::Api BinaryMediaTypes](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(model) = Model::of(cx) else { return };
    let mut seen: Vec<Span> = Vec::new();
    for api in &model.apis.apis {
        for list in &api.binary_media_types {
            let Some(items) = list.node.as_seq() else { continue };
            for item in items {
                let at = list.origin.span_in_template(item.span);
                if seen.contains(&at) {
                    continue;
                }
                seen.push(at);
                let Some(values) = model.template.possible_strings(item) else { continue };
                for (value, _) in values {
                    if let Some(problem) = problem(&value) {
                        report.add(
                            at,
                            format!(
                                "binary media type `{value}` of {} {}, so API Gateway never treats a payload as binary through it{}",
                                api.label(),
                                problem.0,
                                problem.1
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// What is wrong with a binary media type, if anything, and what to do about it.
fn problem(value: &str) -> Option<(&'static str, &'static str)> {
    const NOT_A_TYPE: (&str, &str) = ("is not a media type `type/subtype`", "");
    let value = value.trim();
    if value.contains(',') || value.contains(' ') {
        return Some(("holds several types (or spaces)", "; give each media type its own entry"));
    }
    let Some((kind, subtype)) = value.split_once('/').or_else(|| value.split_once("~1")) else {
        return Some(NOT_A_TYPE);
    };
    let token =
        |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+*".contains(c));
    if token(kind) && token(subtype) {
        None
    } else {
        Some(NOT_A_TYPE)
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn media_types() {
        for good in
            ["image/png", "*/*", "image/*", "application/vnd.ms-excel", "image~1png", "application/x-protobuf+json"]
        {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in ["png", "image/png, image/jpeg", "image/", "/png", "image/png/x"] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
