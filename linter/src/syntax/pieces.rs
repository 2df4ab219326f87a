//! A large YAML template read a resource at a time.
//!
//! A template's `Resources` is almost always a block mapping whose logical IDs start lines of
//! one indentation. Each resource is then read on its own, the resources shared out among the
//! cores, and a resource whose text is the same as in the previous version of the document is
//! copied from that version's tree instead of read again: typing in one resource of a
//! 1,000-resource template reads that one resource.
//!
//! The pieces are the head (the text before the first resource, ending in `Resources:`), one
//! piece per resource, and the tail (the top-level sections after the resources). Whenever the
//! pieces might not mean what they mean in the whole document (a piece that does not read
//! cleanly, an anchor or alias, a logical ID written twice, a directive, a second document) the
//! whole document is read the usual way instead, so the tree is always the one that reading
//! gives.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::yaml::parse_piece;
use super::{Entry, Format, Map, Node, Parsed, Value};
use crate::span::{LineIndex, Span};

/// Fewer resources than this to read are read one after another: handing them out would cost
/// more than it saves.
const SHARED_OUT_FROM: usize = 32;

/// The tree of `text`, read in pieces and reusing the unchanged pieces of `previous`; `None`
/// when the text cannot be read in pieces.
pub(super) fn parse(text: &str, index: &LineIndex, previous: Option<&Parsed>) -> Option<Node> {
    let layout = Layout::of(text, index)?;
    let earlier = previous.and_then(Earlier::of);
    let earlier = earlier.as_ref();

    let (root_start, mut root_entries) = match earlier.filter(|earlier| earlier.layout.head(earlier.text) == layout.head(text)) {
        Some(earlier) => (earlier.root_span.start, earlier.head_entries()),
        None => read_head(layout.head(text))?,
    };
    let tail = layout.tail(text);
    let tail_entries = if is_blank(tail) {
        Vec::new()
    } else {
        match earlier.filter(|earlier| earlier.layout.tail(earlier.text) == tail) {
            Some(earlier) => earlier.tail_entries(layout.end),
            None => read_entries(tail, layout.end, 0)?,
        }
    };

    let resources = read_resources(text, &layout, earlier)?;
    let mut logical_ids = HashSet::with_capacity(resources.len());
    if !resources.iter().all(|entry| logical_ids.insert(entry.key.as_str())) {
        return None;
    }
    let resources_span = Span::new(layout.starts[0] + layout.indent, end_of(&resources));
    let resources_entry = root_entries.last_mut()?;
    resources_entry.value = Node::new(resources_span, Value::Map(Map { entries: resources }));

    let head_keys: HashSet<&str> = root_entries.iter().map(|entry| entry.key.as_str()).collect();
    if tail_entries.iter().any(|entry| head_keys.contains(entry.key.as_str())) {
        return None;
    }
    root_entries.extend(tail_entries);
    let root_span = Span::new(root_start as usize, end_of(&root_entries));
    Some(Node::new(root_span, Value::Map(Map { entries: root_entries })))
}

/// Where the pieces of one text are.
struct Layout {
    /// Where each resource's text starts; the head ends where the first one starts.
    starts: Vec<usize>,
    /// Where the resources end and the tail starts.
    end: usize,
    /// The indentation of the logical IDs.
    indent: usize,
}

