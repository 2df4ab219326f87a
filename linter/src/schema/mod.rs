//! Checking resource properties against the resource type's published schema.
//!
//! Each type's provider schema is compiled once per process ([`Validators`]) into a flat table
//! of keywords; [`validate`] walks slint's own [`Node`] tree against it, so every finding has
//! the smallest span that shows the mistake: the key of an unknown property, the value of a bad
//! value, the parent key of a mapping that misses a required property.
//!
//! CloudFormation's conventions apply: a string property accepts numbers and booleans (they are
//! passed on as text), numeric and boolean properties accept their string forms (`"30"`,
//! `"true"`). A property that calls an intrinsic function is checked through what the function
//! can resolve to ([`Resolve`]); when that is unknown the property is not checked at all.

mod cache;
mod compile;
mod walk;
mod words;

pub use cache::{SchemaFolder, Validators};
pub use compile::CompiledSchema;
pub use walk::{validate, validate_property};
pub use crate::suggest::did_you_mean;

use crate::span::Span;
use crate::syntax::Node;
use crate::template::Template;
use crate::values::Possible;

/// What kind of mistake a finding is; each kind is reported by its own rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A key the schema does not allow, or a read-only property set in the template.
    UnknownProperty,
    /// A required property is missing.
    MissingRequired,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value outside `enum` or `const`.
    ValueNotAllowed,
    /// A string that does not match `pattern`.
    PatternMismatch,
    /// A number outside `minimum`/`maximum`, or not a multiple of `multipleOf`.
    OutOfRange,
    /// A string, list or mapping that is too short or too long.
    LengthOutOfRange,
    /// The same item twice in a list whose items must be unique.
    DuplicateItem,
    /// Properties that must or must not go together, or alternatives none of which fits
    /// (`oneOf`, `anyOf`, `dependencies`, `requiredXor`, `dependentExcluded`, `not`).
    Conflict,
}

/// One mistake, in plain words.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    pub kind: ErrorKind,
    pub span: Span,
    pub message: String,
    /// Where a value checked through an intrinsic function was written, when that is not inside
    /// the property (a parameter's `Default`, a mapping entry).
    pub related: Vec<(Span, String)>,
    /// Found in a value an intrinsic function computed (a parameter's `Default` or
    /// `AllowedValues`, a mapping entry, a `Fn::Sub` result) rather than one written in place:
    /// right for the values slint could see, which deploy-time parameters may replace.
    pub resolved: bool,
    /// How deep below the checked value the mistake is, for choosing among alternatives.
    pub(crate) depth: u32,
    pub(crate) detail: Detail,
}

/// What alternatives need to know about a mistake to explain themselves.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Detail {
    None,
    /// The names a mapping misses.
    Missing(Vec<String>),
    /// A property that allows one value only, the kind that tells alternatives apart
    /// (`Type: S3`): how it is named, what was written and what it allows.
    Choices { subject: String, written: String, allowed: Vec<String> },
    /// The types a value should have had.
    Types(compile::Types),
}

impl SchemaError {
    /// The same finding with each of its locations passed through `place`; `None` when `place`
    /// cannot place one of them.
    pub fn relocated(&self, place: impl Fn(Span) -> Option<Span>) -> Option<SchemaError> {
        let mut moved = self.clone();
        moved.span = place(self.span)?;
        for (span, _) in &mut moved.related {
            *span = place(*span)?;
        }
        Some(moved)
    }
}

/// What an intrinsic function can be at deploy time. Implemented by the template model; a
/// resolver that knows nothing turns every intrinsic function into silence.
pub trait Resolve {
    /// `None` when it cannot be known; then nothing is reported about the value.
    fn resolve<'n>(&'n self, node: &'n Node) -> Option<Possible<'n>>;
}

/// Resolves nothing: every property holding an intrinsic function goes unchecked.
pub struct ResolveNothing;

impl Resolve for ResolveNothing {
    fn resolve<'n>(&'n self, _node: &'n Node) -> Option<Possible<'n>> {
        None
    }
}

impl Resolve for Template<'_> {
    fn resolve<'n>(&'n self, node: &'n Node) -> Option<Possible<'n>> {
        self.possible_values(node)
    }
}

#[cfg(test)]
mod tests;
