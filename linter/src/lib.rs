//! slint's analysis core: reading templates (syntax), the CloudFormation document model
//! (template), the value evaluator (values) and the diagnostics every stage reports.
//!
//! Nothing here knows about rules, terminals or editors.

pub mod detect;
pub mod diagnostic;
pub mod model;
pub mod schema;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod template;
#[doc(hidden)]
pub mod testing;
pub mod values;

pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use span::{LineColumn, LineIndex, Span};
