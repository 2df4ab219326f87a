//! The syntax-level rules forward what the reader found; this keeps each to one line.

use slint_linter::syntax::SyntaxErrorKind;

use crate::{Context, Report};

/// Reports every reader error of the given kinds, with the reader's related location.
pub(crate) fn forward(cx: &Context, report: &mut Report, kinds: &[SyntaxErrorKind]) {
    for error in cx.parsed.errors.iter().filter(|e| kinds.contains(&e.kind)) {
        let diagnostic = report.add(error.span, error.message.clone());
        if let Some((span, message)) = &error.related {
            diagnostic.related.push(slint_linter::Related { span: *span, message: message.clone() });
        }
    }
}
