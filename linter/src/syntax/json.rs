//! JSON through jsonc-parser in strict mode.

mod depth;

use jsonc_parser::ast::{ObjectPropName, Value as JsonValue};
use jsonc_parser::common::Range;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{parse_to_ast, CollectOptions, CommentCollectionStrategy, ParseOptions, ParseStringErrorKind};

use super::keys::MapBuilder;
use super::{CompactString, Entry, Node, SyntaxError, SyntaxErrorKind, Value, MAX_DEPTH};
use crate::span::Span;

/// Plain JSON as RFC 8259 writes it: no comments, trailing commas, single quotes or JSON5 numbers.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

pub(super) fn parse(text: &str, errors: &mut Vec<SyntaxError>) -> Option<Node> {
    // jsonc-parser does not skip a byte order mark; parse after it and shift the spans back.
    let (body, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    };
    if let Some(at) = depth::first_too_deep(body, MAX_DEPTH) {
        errors.push(SyntaxError::new(
            SyntaxErrorKind::TooDeep,
            Span::new(offset + at, offset + at + 1),
            format!("objects and arrays nest deeper than {MAX_DEPTH} levels here; slint does not read this file"),
        ));
        return None;
    }
    let collect = CollectOptions { comments: CommentCollectionStrategy::Off, tokens: false };
    match parse_to_ast(body, &collect, &STRICT) {
        Ok(parsed) => {
            let value = parsed.value?;
            Some(Converter { text: body, offset, errors }.node(&value))
        }
        Err(error) => {
            errors.push(syntax_error(body, offset, &error));
            None
        }
    }
}

/// jsonc-parser's tree to ours. Recursion is bounded by the depth check made before parsing.
struct Converter<'t, 'e> {
    text: &'t str,
    offset: usize,
    errors: &'e mut Vec<SyntaxError>,
}

impl Converter<'_, '_> {
    fn node(&mut self, value: &JsonValue<'_>) -> Node {
        match value {
            JsonValue::StringLit(lit) => {
                let span = self.span(lit.range);
                self.check_control_characters(lit.range);
                Node::new(span, Value::String(lit.value.as_ref().into()))
            }
            JsonValue::NumberLit(lit) => {
                let value = match lit.value.parse() {
                    Ok(n) => Value::Number(n),
                    Err(_) => Value::String(lit.value.into()),
                };
                Node::new(self.span(lit.range), value)
            }
            JsonValue::BooleanLit(lit) => Node::new(self.span(lit.range), Value::Bool(lit.value)),
            JsonValue::NullKeyword(lit) => Node::new(self.span(lit.range), Value::Null),
            JsonValue::Array(array) => {
                let items = array.elements.iter().map(|element| self.node(element)).collect();
                Node::new(self.span(array.range), Value::Seq(items))
            }
            JsonValue::Object(object) => {
                let mut map = MapBuilder::default();
                for property in &object.properties {
                    let (key, key_range) = match &property.name {
                        ObjectPropName::String(lit) => {
                            self.check_control_characters(lit.range);
                            (CompactString::from(lit.value.as_ref()), lit.range)
                        }
                        ObjectPropName::Word(word) => (CompactString::from(word.value), word.range),
                    };
                    let entry = Entry { key, key_span: self.span(key_range), value: self.node(&property.value) };
                    map.insert(entry, self.errors);
                }
                Node::new(self.span(object.range), Value::Map(map.finish()))
            }
        }
    }

    fn span(&self, range: Range) -> Span {
        Span::new(self.offset + range.start, self.offset + range.end)
    }

    /// jsonc-parser accepts raw line breaks and tabs inside strings; JSON, and CloudFormation,
    /// require them escaped.
    fn check_control_characters(&mut self, range: Range) {
        let raw = self.text.get(range.start..range.end).unwrap_or("");
        if let Some(at) = raw.bytes().position(|b| b < 0x20) {
            let at = self.offset + range.start + at;
            let name = match raw.as_bytes()[at - self.offset - range.start] {
                b'\n' | b'\r' => "a line break",
                b'\t' => "a tab",
                _ => "a control character",
            };
            self.errors.push(SyntaxError::new(
                SyntaxErrorKind::InvalidSyntax,
                Span::new(at, at + 1),
                format!("{name} inside a JSON string must be escaped (`\\n`, `\\t`, `\\u00XX`)"),
            ));
        }
    }
}

