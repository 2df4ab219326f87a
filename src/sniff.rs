//! Which files found in a folder are worth reading as templates.

/// Extensions a template can have; other files found in folders are not even opened.
pub const TEMPLATE_EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template", "txt"];
