//! A Lambda proxy integration's result turned into the HTTP response API Gateway sends, or the
//! reason API Gateway would refuse it ("Malformed Lambda proxy response").

use base64::Engine;
use slint_linter::syntax::{parse_str, Node, Value};

use super::diagnostic::Problem;
use super::model::PayloadFormat;

/// An HTTP response to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The function returned a base64 body that was sent as text because the request did not
    /// accept a binary media type.
    pub base64_left_encoded: bool,
}

impl HttpResponse {
    pub fn json(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            base64_left_encoded: false,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> HttpResponse {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The keys a REST proxy response may have; any other makes it malformed.
const REST_KEYS: [&str; 5] = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];

/// Maps a function's result. `decode_binary` says whether a base64 body goes out as bytes (REST
/// APIs only decode when the request accepts one of the API's binary media types).
pub fn map(payload: &[u8], format: PayloadFormat, decode_binary: bool) -> Result<HttpResponse, Problem> {
    let text = std::str::from_utf8(payload).map_err(|_| Problem::new("the response is not UTF-8 JSON", None, ""))?;
    let parsed = parse_str(text);
    let root = match (&parsed.root, parsed.errors.first()) {
        (Some(root), None) => root,
        (_, Some(error)) => return Err(Problem::new(format!("the response is not valid JSON: {}", error.message), Some(error.span), "here")),
        (None, None) => return Err(Problem::new("the response is empty", None, "")),
    };
    if format == PayloadFormat::HttpV2 && (root.as_map().is_none() || root.get("statusCode").is_none()) {
        // Payload 2.0 takes any JSON without `statusCode` as the body of a 200.
        return Ok(HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: payload.to_vec(),
            base64_left_encoded: false,
        });
    }
    let Some(map) = root.as_map() else {
        return Err(Problem::new(
            format!("the response is {}, not an object with `statusCode`, `headers` and `body`", json_kind(root)),
            Some(root.span),
            "returned by the handler",
        )
        .with_help("return {\"statusCode\": 200, \"body\": \"...\"}"));
    };
    if format == PayloadFormat::Rest {
        if let Some(entry) = map.entries.iter().find(|e| !REST_KEYS.contains(&e.key.as_str())) {
            return Err(Problem::new(format!("`{}` is not a field of a proxy response", entry.key), Some(entry.key_span), "not allowed here")
                .with_help("a REST API accepts only statusCode, headers, multiValueHeaders, body and isBase64Encoded"));
        }
    }
    let status = match root.get("statusCode") {
        None => return Err(Problem::new("the response has no `statusCode`", Some(root.span), "expected `statusCode` in this object")),
        Some(node) => status_code(node)?,
    };
    let mut headers = Vec::new();
    if let Some(node) = root.get("headers") {
        match &node.value {
            Value::Null => {}
            Value::Map(entries) => {
                for (name, value) in entries.iter() {
                    headers.push((name.to_owned(), header_value(name, value)?));
                }
            }
            _ => return Err(Problem::new("`headers` must be an object of strings", Some(node.span), format!("{} here", json_kind(node)))),
        }
    }
    if let Some(node) = root.get("multiValueHeaders").filter(|n| format != PayloadFormat::HttpV2 && !matches!(n.value, Value::Null)) {
        let entries = node.as_map().ok_or_else(|| Problem::new("`multiValueHeaders` must be an object of lists of strings", Some(node.span), "here"))?;
        for (name, values) in entries.iter() {
            let items = values.as_seq().ok_or_else(|| {
                Problem::new(format!("`multiValueHeaders.{name}` must be a list of strings"), Some(values.span), format!("{} here", json_kind(values)))
            })?;
            // A header in both maps keeps only the multi-value values.
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            for item in items {
                headers.push((name.to_owned(), header_value(name, item)?));
            }
        }
    }
    if format == PayloadFormat::HttpV2 {
        if let Some(node) = root.get("cookies").filter(|n| !matches!(n.value, Value::Null)) {
            let items = node.as_seq().ok_or_else(|| Problem::new("`cookies` must be a list of strings", Some(node.span), "here"))?;
            for item in items {
                let cookie = item.as_str().ok_or_else(|| Problem::new("each cookie must be a string", Some(item.span), "here"))?;
                headers.push(("Set-Cookie".into(), cookie.to_owned()));
            }
        }
    }
    let is_base64 = match root.get("isBase64Encoded") {
        None => false,
        Some(Node { value: Value::Bool(b), .. }) => *b,
        Some(Node { value: Value::Null, .. }) => false,
        Some(node) => return Err(Problem::new("`isBase64Encoded` must be true or false", Some(node.span), format!("{} here", json_kind(node)))),
    };
    let body = match root.get("body") {
        None | Some(Node { value: Value::Null, .. }) => String::new(),
        Some(Node { value: Value::String(text), .. }) => text.to_string(),
        Some(node) => {
            let help = if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                "serialize it first: `json.dumps(body)` in Python, `JSON.stringify(body)` in Node.js"
            } else {
                "pass the body as a string"
            };
            return Err(Problem::new("`body` must be a string", Some(node.span), format!("{} here", json_kind(node))).with_help(help));
        }
    };
    let mut base64_left_encoded = false;
    let body = if is_base64 && decode_binary {
        base64::engine::general_purpose::STANDARD.decode(body.trim()).map_err(|_| {
            Problem::new("`isBase64Encoded` is true but `body` is not base64", root.get("body").map(|n| n.span), "not base64")
        })?
    } else {
        base64_left_encoded = is_base64;
        body.into_bytes()
    };
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    Ok(HttpResponse { status, headers, body, base64_left_encoded })
}

