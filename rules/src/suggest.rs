//! "Did you mean …?" for misspelt names, in the words of a message.

pub use slint_linter::suggest::did_you_mean;

/// A ready-made ending for messages: `; did you mean `X`?`, or nothing.
pub fn suggestion_suffix<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    did_you_mean(word, candidates).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}
