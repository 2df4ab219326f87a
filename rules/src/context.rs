//! What a rule's check function can read.

use std::sync::OnceLock;

use slint_linter::model::apis::Apis;
use slint_linter::model::event_sources::{event_sources, EventSource};
use slint_linter::model::functions::Functions;
use slint_linter::model::tables::Table;
use slint_linter::syntax::Parsed;
use slint_linter::template::Template;

use crate::memo::Memo;
use crate::settings::Settings;
use crate::template::usage::Usage;

pub struct Context<'a> {
    pub parsed: &'a Parsed,
    /// The document model; `None` when the text could not be read as a mapping.
    pub template: Option<&'a Template<'a>>,
    pub settings: &'a Settings,
    /// Every schema finding of the document, computed once by the first schema rule that runs.
    pub(crate) schema_errors: OnceLock<Vec<slint_linter::schema::SchemaError>>,
    functions: OnceLock<Functions<'a>>,
    tables: OnceLock<Vec<Table<'a>>>,
    apis: OnceLock<Apis<'a>>,
    usage: OnceLock<Usage>,
    event_sources: OnceLock<Vec<EventSource<'a>>>,
    /// What the last run over an earlier version of the document kept, and this run keeps.
    pub(crate) memo: Option<&'a Memo>,
}

impl<'a> Context<'a> {
    pub fn new(parsed: &'a Parsed, template: Option<&'a Template<'a>>, settings: &'a Settings) -> Self {
        Context {
            parsed,
            template,
            settings,
            schema_errors: OnceLock::new(),
            functions: OnceLock::new(),
            tables: OnceLock::new(),
            apis: OnceLock::new(),
            usage: OnceLock::new(),
            event_sources: OnceLock::new(),
            memo: None,
        }
    }

    /// Reuses what `memo` kept from an earlier version of the document, and keeps this one's.
    pub fn remembering(self, memo: &'a Memo) -> Self {
        Context { memo: Some(memo), ..self }
    }

    /// The template's Lambda functions, built once per document for every rule that asks.
    pub fn functions(&self) -> Option<&Functions<'a>> {
        let template = self.template?;
        Some(self.functions.get_or_init(|| Functions::of(template)))
    }

    /// The template's APIs and routes, built once per document for every rule that asks.
    pub fn apis(&self) -> Option<&Apis<'a>> {
        let template = self.template?;
        let functions = self.functions()?;
        Some(self.apis.get_or_init(|| Apis::of(template, functions)))
    }

    /// The template's DynamoDB tables, built once per document for every rule that asks.
    pub fn tables(&self) -> &[Table<'a>] {
        match self.template {
            Some(template) => self.tables.get_or_init(|| template.tables()),
            None => &[],
        }
    }

    /// The events that invoke the template's functions, built once per document.
    pub fn event_sources(&self) -> &[EventSource<'a>] {
        let (Some(template), Some(functions)) = (self.template, self.functions()) else { return &[] };
        self.event_sources.get_or_init(|| event_sources(template, functions))
    }

    /// Every mention of a parameter, condition or mapping, gathered once for the rules that
    /// report unused ones.
    pub(crate) fn usage(&self) -> Option<&Usage> {
        let template = self.template?;
        Some(self.usage.get_or_init(|| Usage::of(template)))
    }

    pub fn source(&self) -> &'a str {
        &self.parsed.text
    }
}