/// What a JSON value is, for messages: "an object", "a list", ….
fn json_kind(node: &Node) -> &'static str {
    match node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Seq(_) => "a list",
        Value::Map(_) => "an object",
    }
}

fn status_code(node: &Node) -> Result<u16, Problem> {
    let wrong = |why: &str| {
        Problem::new(format!("`statusCode` {why}"), Some(node.span), format!("{} here", json_kind(node)))
            .with_help("use a whole number from 100 to 599, e.g. \"statusCode\": 200")
    };
    let number = match &node.value {
        Value::Number(n) => *n,
        Value::String(s) => s.trim().parse::<f64>().map_err(|_| wrong("must be a number"))?,
        _ => return Err(wrong("must be a number")),
    };
    if number.fract() != 0.0 || !(100.0..=599.0).contains(&number) {
        return Err(wrong("must be a whole number from 100 to 599"));
    }
    Ok(number as u16)
}

fn header_value(name: &str, node: &Node) -> Result<String, Problem> {
    match &node.value {
        Value::String(s) => Ok(s.to_string()),
        _ => Err(Problem::new(format!("the value of header `{name}` must be a string"), Some(node.span), format!("{} here", json_kind(node)))
            .with_help(format!("write it as text, e.g. \"{name}\": \"{}\"", node.as_scalar_string().unwrap_or_default()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(payload: &str) -> Result<HttpResponse, Problem> {
        map(payload.as_bytes(), PayloadFormat::Rest, false)
    }

    #[test]
    fn well_formed_responses() {
        let response = rest(r#"{"statusCode": 201, "headers": {"X-A": "1"}, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "ok"}"#).unwrap();
        assert_eq!(response.status, 201);
        assert_eq!(response.body, b"ok");
        assert_eq!(response.headers.iter().filter(|(n, _)| n == "Set-Cookie").count(), 2);
        assert_eq!(response.header("content-type"), Some("application/json"));
        let binary = map(br#"{"statusCode": 200, "body": "aGk=", "isBase64Encoded": true}"#, PayloadFormat::Rest, true).unwrap();
        assert_eq!(binary.body, b"hi");
        let text = rest(r#"{"statusCode": 200, "body": "aGk=", "isBase64Encoded": true}"#).unwrap();
        assert!(text.base64_left_encoded);
    }

    #[test]
    fn malformed_responses_point_at_the_problem() {
        let payload = r#"{"statusCode": 200, "body": {"id": 1}}"#;
        let problem = rest(payload).unwrap_err();
        assert_eq!(problem.message, "`body` must be a string");
        assert_eq!(&payload[problem.span.unwrap().range()], r#"{"id": 1}"#);
        assert!(rest(r#"{"statusCode": "abc"}"#).unwrap_err().message.contains("must be a number"));
        assert!(rest(r#"{"statusCode": 200, "headers": {"Content-Length": 3}}"#).unwrap_err().message.contains("`Content-Length`"));
        assert!(rest(r#"{"body": "x"}"#).unwrap_err().message.contains("no `statusCode`"));
        assert!(rest(r#"{"statusCode": 200, "cookies": []}"#).unwrap_err().message.contains("`cookies` is not a field"));
        assert!(rest(r#""just text""#).unwrap_err().message.contains("a string"));
        assert!(rest("null").is_err());
    }

    #[test]
    fn http_v2_infers_the_response() {
        let response = map(br#"{"id": 1}"#, PayloadFormat::HttpV2, true).unwrap();
        assert_eq!((response.status, response.body.as_slice()), (200, br#"{"id": 1}"#.as_slice()));
        let response = map(br#"{"statusCode": 302, "cookies": ["a=1"], "headers": {"Location": "/x"}}"#, PayloadFormat::HttpV2, true).unwrap();
        assert_eq!(response.status, 302);
        assert_eq!(response.header("set-cookie"), Some("a=1"));
        assert!(map(br#"{"statusCode": 200, "body": 5}"#, PayloadFormat::HttpV2, true).is_err());
    }
}
