//! Rules about the template as a whole: syntax, sections, references.

pub mod syntax_error;
