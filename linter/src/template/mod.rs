//! The CloudFormation document model over a parsed tree: sections, parameters, resources with
//! SAM Globals merged in, the resources SAM generates, and an index of every reference.

mod globals;
mod references;
mod sam;

pub use references::{sub_variables, Reference, ReferenceKind, SubVariable};
pub use globals::globals_key;
pub use sam::{sam_ref_suffixes, GeneratedResource, SAM_TRANSFORM};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::span::Span;
use crate::syntax::{Map, Node, Value};

/// Every top-level section CloudFormation and SAM accept.
pub const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Globals",
    "Resources",
    "Outputs",
    "Hooks",
];

/// A named entry of a section (a parameter, mapping, condition, output or resource).
#[derive(Clone, Copy, Debug)]
pub struct Named<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub node: &'a Node,
}

#[derive(Debug)]
pub struct Resource<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub node: &'a Node,
    /// `Type` as written, when it is a string.
    pub type_name: Option<&'a str>,
    /// `Properties` after SAM Globals were merged in. Values taken from Globals keep the spans
    /// of the Globals section, so findings about them point there.
    pub properties: Option<Cow<'a, Node>>,
}

impl<'a> Resource<'a> {
    pub fn attribute(&self, name: &str) -> Option<&'a Node> {
        self.node.get(name)
    }

    pub fn property(&self, name: &str) -> Option<&Node> {
        self.properties.as_deref()?.get(name)
    }

    /// The span to point at when talking about the resource's type (or its name if it has none).
    pub fn type_span(&self) -> Span {
        self.node.get("Type").map_or(self.name_span, |t| t.span)
    }

    pub fn is_sam(&self) -> bool {
        self.type_name.is_some_and(|t| t.starts_with("AWS::Serverless::"))
    }
}

#[derive(Debug)]
pub struct Template<'a> {
    pub root: &'a Map,
    pub parameters: Vec<Named<'a>>,
    pub mappings: Vec<Named<'a>>,
    pub conditions: Vec<Named<'a>>,
    pub resources: Vec<Resource<'a>>,
    pub outputs: Vec<Named<'a>>,
    /// Names in `Transform`, a string or a list.
    pub transforms: Vec<(&'a str, Span)>,
    /// Resources SAM creates while transforming, by logical id.
    pub generated: BTreeMap<String, GeneratedResource>,
    /// Deploy-time parameter values given on the command line or in settings.
    pub parameter_overrides: BTreeMap<String, String>,
    references: Vec<Reference<'a>>,
    resource_index: HashMap<&'a str, usize>,
    /// Resources by type, in template order: rules ask for one type over and over.
    type_index: HashMap<&'a str, Vec<usize>>,
}

/// From this many resources on, the work done for each one is shared out among the cores.
pub(crate) const SHARED_OUT_FROM: usize = 64;

