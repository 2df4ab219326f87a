use slint_linter::model::Function;
use slint_linter::template::Template;
use slint_linter::Severity;

use super::runtimes::Family;
use super::support::{add_value_finding, by_node, strings, subject};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L009",
    name: "handler-format",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &[],
    summary: "Function `Handler` does not have the shape its runtime expects",
    docs: r#"
## What it does
Checks the function's `Handler` against the form its runtime reads:

| runtime | form | example |
| --- | --- | --- |
| Node.js, Python, Ruby | `file.function`, the file possibly in folders | `src/app.handler`, `app.lambda_handler` |
| Java | `package.Class::method`, or just `package.Class` | `example.Handler::handleRequest` |
| .NET | `Assembly::Namespace.Class::Method`, or the assembly name of an executable | `Orders::Orders.Function::Handle` |
| Go, OS-only (`provided.*`) | any name; the runtime ignores it or runs the named binary | `bootstrap` |

It reports a handler with whitespace, a Node.js/Python/Ruby handler without the `.` between file
and function (`index`, `app.`), and Java or .NET handlers whose `::` parts are missing or empty.
The handler is only checked when the runtime is known.

## Why it matters
CloudFormation deploys the function, but every invocation then fails with
`Runtime.MalformedHandlerName` or `Runtime.HandlerNotFound` — usually noticed in production.

## Example
```yaml
      Runtime: python3.13
      Handler: app
```

## Use instead
```yaml
      Runtime: python3.13
      Handler: app.lambda_handler
```

## References
- [Define the Lambda function handler in Python](https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html)
- [Define the Lambda function handler in Node.js](https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html)
- [Define the Lambda function handler in Java](https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html)
- [Define the Lambda function handler in C#](https://docs.aws.amazon.com/lambda/latest/dg/csharp-handler.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for (node, group) in by_node(functions, |f| f.handler) {
        // Functions sharing a Globals handler may use different runtimes: check per family.
        let mut by_family: Vec<(Family, Vec<&Function>)> = Vec::new();
        for function in group {
            let Some(family) = single_family(template, function) else { continue };
            match by_family.iter_mut().find(|(f, _)| *f == family) {
                Some((_, members)) => members.push(function),
                None => by_family.push((family, vec![function])),
            }
        }
        let Some(handlers) = strings(template, node) else { continue };
        for (family, members) in by_family {
            for (handler, span) in &handlers {
                let Some(problem) = problem(family, handler) else { continue };
                add_value_finding(
                    report,
                    template,
                    node,
                    *span,
                    format!(
                        "`Handler: {handler}` on {} {problem}; the function deploys but every invocation fails with \
                         Runtime.MalformedHandlerName or Runtime.HandlerNotFound",
                        subject(node, &members)
                    ),
                );
            }
        }
    }
}

/// The language family of the function's runtime, when every value it can take agrees.
fn single_family(template: &Template, function: &Function) -> Option<Family> {
    let runtimes = strings(template, function.runtime?)?;
    let mut families = runtimes.iter().map(|(runtime, _)| Family::of(runtime));
    let first = families.next()??;
    families.all(|f| f == Some(first)).then_some(first)
}

/// What is wrong with `handler` for the family, or `None`.
fn problem(family: Family, handler: &str) -> Option<String> {
    if handler.is_empty() {
        return None;
    }
    if handler.chars().any(char::is_whitespace) {
        return Some("contains whitespace".to_owned());
    }
    match family {
        Family::Node(_) | Family::Python(..) | Family::Ruby => {
            let name = handler.rsplit('/').next().unwrap_or(handler);
            match name.split_once('.') {
                None => Some("has no `.` between the file and the function; write it as `file.function` (for example `app.handler`)".to_owned()),
                Some(("", _)) => Some("names no file before the `.`; write it as `file.function`".to_owned()),
                Some((_, function)) if function.is_empty() || function.ends_with('.') => {
                    Some("names no function after the `.`; write it as `file.function`".to_owned())
                }
                Some(_) => None,
            }
        }
        Family::Java(_) => {
            let parts: Vec<&str> = handler.split("::").collect();
            match parts.as_slice() {
                [_] => None,
                [class, method] if !class.is_empty() && !method.is_empty() => None,
                _ => Some("is not `package.Class::method` (or `package.Class`)".to_owned()),
            }
        }
        Family::DotNet(_) => {
            let parts: Vec<&str> = handler.split("::").collect();
            match parts.as_slice() {
                // An executable assembly (top-level statements) is named on its own.
                [_] => None,
                [assembly, class, method] if [assembly, class, method].iter().all(|p| !p.is_empty()) => None,
                _ => Some("is not `Assembly::Namespace.Class::Method`".to_owned()),
            }
        }
        Family::Go | Family::OsOnly => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handler_forms_per_family() {
        let python = Family::Python(3, 13);
        assert!(problem(python, "app.lambda_handler").is_none());
        assert!(problem(python, "src/handlers/app.handler").is_none());
        assert!(problem(python, "package.module.handler").is_none());
        assert!(problem(python, "app").is_some());
        assert!(problem(python, "app.").is_some());
        assert!(problem(python, "src.dir/app").is_some());
        assert!(problem(Family::Node(22), "dist/index.handler").is_none());
        assert!(problem(Family::Node(22), "index handler").is_some());
        assert!(problem(Family::Java(21), "example.Handler::handleRequest").is_none());
        assert!(problem(Family::Java(21), "example.Handler").is_none());
        assert!(problem(Family::Java(21), "example.Handler::").is_some());
        assert!(problem(Family::DotNet(8), "Orders::Orders.Function::Handle").is_none());
        assert!(problem(Family::DotNet(8), "Orders").is_none());
        assert!(problem(Family::DotNet(8), "Orders::Handle").is_some());
        assert!(problem(Family::OsOnly, "bootstrap").is_none());
        assert!(problem(Family::Go, "main").is_none());
    }
}
