//! YAML tags: CloudFormation's short forms (`!Sub`), the core schema (`!!str`) and the rest.

use saphyr_parser::Tag;

use crate::span::Span;
use crate::suggest::edit_distance;
use crate::syntax::{short_form_function, Entry, Map, Node, ShortForm, Value, SHORT_FORM_TAGS};

/// The handle saphyr gives `!!` tags once it has expanded them.
const CORE_SCHEMA_HANDLE: &str = "tag:yaml.org,2002:";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TagMeaning {
    /// A CloudFormation short form, with the long-form key it stands for (`Fn::Sub`).
    ShortForm(&'static str),
    Core(CoreTag),
    /// The bare `!`: "not implicitly typed", so a scalar is a string and a collection is itself.
    NonSpecific,
    Unknown,
}

/// The YAML core-schema tags a template may use to force a scalar's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CoreTag {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Map,
    Seq,
}

impl CoreTag {
    pub(super) fn name(self) -> &'static str {
        match self {
            CoreTag::Str => "!!str",
            CoreTag::Int => "!!int",
            CoreTag::Float => "!!float",
            CoreTag::Bool => "!!bool",
            CoreTag::Null => "!!null",
            CoreTag::Map => "!!map",
            CoreTag::Seq => "!!seq",
        }
    }
}

pub(super) fn meaning(tag: &Tag) -> TagMeaning {
    // saphyr gives `!Name` as handle `!`, and both the bare `!` and verbatim `!<!Name>` as an
    // empty handle with the `!` in the suffix.
    let local = match tag.handle.as_str() {
        "!" => Some(tag.suffix.as_str()),
        "" => tag.suffix.strip_prefix('!'),
        _ => None,
    };
    if let Some(name) = local {
        if name.is_empty() {
            return TagMeaning::NonSpecific;
        }
        return short_form_function(name).map_or(TagMeaning::Unknown, TagMeaning::ShortForm);
    }
    if tag.handle != CORE_SCHEMA_HANDLE {
        return TagMeaning::Unknown;
    }
    let core = match tag.suffix.as_str() {
        "str" => CoreTag::Str,
        "int" => CoreTag::Int,
        "float" => CoreTag::Float,
        "bool" => CoreTag::Bool,
        "null" => CoreTag::Null,
        "map" => CoreTag::Map,
        "seq" => CoreTag::Seq,
        _ => return TagMeaning::Unknown,
    };
    TagMeaning::Core(core)
}

/// `!Sub x` becomes `{"Fn::Sub": x}`: a one-entry mapping keyed at the tag, spanning tag and value.
pub(super) fn to_long_form(function: &'static str, tag_span: Span, argument: Node) -> Node {
    let span = tag_span.cover(argument.span);
    let entry = Entry { key: function.into(), key_span: tag_span, value: argument };
    Node { span, value: Value::Map(Map { entries: vec![entry] }), short_form: Some(ShortForm { tag_span }) }
}

/// `!GetAtt Resource.Attribute.Path` names the resource before the first dot and the attribute
/// after it. `content` is where the scalar's characters sit in the source, when they appear there
/// unchanged (plain, or quoted without escapes), so each part can point at its own text.
pub(super) fn split_get_att(value: &str, span: Span, content: Option<usize>) -> Node {
    let parts: Vec<Node> = match value.split_once('.') {
        Some((resource, attribute)) => {
            let (resource_span, attribute_span) = match content {
                Some(start) => {
                    let dot = start + resource.len();
                    (Span::new(start, dot), Span::new(dot + 1, dot + 1 + attribute.len()))
                }
                None => (span, span),
            };
            vec![
                Node::new(resource_span, Value::String(resource.into())),
                Node::new(attribute_span, Value::String(attribute.into())),
            ]
        }
        None => vec![Node::new(span, Value::String(value.into()))],
    };
    Node::new(span, Value::Seq(parts))
}

/// The message for a tag CloudFormation does not know, suggesting the short form it most resembles.
pub(super) fn unknown_tag_message(written: &str) -> String {
    if written.starts_with("!!") {
        return format!(
            "the YAML tag `{written}` is not supported in templates; the core tags are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq"
        );
    }
    if let Some(suggestion) = closest_short_form(written.trim_start_matches('!')) {
        return format!("unknown tag `{written}`; did you mean `!{suggestion}`?");
    }
    let known: Vec<String> = SHORT_FORM_TAGS.iter().map(|(tag, _)| format!("!{tag}")).collect();
    format!("unknown tag `{written}`; CloudFormation knows {}", known.join(", "))
}

/// The short-form tag `name` was most likely meant to be: the same letters in another case,
/// the long form's name (`Fn::Sub`), or one within a small edit distance.
fn closest_short_form(name: &str) -> Option<&'static str> {
    let name = name.strip_prefix("Fn::").unwrap_or(name).to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let allowed = if name.len() <= 4 { 1 } else { 2 };
    SHORT_FORM_TAGS
        .iter()
        .map(|(tag, _)| (edit_distance(&name, &tag.to_ascii_lowercase()), *tag))
        .filter(|&(distance, _)| distance <= allowed)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, tag)| tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_meanings() {
        let tag = |handle: &str, suffix: &str| Tag { handle: handle.to_owned(), suffix: suffix.to_owned() };
        assert_eq!(meaning(&tag("!", "Sub")), TagMeaning::ShortForm("Fn::Sub"));
        assert_eq!(meaning(&tag("", "!Ref")), TagMeaning::ShortForm("Ref"));
        assert_eq!(meaning(&tag("", "!")), TagMeaning::NonSpecific);
        assert_eq!(meaning(&tag(CORE_SCHEMA_HANDLE, "int")), TagMeaning::Core(CoreTag::Int));
        assert_eq!(meaning(&tag(CORE_SCHEMA_HANDLE, "binary")), TagMeaning::Unknown);
        assert_eq!(meaning(&tag("!", "Nope")), TagMeaning::Unknown);
        assert_eq!(meaning(&tag("tag:example.com,2024:", "Ref")), TagMeaning::Unknown);
    }

    #[test]
    fn suggestions_for_near_misses() {
        assert_eq!(closest_short_form("GetAttr"), Some("GetAtt"));
        assert_eq!(closest_short_form("sub"), Some("Sub"));
        assert_eq!(closest_short_form("Fn::Join"), Some("Join"));
        assert_eq!(closest_short_form("ImportValues"), Some("ImportValue"));
        assert_eq!(closest_short_form("Reference"), None);
        assert_eq!(closest_short_form("Foo"), None);
    }

    #[test]
    fn messages_name_the_tag() {
        assert_eq!(unknown_tag_message("!GetAttr"), "unknown tag `!GetAttr`; did you mean `!GetAtt`?");
        let unknown = unknown_tag_message("!Foo");
        assert!(unknown.starts_with("unknown tag `!Foo`; CloudFormation knows !Ref, !Condition, !GetAtt"), "{unknown}");
        assert!(unknown_tag_message("!!binary").contains("`!!binary` is not supported"));
    }
}
