//! Integration URIs that point at Lambda: which function they invoke and whether they have the
//! shape API Gateway needs, `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{function arn}/invocations`.
//! The URI may be a literal, an `Fn::Sub` (with or without local variables), an `Fn::Join`, or
//! (HTTP APIs only) the function's ARN itself.

use crate::model::functions::{Function, Functions};
use crate::syntax::{Node, Value};
use crate::template::{sub_variables, Template};

/// The API version of Lambda's invocation path.
pub const LAMBDA_PATH_VERSION: &str = "2015-03-31";
/// The API version of Lambda's response streaming invocation path.
pub const LAMBDA_STREAMING_PATH_VERSION: &str = "2021-11-15";

/// The shape of an integration URI, read from the template text with every `Fn::Sub` variable
/// and every non-literal `Fn::Join` part standing for an unknown piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UriShape {
    /// `arn:…:apigateway:…:lambda:path/2015-03-31/functions/…/invocations`.
    LambdaInvocation,
    /// `arn:…:lambda:…:function:…`, or `!GetAtt Function.Arn`: the function's own ARN.
    FunctionArn,
    /// `arn:…:apigateway:…:lambda:path/…` that does not end in `/functions/{arn}/invocations`
    /// or names another API version.
    MalformedLambdaPath,
    /// An `apigateway` service integration other than Lambda (`…:sqs:path/…`, `…:states:action/…`).
    OtherService(String),
    /// An `http(s)://` URL.
    Http,
    /// Anything whose shape cannot be told from the template.
    Unknown,
}

/// Stands for a piece of the URI the template does not spell out.
const HOLE: char = '\u{1}';

/// The shape of `node` as an integration URI.
pub fn uri_shape(template: &Template, functions: &Functions, node: &Node) -> UriShape {
    if let Some(("Fn::GetAtt", _)) = node.intrinsic() {
        return match functions.named_by(node) {
            Some(_) => UriShape::FunctionArn,
            None => UriShape::Unknown,
        };
    }
    let Some(skeleton) = skeleton(template, node) else {
        return UriShape::Unknown;
    };
    shape_of_text(&skeleton)
}

