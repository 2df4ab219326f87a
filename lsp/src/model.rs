//! One version of a document, read: the tree and the template model over it, owned together so
//! that every request of that version shares one parse.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use self_cell::self_cell;
use slint_linter::syntax::{self, Node, Parsed};
use slint_linter::template::Template;
use slint_linter::LineIndex;

use crate::handlers::completion::Names;

type MaybeTemplate<'a> = Option<Template<'a>>;

self_cell!(
    struct Cell {
        owner: Parsed,
        #[covariant]
        dependent: MaybeTemplate,
    }
);

pub struct Model {
    cell: Cell,
    /// The names completion offers, built by the first completion of this version.
    names: OnceLock<Names>,
}

impl Model {
    /// Reads `text`; `parameters` are the deploy-time values from the configuration.
    pub fn parse(text: &str, parameters: &BTreeMap<String, String>) -> Model {
        Model::from_parsed(syntax::parse_str(text), parameters)
    }

    /// Reads a new version of a document, copying from `previous` what did not change.
    pub fn reparse(text: &str, previous: Option<&Model>, parameters: &BTreeMap<String, String>) -> Model {
        match previous {
            Some(previous) => Model::from_parsed(syntax::parse_str_reusing(text, previous.parsed()), parameters),
            None => Model::parse(text, parameters),
        }
    }

    /// The model over a tree the linter already read, so a lint run and the requests after it
    /// share one parse.
    pub fn from_parsed(parsed: Parsed, parameters: &BTreeMap<String, String>) -> Model {
        let cell = Cell::new(parsed, |parsed| {
            parsed.root.as_ref().and_then(|root| Template::new(root, &parsed.text, parameters.clone()))
        });
        Model { cell, names: OnceLock::new() }
    }

    pub fn text(&self) -> &str {
        &self.cell.borrow_owner().text
    }

    pub fn parsed(&self) -> &Parsed {
        self.cell.borrow_owner()
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.cell.borrow_owner().line_index
    }

    pub fn root(&self) -> Option<&Node> {
        self.cell.borrow_owner().root.as_ref()
    }

    /// The template model; `None` when the text is not a mapping (or not readable at all).
    pub fn template(&self) -> Option<&Template<'_>> {
        self.cell.borrow_dependent().as_ref()
    }

    /// The template's names for completion; `None` when there is no template model.
    pub fn names(&self) -> Option<&Names> {
        let template = self.template()?;
        Some(self.names.get_or_init(|| Names::from_template(template)))
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("bytes", &self.text().len()).finish()
    }
}
