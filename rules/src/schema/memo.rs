//! The schema findings of each resource, kept from one lint run of a document to the next.
//!
//! While a template is edited, nearly all of its resources are the same from one version to the
//! next, and so are their schema findings: the language server keeps them and validates again
//! only the resources whose text changed. Besides its own text, what a resource's findings
//! depend on is the sections values are read from (`Globals`, merged into SAM resources;
//! `Parameters` and `Mappings`, through `Ref`, `Fn::Sub` and `Fn::FindInMap`), the deploy-time
//! parameter values and the schema set. When any of those changed, nothing is reused; nor in a
//! document that may have YAML anchors, where a resource can read text of another one.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use slint_linter::schema::{SchemaError, Validators};
use slint_linter::template::{Resource, Template};
use slint_linter::Span;

/// The sections a resource's findings may be read from, besides the resource itself.
const SOURCES: [&str; 3] = ["Globals", "Parameters", "Mappings"];

/// What the last run of one document kept; empty until a run keeps something.
#[derive(Default)]
pub(crate) struct SchemaMemo {
    last: Mutex<Option<Kept>>,
}

struct Kept {
    basis: Basis,
    /// By logical ID.
    resources: HashMap<String, KeptResource>,
}

/// What besides its own text every resource's findings depend on.
struct Basis {
    /// False when the document may have YAML anchors: a resource can then read, through an
    /// alias, text that is not its own.
    reusable: bool,
    /// Each of [`SOURCES`] as written, and where.
    sections: Vec<Option<(Box<str>, Span)>>,
    overrides: BTreeMap<String, String>,
    /// A custom schema set (`None` for the bundled one), compared by identity: a set is read
    /// anew whenever the settings are, and this reference keeps its address from being reused.
    schemas: Option<Arc<Validators>>,
}

struct KeptResource {
    text: Box<str>,
    span: Span,
    errors: Vec<SchemaError>,
}

/// What one run may reuse, and where things moved since the last run.
pub(super) struct Recall {
    basis: Basis,
    /// The last run's resources, when their basis is this run's.
    kept: HashMap<String, KeptResource>,
    /// Each section of the last run, and how far it moved.
    moved_sections: Vec<(Span, i64)>,
}

impl SchemaMemo {
    /// What can be reused for this version of the document.
    pub(super) fn recall(&self, template: &Template, source: &str, schemas: Option<&Arc<Validators>>) -> Recall {
        let basis = Basis::of(template, source, schemas);
        let last = self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        let (kept, moved_sections) = match last {
            Some(last) if basis.reusable && last.basis.same_as(&basis) => {
                let moved = last.basis.sections.iter().zip(&basis.sections).filter_map(|(was, is)| {
                    let (was, is) = (was.as_ref()?.1, is.as_ref()?.1);
                    Some((was, i64::from(is.start) - i64::from(was.start)))
                });
                (last.resources, moved.collect())
            }
            _ => (HashMap::new(), Vec::new()),
        };
        Recall { basis, kept, moved_sections }
    }

    /// Keeps this run's findings for the next run; `found[i]` are those of `template.resources[i]`.
    pub(super) fn keep(&self, mut recall: Recall, template: &Template, source: &str, found: &[Vec<SchemaError>]) {
        let mut resources = HashMap::with_capacity(template.resources.len());
        for (resource, errors) in template.resources.iter().zip(found).filter(|_| recall.basis.reusable) {
            let span = region(resource);
            if !errors.iter().all(|error| recall.can_move(span, error)) {
                continue;
            }
            let Some(text) = source.get(span.range()) else { continue };
            let text = match recall.kept.remove(resource.name) {
                Some(kept) if *kept.text == *text => kept.text,
                _ => text.into(),
            };
            resources.insert(resource.name.to_owned(), KeptResource { text, span, errors: errors.clone() });
        }
        *self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Kept { basis: recall.basis, resources });
    }
}

impl Recall {
    /// The last run's findings of `resource`, moved to where it is now, if its text is unchanged.
    pub(super) fn findings(&self, resource: &Resource, source: &str) -> Option<Vec<SchemaError>> {
        let kept = self.kept.get(resource.name)?;
        let span = region(resource);
        if source.get(span.range())? != &*kept.text {
            return None;
        }
        let by = i64::from(span.start) - i64::from(kept.span.start);
        let place = |at: Span| match kept.span.contains(at) {
            true => Some(at.moved(by)),
            false => self.moved_sections.iter().find(|(section, _)| section.contains(at)).map(|(_, by)| at.moved(*by)),
        };
        kept.errors.iter().map(|error| error.relocated(place)).collect()
    }

    /// Whether every location of `error` is in the resource or in one of the sections, so that
    /// it moves with them.
    fn can_move(&self, resource: Span, error: &SchemaError) -> bool {
        let sections = || self.basis.sections.iter().flatten().map(|(_, span)| *span);
        let placed = |at: Span| resource.contains(at) || sections().any(|section| section.contains(at));
        placed(error.span) && error.related.iter().all(|(at, _)| placed(*at))
    }
}

/// The resource's text: its logical ID to the end of its definition.
fn region(resource: &Resource) -> Span {
    resource.name_span.cover(resource.node.span)
}

impl Basis {
    fn of(template: &Template, source: &str, schemas: Option<&Arc<Validators>>) -> Basis {
        let section = |name: &str| {
            let entry = template.root.entry(name)?;
            let span = entry.key_span.cover(entry.value.span);
            Some((source.get(span.range())?.into(), span))
        };
        Basis {
            reusable: !source.contains('&'),
            sections: SOURCES.iter().map(|name| section(name)).collect(),
            overrides: template.parameter_overrides.clone(),
            schemas: schemas.cloned(),
        }
    }

    fn same_as(&self, other: &Basis) -> bool {
        fn text(section: &Option<(Box<str>, Span)>) -> Option<&str> {
            section.as_ref().map(|(text, _)| &**text)
        }
        let same_schemas = match (&self.schemas, &other.schemas) {
            (Some(mine), Some(theirs)) => Arc::ptr_eq(mine, theirs),
            (mine, theirs) => mine.is_none() && theirs.is_none(),
        };
        self.sections.iter().map(text).eq(other.sections.iter().map(text)) && self.overrides == other.overrides && same_schemas
    }
}