impl Layout {
    /// Read off the line starts, looking only at the indentation of most lines: this runs on
    /// every version, and on the previous one, of a document being typed in.
    fn of(text: &str, index: &LineIndex) -> Option<Layout> {
        let line_starts = index.line_starts();
        let line = |number: usize| {
            let start = line_starts[number] as usize;
            let end = line_starts.get(number + 1).map_or(text.len(), |&end| end as usize);
            text[start..end].trim_end_matches(['\n', '\r'])
        };
        let mut number = 0;
        loop {
            if number == line_starts.len() {
                return None;
            }
            let line = line(number);
            number += 1;
            // A directive (`%TAG`) changes how every piece reads.
            if line.starts_with('%') {
                return None;
            }
            if let Some(rest) = line.strip_prefix("Resources:") {
                let rest = rest.trim_end();
                if rest.is_empty() || rest.trim_start().starts_with('#') && rest.starts_with([' ', '\t']) {
                    break;
                }
            }
        }
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        let mut indent = 0;
        let mut end = text.len();
        for number in number..line_starts.len() {
            let start = line_starts[number] as usize;
            // Lines deeper than the logical IDs only continue the resource above them.
            let deepest = if starts.is_empty() { usize::MAX } else { indent + 1 };
            let column = bytes[start..].iter().take(deepest).take_while(|&&byte| byte == b' ').count();
            if column == deepest {
                continue;
            }
            let content = &line(number)[column..];
            if content.trim_end().is_empty() || content.starts_with('#') {
                continue;
            }
            if starts.is_empty() {
                indent = column;
            }
            if column < indent {
                // What follows the resources is the next top-level section, or a mistake that
                // only the whole document can describe.
                if column > 0 {
                    return None;
                }
                end = start;
                break;
            }
            if !starts_plain_key(content) {
                return None;
            }
            starts.push(start);
        }
        // A resource at the top level is not in the `Resources` mapping at all.
        if starts.is_empty() || indent == 0 {
            return None;
        }
        // A second document, or directives for one, after the resources.
        if lines(&text[end..]).any(|(_, line)| line.starts_with("---") || line.starts_with("...") || line.starts_with('%')) {
            return None;
        }
        Some(Layout { starts, end, indent })
    }

    fn head<'t>(&self, text: &'t str) -> &'t str {
        &text[..self.starts[0]]
    }

    fn tail<'t>(&self, text: &'t str) -> &'t str {
        &text[self.end..]
    }

    fn resource(&self, index: usize) -> Range<usize> {
        self.starts[index]..self.starts.get(index + 1).copied().unwrap_or(self.end)
    }
}

/// Each line with where it starts, without its line break.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |start, line| {
        let at = *start;
        *start += line.len();
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// A key written plainly or quoted; anything else at the indentation of the logical IDs (a list
/// item, a tag, a complex key) is read with the whole document.
fn starts_plain_key(content: &str) -> bool {
    content.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '"' || c == '\'')
}

fn is_blank(text: &str) -> bool {
    lines(text).all(|(_, line)| {
        let content = line.trim_start();
        content.is_empty() || content.starts_with('#')
    })
}

/// The head's top-level entries, the last one `Resources` with nothing read into it yet, and
/// where the top-level mapping starts.
fn read_head(head: &str) -> Option<(u32, Vec<Entry>)> {
    let root = parse_piece(head, 0)?;
    let Value::Map(map) = root.value else { return None };
    let resources = map.entries.last()?;
    (resources.key == "Resources" && resources.value.value == Value::Null).then_some((root.span.start, map.entries))
}

/// The entries of the mapping `piece` holds, placed at `offset` in the whole text.
fn read_entries(piece: &str, offset: usize, depth: usize) -> Option<Vec<Entry>> {
    let Value::Map(map) = parse_piece(piece, depth)?.value else { return None };
    let mut entries = map.entries;
    for entry in &mut entries {
        entry.shift(offset as i64);
    }
    Some(entries)
}

/// Every resource's entry, copied from the earlier version where its text is unchanged.
fn read_resources(text: &str, layout: &Layout, earlier: Option<&Earlier>) -> Option<Vec<Entry>> {
    let count = layout.starts.len();
    let sources = match earlier {
        Some(earlier) => earlier.sources(text, layout),
        None => vec![None; count],
    };
    let read = |index: usize| -> Option<Entry> {
        let range = layout.resource(index);
        if let (Some(source), Some(earlier)) = (sources[index], earlier) {
            return Some(earlier.resource(source, range.start));
        }
        let mut entries = read_entries(&text[range.clone()], range.start, 1)?;
        (entries.len() == 1).then(|| entries.pop()).flatten()
    };
    if count >= SHARED_OUT_FROM {
        (0..count).into_par_iter().map(read).collect()
    } else {
        (0..count).map(read).collect()
    }
}

