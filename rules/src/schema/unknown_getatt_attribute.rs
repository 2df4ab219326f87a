use std::borrow::Cow;

use slint_linter::schema::{did_you_mean, CompiledSchema};
use slint_linter::syntax::Node;
use slint_linter::template::{sam_ref_suffixes, Reference, ReferenceKind};
use slint_linter::{Severity, Span};

use super::document::validators;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S011",
    name: "unknown-getatt-attribute",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E1010"],
    summary: "`Fn::GetAtt` asks a resource for an attribute its type does not have",
    docs: r#"
## What it does
Reports `Fn::GetAtt` (and `${Resource.Attribute}` inside `Fn::Sub`) whose attribute is not one
the resource's type returns, and suggests the attribute that was probably meant. The
attributes come from the type's schema (its read-only properties); for SAM resources, those of
the resource SAM creates (a function's `Arn`, an API's `RootResourceId`). Resources SAM
generates (`MyFunctionRole`) are checked against their own types. Custom resources and the
`Outputs.Name` attributes of nested stacks and SAM applications can return anything and are
not checked.

## Why it matters
CloudFormation rejects the template before creating anything ("Template error: resource Queue
does not support attribute type Url in Fn::GetAtt").

## Example
```yaml
Outputs:
  QueueUrl:
    Value: !GetAtt OrdersQueue.Url
```

## Use instead
```yaml
Outputs:
  QueueUrl:
    Value: !GetAtt OrdersQueue.QueueUrl
```

## References
- [Fn::GetAtt](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html)
- [Resource and property reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
"#,
    check,
};

/// How many attribute names a message lists.
const LISTED: usize = 10;

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let validators = validators(cx);
    for reference in template.references() {
        let Some(attribute) = attribute_of(reference) else { continue };
        let Some(type_name) = template.type_of(&reference.target) else { continue };
        // `Function.Version.FunctionArn`: an attribute of the version SAM generates.
        let (type_name, attribute) = match generated_by_suffix(type_name, attribute) {
            Some(Some(generated)) => generated,
            Some(None) => continue,
            None => (type_name, attribute),
        };
        if accepts_any_attribute(type_name, attribute) {
            continue;
        }
        let Some(schema) = validators.get(type_name) else { continue };
        let underlying = sam_underlying_type(type_name).and_then(|t| validators.get(t));
        let schemas: Vec<&CompiledSchema> = [Some(&*schema), underlying.as_deref()].into_iter().flatten().collect();
        if schemas.iter().any(|s| has_attribute(s, attribute)) {
            continue;
        }
        let mut names: Vec<&str> = schemas.iter().flat_map(|s| s.attributes.iter().map(String::as_str)).collect();
        names.sort_unstable();
        names.dedup();
        let span = attribute_span(reference, attribute, cx.source());
        let message = if attribute.is_empty() {
            format!("`{}` is followed by a dot but names no attribute", reference.target)
        } else {
            match did_you_mean(attribute, names.iter().copied()) {
                Some(suggestion) => format!("{type_name} has no attribute `{attribute}`; did you mean `{suggestion}`?"),
                None => format!("{type_name} has no attribute `{attribute}`{}", listing(&names)),
            }
        };
        report.add(span, message);
    }
}

fn attribute_of<'r>(reference: &'r Reference) -> Option<&'r str> {
    match reference.kind {
        ReferenceKind::GetAtt | ReferenceKind::SubVariable => reference.attribute.as_deref(),
        _ => None,
    }
}

