//! Flow collections (`[...]`, `{...}`) whose later lines are indented no deeper than their key.
//!
//! YAML 1.2, and saphyr with it, requires every line of a flow collection inside a block to be
//! indented more than the block; YAML 1.1 readers, CloudFormation's among them, do not care, and
//! real templates rely on that (a JSON policy pasted under `PolicyDocument:`, a closing `]` under
//! its key). Inside a flow collection a line break is only a separator, so such a collection can
//! be read as if it were written on one line: its line breaks become spaces, its comments blanks.
//! Every replacement is one ASCII byte for one byte, so byte offsets do not move.

use super::source;

/// The text with the flow collection opening at byte `start` put on one line, or `None` when
/// there is nothing that can safely be changed.
pub(super) fn on_one_line(text: &str, start: usize) -> Option<String> {
    let blanks = separators(text.as_bytes(), start)?;
    if blanks.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for range in blanks {
        bytes[range].fill(b' ');
    }
    // Only whole characters were replaced, each by ASCII spaces.
    String::from_utf8(bytes).ok()
}

/// Ranges inside the flow collection at `start` that may become spaces: line breaks between
/// values, and comments. Line breaks inside quoted scalars stay, and so do those that may
/// continue a multi-line plain scalar, since turning them into spaces would change its value.
/// `None` when the collection is not closed.
fn separators(bytes: &[u8], start: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let mut blanks = Vec::new();
    let mut depth = 0usize;
    // Whether a node may start here, so that a quote opens a quoted scalar.
    let mut node_may_start = true;
    let mut in_plain = false;
    let mut at = start;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            // Plain scalars in flow collections cannot contain these, so they always nest.
            b'[' | b'{' => {
                depth += 1;
                in_plain = false;
                node_may_start = true;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                in_plain = false;
                node_may_start = false;
                if depth == 0 {
                    return Some(blanks);
                }
            }
            b',' => {
                in_plain = false;
                node_may_start = true;
            }
            b':' if is_separator(bytes.get(at + 1)) || !in_plain => {
                in_plain = false;
                node_may_start = true;
            }
            b' ' | b'\t' => {}
            b'\r' | b'\n' => {
                let line_break =
                    if byte == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at..at + 2 } else { at..at + 1 };
                if !in_plain || ends_plain_scalar(bytes, line_break.end) {
                    blanks.push(line_break.clone());
                    in_plain = false;
                }
                at = line_break.end;
                continue;
            }
            b'#' if at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\r' | b'\n') => {
                let end = bytes[at..].iter().position(|&b| b == b'\r' || b == b'\n').map_or(bytes.len(), |i| at + i);
                blanks.push(at..end);
                at = end;
                continue;
            }
            b'"' | b'\'' if node_may_start => {
                at = source::quoted_end(bytes, at)?;
                node_may_start = false;
                continue;
            }
            b'!' | b'&' | b'*' if node_may_start => {
                let end = bytes[at..]
                    .iter()
                    .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'))
                    .map_or(bytes.len(), |i| at + i);
                node_may_start = byte != b'*';
                at = end;
                continue;
            }
            _ => {
                in_plain = true;
                node_may_start = false;
            }
        }
        at += 1;
    }
    None
}

fn is_separator(byte: Option<&u8>) -> bool {
    matches!(byte, None | Some(b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'))
}

/// Whether the line starting at `at` begins with something that ends a plain scalar, so the line
/// break before it does not continue the scalar.
fn ends_plain_scalar(bytes: &[u8], at: usize) -> bool {
    let next = bytes[at..].iter().find(|b| !matches!(b, b' ' | b'\t'));
    matches!(next, Some(b',' | b']' | b'}' | b'#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_and_comments_become_spaces() {
        let text = "Action: [ # why\n  \"a\",\n  'b''s',\n]\nNext: x\n";
        let fixed = on_one_line(text, 8).unwrap();
        assert_eq!(fixed, "Action: [         \"a\",   'b''s', ]\nNext: x\n");
        assert_eq!(fixed.len(), text.len());
    }

    #[test]
    fn quoted_and_plain_scalars_keep_their_line_breaks() {
        let text = "{a: \"x\n  y\", b: one\n  two\n  , c: d}";
        let fixed = on_one_line(text, 0).unwrap();
        assert_eq!(fixed, "{a: \"x\n  y\", b: one\n  two   , c: d}");
    }

    #[test]
    fn brackets_in_quotes_do_not_nest() {
        let text = "[arn:aws:s3:::b/*, \"]\", 'it''s ]',\n x]";
        assert_eq!(on_one_line(text, 0).unwrap(), "[arn:aws:s3:::b/*, \"]\", 'it''s ]',  x]");
    }

    #[test]
    fn unclosed_collections_are_left_alone() {
        assert_eq!(on_one_line("[a,\n b", 0), None);
        assert_eq!(on_one_line("[a, b]", 0), None);
    }
}
