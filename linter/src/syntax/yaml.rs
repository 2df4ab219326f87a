//! YAML through saphyr-parser's event API.
//!
//! The events are folded into the tree with an explicit stack of open collections, so hostile
//! nesting costs memory in proportion to the text, never native stack. Only the first document
//! is read; aliases are expanded by copying the anchored node, within a budget.

mod flow;
mod messages;
mod offsets;
mod scalar;
mod short_form;
mod source;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use self::offsets::CharOffsets;
use self::short_form::{CoreTag, TagMeaning};
use super::keys::{duplicate_key, MapBuilder};
use super::{CompactString, Entry, Node, SyntaxError, SyntaxErrorKind, Value, MAX_ALIAS_EXPANSION, MAX_DEPTH};
use crate::span::Span;

/// How many times one document may be adjusted for its YAML 1.1 leniencies and read again.
const MAX_REPAIRS: usize = 32;

pub(super) fn parse(text: &str, errors: &mut Vec<SyntaxError>) -> Option<Node> {
    let mut outcome = Reader::new(text).read();
    let mut source = Cow::Borrowed(text);
    for _ in 0..MAX_REPAIRS {
        let Some(Stop { at, repair: Some(repair) }) = outcome.stopped else { break };
        let Some(repaired) = repair.apply(&source) else { break };
        let retry = Reader::new(&repaired).read();
        // A repair that fails where the original did explains less than the original error.
        if retry.stopped.as_ref().is_some_and(|stop| stop.at <= at) {
            break;
        }
        outcome = retry;
        source = Cow::Owned(repaired);
    }
    errors.extend(outcome.errors);
    outcome.root
}

/// Reads one piece of a larger document that sits `depth` collections deep in it (the
/// resources of [`super::pieces`]), when the piece reads cleanly on its own: no error, no repair,
/// and no anchor or alias, whose meaning depends on the rest of the document. `None` otherwise,
/// and the whole document is read instead.
pub(super) fn parse_piece(text: &str, depth: usize) -> Option<Node> {
    let mut reader = Reader::new(text);
    reader.max_depth = MAX_DEPTH.checked_sub(depth)?;
    let outcome = reader.read();
    (outcome.errors.is_empty() && outcome.stopped.is_none() && !outcome.used_anchors).then_some(outcome.root?)
}

/// What one reading of the text produced.
struct Outcome {
    root: Option<Node>,
    errors: Vec<SyntaxError>,
    stopped: Option<Stop>,
    used_anchors: bool,
}

/// Where saphyr gave up on the text.
#[derive(Clone, Copy)]
struct Stop {
    at: usize,
    /// How to get past the error when it is one that YAML 1.1 readers, CloudFormation's among
    /// them, do not make.
    repair: Option<Repair>,
}

/// A change to the text that keeps every byte offset and what the template means.
#[derive(Clone, Copy)]
enum Repair {
    /// A line of the flow collection starting here is not indented deeper than the block around it.
    FlowOnOneLine(usize),
    /// A tab separates a key's `:` from its value, ending here.
    TabAfterColon(usize),
}

impl Repair {
    fn from_error(info: &str, at: usize, stack: &[Frame]) -> Option<Repair> {
        match info {
            "invalid indentation" | "invalid indentation in flow construct" => {
                stack.iter().find(|frame| frame.flow).map(|frame| Repair::FlowOnOneLine(frame.start))
            }
            "':' must be followed by a valid YAML whitespace" => Some(Repair::TabAfterColon(at)),
            _ => None,
        }
    }

