//! OpenAPI definitions kept in files beside the template: `DefinitionBody`/`Body` written as
//! `Fn::Transform: {Name: AWS::Include, Parameters: {Location: ./api.yaml}}`, and SAM's
//! `DefinitionUri: ./api.yaml`. `sam package` uploads such files; until then they are local
//! paths relative to the template's folder, and the model reads them from there.

use std::path::{Path, PathBuf};

use crate::span::Span;
use crate::syntax::{self, Node, Parsed};
use crate::template::Template;

/// The resource types whose definition can live in another file, with the properties that hold it.
const DEFINITION_PROPERTIES: [(&str, &[&str]); 4] = [
    ("AWS::Serverless::Api", &["DefinitionBody", "DefinitionUri"]),
    ("AWS::Serverless::HttpApi", &["DefinitionBody", "DefinitionUri"]),
    ("AWS::ApiGateway::RestApi", &["Body"]),
    ("AWS::ApiGatewayV2::Api", &["Body"]),
];

/// Files larger than this are not OpenAPI definitions anyone writes by hand; they are skipped.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Where a definition that is not written inline comes from.
#[derive(Clone, Copy, Debug)]
pub enum DefinitionSource<'t> {
    /// The definition is the node itself.
    Inline(&'t Node),
    /// `Fn::Transform` `AWS::Include`; `location` is the `Location` value.
    Include { location: &'t Node },
    /// SAM's `DefinitionUri`: a local path, an S3 URI or an `{Bucket, Key}` mapping.
    Uri(&'t Node),
    /// Anything else (`Fn::If`, `Ref` to a parameter): not known before deployment.
    Unknown(&'t Node),
}

impl<'t> DefinitionSource<'t> {
    /// How `property` (`DefinitionBody`, `Body`, `DefinitionUri`) gives the definition.
    pub fn of(property: &str, node: &'t Node) -> DefinitionSource<'t> {
        if property == "DefinitionUri" {
            return DefinitionSource::Uri(node);
        }
        match node.intrinsic() {
            Some(("Fn::Transform", args)) => {
                let is_include = args.get("Name").and_then(Node::as_str) == Some("AWS::Include");
                match args.get("Parameters").and_then(|p| p.get("Location")) {
                    Some(location) if is_include => DefinitionSource::Include { location },
                    _ => DefinitionSource::Unknown(node),
                }
            }
            Some(_) => DefinitionSource::Unknown(node),
            None => DefinitionSource::Inline(node),
        }
    }

    /// The node naming a file to read, when the source is a local path.
    fn local_path(&self) -> Option<&'t Node> {
        let node = match self {
            DefinitionSource::Include { location } => location,
            DefinitionSource::Uri(node) => node,
            _ => return None,
        };
        let text = node.as_str()?;
        let remote = text.contains("://") || text.starts_with("s3:") || text.trim().is_empty();
        (!remote).then_some(*node)
    }
}

/// One definition file read from disk.
#[derive(Debug)]
pub struct IncludedFile {
    /// The path as the template writes it.
    pub location: String,
    /// The file that was read.
    pub path: PathBuf,
    pub parsed: Parsed,
}

/// Why a referenced file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeProblem {
    /// The `Location`/`DefinitionUri` value in the template.
    pub span: Span,
    pub message: String,
}

/// The definition files a template refers to by local path, read once.
#[derive(Debug, Default)]
pub struct Includes {
    files: Vec<IncludedFile>,
    pub problems: Vec<IncludeProblem>,
}

impl Includes {
    /// Reads every local definition file the template's APIs name, relative to `folder` (the
    /// template's folder).
    pub fn load(template: &Template, folder: &Path) -> Includes {
        let mut includes = Includes::default();
        for resource in &template.resources {
            let Some((_, properties)) = DEFINITION_PROPERTIES.iter().find(|(t, _)| resource.type_name == Some(*t))
            else {
                continue;
            };
            for property in properties.iter() {
                let Some(node) = resource.property(property) else {
                    continue;
                };
                let Some(location) = DefinitionSource::of(property, node).local_path() else {
                    continue;
                };
                let text = location.as_str().unwrap_or_default();
                if includes.get(text).is_none() {
                    includes.read(text, location.span, folder);
                }
            }
        }
        includes
    }

    /// The file read for a location as written in the template.
    pub fn get(&self, location: &str) -> Option<&IncludedFile> {
        self.files.iter().find(|f| f.location == location)
    }

    /// The parsed document for a definition source, when it names a file that was read.
    pub(super) fn document_for<'i>(&'i self, source: &DefinitionSource) -> Option<(&'i IncludedFile, &'i Node)> {
        let location = source.local_path()?.as_str()?;
        let file = self.get(location)?;
        Some((file, file.parsed.root.as_ref()?))
    }

    fn read(&mut self, location: &str, span: Span, folder: &Path) {
        let path = folder.join(location);
        let problem = |message: String| IncludeProblem { span, message };
        match std::fs::metadata(&path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                self.problems
                    .push(problem(format!("`{location}` is larger than {MAX_FILE_BYTES} bytes; it was not read")));
                return;
            }
            Ok(meta) if !meta.is_file() => {
                self.problems.push(problem(format!("`{location}` is not a file")));
                return;
            }
            Ok(_) => {}
            Err(error) => {
                self.problems.push(problem(format!(
                    "cannot read `{location}` ({}): {}",
                    path.display(),
                    reason(&error)
                )));
                return;
            }
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                let parsed = syntax::parse(&bytes);
                if parsed.root.as_ref().and_then(Node::as_map).is_none() {
                    let reason = parsed.errors.first().map_or("it is not a mapping".to_owned(), |e| e.message.clone());
                    self.problems.push(problem(format!("`{location}` is not an OpenAPI document: {reason}")));
                    return;
                }
                self.files.push(IncludedFile { location: location.to_owned(), path, parsed });
            }
            Err(error) => self.problems.push(problem(format!(
                "cannot read `{location}` ({}): {}",
                path.display(),
                reason(&error)
            ))),
        }
    }
}

/// An I/O error for people, without Rust's "(os error 2)".
fn reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_owned()
        }
    }
}