impl<'a> Template<'a> {
    /// The model of a parsed document whose top level is a mapping.
    pub fn new(root: &'a Node, source: &'a str, parameter_overrides: BTreeMap<String, String>) -> Option<Template<'a>> {
        let root = root.as_map()?;
        let section = |name: &str| named_entries(root.get(name));
        let transforms = match root.get("Transform") {
            Some(Node { value: Value::String(s), span, .. }) => vec![(s.as_str(), *span)],
            Some(Node { value: Value::Seq(items), .. }) => {
                items.iter().filter_map(|item| Some((item.as_str()?, item.span))).collect()
            }
            _ => Vec::new(),
        };
        let globals = root.get("Globals");
        let resource = |named: Named<'a>| {
            let type_name = named.node.get("Type").and_then(Node::as_str);
            let properties = globals::merged_properties(named.node, type_name, globals);
            Resource { name: named.name, name_span: named.name_span, node: named.node, type_name, properties }
        };
        let named = section("Resources");
        // Merging Globals copies each resource's properties: many resources share the cores.
        let resources: Vec<Resource<'a>> = if named.len() >= SHARED_OUT_FROM {
            named.into_par_iter().map(resource).collect()
        } else {
            named.into_iter().map(resource).collect()
        };
        let resource_index = resources.iter().enumerate().map(|(i, r)| (r.name, i)).collect();
        let mut type_index: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, type_name) in resources.iter().enumerate().filter_map(|(i, r)| Some((i, r.type_name?))) {
            type_index.entry(type_name).or_default().push(i);
        }
        let mut template = Template {
            root,
            parameters: section("Parameters"),
            mappings: section("Mappings"),
            conditions: section("Conditions"),
            outputs: section("Outputs"),
            resources,
            transforms,
            generated: BTreeMap::new(),
            parameter_overrides,
            references: Vec::new(),
            resource_index,
            type_index,
        };
        template.generated = sam::generated_resources(&template);
        template.references = references::collect(&template, source);
        Some(template)
    }

    pub fn section(&self, name: &str) -> Option<&'a Node> {
        self.root.get(name)
    }

    pub fn resource(&self, name: &str) -> Option<&Resource<'a>> {
        self.resource_index.get(name).map(|&i| &self.resources[i])
    }

    pub fn parameter(&self, name: &str) -> Option<&Named<'a>> {
        self.parameters.iter().find(|p| p.name == name)
    }

    pub fn mapping(&self, name: &str) -> Option<&Named<'a>> {
        self.mappings.iter().find(|m| m.name == name)
    }

    pub fn condition(&self, name: &str) -> Option<&Named<'a>> {
        self.conditions.iter().find(|c| c.name == name)
    }

    /// Resources of one type, in template order.
    pub fn resources_of_type<'s>(&'s self, type_name: &'s str) -> impl Iterator<Item = &'s Resource<'a>> + 's {
        self.type_index.get(type_name).into_iter().flatten().map(|&i| &self.resources[i])
    }

    pub fn is_sam(&self) -> bool {
        self.has_sam_transform() || self.resources.iter().any(Resource::is_sam)
    }

    pub fn has_sam_transform(&self) -> bool {
        self.transforms.iter().any(|(name, _)| *name == SAM_TRANSFORM)
    }

    /// The type of a logical id, written in the template or generated by SAM.
    pub fn type_of(&self, name: &str) -> Option<&str> {
        match self.resource(name) {
            Some(resource) => resource.type_name,
            None => self.generated.get(name).map(|g| g.type_name),
        }
    }

    /// Every Ref, GetAtt, Sub variable, DependsOn, Condition and FindInMap, in source order.
    pub fn references(&self) -> &[Reference<'a>] {
        &self.references
    }
}

fn named_entries(section: Option<&Node>) -> Vec<Named<'_>> {
    let Some(map) = section.and_then(Node::as_map) else {
        return Vec::new();
    };
    map.entries.iter().map(|e| Named { name: &e.key, name_span: e.key_span, node: &e.value }).collect()
}

/// CloudFormation's pseudo parameters, usable with `Ref` and in `Fn::Sub`.
pub const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// What a `Ref` name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefTarget<'t> {
    Parameter,
    Resource,
    /// A resource the SAM transform creates, named by SAM's conventions.
    Generated,
    Pseudo,
    /// SAM's `Ref: Function.Version` and similar forms, which name a generated resource.
    SamAttribute { resource: &'t str },
}

impl<'a> Template<'a> {
    /// What `name` refers to in a `Ref` or an `Fn::Sub` variable without a dot.
    pub fn ref_target<'t>(&self, name: &'t str) -> Option<RefTarget<'t>> {
        if PSEUDO_PARAMETERS.contains(&name) {
            return Some(RefTarget::Pseudo);
        }
        if self.parameter(name).is_some() {
            return Some(RefTarget::Parameter);
        }
        if self.resource(name).is_some() {
            return Some(RefTarget::Resource);
        }
        if self.generated.contains_key(name) {
            return Some(RefTarget::Generated);
        }
        let (resource, suffix) = name.split_once('.')?;
        let type_name = self.resource(resource)?.type_name?;
        sam_ref_suffixes(type_name).contains(&suffix).then_some(RefTarget::SamAttribute { resource })
    }

    /// Whether `name` is a resource of the template or one SAM generates.
    pub fn has_resource(&self, name: &str) -> bool {
        self.resource(name).is_some() || self.generated.contains_key(name)
    }

    /// Whether some resources are named only at deploy time, by `Fn::ForEach` loops, so that a
    /// name missing from the template may still exist.
    pub fn has_generated_names(&self) -> bool {
        self.resources.iter().any(|r| r.name.starts_with(references::FOR_EACH))
    }

    /// The logical ids of the template's resources and of those SAM generates, for suggestions.
    pub fn resource_names(&self) -> impl Iterator<Item = &str> {
        self.resources.iter().map(|r| r.name).chain(self.generated.keys().map(String::as_str))
    }

    /// Every name a `Ref` may use, for suggestions.
    pub fn ref_candidates(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.parameters.iter().map(|p| p.name).collect();
        names.extend(self.resources.iter().map(|r| r.name));
        names.extend(self.generated.keys().map(String::as_str));
        names.extend(PSEUDO_PARAMETERS);
        names
    }
}