fn end_of(entries: &[Entry]) -> usize {
    entries.iter().map(|entry| entry.key_span.end.max(entry.value.span.end)).max().unwrap_or(0) as usize
}

/// The previous version of the document, when its tree was read cleanly from pieces laid out
/// as in [`Layout`].
struct Earlier<'p> {
    text: &'p str,
    layout: Layout,
    root_span: Span,
    root: &'p [Entry],
    /// Where `Resources` is among the top-level entries.
    resources_at: usize,
    resources: &'p [Entry],
}

impl<'p> Earlier<'p> {
    fn of(parsed: &'p Parsed) -> Option<Earlier<'p>> {
        if parsed.format != Format::Yaml || !parsed.errors.is_empty() {
            return None;
        }
        let text = parsed.text.as_str();
        let layout = Layout::of(text, &parsed.line_index)?;
        let root = parsed.root.as_ref()?;
        let entries = &root.as_map()?.entries;
        let resources_at = entries.iter().position(|entry| entry.key == "Resources")?;
        let resources = &entries[resources_at].value.as_map()?.entries;
        let in_place = resources.len() == layout.starts.len()
            && resources.iter().enumerate().all(|(index, entry)| layout.resource(index).contains(&(entry.key_span.start as usize)))
            && entries[..=resources_at].iter().all(|entry| (entry.key_span.start as usize) < layout.starts[0])
            && entries[resources_at + 1..].iter().all(|entry| entry.key_span.start as usize >= layout.end);
        if !in_place {
            return None;
        }
        Some(Earlier { text, layout, root_span: root.span, root: entries, resources_at, resources })
    }

    fn piece(&self, index: usize) -> &'p str {
        &self.text[self.layout.resource(index)]
    }

    /// For each resource of `text`, the index of this version's resource written the same way.
    /// An edit usually leaves long runs of resources unchanged at both ends, which are matched
    /// in order; only the resources between them are looked up by their text.
    fn sources(&self, text: &str, layout: &Layout) -> Vec<Option<usize>> {
        let (count, earlier_count) = (layout.starts.len(), self.layout.starts.len());
        let same = |index: usize, earlier: usize| text[layout.resource(index)] == *self.piece(earlier);
        let prefix = (0..count.min(earlier_count)).take_while(|&index| same(index, index)).count();
        let suffix = (1..=(count - prefix).min(earlier_count - prefix))
            .take_while(|&back| same(count - back, earlier_count - back))
            .count();
        let by_text: HashMap<&str, usize> =
            (prefix..earlier_count - suffix).map(|earlier| (self.piece(earlier), earlier)).collect();
        (0..count)
            .map(|index| match index {
                _ if index < prefix => Some(index),
                _ if index >= count - suffix => Some(earlier_count - (count - index)),
                _ => by_text.get(&text[layout.resource(index)]).copied(),
            })
            .collect()
    }

    /// This version's resource at `index`, placed at `offset`.
    fn resource(&self, index: usize, offset: usize) -> Entry {
        let mut entry = self.resources[index].clone();
        entry.shift(offset as i64 - self.layout.starts[index] as i64);
        entry
    }

    /// The head's entries, `Resources` last and empty.
    fn head_entries(&self) -> Vec<Entry> {
        let mut entries = self.root[..self.resources_at].to_vec();
        let resources = &self.root[self.resources_at];
        entries.push(Entry { key: resources.key.clone(), key_span: resources.key_span, value: Node::new(resources.value.span, Value::Null) });
        entries
    }

    /// The tail's entries, placed where the tail now starts.
    fn tail_entries(&self, tail_start: usize) -> Vec<Entry> {
        let by = tail_start as i64 - self.layout.end as i64;
        self.root[self.resources_at + 1..]
            .iter()
            .map(|entry| {
                let mut entry = entry.clone();
                entry.shift(by);
                entry
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
