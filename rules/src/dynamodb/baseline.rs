//! The previous version of a template, for checks that judge a change rather than a state:
//! CloudFormation applies an update by comparing the deployed template with the new one, and
//! some table changes it can only make by deleting the table.
//!
//! The command line reads the baseline from git (`--baseline REF`) or a file
//! (`--baseline-file`); the language server can use the file's last committed version. Both
//! put it in [`crate::Settings::baseline`].

use slint_linter::model::tables::{compare, TableChange};
use slint_linter::span::Span;
use slint_linter::syntax::{self, Parsed};
use slint_linter::template::Template;

use crate::Context;

/// A previous version of the template being linted.
#[derive(Debug)]
pub struct Baseline {
    /// How to name it in messages: `HEAD:template.yaml`, `old.yaml`.
    label: String,
    parsed: Parsed,
}

impl Baseline {
    pub fn from_bytes(label: impl Into<String>, bytes: &[u8]) -> Baseline {
        Baseline { label: label.into(), parsed: syntax::parse(bytes) }
    }

    pub fn from_text(label: impl Into<String>, text: &str) -> Baseline {
        Baseline { label: label.into(), parsed: syntax::parse_str(text) }
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn parsed(&self) -> &Parsed {
        &self.parsed
    }

    /// `HEAD:template.yaml line 12`, for pointing at the old version of something.
    pub fn locate(&self, span: Span) -> String {
        let line = self.parsed.line_index.line_column(span.start as usize, &self.parsed.text).line;
        format!("{} line {line}", self.label)
    }
}

/// The table changes from the baseline to the document, `None` without a baseline (or when
/// either version is not a template).
pub(super) fn table_changes<'c>(cx: &'c Context) -> Option<(Vec<TableChange>, &'c Baseline)> {
    let baseline = cx.settings.baseline.as_deref()?;
    let current = cx.template?;
    let root = baseline.parsed.root.as_ref()?;
    let old = Template::new(root, &baseline.parsed.text, current.parameter_overrides.clone())?;
    Some((compare(&old, current), baseline))
}

/// ` (at HEAD:template.yaml line 12)` when the old value's place is known.
pub(super) fn was_at(baseline: &Baseline, span: Option<Span>) -> String {
    span.map(|span| format!(" (at {})", baseline.locate(span))).unwrap_or_default()
}
