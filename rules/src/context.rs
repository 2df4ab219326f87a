//! What a rule's check function can read.

use slint_linter::syntax::Parsed;

use crate::settings::Settings;

pub struct Context<'a> {
    pub parsed: &'a Parsed,
    pub settings: &'a Settings,
}

impl<'a> Context<'a> {
    pub fn source(&self) -> &'a str {
        &self.parsed.text
    }
}
