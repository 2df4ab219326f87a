//! What a rule's check function can read.

use slint_linter::syntax::Parsed;
use slint_linter::template::Template;

use crate::settings::Settings;

pub struct Context<'a> {
    pub parsed: &'a Parsed,
    /// The document model; `None` when the text could not be read as a mapping.
    pub template: Option<&'a Template<'a>>,
    pub settings: &'a Settings,
    /// Every schema finding of the document, computed once by the first schema rule that runs.
    pub(crate) schema_errors: std::cell::OnceCell<Vec<slint_linter::schema::SchemaError>>,
}

impl<'a> Context<'a> {
    pub fn source(&self) -> &'a str {
        &self.parsed.text
    }
}
