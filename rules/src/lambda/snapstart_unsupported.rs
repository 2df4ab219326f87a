use slint_linter::model::{Function, Functions};
use slint_linter::template::Template;
use slint_linter::{Severity, Span};

use super::runtimes::Family;
use super::support::{numbers, package, strings, Package};
use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "L016",
    name: "snapstart-unsupported",
    area: Area::Lambda,
    severity: Severity::Error,
    cfn_lint: &["E2530"],
    summary: "SnapStart on a runtime or configuration that does not support it",
    docs: r#"
## What it does
Reports `SnapStart: {ApplyOn: PublishedVersions}` on a function that cannot use it:

* a runtime other than Java 11 and later, Python 3.12 and later, or .NET 8 and later
  (Node.js, Ruby, OS-only runtimes and older versions are not supported);
* a container image (`PackageType: Image`);
* together with provisioned concurrency (SAM `ProvisionedConcurrencyConfig`, or an
  `AWS::Lambda::Version`/`AWS::Lambda::Alias` of the function with one), an EFS file system
  (`FileSystemConfigs`) or ephemeral storage above 512 MB.

## Why it matters
Lambda rejects the configuration when it publishes a version, so the deployment fails.
SnapStart and provisioned concurrency solve the same cold-start problem: pick one.

## Example
```yaml
      Runtime: nodejs22.x
      SnapStart:
        ApplyOn: PublishedVersions
```

## Use instead
```yaml
      Runtime: nodejs22.x
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 2
```

## References
- [Improving startup performance with Lambda SnapStart](https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html)
"#,
    check,
};

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    let Some(functions) = cx.functions() else { return };
    for function in functions {
        let Some(snap_start) = function.snap_start else { continue };
        let Some(apply_on) = snap_start.get("ApplyOn") else { continue };
        let enabled = strings(template, apply_on).unwrap_or_default().iter().any(|(v, _)| v == "PublishedVersions");
        if !enabled {
            continue;
        }
        let name = function.name;
        if package(template, function) == Some(Package::Image) {
            report.add(
                apply_on.span,
                format!("SnapStart on function `{name}`, a container image; SnapStart works only with managed runtimes packaged as .zip archives"),
            );
            continue;
        }
        if let Some(runtime) = function.runtime {
            for (value, span) in strings(template, runtime).unwrap_or_default() {
                if supports_snap_start(&value) {
                    continue;
                }
                report
                    .add(
                        apply_on.span,
                        format!(
                            "SnapStart on function `{name}`, whose runtime `{value}` does not support it; SnapStart needs Java 11 \
                             or later, Python 3.12 or later, or .NET 8 or later, and the deployment fails"
                        ),
                    )
                    .add_related(span, format!("the runtime is `{value}`"));
            }
        }
        for (span, what) in conflicts(template, functions, function) {
            report
                .add(
                    apply_on.span,
                    format!("SnapStart on function `{name}` together with {what}; Lambda does not combine them and the deployment fails"),
                )
                .add_related(span, format!("{what} is set here"));
        }
    }
}

fn supports_snap_start(runtime: &str) -> bool {
    match Family::of(runtime) {
        Some(Family::Java(version)) => version >= 11,
        Some(Family::Python(major, minor)) => (major, minor) >= (3, 12),
        Some(Family::DotNet(version)) => version >= 8 && !runtime.starts_with("dotnetcore"),
        _ => false,
    }
}

/// Settings SnapStart cannot be combined with, where each is written.
fn conflicts(template: &Template, functions: &Functions, function: &Function) -> Vec<(Span, &'static str)> {
    let mut found = Vec::new();
    if let Some(node) = function.provisioned_concurrency {
        found.push((node.span, "provisioned concurrency"));
    }
    for resource in template.resources.iter().filter(|r| matches!(r.type_name, Some("AWS::Lambda::Version" | "AWS::Lambda::Alias"))) {
        let Some(config) = resource.property("ProvisionedConcurrencyConfig") else { continue };
        let owner = resource.property("FunctionName").and_then(|n| functions.named_by(n));
        if owner.is_some_and(|f| f.name == function.name) {
            found.push((config.span, "provisioned concurrency"));
        }
    }
    if let Some(node) = function.file_systems.filter(|n| n.as_seq().is_none_or(|items| !items.is_empty())) {
        found.push((node.span, "an EFS file system (`FileSystemConfigs`)"));
    }
    if let Some(size) = function.ephemeral_storage {
        if numbers(template, size).unwrap_or_default().iter().any(|c| c.value > 512.0) {
            found.push((size.span, "ephemeral storage above 512 MB"));
        }
    }
    found
}


#[cfg(test)]
mod tests {
    use super::supports_snap_start;

    #[test]
    fn supported_runtimes() {
        for runtime in ["java11", "java21", "java25", "python3.12", "python3.14", "dotnet8", "dotnet10"] {
            assert!(supports_snap_start(runtime), "{runtime}");
        }
        for runtime in ["java8.al2", "python3.11", "dotnet6", "dotnetcore3.1", "nodejs22.x", "ruby3.4", "provided.al2023"] {
            assert!(!supports_snap_start(runtime), "{runtime}");
        }
    }
}
