//! Building a mapping while refusing duplicate keys, for both readers.

use std::collections::HashMap;

use super::{CompactString, Entry, Map, SyntaxError, SyntaxErrorKind};
use crate::span::Span;

/// Up to this many entries a linear search beats hashing every key.
const LINEAR_SEARCH_LIMIT: usize = 16;

#[derive(Default)]
pub(super) struct MapBuilder {
    entries: Vec<Entry>,
    /// Key to entry index, built once the mapping outgrows a linear search.
    index: Option<HashMap<CompactString, usize>>,
}

impl MapBuilder {
    /// The span of the key already in the mapping under `key`.
    pub(super) fn existing_key(&mut self, key: &str) -> Option<Span> {
        if self.entries.len() <= LINEAR_SEARCH_LIMIT {
            return self.entries.iter().find(|e| e.key == key).map(|e| e.key_span);
        }
        let entries = &self.entries;
        let index =
            self.index.get_or_insert_with(|| entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect());
        index.get(key).map(|&i| self.entries[i].key_span)
    }

    /// Adds an entry whose key [`existing_key`](Self::existing_key) did not find.
    pub(super) fn push(&mut self, entry: Entry) {
        if let Some(index) = &mut self.index {
            index.insert(entry.key.clone(), self.entries.len());
        }
        self.entries.push(entry);
    }

    /// Adds the entry, or reports it as a duplicate and drops it.
    pub(super) fn insert(&mut self, entry: Entry, errors: &mut Vec<SyntaxError>) {
        match self.existing_key(&entry.key) {
            Some(first) => errors.push(duplicate_key(&entry.key, entry.key_span, first)),
            None => self.push(entry),
        }
    }

    pub(super) fn finish(self) -> Map {
        Map { entries: self.entries }
    }
}

pub(super) fn duplicate_key(key: &str, span: Span, first: Span) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::DuplicateKey,
        span,
        message: format!("duplicate key `{key}`; only one of the two can take effect, and slint reads the first and ignores this one"),
        related: Some((first, "first defined here".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Node, Value};

    fn entry(key: &str, at: usize) -> Entry {
        Entry { key: key.into(), key_span: Span::new(at, at + 1), value: Node::new(Span::empty(at), Value::Null) }
    }

    #[test]
    fn duplicates_found_in_small_and_large_mappings() {
        let mut errors = Vec::new();
        let mut map = MapBuilder::default();
        for i in 0..40 {
            map.insert(entry(&format!("k{i}"), i), &mut errors);
        }
        map.insert(entry("k3", 100), &mut errors);
        map.insert(entry("k39", 101), &mut errors);
        map.insert(entry("k40", 102), &mut errors);
        map.insert(entry("k40", 103), &mut errors);
        assert_eq!(map.finish().len(), 41);
        let firsts: Vec<_> = errors.iter().map(|e| (e.span.start, e.related.as_ref().unwrap().0.start)).collect();
        assert_eq!(firsts, [(100, 3), (101, 39), (103, 102)]);
    }
}
