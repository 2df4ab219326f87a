//! The schema check of a whole document, run once and shared by every schema rule.

use rayon::prelude::*;
use slint_linter::schema::{validate, validate_property, ErrorKind, SchemaError, Validators};
use slint_linter::Span;
use slint_linter::syntax::{Map, Node, Value};
use slint_linter::template::{Resource, Template};

use crate::Context;

/// Resources checked by one thread at a time: enough that handing them out costs little.
const RESOURCES_PER_TASK: usize = 32;

/// The schema set of the run: the bundle, or the bundle with the user's `--schemas` folder.
pub(crate) fn validators<'c>(cx: &'c Context) -> &'c Validators {
    cx.settings.schemas.as_deref().unwrap_or_else(|| Validators::bundled())
}

/// Every schema finding of the document, in source order, computed on first use (the language
/// server computes again only those of the resources an edit changed).
pub(crate) fn errors<'c>(cx: &'c Context) -> &'c [SchemaError] {
    cx.schema_errors.get_or_init(|| check_document(cx))
}

fn check_document(cx: &Context) -> Vec<SchemaError> {
    let Some(template) = cx.template else { return Vec::new() };
    let validators = validators(cx);
    let mut errors = Vec::new();
    // Globals first: a mistake there is also found through every resource it is merged into,
    // and the Globals finding names the section.
    if let (Some(globals), Some(schema)) = (template.root.entry("Globals"), validators.sam_globals()) {
        errors.extend(validate(&schema, &globals.value, globals.key_span, template));
    }
    let source = cx.source();
    let recall = cx.memo.map(|memo| memo.schema.recall(template, source, cx.settings.schemas.as_ref()));
    let check = |resource: &Resource| {
        if let Some(found) = recall.as_ref().and_then(|recall| recall.findings(resource, source)) {
            return found;
        }
        let Some(schema) = resource.type_name.and_then(|t| validators.get(t)) else { return Vec::new() };
        if resource.node.as_map().is_none() {
            return Vec::new();
        }
        let empty = Node::new(resource.name_span, Value::Map(Map::default()));
        let properties = resource.properties.as_deref().unwrap_or(&empty);
        let mut found = validate(&schema, properties, properties_anchor(resource), template);
        found.extend(check_passed_on(validators, resource, properties, template));
        let local_paths = local_paths(resource, properties);
        found.retain(|e| !(e.kind == ErrorKind::WrongType && local_paths.contains(&e.span)));
        found
    };
    // Resources are checked independently: many of them are shared out among the cores.
    let found: Vec<Vec<SchemaError>> = if template.resources.len() >= 2 * RESOURCES_PER_TASK {
        template.resources.par_iter().with_min_len(RESOURCES_PER_TASK).map(check).collect()
    } else {
        template.resources.iter().map(check).collect()
    };
    if let (Some(memo), Some(recall)) = (cx.memo, recall) {
        memo.schema.keep(recall, template, source, &found);
    }
    errors.extend(found.into_iter().flatten());
    errors.sort_by(|a, b| (a.span.start, a.span.end, a.kind).cmp(&(b.span.start, b.span.end, b.kind)));
    errors.dedup_by(|later, earlier| later.span == earlier.span && later.kind == earlier.kind);
    errors
}

/// Properties `aws cloudformation package` and `sam package` accept as a local path, which they
/// upload and replace with the object CloudFormation expects.
const PACKAGEABLE: &[(&str, &str)] = &[
    ("AWS::ApiGateway::RestApi", "BodyS3Location"),
    ("AWS::ApiGatewayV2::Api", "BodyS3Location"),
    ("AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"),
    ("AWS::Lambda::Function", "Code"),
    ("AWS::Lambda::LayerVersion", "Content"),
    ("AWS::StepFunctions::StateMachine", "DefinitionS3Location"),
];

/// The spans of packageable properties written as a local path.
fn local_paths(resource: &Resource, properties: &Node) -> Vec<Span> {
    PACKAGEABLE
        .iter()
        .filter(|(type_name, _)| resource.type_name == Some(*type_name))
        .filter_map(|(_, property)| properties.get(property))
        .filter(|value| value.as_str().is_some())
        .map(|value| value.span)
        .collect()
}

/// SAM properties the transform hands unchanged to the resource it creates. SAM's own schema
/// only says "a string" for most of them; the created type's schema knows the allowed values.
const PASSED_ON: &[(&str, &str, &[&str])] = &[(
    "AWS::Serverless::Function",
    "AWS::Lambda::Function",
    &[
        "Architectures",
        "Description",
        "EphemeralStorage",
        "Handler",
        "KmsKeyArn",
        "LoggingConfig",
        "MemorySize",
        "RecursiveLoop",
        "ReservedConcurrentExecutions",
        "Runtime",
        "RuntimeManagementConfig",
        "SnapStart",
        "Timeout",
    ],
)];

fn check_passed_on(validators: &Validators, resource: &Resource, properties: &Node, template: &Template) -> Vec<SchemaError> {
    let Some((_, target, names)) = PASSED_ON.iter().find(|(sam, _, _)| resource.type_name == Some(*sam)) else {
        return Vec::new();
    };
    let (Some(schema), Some(map)) = (validators.get(target), properties.as_map()) else { return Vec::new() };
    map.entries
        .iter()
        .filter(|entry| names.contains(&entry.key.as_str()))
        .flat_map(|entry| validate_property(&schema, &entry.key, &entry.value, entry.key_span, template))
        .collect()
}

/// Where to report what `Properties` as a whole lacks: its key, or the resource's name when the
/// resource has none.
fn properties_anchor(resource: &Resource) -> slint_linter::Span {
    resource.node.as_map().and_then(|m| m.entry("Properties")).map_or(resource.name_span, |e| e.key_span)
}
