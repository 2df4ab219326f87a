//! Route paths as API Gateway reads them: `/orders/{id}`, greedy `{proxy+}`, the HTTP API
//! `$default` route, and the patterns that select routes elsewhere in a template (a Lambda
//! permission's `SourceArn`, a stage's `MethodSettings` `ResourcePath`).

/// The methods API Gateway routes on; `ANY` matches every method.
pub const METHODS: [&str; 8] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

/// The HTTP API route that catches every request no other route matches.
pub const DEFAULT_ROUTE: &str = "$default";

/// Whether `method` names one of [`METHODS`], in any case.
pub fn is_method(method: &str) -> bool {
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(method))
}

/// A path parameter: `{id}` or the greedy `{proxy+}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathParameter<'p> {
    pub name: &'p str,
    pub greedy: bool,
    /// Index of the segment that holds it, counting from 0 after the leading slash.
    pub segment: usize,
}

/// The segments of a path, without the leading slash: `/a/{b}` gives `a`, `{b}`.
pub fn segments(path: &str) -> Vec<&str> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return Vec::new();
    }
    trimmed.split('/').collect()
}

/// The parameters of a path, segment by segment; a segment is a parameter when it is wholly
/// `{name}` or `{name+}`.
pub fn parameters(path: &str) -> Vec<PathParameter<'_>> {
    segments(path)
        .into_iter()
        .enumerate()
        .filter_map(|(segment, text)| {
            let inner = text.strip_prefix('{')?.strip_suffix('}')?;
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(name) => (name, true),
                None => (inner, false),
            };
            Some(PathParameter { name, greedy, segment })
        })
        .collect()
}

