//! Source text to [`Node`] tree, the same tree for YAML and JSON.
//!
//! Every node carries the byte span it was read from. CloudFormation's short-form tags
//! (`!GetAtt A.B`) are rewritten to the long form (`{"Fn::GetAtt": ["A", "B"]}`) while the node
//! remembers the tag and its span, so later stages only ever see one shape.

mod ast;
mod json;
mod keys;
mod pieces;
mod tags;
mod yaml;

pub use ast::{format_number, Entry, Map, Node, PathSegment, ShortForm, Value};
pub use compact_str::CompactString;
pub use tags::{short_form_function, SHORT_FORM_TAGS};

use crate::span::{LineIndex, Span};

/// How deep mappings and sequences may nest before the parser stops descending.
/// Real templates stay below 30; the limit keeps hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 256;

/// How many nodes alias expansion may produce in one document before it is refused.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// JSON when the first significant character opens an object or array, YAML otherwise
    /// (JSON that is not an object is also valid YAML and fails later as "not a mapping").
    pub fn detect(text: &str) -> Format {
        let first = text.trim_start_matches('\u{feff}').trim_start().chars().next();
        match first {
            Some('{') | Some('[') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// What went wrong while reading the text; each kind is reported by its own rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// The text is not well-formed YAML or JSON.
    InvalidSyntax,
    /// The bytes are not UTF-8.
    InvalidUtf8,
    /// Nothing but whitespace and comments.
    Empty,
    /// The top level is a list or a scalar, not a mapping.
    NotAMapping,
    /// More than one YAML document in the file.
    MultipleDocuments,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// A `!Tag` that CloudFormation does not know.
    UnknownTag,
    /// Aliases that expand to more than [`MAX_ALIAS_EXPANSION`] nodes, or an unknown anchor.
    AliasLimit,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
    pub message: String,
    /// A second place that explains the first (the earlier key of a duplicate).
    pub related: Option<(Span, String)>,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, span: Span, message: impl Into<String>) -> Self {
        SyntaxError { kind, span, message: message.into(), related: None }
    }
}

/// One document read from bytes: its text, the tree (when one could be built) and what went wrong.
#[derive(Debug)]
pub struct Parsed {
    pub text: String,
    pub format: Format,
    pub line_index: LineIndex,
    /// `None` when the text could not be read into a tree at all.
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
}

/// Reads a template. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8]) -> Parsed {
    let mut errors = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let at = error.valid_up_to();
            errors.push(SyntaxError::new(
                SyntaxErrorKind::InvalidUtf8,
                // The span points into the lossy text, where the bad bytes became one U+FFFD.
                Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
                format!("the file is not valid UTF-8 (byte 0x{:02X} at offset {at}); CloudFormation only accepts UTF-8 templates", bytes[at]),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let reading = Reading::by_size(&text);
    parse_text(text, errors, reading)
}

/// Reads a template that is already text (an editor buffer).
pub fn parse_str(text: &str) -> Parsed {
    parse_text(text.to_owned(), Vec::new(), Reading::by_size(text))
}

/// Reads a new version of a template, copying what did not change from the tree of the
/// previous version instead of reading it again. The tree is the one [`parse_str`] gives.
pub fn parse_str_reusing(text: &str, previous: &Parsed) -> Parsed {
    parse_text(text.to_owned(), Vec::new(), Reading::InPieces { previous: Some(previous) })
}

/// How a YAML text is read.
#[derive(Clone, Copy)]
enum Reading<'p> {
    Whole,
    /// A resource at a time (see [`pieces`]) where the text allows, reusing the resources that
    /// are unchanged since the previous version.
    InPieces { previous: Option<&'p Parsed> },
}

impl Reading<'_> {
    /// From this size on a template is read in pieces, on every core.
    const IN_PIECES_FROM: usize = 64 * 1024;

    fn by_size(text: &str) -> Reading<'static> {
        if text.len() >= Self::IN_PIECES_FROM {
            Reading::InPieces { previous: None }
        } else {
            Reading::Whole
        }
    }
}

fn parse_text(text: String, mut errors: Vec<SyntaxError>, reading: Reading) -> Parsed {
    let line_index = LineIndex::new(&text);
    let format = Format::detect(&text);
    let root = if text.trim_start_matches('\u{feff}').trim().is_empty() {
        errors.push(SyntaxError::new(
            SyntaxErrorKind::Empty,
            Span::empty(0),
            "the template is empty; a template needs at least a `Resources` section",
        ));
        None
    } else {
        match format {
            Format::Yaml => match reading {
                Reading::InPieces { previous } => pieces::parse(&text, &line_index, previous),
                Reading::Whole => None,
            }
            .or_else(|| yaml::parse(&text, &mut errors)),
            Format::Json => json::parse(&text, &mut errors),
        }
    };
    if let Some(root) = &root {
        if !matches!(root.value, Value::Map(_)) {
            errors.push(SyntaxError::new(
                SyntaxErrorKind::NotAMapping,
                root.span,
                format!("the top level of a template must be a mapping of sections, not {}", root.value.kind_name_with_article()),
            ));
        }
    }
    Parsed { text, format, line_index, root, errors }
}
