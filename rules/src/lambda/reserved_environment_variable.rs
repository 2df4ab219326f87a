use slint_linter::model::functions::RESERVED_ENVIRONMENT_VARIABLES;
use slint_linter::model::Function;
use slint_linter::syntax::{Entry, Node};
use slint_linter::Severity;

use super::support::subject;
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L005",
    name: "reserved-environment-variable",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E3663"],
    summary: "Function sets an environment variable that Lambda reserves",
    docs: r#"
## What it does
Reports `Environment.Variables` names that the Lambda runtime sets itself and does not let a
function override: `AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_EXECUTION_ENV`, `_HANDLER`,
`_X_AMZN_TRACE_ID`, `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`,
`AWS_LAMBDA_FUNCTION_VERSION`, `AWS_LAMBDA_INITIALIZATION_TYPE`, `AWS_LAMBDA_LOG_GROUP_NAME`,
`AWS_LAMBDA_LOG_STREAM_NAME`, `AWS_LAMBDA_RUNTIME_API`, `LAMBDA_TASK_ROOT`,
`LAMBDA_RUNTIME_DIR` and the credential variables `AWS_ACCESS_KEY`, `AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`. A name set in SAM Globals is reported once, at
the Globals line.

`LANG`, `PATH`, `LD_LIBRARY_PATH`, `NODE_PATH` and `PYTHONPATH` can be set and are not
reported.

## Why it matters
Lambda rejects the configuration ("Reserved keys used in this request"), so the deployment
fails. The values are available to the code anyway; credentials come from the execution role.

## Example
```yaml
      Environment:
        Variables:
          AWS_REGION: eu-west-1
```

## Use instead
```yaml
      Environment:
        Variables:
          TARGET_REGION: eu-west-1   # AWS_REGION is already set to the function's region
```

## References
- [Defined runtime environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(_template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    // A name written once in Globals reaches every function's merged variables: report each
    // written name once, naming all the functions it reaches.
    let mut findings: Vec<(&Entry, Vec<&Function>)> = Vec::new();
    for function in functions {
        let Some(map) = function.environment.and_then(Node::as_map) else { continue };
        for entry in map.entries.iter().filter(|e| RESERVED_ENVIRONMENT_VARIABLES.contains(&e.key.as_str())) {
            match findings.iter_mut().find(|(seen, _)| seen.key_span == entry.key_span) {
                Some((_, owners)) => owners.push(function),
                None => findings.push((entry, vec![function])),
            }
        }
    }
    for (entry, owners) in findings {
        report.add(
            entry.key_span,
            format!(
                "`{}` is set by the Lambda runtime and cannot be overridden; Lambda rejects the configuration of {} \
                 (\"Reserved keys used in this request\"). Read the value the runtime provides, or use another name",
                entry.key,
                subject(&entry.value, &owners)
            ),
        );
    }
}