/// The path with parameter names left out and a trailing slash dropped, so that two spellings
/// of one route compare equal: `/users/{id}/` and `/users/{userId}` both give `/users/{}`.
pub fn route_shape(path: &str) -> String {
    if path == DEFAULT_ROUTE {
        return path.to_owned();
    }
    let mut out = String::new();
    for segment in segments(path) {
        out.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(inner) if inner.ends_with('+') => out.push_str("{+}"),
            Some(_) => out.push_str("{}"),
            None => out.push_str(segment),
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    // `/a/` has an empty last segment; API Gateway treats it as `/a`.
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// What is wrong with a route path as written, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathProblem {
    /// `orders` instead of `/orders`.
    NoLeadingSlash,
    /// `/orders//items`.
    EmptySegment,
    /// `/orders/{id` or `/orders/id}`: braces that do not enclose a whole segment.
    BadBraces(String),
    /// `{proxy+}` followed by more segments.
    GreedyNotLast(String),
    /// `{}`: a parameter without a name.
    UnnamedParameter,
}

impl PathProblem {
    pub fn describe(&self) -> String {
        match self {
            PathProblem::NoLeadingSlash => "does not start with `/`".to_owned(),
            PathProblem::EmptySegment => "has an empty segment (`//`)".to_owned(),
            PathProblem::BadBraces(segment) => {
                format!("has a segment `{segment}` whose braces do not enclose the whole segment as `{{name}}`")
            }
            PathProblem::GreedyNotLast(segment) => {
                format!("has the greedy parameter `{segment}` before other segments; it must be the last segment")
            }
            PathProblem::UnnamedParameter => "has a parameter `{}` without a name".to_owned(),
        }
    }
}

/// Every problem of a path, in the order a reader meets them. The HTTP API `$default` route
/// and the root `/` have none.
pub fn problems(path: &str) -> Vec<PathProblem> {
    let mut out = Vec::new();
    if path == DEFAULT_ROUTE {
        return out;
    }
    if !path.starts_with('/') {
        out.push(PathProblem::NoLeadingSlash);
    }
    let segments = segments(path);
    let count = segments.len();
    for (i, segment) in segments.iter().enumerate() {
        // A single trailing slash is tolerated by API Gateway; only inner empties are wrong.
        if segment.is_empty() {
            if i + 1 < count && !out.contains(&PathProblem::EmptySegment) {
                out.push(PathProblem::EmptySegment);
            }
            continue;
        }
        let opens = segment.matches('{').count();
        let closes = segment.matches('}').count();
        if opens == 0 && closes == 0 {
            continue;
        }
        let whole = opens == 1 && closes == 1 && segment.starts_with('{') && segment.ends_with('}');
        if !whole {
            out.push(PathProblem::BadBraces((*segment).to_owned()));
            continue;
        }
        let inner = &segment[1..segment.len() - 1];
        if inner.is_empty() || inner == "+" {
            out.push(PathProblem::UnnamedParameter);
        } else if inner.ends_with('+') && i + 1 < count {
            out.push(PathProblem::GreedyNotLast((*segment).to_owned()));
        }
    }
    out
}

/// Whether `text` matches an ARN pattern where `*` stands for any run of characters (slashes
/// included) and `?` for one character, as IAM and Lambda compare `SourceArn`s.
pub fn arn_pattern_matches(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            backtrack = Some((p, t));
            p += 1;
        } else if let Some((star, matched)) = backtrack {
            p = star + 1;
            t = matched + 1;
            backtrack = Some((star, matched + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// Stands for a path parameter's value when a route is compared with an ARN pattern: no
/// literal character of a pattern equals it, so only a wildcard covers a parameter.
pub const PARAMETER_VALUE: char = '\u{1}';

/// The part of the `execute-api` ARN after the stage that a request to the route carries
/// (`GET/orders/<value>`), with each parameter replaced by [`PARAMETER_VALUE`]: a literal
/// `{id}` in a permission's `SourceArn` does not match a request, only a wildcard does. `ANY`
/// routes are invoked with the request's own method, so they are represented by
/// [`PARAMETER_VALUE`] too, which only a `*` method matches. The HTTP API `$default` route is
/// `$default`, without a method.
pub fn invocation_resource(method: Option<&str>, path: &str) -> String {
    invocation_resource_of(method, path, false)
}

/// [`invocation_resource`] for an HTTP API, whose requests carry the route's path as the route
/// key writes it, parameters included (`GET/orders/{id}`).
pub fn http_invocation_resource(method: Option<&str>, path: &str) -> String {
    invocation_resource_of(method, path, true)
}

fn invocation_resource_of(method: Option<&str>, path: &str, literal_parameters: bool) -> String {
    let mut out = match method {
        Some(m) if !m.eq_ignore_ascii_case("ANY") => m.to_ascii_uppercase(),
        _ => PARAMETER_VALUE.to_string(),
    };
    if path == DEFAULT_ROUTE {
        // HTTP APIs name the `$default` route itself, without a method: `{stage}/$default`.
        return DEFAULT_ROUTE.to_owned();
    }
    let segments = segments(path);
    if segments.is_empty() {
        out.push('/');
    }
    for segment in segments {
        out.push('/');
        if !literal_parameters && segment.starts_with('{') && segment.ends_with('}') {
            out.push(PARAMETER_VALUE);
        } else {
            out.push_str(segment);
        }
    }
    out
}

/// The route path a stage `MethodSettings` `ResourcePath` names: `/~1orders~1{id}` is
/// `/orders/{id}`; `None` for the wildcard `/*`.
pub fn method_settings_path(resource_path: &str) -> Option<String> {
    if resource_path == "/*" || resource_path == "*" {
        return None;
    }
    let decoded = resource_path.strip_prefix('/').unwrap_or(resource_path).replace("~1", "/");
    Some(if decoded.is_empty() { "/".to_owned() } else { decoded })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_shapes() {
        let params = parameters("/users/{id}/files/{proxy+}");
        assert_eq!(params.len(), 2);
        assert_eq!(params[0], PathParameter { name: "id", greedy: false, segment: 1 });
        assert!(params[1].greedy);
        assert_eq!(route_shape("/users/{userId}/"), "/users/{}");
        assert_eq!(route_shape("/"), "/");
        assert_eq!(route_shape("/{proxy+}"), "/{+}");
        assert_eq!(route_shape("$default"), "$default");
    }

    #[test]
    fn path_problems() {
        assert_eq!(problems("/orders/{id}"), vec![]);
        assert_eq!(problems("/"), vec![]);
        assert_eq!(problems("/orders/"), vec![]);
        assert_eq!(problems("orders"), vec![PathProblem::NoLeadingSlash]);
        assert_eq!(problems("/a//b"), vec![PathProblem::EmptySegment]);
        assert_eq!(problems("/a/{id"), vec![PathProblem::BadBraces("{id".into())]);
        assert_eq!(problems("/a/x{id}"), vec![PathProblem::BadBraces("x{id}".into())]);
        assert_eq!(problems("/{proxy+}/more"), vec![PathProblem::GreedyNotLast("{proxy+}".into())]);
        assert_eq!(problems("/{}"), vec![PathProblem::UnnamedParameter]);
        assert_eq!(problems("$default"), vec![]);
    }

    #[test]
    fn arn_patterns() {
        assert!(arn_pattern_matches("*", "GET/a"));
        assert!(arn_pattern_matches("*/GET/orders", "prod/GET/orders"));
        assert!(!arn_pattern_matches("*/POST/orders", "prod/GET/orders"));
        assert!(arn_pattern_matches("*/*/orders/*", &format!("prod/GET/orders/{PARAMETER_VALUE}")));
        assert!(!arn_pattern_matches("*/GET/orders/{id}", &format!("prod/GET/orders/{PARAMETER_VALUE}")));
        assert!(arn_pattern_matches("prod/?ET/*", "prod/GET/x/y"));
        assert!(!arn_pattern_matches("prod/GET", "prod/GET/x"));
    }

    #[test]
    fn invocation_resources() {
        assert_eq!(invocation_resource(Some("get"), "/orders/{id}"), format!("GET/orders/{PARAMETER_VALUE}"));
        assert_eq!(invocation_resource(Some("ANY"), "/"), format!("{PARAMETER_VALUE}/"));
        assert_eq!(invocation_resource(Some("ANY"), "$default"), "$default");
        assert_eq!(http_invocation_resource(Some("GET"), "/files/{proxy+}"), "GET/files/{proxy+}");
        assert_eq!(method_settings_path("/~1orders~1{id}").as_deref(), Some("/orders/{id}"));
        assert_eq!(method_settings_path("/*"), None);
        assert_eq!(method_settings_path("/").as_deref(), Some("/"));
    }
}