fn syntax_error(text: &str, offset: usize, error: &ParseError) -> SyntaxError {
    let range = error.range();
    let found = text.get(range.start..range.end).unwrap_or("");
    let opening = Span::new(offset + range.start, offset + range.start + 1);
    let (span, message) = match error.kind() {
        ParseErrorKind::UnterminatedObject => (opening, "this `{` is never closed; add the matching `}`".to_owned()),
        ParseErrorKind::UnterminatedArray => (opening, "this `[` is never closed; add the matching `]`".to_owned()),
        ParseErrorKind::String(ParseStringErrorKind::UnterminatedStringLiteral) => {
            (opening, "this string is never closed; add the closing `\"`".to_owned())
        }
        kind => {
            let mut span = Span::new(offset + range.start, offset + range.end);
            if span.is_empty() {
                // Point at what stands where something else was expected.
                let rest = text.get(range.start..).unwrap_or("");
                let next = rest.find(|c: char| !c.is_whitespace()).map(|i| range.start + i);
                if let Some(next) = next {
                    let width = text[next..].chars().next().map_or(1, char::len_utf8);
                    span = Span::new(offset + next, offset + next + width);
                }
            }
            (span, describe(kind, found))
        }
    };
    SyntaxError::new(SyntaxErrorKind::InvalidSyntax, span, message)
}

fn describe(kind: &ParseErrorKind, found: &str) -> String {
    let message = match kind {
        ParseErrorKind::CommentsNotAllowed | ParseErrorKind::UnterminatedCommentBlock => {
            "comments are not allowed in JSON; use a YAML template to keep comments"
        }
        ParseErrorKind::TrailingCommasNotAllowed => "JSON does not allow a comma before a closing bracket; remove it",
        ParseErrorKind::ExpectedComma => "expected `,` between these values",
        ParseErrorKind::ExpectedColonAfterObjectKey => "expected `:` after this key",
        ParseErrorKind::ExpectedObjectValue => "expected a value after `:`",
        ParseErrorKind::ExpectedStringObjectProperty | ParseErrorKind::UnexpectedTokenInObject => {
            "expected a key in double quotes, or `}`"
        }
        ParseErrorKind::SingleQuotedStringsNotAllowed => "JSON strings are written in double quotes, not single quotes",
        ParseErrorKind::HexadecimalNumbersNotAllowed => "hexadecimal numbers are not allowed in JSON",
        ParseErrorKind::UnaryPlusNumbersNotAllowed => "JSON numbers cannot start with `+`",
        ParseErrorKind::BareDecimalPointNumbersNotAllowed => {
            "JSON numbers need digits on both sides of the decimal point"
        }
        ParseErrorKind::NonFiniteNumbersNotAllowed => "Infinity and NaN are not JSON numbers",
        ParseErrorKind::ExpectedDigit
        | ParseErrorKind::ExpectedDigitFollowingNegativeSign
        | ParseErrorKind::ExpectedPlusMinusOrDigitInNumberLiteral => {
            "this number is not written the way JSON writes numbers"
        }
        ParseErrorKind::MultipleRootJsonValues => "unexpected content after the end of the JSON document",
        ParseErrorKind::UnexpectedCloseBrace => "this `}` has no matching `{`",
        ParseErrorKind::UnexpectedCloseBracket => "this `]` has no matching `[`",
        ParseErrorKind::UnexpectedComma => "unexpected `,`; a value is missing before it",
        ParseErrorKind::UnexpectedColon => "unexpected `:`",
        ParseErrorKind::UnexpectedWord | ParseErrorKind::UnexpectedToken => {
            let shown: String = found.chars().take(40).collect();
            return format!(
                "unexpected `{shown}`; a JSON value is a string in double quotes, a number, true, false, null, an object or an array"
            );
        }
        ParseErrorKind::String(kind) => return format!("invalid string: {}", lowercase_first(&kind.to_string())),
        other => return format!("invalid JSON: {}", lowercase_first(&other.to_string())),
    };
    message.to_owned()
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}
