use slint_linter::schema::did_you_mean;
use slint_linter::syntax::{Node, Value};
use slint_linter::template::{Resource, Template};
use slint_linter::Severity;

use crate::{Area, Context, Report, Rule};

pub static RULE: Rule = Rule {
    code: "S010",
    name: "invalid-resource-attribute",
    area: Area::Schema,
    severity: Severity::Error,
    cfn_lint: &["E3001", "W3001", "E3035", "E3036", "E3055", "E3005", "E3015", "E3028"],
    summary: "A resource entry that is malformed: no `Type`, an unknown attribute, or a bad policy value",
    docs: r#"
## What it does
Checks the parts of a resource entry beside `Properties`:

- the entry is a mapping with a string `Type`;
- every key is a resource attribute CloudFormation knows (`Type`, `Properties`, `DependsOn`,
  `Condition`, `DeletionPolicy`, `UpdateReplacePolicy`, `Metadata`, `CreationPolicy`,
  `UpdatePolicy`; SAM's `Connectors` and `IgnoreGlobals`), with a suggestion for misspellings;
- `DependsOn` is a logical id or a list of them, `Condition` a condition name, `Metadata` a
  mapping;
- `DeletionPolicy` is `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`, and
  `UpdateReplacePolicy` is `Delete`, `Retain` or `Snapshot`, with `Snapshot` only on types that
  keep snapshots (RDS, Neptune and DocumentDB clusters, RDS instances, ElastiCache, Redshift,
  EBS volumes); values given through `Ref` or `Fn::If` are checked through what they resolve to;
- `CreationPolicy` and `UpdatePolicy` are mappings, never on custom resources, and on types that
  ignore them a warning says so.

Unknown attributes on SAM resources are warnings: the SAM transform drops them.

## Why it matters
CloudFormation rejects the template ("Invalid template resource property 'Propertes'") before
creating anything. A misspelt `DeletionPolicy` key is worse: nothing rejects it when SAM drops
it, and the table it was meant to protect is deleted with the stack.

## Example
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Snapshot
    Propertes:
      BillingMode: PAY_PER_REQUEST
```

## Use instead
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
```

## References
- [Resources section](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html)
- [Resource attribute reference](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-product-attribute-reference.html)
- [DeletionPolicy](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html)
"#,
    check,
};

const LANGUAGE_EXTENSIONS: &str = "AWS::LanguageExtensions";

/// The intrinsic functions CloudFormation evaluates in `DeletionPolicy` and
/// `UpdateReplacePolicy`.
const POLICY_FUNCTIONS: &[&str] = &["Ref", "Fn::If", "Fn::FindInMap", "Fn::Sub", "Fn::Select", "Fn::Join"];

const ATTRIBUTES: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
    "Connectors",
    "IgnoreGlobals",
];

/// Types whose data CloudFormation can snapshot before deleting or replacing them.
const SNAPSHOT_TYPES: &[&str] = &[
    "AWS::DocDB::DBCluster",
    "AWS::EC2::Volume",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
];

const CREATION_POLICY_TYPES: &[&str] = &[
    "AWS::AppStream::Fleet",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::CloudFormation::WaitCondition",
    "AWS::EC2::Instance",
];

const UPDATE_POLICY_TYPES: &[&str] = &[
    "AWS::AppStream::Fleet",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::Elasticsearch::Domain",
    "AWS::Lambda::Alias",
    "AWS::OpenSearchService::Domain",
];

fn check(cx: &Context, report: &mut Report) {
    let Some(template) = cx.template else { return };
    for resource in &template.resources {
        // `Fn::ForEach::Name` entries are loops of the AWS::LanguageExtensions transform, which
        // expands them into resources.
        if resource.name.starts_with("Fn::ForEach::") {
            if !template.transforms.iter().any(|(name, _)| *name == LANGUAGE_EXTENSIONS) {
                let message = format!(
                    "`{}` is a loop of the {LANGUAGE_EXTENSIONS} transform, which this template does not declare in `Transform`",
                    resource.name
                );
                report.add(resource.name_span, message);
            }
            continue;
        }
        let Some(map) = resource.node.as_map() else {
            let written = resource.node.value.kind_name_with_article();
            report.add(resource.node.span, format!("resource `{}` must be a mapping with a `Type`, not {written}", resource.name));
            continue;
        };
        match map.get("Type") {
            None => {
                report.add(resource.name_span, format!("resource `{}` has no `Type`", resource.name));
            }
            Some(node) if resource.type_name.is_none() => {
                let written = node.value.kind_name_with_article();
                report.add(node.span, format!("`Type` must be a resource type name, not {written}"));
            }
            Some(_) => {}
        }
        let is_custom = resource.type_name.is_some_and(is_custom_type);
        for entry in &map.entries {
            if ATTRIBUTES.contains(&entry.key.as_str()) || is_custom && entry.key == "Version" {
                check_attribute(template, resource, &entry.key, &entry.value, is_custom, report);
                continue;
            }
            let hint = did_you_mean(&entry.key, ATTRIBUTES.iter().copied()).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            if resource.is_sam() {
                let message = format!("`{}` is not a resource attribute; the SAM transform drops it{hint}", entry.key);
                report.add_with_severity(Severity::Warning, entry.key_span, message);
            } else {
                report.add(entry.key_span, format!("`{}` is not a resource attribute{hint}", entry.key));
            }
        }
    }
}

