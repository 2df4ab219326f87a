//! "Did you mean …?" for misspelt names, in the words of a message.

pub use slint_linter::suggest::did_you_mean;
use slint_linter::{Diagnostic, Edit, Fix};

/// A ready-made ending for messages: `; did you mean `X`?`, or nothing.
pub fn suggestion_suffix<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    did_you_mean(word, candidates).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}

/// Ends the finding's message with the name `word` was most likely meant to be and attaches the
/// fix that writes it instead, keeping the quotes the name was written with. Does nothing when
/// no candidate is close.
pub fn suggest_replacement<'c>(
    diagnostic: &mut Diagnostic,
    source: &str,
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) {
    let Some(meant) = did_you_mean(word, candidates) else { return };
    diagnostic.message.push_str(&format!("; did you mean `{meant}`?"));
    let written = source.get(diagnostic.span.range()).unwrap_or_default();
    let replacement = if written == word {
        meant.to_owned()
    } else {
        match written.chars().next() {
            Some(quote @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(quote) && written[1..written.len() - 1] == *word => {
                format!("{quote}{meant}{quote}")
            }
            _ => return,
        }
    };
    diagnostic.fix = Some(Fix {
        title: format!("Replace `{word}` with `{meant}`"),
        edits: vec![Edit { span: diagnostic.span, replacement }],
    });
}