/// The URI text with every piece the template leaves open replaced by [`HOLE`]; `None` when
/// the node is not a string, `Fn::Sub` or `Fn::Join` of strings.
fn skeleton(template: &Template, node: &Node) -> Option<String> {
    if let Some(text) = node.as_str() {
        return Some(text.to_owned());
    }
    let (function, args) = node.intrinsic()?;
    match function {
        "Fn::Sub" => {
            let text = match &args.value {
                Value::String(text) => text.as_str(),
                Value::Seq(items) => items.first()?.as_str()?,
                _ => return None,
            };
            let mut out = String::with_capacity(text.len());
            let mut last = 0;
            for variable in sub_variables(text) {
                out.push_str(&text[last..variable.start]);
                out.push(HOLE);
                last = variable.end;
            }
            out.push_str(&text[last..]);
            Some(out.replace("${!", "${"))
        }
        "Fn::Join" => {
            let [delimiter, items] = args.as_seq()? else {
                return None;
            };
            let delimiter = delimiter.as_str()?;
            let parts: Vec<String> = items
                .as_seq()?
                .iter()
                .map(|item| match item.as_str() {
                    Some(text) => text.to_owned(),
                    None => HOLE.to_string(),
                })
                .collect();
            Some(parts.join(delimiter))
        }
        "Ref" => {
            // A parameter holding the whole URI: its single known value, if any.
            let values = template.possible_strings(node)?;
            match values.as_slice() {
                [(one, _)] => Some(one.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

fn shape_of_text(text: &str) -> UriShape {
    if text.chars().all(|c| c == HOLE) {
        return UriShape::Unknown;
    }
    if text.starts_with("http://") || text.starts_with("https://") {
        return UriShape::Http;
    }
    let mut parts = text.splitn(6, ':');
    let (Some("arn"), Some(_partition), Some(service), Some(_region), Some(fifth)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return UriShape::Unknown;
    };
    let rest = parts.next().unwrap_or("");
    match service {
        "lambda" => UriShape::FunctionArn,
        "apigateway" => {
            // `arn:aws:apigateway:{region}:{service}:{path|action}/…`: the fifth part names the service.
            if fifth != "lambda" {
                return if fifth.contains(HOLE) { UriShape::Unknown } else { UriShape::OtherService(fifth.to_owned()) };
            }
            let Some(path) = rest.strip_prefix("path/") else { return UriShape::MalformedLambdaPath };
            // Lambda's `Invoke` (2015-03-31) and, for response streaming,
            // `InvokeWithResponseStream` (2021-11-15).
            let function = path
                .strip_prefix(LAMBDA_PATH_VERSION)
                .and_then(|p| p.strip_prefix("/functions/"))
                .and_then(|f| f.strip_suffix("/invocations"))
                .or_else(|| {
                    path.strip_prefix(LAMBDA_STREAMING_PATH_VERSION)
                        .and_then(|p| p.strip_prefix("/functions/"))
                        .and_then(|f| f.strip_suffix("/response-streaming-invocations"))
                });
            match function {
                Some(function) if !function.is_empty() => UriShape::LambdaInvocation,
                _ => UriShape::MalformedLambdaPath,
            }
        }
        s if s.contains(HOLE) => UriShape::Unknown,
        _ => UriShape::Unknown,
    }
}

/// The function of this template an integration URI (or an authorizer URI) invokes: through a
/// `Ref`/`GetAtt`/`Sub` the function lookup understands, a `Sub` local variable, a part of an
/// `Fn::Join`, or the function ARN written inside a literal invocation URI.
pub fn function_in_uri<'f, 't>(functions: &'f Functions<'t>, node: &Node) -> Option<&'f Function<'t>> {
    if let Some(text) = node.as_str() {
        let function_arn = text
            .split_once("/functions/")
            .map(|(_, rest)| rest.strip_suffix("/invocations").unwrap_or(rest))
            .unwrap_or(text);
        let probe = Node::new(node.span, Value::String(function_arn.into()));
        return functions.named_by(&probe);
    }
    if let Some(function) = functions.named_by(node) {
        return Some(function);
    }
    let (name, args) = node.intrinsic()?;
    match name {
        // SAM makes the integrations of conditional functions `Fn::If: [Condition, Uri,
        // AWS::NoValue]`: the function is the one every branch that is not `AWS::NoValue` names.
        "Fn::If" => {
            let [_, when_true, when_false] = args.as_seq()? else { return None };
            let mut found: Option<&Function> = None;
            for branch in [when_true, when_false] {
                if is_no_value(branch) {
                    continue;
                }
                let function = function_in_uri(functions, branch)?;
                match found {
                    Some(other) if other.name != function.name => return None,
                    _ => found = Some(function),
                }
            }
            found
        }
        "Fn::Sub" => {
            let [text, locals] = args.as_seq()? else {
                return None;
            };
            let text = text.as_str()?;
            let locals = locals.as_map()?;
            let mut found: Option<&Function> = None;
            for variable in sub_variables(text) {
                let Some(local) = locals.get(variable.name) else {
                    continue;
                };
                let Some(function) = functions.named_by(local) else {
                    continue;
                };
                match found {
                    Some(other) if other.name != function.name => return None,
                    _ => found = Some(function),
                }
            }
            found
        }
        "Fn::Join" => {
            let [_, items] = args.as_seq()? else {
                return None;
            };
            let mut found: Option<&Function> = None;
            for item in items.as_seq()? {
                let Some(function) = functions.named_by(item) else {
                    continue;
                };
                match found {
                    Some(other) if other.name != function.name => return None,
                    _ => found = Some(function),
                }
            }
            found
        }
        _ => None,
    }
}

fn is_no_value(node: &Node) -> bool {
    matches!(node.intrinsic(), Some(("Ref", name)) if name.as_str() == Some("AWS::NoValue"))
}

/// The stage variables a string refers to: `${stageVariables.alias}` (written `${!stageVariables.alias}`
/// inside `Fn::Sub`), with the byte range of the name inside the text.
pub fn stage_variables(text: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    const MARKER: &str = "stageVariables.";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(MARKER) {
        let start = from + found + MARKER.len();
        let len = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(text.len() - start);
        if len > 0 {
            out.push((&text[start..start + len], start..start + len));
        }
        from = start + len.max(1);
        if from >= text.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let invocation = "arn:\u{1}:apigateway:\u{1}:lambda:path/2015-03-31/functions/\u{1}/invocations";
        assert_eq!(shape_of_text(invocation), UriShape::LambdaInvocation);
        assert_eq!(
            shape_of_text(
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f"
            ),
            UriShape::MalformedLambdaPath
        );
        assert_eq!(
            shape_of_text("arn:aws:apigateway:us-east-1:lambda:path/2016-01-01/functions/x/invocations"),
            UriShape::MalformedLambdaPath
        );
        assert_eq!(shape_of_text("arn:aws:lambda:us-east-1:1:function:f"), UriShape::FunctionArn);
        assert_eq!(
            shape_of_text(
                "arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/\u{1}/response-streaming-invocations"
            ),
            UriShape::LambdaInvocation
        );
        assert_eq!(shape_of_text("arn:aws:apigateway:us-east-1:sqs:path/1/q"), UriShape::OtherService("sqs".into()));
        assert_eq!(shape_of_text("https://example.com/{proxy}"), UriShape::Http);
        assert_eq!(shape_of_text("\u{1}"), UriShape::Unknown);
    }

    #[test]
    fn stage_variable_names() {
        let found: Vec<&str> =
            stage_variables("arn:…:function:${stageVariables.fn}:${stageVariables.alias}/invocations")
                .into_iter()
                .map(|(name, _)| name)
                .collect();
        assert_eq!(found, vec!["fn", "alias"]);
        assert!(stage_variables("no variables").is_empty());
    }
}
