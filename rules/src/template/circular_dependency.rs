use std::collections::{BTreeMap, HashMap, VecDeque};

use slint_linter::syntax::Node;
use slint_linter::template::{ReferenceKind, Resource, Template};
use slint_linter::{Severity, Span};

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "T206",
    name: "circular-dependency",
    area: Area::Template,
    severity: Severity::Error,
    cfn_lint: &["E3004"],
    summary: "Resources that depend on each other in a cycle",
    docs: r#"
## What it does
Follows every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable and `DependsOn` between resources and
reports each cycle once, spelling it out (`Function → Role → Function`) with a pointer at every
reference that closes it.

## Why it matters
CloudFormation creates a resource only after everything it references exists, so a cycle can
never be deployed: the stack fails with "Circular dependency between resources". The classic
case is a Lambda function whose role's policy names the function's own ARN.

## Example
```yaml
Resources:
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyDocument:
            Statement:
              - Resource: !GetAtt Function.Arn
```

## Use instead
Break the cycle with a name the role can know in advance, for example
`!Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}`
with the function name set from a parameter, or attach the policy with a separate
`AWS::IAM::Policy` resource that depends on both.

## References
- [Resolve circular dependency errors](https://repost.aws/knowledge-center/cloudformation-circular-dependency-error)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let graph = Graph::of(template);
    for component in graph.strongly_connected_components() {
        let Some(cycle) = graph.cycle_through(&component) else { continue };
        let names: Vec<&str> = cycle.iter().map(|&i| graph.names[i]).collect();
        let description = names.iter().chain(names.first()).copied().collect::<Vec<_>>().join(" → ");
        let first = template.resource(names[0]).map_or(Span::default(), |r| r.name_span);
        let diagnostic = report.add(
            first,
            format!("circular dependency: {description}; CloudFormation cannot create any of these resources"),
        );
        for (k, &from) in cycle.iter().enumerate() {
            let to = cycle[(k + 1) % cycle.len()];
            let span = graph.edges[&(from, to)];
            diagnostic.add_related(span, format!("`{}` refers to `{}` here", graph.names[from], graph.names[to]));
        }
    }
}

/// Whether the SAM transform moves the reference at `span` to a resource it generates, so that
/// the resource as written does not depend on the target: a function's event becomes a
/// permission and an event source, and an API's stage settings become a Stage. Only the
/// definition stays on a SAM API itself.
fn moves_to_generated_resource(resource: &Resource, span: Span) -> bool {
    let Some(properties) = resource.node.get("Properties").and_then(Node::as_map) else { return false };
    let Some(entry) = properties.entries.iter().find(|e| e.value.span.contains(span)) else { return false };
    match resource.type_name {
        Some("AWS::Serverless::Function" | "AWS::Serverless::StateMachine") => entry.key == "Events",
        Some("AWS::Serverless::Api" | "AWS::Serverless::HttpApi" | "AWS::Serverless::WebSocketApi") => {
            !matches!(entry.key.as_str(), "DefinitionBody" | "Body")
        }
        _ => false,
    }
}

/// Resources as nodes, references between them as edges (with where each is written).
struct Graph<'a> {
    names: Vec<&'a str>,
    adjacency: Vec<Vec<usize>>,
    edges: BTreeMap<(usize, usize), Span>,
}

impl<'a> Graph<'a> {
    fn of(template: &'a Template<'a>) -> Self {
        let names: Vec<&str> = template.resources.iter().map(|r| r.name).collect();
        let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut edges = BTreeMap::new();
        for reference in template.references() {
            if reference.section != "Resources" {
                continue;
            }
            let counts = matches!(
                reference.kind,
                ReferenceKind::Ref | ReferenceKind::GetAtt | ReferenceKind::SubVariable | ReferenceKind::DependsOn
            );
            let (Some(from), Some(&to)) = (reference.owner.and_then(|o| index.get(o)), index.get(reference.target.as_ref()))
            else {
                continue;
            };
            // A resource naming itself in DependsOn is `unknown-depends-on`'s finding.
            let self_dependency = reference.kind == ReferenceKind::DependsOn && *from == to;
            if counts && !self_dependency && !moves_to_generated_resource(&template.resources[*from], reference.span) {
                edges.entry((*from, to)).or_insert(reference.span);
            }
        }
        let mut adjacency = vec![Vec::new(); names.len()];
        for &(from, to) in edges.keys() {
            adjacency[from].push(to);
        }
        Graph { names, adjacency, edges }
    }

    /// Tarjan's algorithm, iterative so that long chains cannot exhaust the stack. Returns the
    /// components that contain a cycle: more than one node, or one node with an edge to itself.
    fn strongly_connected_components(&self) -> Vec<Vec<usize>> {
        let n = self.names.len();
        let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
        let (mut stack, mut components, mut next) = (Vec::new(), Vec::new(), 0);
        for root in 0..n {
            if index[root] != usize::MAX {
                continue;
            }
            let mut work = vec![(root, 0usize)];
            while let Some(&mut (node, ref mut child)) = work.last_mut() {
                if *child == 0 && index[node] == usize::MAX {
                    index[node] = next;
                    low[node] = next;
                    next += 1;
                    stack.push(node);
                    on_stack[node] = true;
                }
                if let Some(&to) = self.adjacency[node].get(*child) {
                    *child += 1;
                    if index[to] == usize::MAX {
                        work.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(index[to]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    let mut component = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component.push(member);
                        if member == node {
                            break;
                        }
                    }
                    let cyclic = component.len() > 1 || self.edges.contains_key(&(node, node));
                    if cyclic {
                        component.sort_unstable();
                        components.push(component);
                    }
                }
            }
        }
        components.sort();
        components
    }

    /// The shortest cycle from the component's first resource back to itself.
    fn cycle_through(&self, component: &[usize]) -> Option<Vec<usize>> {
        let start = *component.first()?;
        let mut previous: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for &to in &self.adjacency[node] {
                if to == start {
                    let mut path = vec![node];
                    while let Some(&p) = previous.get(path.last()?) {
                        path.push(p);
                    }
                    path.reverse();
                    if path.first() != Some(&start) {
                        path.insert(0, start);
                    }
                    return Some(path);
                }
                if component.binary_search(&to).is_ok() && !previous.contains_key(&to) && to != start {
                    previous.insert(to, node);
                    queue.push_back(to);
                }
            }
        }
        None
    }
}
