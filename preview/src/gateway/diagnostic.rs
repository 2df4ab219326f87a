//! What the gateway tells the developer when a function's answer is not what API Gateway accepts,
//! rendered like `slint check` findings, with the function's response as the source excerpt.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};
use slint_linter::Span;

/// One problem with a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// Where in the response; `None` for the response as a whole.
    pub span: Option<Span>,
    pub label: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>, span: Option<Span>, label: impl Into<String>) -> Problem {
        Problem { message: message.into(), span, label: label.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// Longest response excerpt shown; past it the response is cut.
const MAX_SHOWN: usize = 4096;

/// The problem rendered as text: `error[malformed-proxy-response]: …` with the response excerpt.
pub fn render(code: &str, title: &str, source_name: &str, source: &str, problem: &Problem, consequence: &str) -> String {
    let mut shown = source;
    if shown.len() > MAX_SHOWN {
        let mut end = MAX_SHOWN;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown = &shown[..end];
    }
    let file = SimpleFile::new(source_name, shown);
    let mut labels = Vec::new();
    if let Some(span) = problem.span {
        let range = span.range();
        if range.end <= shown.len() && shown.is_char_boundary(range.start) && shown.is_char_boundary(range.end) {
            labels.push(Label::primary((), range).with_message(&problem.label));
        }
    }
    let mut notes = vec![consequence.to_owned()];
    notes.extend(problem.help.iter().map(|h| format!("help: {h}")));
    let diagnostic = Diagnostic::error()
        .with_code(code)
        .with_message(format!("{title}: {}", problem.message))
        .with_labels(labels)
        .with_notes(notes);
    let mut out = NoColor::new(Vec::new());
    if term::emit_to_write_style(&mut out, &term::Config::default(), &file, &diagnostic).is_err() {
        return format!("error[{code}]: {title}: {}\n  = {consequence}\n", problem.message);
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