    fn apply(self, text: &str) -> Option<String> {
        match self {
            Repair::FlowOnOneLine(start) => flow::on_one_line(text, start),
            Repair::TabAfterColon(at) => source::tabs_to_spaces_before(text, at),
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    offsets: CharOffsets<'t>,
    errors: Vec<SyntaxError>,
    /// The collections opened and not yet closed, innermost last.
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Whether the document holds nothing: saphyr reads that as an empty plain scalar.
    empty_document: bool,
    /// Every anchored node read so far, by saphyr's anchor id.
    anchors: HashMap<usize, Anchored>,
    /// Nodes produced by alias expansion in this document, held below [`MAX_ALIAS_EXPANSION`].
    expanded_nodes: usize,
    alias_limit_reported: bool,
    /// While inside a collection nested too deeply: how many collections deep the skipped part is,
    /// and where it started.
    skipping: Option<(usize, usize)>,
    too_deep_reported: bool,
    /// How many collections deep the tree may go.
    max_depth: usize,
    /// Whether an anchor or an alias was read.
    used_anchors: bool,
    /// Byte end of the previous event, where the search for a block scalar's `|` or `>` starts.
    last_end: usize,
}

struct Frame {
    kind: FrameKind,
    /// Where the collection's content starts, after its anchor and tag.
    start: usize,
    /// The end of the last child so far: a block collection ends where its last child does.
    end: usize,
    flow: bool,
    anchor: usize,
    tag: Option<(TagMeaning, Span)>,
    /// Nodes in the collection, itself included, for alias accounting.
    size: usize,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map(MapBuilder, Pending),
}

/// What the next node delivered to a mapping is.
enum Pending {
    Key,
    Value {
        key: CompactString,
        key_span: Span,
    },
    /// The value of a key that was refused (duplicate or complex): read, then dropped.
    DiscardedValue,
}

struct Anchored {
    node: Node,
    size: usize,
}

/// A node's properties as the reader uses them.
struct Start {
    content_start: usize,
    /// A tag CloudFormation knows, with its span; unknown tags are reported and dropped here.
    tag: Option<(TagMeaning, Span)>,
    has_properties: bool,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        Reader {
            text,
            offsets: CharOffsets::new(text),
            errors: Vec::new(),
            stack: Vec::new(),
            root: None,
            empty_document: false,
            anchors: HashMap::new(),
            expanded_nodes: 0,
            alias_limit_reported: false,
            skipping: None,
            too_deep_reported: false,
            max_depth: MAX_DEPTH,
            used_anchors: false,
            last_end: 0,
        }
    }

    fn read(mut self) -> Outcome {
        let mut parser = Parser::new_from_str(self.text);
        let mut documents = 0;
        while let Some(next) = parser.next_event() {
            let (event, marks) = match next {
                Ok(event) => event,
                Err(error) => {
                    let at = self.offsets.byte(error.marker().index());
                    let repair = Repair::from_error(error.info(), at, &self.stack);
                    let error = messages::scan_error(self.text, error.info(), at);
                    if !(error.kind == SyntaxErrorKind::TooDeep && self.too_deep_reported) {
                        self.errors.push(error);
                    }
                    return self.partial_tree(Stop { at, repair });
                }
            };
            let span = Span::new(self.offsets.byte(marks.start.index()), self.offsets.byte(marks.end.index()));
            if let Some((depth, start)) = self.skipping {
                self.skip(&event, depth, start, span);
            } else {
                match event {
                    Event::DocumentStart(_) => {
                        documents += 1;
                        if documents > 1 {
                            self.errors.push(SyntaxError::new(
                                SyntaxErrorKind::MultipleDocuments,
                                span,
                                "a second YAML document starts here; a template is a single document, so only the first one is read",
                            ));
                            break;
                        }
                    }
                    Event::StreamEnd => break,
                    Event::Scalar(value, style, anchor, tag) => self.scalar(value, style, anchor, tag, span),
                    Event::Alias(id) => self.alias(id, span),
                    Event::SequenceStart(anchor, tag) => self.open(FrameKind::Seq(Vec::new()), anchor, tag, span),
                    Event::MappingStart(anchor, tag) => {
                        self.open(FrameKind::Map(MapBuilder::default(), Pending::Key), anchor, tag, span)
                    }
                    Event::SequenceEnd | Event::MappingEnd => self.close(span),
                    Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                }
            }
            self.last_end = span.end as usize;
        }
        let root = match self.root.take() {
            Some(root) if !self.empty_document => Some(root),
            _ => {
                self.errors.push(SyntaxError::new(
                    SyntaxErrorKind::Empty,
                    Span::empty(0),
                    "the template holds no YAML content, only comments or document markers; a template needs at least a `Resources` section",
                ));
                None
            }
        };
        Outcome { root, errors: self.errors, stopped: None, used_anchors: self.used_anchors }
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        span: Span,
    ) {
        if self.stack.is_empty() && self.root.is_none() {
            self.empty_document = value.is_empty() && style == ScalarStyle::Plain && anchor == 0 && tag.is_none();
        }
        let start = self.start(span, anchor, tag.as_deref());
        let content = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let from =
                    if start.has_properties { start.content_start } else { self.last_end.min(span.start as usize) };
                let indicator = source::block_scalar_indicator(self.text, from, span.end as usize);
                let begin = indicator.unwrap_or(start.content_start);
                Span::new(begin, source::trim_trailing_blanks(self.text, begin, span.end as usize))
            }
            // saphyr's span for a quoted scalar can run on over a comment after it.
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let end = source::quoted_end(self.text.as_bytes(), start.content_start)
                    .filter(|&end| end <= span.end as usize)
                    .unwrap_or(span.end as usize);
                Span::new(start.content_start, end)
            }
            _ => Span::new(start.content_start, span.end as usize),
        };
        let meaning = start.tag.map(|(meaning, _)| meaning);
        let is_key = self.expects_key() && !matches!(meaning, Some(TagMeaning::ShortForm(_)));
        if is_key && anchor == 0 {
            // A key's text is all that is kept of it.
            self.finish(Node::new(content, Value::Null), 1, anchor, start.tag, Some(value.into()));
            return;
        }
        // An anchored key is also a node that aliases may copy.
        let key_text = is_key.then(|| CompactString::from(value.as_ref()));
        let (node, size) = if meaning == Some(TagMeaning::ShortForm("Fn::GetAtt")) {
            let verbatim = source::verbatim_content_start(self.text, content, &value);
            (short_form::split_get_att(&value, content, verbatim), 3)
        } else if let Some(TagMeaning::ShortForm(_) | TagMeaning::NonSpecific) = meaning {
            // An explicit tag leaves nothing to resolve: `!Ref 123` names "123", `!GetAZs` with
            // nothing after it is the empty string, `! 42` is a string, as CloudFormation reads them.
            (Node::new(content, Value::String(value.into())), 1)
        } else {
            let core = match meaning {
                Some(TagMeaning::Core(core)) => Some(core),
                _ => None,
            };
            (Node::new(content, self.scalar_value(value, style, core, content)), 1)
        };
        self.finish(node, size, anchor, start.tag, key_text);
    }

    /// The value of a scalar: quoted and block scalars are strings, plain ones mean what YAML 1.1
    /// says, and a core-schema tag overrides both.
    fn scalar_value(&mut self, text: Cow<'_, str>, style: ScalarStyle, core: Option<CoreTag>, span: Span) -> Value {
        let forced = match core {
            None | Some(CoreTag::Str) | Some(CoreTag::Null) => None,
            Some(CoreTag::Bool) => Some(scalar::parse_bool(&text).map(Value::Bool)),
            Some(CoreTag::Int) => Some(scalar::parse_int(&text).map(Value::Number)),
            Some(CoreTag::Float) => {
                Some(scalar::parse_float(&text).or_else(|| scalar::parse_int(&text)).map(Value::Number))
            }
            Some(tag @ (CoreTag::Map | CoreTag::Seq)) => {
                self.invalid(span, format!("`{}` cannot tag a single value", tag.name()));
                None
            }
        };
        match (forced, core) {
            (Some(Some(value)), _) => value,
            (Some(None), Some(tag)) => {
                self.invalid(
                    span,
                    format!("`{text}` is tagged `{}` but is not one; it is read as a string", tag.name()),
                );
                Value::String(text.into())
            }
            (_, Some(CoreTag::Str)) => Value::String(text.into()),
            (_, Some(CoreTag::Null)) => Value::Null,
            _ if style == ScalarStyle::Plain => scalar::resolve_plain(text),
            _ => Value::String(text.into()),
        }
    }

    fn alias(&mut self, id: usize, span: Span) {
        self.used_anchors = true;
        let (node, size) = match self.anchors.get(&id) {
            Some(anchored) if self.expanded_nodes + anchored.size <= MAX_ALIAS_EXPANSION => {
                self.expanded_nodes += anchored.size;
                (anchored.node.clone(), anchored.size)
            }
            Some(_) => {
                if !self.alias_limit_reported {
                    self.alias_limit_reported = true;
                    self.errors.push(SyntaxError::new(
                        SyntaxErrorKind::AliasLimit,
                        span,
                        format!("aliases in this document expand to more than {MAX_ALIAS_EXPANSION} values; this alias and any further ones that would go past the limit are read as null"),
                    ));
                }
                (Node::new(span, Value::Null), 1)
            }
            None => {
                let name = self.text.get(span.start as usize + 1..span.end as usize).unwrap_or("");
                let message = if self.stack.iter().any(|frame| frame.anchor == id) {
                    format!("the alias `*{name}` is inside the node anchored as `&{name}`; an alias cannot refer to a node that contains it")
                } else {
                    format!("the alias `*{name}` refers to a node nested too deeply to be read")
                };
                self.invalid(span, message);
                (Node::new(span, Value::Null), 1)
            }
        };
        let key_text = self.expects_key().then(|| match &node.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) | Value::Null => Some(node.raw(self.text).into()),
            Value::Seq(_) | Value::Map(_) => None,
        });
        self.deliver(node, size, key_text.flatten());
    }

    fn open(&mut self, kind: FrameKind, anchor: usize, tag: Option<Cow<'_, Tag>>, span: Span) {
        let start = self.start(span, anchor, tag.as_deref());
        if self.stack.len() >= self.max_depth {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                let rest = self.text.get(start.content_start..).unwrap_or("");
                let first = rest.chars().next().map_or(0, char::len_utf8);
                let end = (span.end as usize).max(start.content_start + first);
                self.errors.push(messages::too_deep(Span::new(start.content_start, end)));
            }
            self.skipping = Some((1, start.content_start));
            return;
        }
        // A flow collection's start event covers its bracket; a block one's is empty, even when
        // it sits on the bracket of a first item written in flow style (`- {Key: Value}`).
        let flow = !span.is_empty() && matches!(self.text.as_bytes().get(start.content_start), Some(b'[' | b'{'));
        self.stack.push(Frame {
            kind,
            start: start.content_start,
            end: if flow { span.end as usize } else { start.content_start },
            flow,
            anchor,
            tag: start.tag,
            size: 1,
        });
    }

    fn close(&mut self, span: Span) {
        let Some(frame) = self.stack.pop() else { return };
        // saphyr's span for a closing bracket runs on over the spaces after it.
        let closing_bracket = matches!(self.text.as_bytes().get(span.start as usize), Some(b']' | b'}'));
        let end = match (frame.flow, closing_bracket) {
            (true, true) => span.start as usize + 1,
            (true, false) => span.end as usize,
            (false, _) => frame.end,
        };
        self.close_frame(frame, end);
    }

    fn close_frame(&mut self, frame: Frame, end: usize) {
        let span = Span::new(frame.start, end);
        let value = match frame.kind {
            FrameKind::Seq(items) => Value::Seq(items),
            FrameKind::Map(map, _) => Value::Map(map.finish()),
        };
        if let Some((TagMeaning::Core(core), _)) = frame.tag {
            let fits = matches!((core, &value), (CoreTag::Map, Value::Map(_)) | (CoreTag::Seq, Value::Seq(_)));
            if !fits {
                self.invalid(span, format!("`{}` cannot tag {}", core.name(), value.kind_name_with_article()));
            }
        }
        self.finish(Node::new(span, value), frame.size, frame.anchor, frame.tag, None);
    }

    /// Events inside a collection nested too deeply: only their nesting is followed, and the
    /// collection is replaced by a null when it closes.
    fn skip(&mut self, event: &Event<'_>, depth: usize, start: usize, span: Span) {
        let depth = match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth + 1,
            Event::SequenceEnd | Event::MappingEnd => depth - 1,
            _ => depth,
        };
        if depth == 0 {
            self.skipping = None;
            self.deliver(Node::new(Span::new(start, span.end as usize), Value::Null), 1, None);
        } else {
            self.skipping = Some((depth, start));
        }
    }

    /// Applies the tag (short forms become their long form), records the anchor, and hands the
    /// node to its parent.
    fn finish(
        &mut self,
        node: Node,
        size: usize,
        anchor: usize,
        tag: Option<(TagMeaning, Span)>,
        key_text: Option<CompactString>,
    ) {
        let (node, size) = match tag {
            Some((TagMeaning::ShortForm(function), tag_span)) => {
                (short_form::to_long_form(function, tag_span, node), size + 1)
            }
            _ => (node, size),
        };
        if anchor != 0 {
            self.used_anchors = true;
            self.anchors.insert(anchor, Anchored { node: node.clone(), size });
        }
        self.deliver(node, size, key_text);
    }

    fn deliver(&mut self, node: Node, size: usize, key_text: Option<CompactString>) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        frame.size += size;
        frame.end = frame.end.max(node.span.end as usize);
        match &mut frame.kind {
            FrameKind::Seq(items) => items.push(node),
            FrameKind::Map(map, pending) => match std::mem::replace(pending, Pending::Key) {
                Pending::Key => match key_text {
                    Some(key) => match map.existing_key(&key) {
                        Some(first) => {
                            *pending = Pending::DiscardedValue;
                            self.errors.push(duplicate_key(&key, node.span, first));
                        }
                        None => *pending = Pending::Value { key, key_span: node.span },
                    },
                    None => {
                        *pending = Pending::DiscardedValue;
                        let message = match node.short_form {
                            Some(_) => {
                                "a mapping key cannot be a function such as `!Ref`; this entry is ignored".to_owned()
                            }
                            None => format!(
                                "a mapping key must be a single value such as a string, not {}; this entry is ignored",
                                node.value.kind_name_with_article()
                            ),
                        };
                        self.errors.push(SyntaxError::new(SyntaxErrorKind::InvalidSyntax, node.span, message));
                    }
                },
                Pending::Value { key, key_span } => map.push(Entry { key, key_span, value: node }),
                Pending::DiscardedValue => {}
            },
        }
    }

    /// Whether the next node completed is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame { kind: FrameKind::Map(_, Pending::Key), .. }))
    }

    /// Reads the anchor and tag that open a node at `span`, reporting a tag CloudFormation does not know.
    fn start(&mut self, span: Span, anchor: usize, tag: Option<&Tag>) -> Start {
        if anchor == 0 && tag.is_none() {
            return Start { content_start: span.start as usize, tag: None, has_properties: false };
        }
        let found = source::properties(self.text, span.start as usize, span.end as usize);
        let tag = tag.and_then(|tag| {
            let tag_span = found.tag_span.unwrap_or(Span::empty(span.start as usize));
            match short_form::meaning(tag) {
                TagMeaning::Unknown => {
                    let written = match self.text.get(tag_span.range()) {
                        Some(written) if !written.is_empty() => written.to_owned(),
                        _ => tag.to_string(),
                    };
                    self.errors.push(SyntaxError::new(
                        SyntaxErrorKind::UnknownTag,
                        tag_span,
                        short_form::unknown_tag_message(&written),
                    ));
                    None
                }
                meaning => Some((meaning, tag_span)),
            }
        });
        Start { content_start: found.content_start, tag, has_properties: true }
    }

    fn invalid(&mut self, span: Span, message: String) {
        self.errors.push(SyntaxError::new(SyntaxErrorKind::InvalidSyntax, span, message));
    }

    /// After a syntax error: the collections still open, closed where reading stopped, when that
    /// leaves a mapping with at least one entry at the top.
    fn partial_tree(mut self, stop: Stop) -> Outcome {
        self.skipping = None;
        while let Some(frame) = self.stack.pop() {
            let end = frame.end;
            self.close_frame(frame, end);
        }
        let root = self.root.take().filter(|root| root.as_map().is_some_and(|map| !map.is_empty()));
        Outcome { root, errors: self.errors, stopped: Some(stop), used_anchors: self.used_anchors }
    }
}
