//! What is at a byte offset of a read document: the chain of mapping entries and list items from
//! the root down, and whether the offset is on a key or inside a value.

use slint_linter::syntax::{Entry, Node, Value};
use slint_linter::Span;

#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    Entry(&'a Entry),
    Item(usize, &'a Node),
}

impl<'a> Step<'a> {
    pub fn key(&self) -> Option<&'a str> {
        match self {
            Step::Entry(entry) => Some(&entry.key),
            Step::Item(..) => None,
        }
    }

    pub fn node(&self) -> &'a Node {
        match self {
            Step::Entry(entry) => &entry.value,
            Step::Item(_, node) => node,
        }
    }
}

#[derive(Debug)]
pub struct Located<'a> {
    /// From the root down; the last step holds the offset.
    pub steps: Vec<Step<'a>>,
    /// The offset is on the key of the last step (which is then an entry).
    pub on_key: bool,
}

impl<'a> Located<'a> {
    /// The keys of the path, list items skipped: `["Resources", "Fn", "Properties", "Events"]`.
    pub fn keys(&self) -> Vec<&'a str> {
        self.steps.iter().filter_map(Step::key).collect()
    }

    pub fn last(&self) -> Option<&Step<'a>> {
        self.steps.last()
    }

    /// The node the offset is in: the value of the last step (also when on its key).
    pub fn node(&self) -> Option<&'a Node> {
        self.last().map(Step::node)
    }

    /// The entry whose key the offset is on.
    pub fn key_entry(&self) -> Option<&'a Entry> {
        match (self.on_key, self.last()) {
            (true, Some(Step::Entry(entry))) => Some(entry),
            _ => None,
        }
    }

}

fn touches(span: Span, offset: usize) -> bool {
    span.start as usize <= offset && offset <= span.end as usize
}

/// The path to the innermost key or value touching `offset` (the end of a name counts, so a
/// cursor just after a word is on it).
pub fn locate(root: &Node, offset: usize) -> Located<'_> {
    let mut steps = Vec::new();
    let mut node = root;
    loop {
        match &node.value {
            Value::Map(map) => {
                if let Some(entry) = map.entries.iter().find(|e| touches(e.key_span, offset)) {
                    steps.push(Step::Entry(entry));
                    return Located { steps, on_key: true };
                }
                match map.entries.iter().find(|e| touches(e.value.span, offset)) {
                    Some(entry) => {
                        steps.push(Step::Entry(entry));
                        node = &entry.value;
                    }
                    None => break,
                }
            }
            Value::Seq(items) => match items.iter().enumerate().find(|(_, item)| touches(item.span, offset)) {
                Some((i, item)) => {
                    steps.push(Step::Item(i, item));
                    node = item;
                }
                None => break,
            },
            _ => break,
        }
    }
    Located { steps, on_key: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slint_linter::syntax::parse_str;

    #[test]
    fn finds_keys_and_values_at_any_depth() {
        let text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Layers: [a, !Ref B]\n";
        let parsed = parse_str(text);
        let root = parsed.root.as_ref().unwrap();
        let at_type = text.find("Type").unwrap() + 2;
        let located = locate(root, at_type);
        assert!(located.on_key);
        assert_eq!(located.keys(), ["Resources", "Fn", "Type"]);
        let at_value = text.find("Lambda").unwrap();
        let located = locate(root, at_value);
        assert!(!located.on_key);
        assert_eq!(located.node().and_then(Node::as_str), Some("AWS::Lambda::Function"));
        let at_b = text.find("B]").unwrap() + 1;
        let located = locate(root, at_b);
        assert_eq!(located.keys(), ["Resources", "Fn", "Properties", "Layers", "Ref"]);
        assert_eq!(located.node().and_then(Node::as_str), Some("B"));
    }
}
