//! Which route a request reaches, by API Gateway's precedence: literal segments before
//! `{parameters}` before a greedy `{proxy+}`, a route's own method before `ANY`, and an HTTP
//! API's `$default` route only when nothing else matches.

use std::collections::BTreeMap;

use super::model::{Model, Route};
use crate::events::apigw::percent_decode;
use crate::events::DEFAULT_ROUTE;

/// A route and the path parameters the request gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub route: usize,
    pub path_parameters: BTreeMap<String, String>,
}

/// How well a route fits: compared segment by segment, then by method; higher is better.
type Rank = (Vec<u8>, u8);

/// The best route for a method and a raw path (still percent-encoded).
pub fn find(model: &Model, method: &str, raw_path: &str) -> Option<Match> {
    let segments = request_segments(raw_path);
    let mut best: Option<(Rank, Match)> = None;
    for (index, route) in model.routes.iter().enumerate() {
        let method_rank = if route.method.eq_ignore_ascii_case(method) {
            2
        } else if route.method == "ANY" {
            1
        } else {
            continue;
        };
        let Some((mut rank, path_parameters)) = path_rank(route, &segments) else { continue };
        rank.1 = method_rank;
        if best.as_ref().is_none_or(|(current, _)| rank > *current) {
            best = Some((rank, Match { route: index, path_parameters }));
        }
    }
    best.map(|(_, found)| found)
}

/// The routes whose path (not method) fits, for CORS preflight and the `Allow` of errors.
pub fn routes_for_path<'m>(model: &'m Model, raw_path: &str) -> Vec<&'m Route> {
    let segments = request_segments(raw_path);
    model.routes.iter().filter(|r| r.path != DEFAULT_ROUTE && path_rank(r, &segments).is_some()).collect()
}

fn request_segments(raw_path: &str) -> Vec<&str> {
    let trimmed = raw_path.trim_start_matches('/');
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    }
}

fn path_rank(route: &Route, request: &[&str]) -> Option<(Rank, BTreeMap<String, String>)> {
    if route.path == DEFAULT_ROUTE {
        return Some(((vec![0], 0), BTreeMap::new()));
    }
    let pattern = request_segments(&route.path);
    let mut ranks = Vec::with_capacity(pattern.len() + 1);
    let mut parameters = BTreeMap::new();
    for (i, segment) in pattern.iter().enumerate() {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) if name.ends_with('+') => {
                if i != pattern.len() - 1 || request.len() <= i {
                    return None;
                }
                let rest: Vec<String> = request[i..].iter().map(|s| percent_decode(s)).collect();
                parameters.insert(name.trim_end_matches('+').to_owned(), rest.join("/"));
                ranks.push(2);
                return Some(((ranks, 0), parameters));
            }
            Some(name) => {
                let value = request.get(i).filter(|v| !v.is_empty())?;
                parameters.insert(name.to_owned(), percent_decode(value));
                ranks.push(3);
            }
            None => {
                if request.get(i).map(|v| percent_decode(v)) != Some((*segment).to_owned()) {
                    return None;
                }
                ranks.push(4);
            }
        }
    }
    if request.len() != pattern.len() {
        return None;
    }
    // A route that matches the whole path beats any `$default`.
    ranks.push(1);
    Some(((ranks, 0), parameters))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::model::{PayloadFormat, RouteAuth, Target};

    fn model(routes: &[(&str, &str)]) -> Model {
        Model {
            apis: Vec::new(),
            routes: routes
                .iter()
                .map(|(method, path)| Route {
                    api: 0,
                    method: (*method).into(),
                    path: (*path).into(),
                    target: Target::Function("F".into()),
                    payload: PayloadFormat::Rest,
                    timeout: std::time::Duration::from_secs(29),
                    auth: RouteAuth::None,
                    api_key_required: false,
                })
                .collect(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn precedence() {
        let m = model(&[("ANY", "/{proxy+}"), ("GET", "/items/{id}"), ("GET", "/items/special"), ("ANY", "/items/{id}"), ("ANY", "$default")]);
        let found = |method, path| find(&m, method, path).map(|f| (f.route, f.path_parameters.into_iter().collect::<Vec<_>>()));
        assert_eq!(found("GET", "/items/special"), Some((2, vec![])));
        assert_eq!(found("GET", "/items/a%20b"), Some((1, vec![("id".into(), "a b".into())])));
        assert_eq!(found("DELETE", "/items/7"), Some((3, vec![("id".into(), "7".into())])));
        assert_eq!(found("POST", "/a/b/c"), Some((0, vec![("proxy".into(), "a/b/c".into())])));
        assert_eq!(found("GET", "/"), Some((4, vec![])), "a greedy parameter needs at least one segment");
        assert_eq!(found("GET", "/items/7/"), Some((1, vec![("id".into(), "7".into())])));
    }

    #[test]
    fn no_route() {
        let m = model(&[("GET", "/items")]);
        assert_eq!(find(&m, "POST", "/items"), None);
        assert_eq!(find(&m, "GET", "/other"), None);
        assert_eq!(routes_for_path(&m, "/items").len(), 1);
    }
}