fn is_custom_type(type_name: &str) -> bool {
    type_name.starts_with("Custom::") || type_name == "AWS::CloudFormation::CustomResource"
}

fn check_attribute(template: &Template, resource: &Resource, key: &str, value: &Node, is_custom: bool, report: &mut Report) {
    let kind = value.value.kind_name_with_article();
    match key {
        "DependsOn" => {
            let valid = match &value.value {
                Value::String(_) => true,
                Value::Seq(items) => items.iter().all(|item| matches!(item.value, Value::String(_))),
                _ => false,
            };
            if !valid {
                report.add(value.span, format!("`DependsOn` must be a logical id or a list of logical ids, not {kind}"));
            }
        }
        "Condition" if value.as_str().is_none() => {
            report.add(value.span, format!("`Condition` must be the name of a condition, not {kind}"));
        }
        "Metadata" if value.as_map().is_none() => {
            report.add(value.span, format!("`Metadata` must be a mapping, not {kind}"));
        }
        "DeletionPolicy" => check_policy(template, resource, key, value, &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"], report),
        "UpdateReplacePolicy" => check_policy(template, resource, key, value, &["Delete", "Retain", "Snapshot"], report),
        "CreationPolicy" | "UpdatePolicy" => check_stack_policy(resource, key, value, is_custom, report),
        _ => {}
    }
}

fn check_policy(template: &Template, resource: &Resource, key: &str, value: &Node, allowed: &[&str], report: &mut Report) {
    if let Some((function, _)) = value.intrinsic() {
        if !POLICY_FUNCTIONS.contains(&function) {
            report.add(value.span, format!("`{key}` cannot be computed with `{function}`; use one of {}", quoted(allowed)));
            return;
        }
    }
    let Some(possible) = template.possible_values(value) else { return };
    for candidate in &possible.values {
        // A value from a parameter may be replaced at deploy time: a warning, as for properties.
        let written_here = value.span.contains(candidate.span);
        let span = if written_here { candidate.span } else { value.span };
        let severity = if written_here { Severity::Error } else { Severity::Warning };
        let Some(text) = candidate.as_str() else {
            let kind = candidate.value.kind_name_with_article();
            report.add_with_severity(severity, span, format!("`{key}` must be one of {}, not {kind}", quoted(allowed)));
            continue;
        };
        if !allowed.contains(&text) {
            let hint = did_you_mean(text, allowed.iter().copied()).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            report.add_with_severity(severity, span, format!("`{key}` must be one of {}, not `{text}`{hint}", quoted(allowed)));
            continue;
        }
        let type_name = resource.type_name.unwrap_or_default();
        if text == "Snapshot" && !SNAPSHOT_TYPES.contains(&type_name) && !type_name.is_empty() {
            report.add_with_severity(
                severity,
                span,
                format!("{type_name} cannot be snapshotted; `{key}: Snapshot` works only for {}; use `Retain` to keep the data", snapshot_families()),
            );
        }
    }
}

fn check_stack_policy(resource: &Resource, key: &str, value: &Node, is_custom: bool, report: &mut Report) {
    let type_name = resource.type_name.unwrap_or_default();
    if is_custom {
        report.add(value.span, format!("custom resources do not support `{key}`"));
        return;
    }
    if value.as_map().is_none() && value.intrinsic().is_none() {
        report.add(value.span, format!("`{key}` must be a mapping, not {}", value.value.kind_name_with_article()));
        return;
    }
    let supported = if key == "CreationPolicy" { CREATION_POLICY_TYPES } else { UPDATE_POLICY_TYPES };
    // SAM resources hand resource attributes on to what they generate; which of those honour
    // the policy depends on the transform.
    if !type_name.is_empty() && !resource.is_sam() && !supported.contains(&type_name) {
        report.add_with_severity(
            Severity::Warning,
            value.span,
            format!("`{key}` has no effect on {type_name}; CloudFormation applies it only to {}", quoted(supported)),
        );
    }
}

fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} or {last}", init.join(", ")),
        None => String::new(),
    }
}

fn snapshot_families() -> &'static str {
    "RDS, Neptune and DocumentDB clusters, RDS instances, ElastiCache clusters and replication groups, Redshift clusters and EBS volumes"
}