/// For `Suffix.Attribute` on a SAM resource, where `Suffix` names a resource SAM generates
/// (`Version`, `Alias`, `Stage`, …): that resource's type and the attribute asked of it, or
/// `Some(None)` when slint does not know the generated type. `None` for any other attribute.
fn generated_by_suffix<'a>(type_name: &str, attribute: &'a str) -> Option<Option<(&'static str, &'a str)>> {
    // `${MyApi.Stage}` alone stands for the generated resource's name, as `Ref` does.
    if sam_ref_suffixes(type_name).contains(&attribute) {
        return Some(None);
    }
    let (suffix, rest) = attribute.split_once('.')?;
    if !sam_ref_suffixes(type_name).contains(&suffix) {
        return None;
    }
    let generated = match (type_name, suffix) {
        ("AWS::Serverless::Function", "Version") => "AWS::Lambda::Version",
        ("AWS::Serverless::Function", "Alias") => "AWS::Lambda::Alias",
        ("AWS::Serverless::Api", "Stage") => "AWS::ApiGateway::Stage",
        ("AWS::Serverless::Api", "Deployment") => "AWS::ApiGateway::Deployment",
        ("AWS::Serverless::HttpApi", "Stage") => "AWS::ApiGatewayV2::Stage",
        _ => return Some(None),
    };
    Some(Some((generated, rest)))
}

/// Custom resources return whatever their provider sends back; nested stacks and SAM
/// applications return their outputs as `Outputs.Name`.
fn accepts_any_attribute(type_name: &str, attribute: &str) -> bool {
    type_name.starts_with("Custom::")
        || type_name == "AWS::CloudFormation::CustomResource"
        || matches!(type_name, "AWS::CloudFormation::Stack" | "AWS::Serverless::Application") && attribute.starts_with("Outputs.")
}

/// The resource SAM creates for a SAM resource, whose attributes `Fn::GetAtt` on the SAM
/// resource reads.
fn sam_underlying_type(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::Serverless::Function" => "AWS::Lambda::Function",
        "AWS::Serverless::Api" => "AWS::ApiGateway::RestApi",
        "AWS::Serverless::HttpApi" | "AWS::Serverless::WebSocketApi" => "AWS::ApiGatewayV2::Api",
        "AWS::Serverless::SimpleTable" => "AWS::DynamoDB::Table",
        "AWS::Serverless::StateMachine" => "AWS::StepFunctions::StateMachine",
        "AWS::Serverless::LayerVersion" => "AWS::Lambda::LayerVersion",
        "AWS::Serverless::Application" => "AWS::CloudFormation::Stack",
        "AWS::Serverless::GraphQLApi" => "AWS::AppSync::GraphQLApi",
        "AWS::Serverless::CapacityProvider" => "AWS::Lambda::CapacityProvider",
        _ => return None,
    })
}

/// A read-only attribute (or a path inside one), or one of the type's own properties: some
/// older types return properties the template sets (`AWS::SNS::Topic.TopicName`).
fn has_attribute(schema: &CompiledSchema, attribute: &str) -> bool {
    let inside = |name: &str| attribute == name || attribute.strip_prefix(name).is_some_and(|rest| rest.starts_with('.'));
    schema.attributes.iter().any(|a| inside(a)) || schema.property_names().any(|p| p == attribute)
}

fn listing(names: &[&str]) -> String {
    match names.len() {
        0 => "; it has no attributes".to_owned(),
        n if n <= LISTED => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("; it has {}", quoted.join(", "))
        }
        n => format!("; it has {n} attributes"),
    }
}

/// The attribute's own text: the second item of `Fn::GetAtt`, or the part after the dot of a
/// `${Resource.Attribute}` Sub variable when the source shows it unchanged.
fn attribute_span(reference: &Reference, attribute: &str, source: &str) -> Span {
    match reference.kind {
        ReferenceKind::GetAtt => match reference.node.as_seq() {
            Some([_, attribute_node, ..]) => attribute_node.span,
            _ => text_span(reference.node, attribute, source).unwrap_or(reference.span),
        },
        _ => {
            let start = reference.span.end as usize + 1;
            let end = start + attribute.len();
            match source.get(start - 1..end) {
                Some(text) if text.strip_prefix('.') == Some(attribute) => Span::new(start, end),
                _ => reference.span,
            }
        }
    }
}

/// Where `.attribute` sits inside a `"Resource.Attribute"` string written without escapes.
fn text_span(node: &Node, attribute: &str, source: &str) -> Option<Span> {
    let raw = node.raw(source);
    let needle: Cow<str> = format!(".{attribute}").into();
    let at = raw.rfind(needle.as_ref())? + 1;
    let start = node.span.start as usize + at;
    Some(Span::new(start, start + attribute.len()))
}
