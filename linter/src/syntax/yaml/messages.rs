//! saphyr's error messages in words a template author can act on.

use super::source;
use crate::span::Span;
use crate::syntax::{SyntaxError, SyntaxErrorKind, MAX_DEPTH};

/// saphyr's wording when flow collections nest deeper than it follows.
const FLOW_DEPTH_EXCEEDED: &str = "recursion limit exceeded";

/// The error for saphyr's `info` at byte `at`.
pub(super) fn scan_error(text: &str, info: &str, at: usize) -> SyntaxError {
    if info == FLOW_DEPTH_EXCEEDED {
        return too_deep(character_at(text, at));
    }
    if info.contains("tab") {
        if let Some(tab) = source::indentation_tab(text, at) {
            return invalid(
                Span::new(tab, tab + 1),
                "tabs are not allowed for indentation in YAML; indent with spaces",
            );
        }
        return invalid(
            character_at(text, at),
            "a tab is not allowed here in YAML; use spaces to separate and indent values",
        );
    }
    if info.contains("found unknown anchor") {
        let name = alias_name(text, at);
        return invalid(
            Span::new(at, at + 1 + name.len()),
            format!("the alias `*{name}` refers to no anchor; define `&{name}` on a value before using it"),
        );
    }
    invalid(character_at(text, at), explain(info))
}

pub(super) fn too_deep(span: Span) -> SyntaxError {
    SyntaxError::new(
        SyntaxErrorKind::TooDeep,
        span,
        format!("mappings and lists nest deeper than {MAX_DEPTH} levels here; slint does not read further into them"),
    )
}

fn invalid(span: Span, message: impl Into<String>) -> SyntaxError {
    SyntaxError::new(SyntaxErrorKind::InvalidSyntax, span, message)
}

fn explain(info: &str) -> String {
    let rewritten = match info {
        "mapping values are not allowed in this context" => {
            "a `: ` here would start a mapping where none can begin; quote the value if the colon is part of the text, or check the indentation"
        }
        "while parsing a block mapping, did not find expected key" => {
            "expected a `key:` at this indentation; check that this line lines up with the other keys of its mapping"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "expected a `- ` list item at this indentation; check that this line lines up with the other items of its list"
        }
        "while parsing a flow sequence, expected ',' or ']'" => "expected `,` or `]` in this bracketed list",
        "while parsing a flow mapping, did not find expected ',' or '}'" => "expected `,` or `}` in this braced mapping",
        "misplaced bracket" => "this closing bracket has no matching opening bracket",
        "while parsing a node, did not find expected node content" => "expected a value here",
        "simple key expect ':'" | "simple key expected" => {
            "expected `:` after this key; a key must be on one line and followed by `: `"
        }
        "invalid indentation" | "invalid indentation in flow construct" | "wrongly indented line in block scalar" => {
            "this line is indented inconsistently with the lines around it"
        }
        "while scanning a quoted scalar, found unexpected end of stream" => {
            "this quoted string is never closed; add the closing quote"
        }
        "invalid indentation in quoted scalar" => {
            "this quoted string runs onto a line that is not indented deeper than its key; close the quote, or indent the lines it continues on"
        }
        "while scanning a quoted scalar, found unexpected document indicator" => {
            "this quoted string is never closed before the `---` or `...` line; add the closing quote"
        }
        "while parsing a quoted scalar, found unknown escape character" => {
            "unknown escape sequence in a double-quoted string; write `\\\\` for a backslash, or use single quotes"
        }
        "while scanning an anchor or alias, did not find expected alphabetic or numeric character" => {
            "`&` and `*` start an anchor or alias and need a name; quote the value if the character is part of the text"
        }
        "'-' must be followed by a valid YAML whitespace" => "a `-` list item needs a space after the dash",
        "':' must be followed by a valid YAML whitespace" => "a `:` after a key needs a space after it",
        "block sequence entries are not allowed in this context" => {
            "a `- ` list item cannot start here; put the list on its own lines below its key"
        }
        "did not find expected <document start>" => "unexpected content after the end of the document",
        "invalid content after document end marker" => "unexpected content after the `...` document end marker",
        "a byte order mark must not appear inside a document" => {
            "a byte order mark (U+FEFF) may only appear at the very start of the file"
        }
        "found unprintable character" => "the file contains a control character that YAML does not allow",
        _ if info.starts_with("unexpected character: `@'") || info.starts_with("unexpected character: ``'") => {
            "`@` and `` ` `` are reserved in YAML and cannot start a plain value; quote the value"
        }
        _ => return format!("invalid YAML: {info}"),
    };
    rewritten.to_owned()
}

/// The one character at `at`, or an empty span at the end of the text.
fn character_at(text: &str, at: usize) -> Span {
    let at = at.min(text.len());
    let width = text[at..].chars().next().map_or(0, char::len_utf8);
    Span::new(at, at + width)
}

/// The name after the `*` at `at`.
fn alias_name(text: &str, at: usize) -> &str {
    let rest = text.get(at + 1..).unwrap_or("");
    let length =
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}')).unwrap_or(rest.len());
    &rest[..length]
}
