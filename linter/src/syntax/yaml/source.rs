//! Finding things in the YAML source that saphyr's events do not point at: tag spans, where a
//! value starts after its anchor and tag, block scalar indicators, the tab behind a tab error.

use crate::span::Span;

/// What precedes a node's content: its tag (where it has one) and where the content starts.
pub(super) struct Properties {
    pub(super) tag_span: Option<Span>,
    pub(super) content_start: usize,
}

/// Reads the anchor and tag at `start` (saphyr starts a node's span at its first property) up to
/// the content, which starts no later than `limit`.
pub(super) fn properties(text: &str, start: usize, limit: usize) -> Properties {
    let bytes = text.as_bytes();
    let mut tag_span = None;
    let mut at = start;
    loop {
        at = skip_blank_and_comments(bytes, at, limit);
        match bytes.get(at) {
            Some(b'&') if at < limit => at = property_end(bytes, at),
            Some(b'!') if at < limit => {
                let end = property_end(bytes, at);
                tag_span = Some(Span::new(at, end));
                at = end;
            }
            _ => break,
        }
    }
    Properties { tag_span, content_start: at.min(limit) }
}

/// Where the `|` or `>` that opens a block scalar is, searching `[from, to)` past the key's colon,
/// the sequence dash, properties and comments.
pub(super) fn block_scalar_indicator(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < to.min(bytes.len()) {
        match bytes[at] {
            b'|' | b'>' => return Some(at),
            b'#' => at = line_end(bytes, at),
            b'&' | b'!' => at = property_end(bytes, at),
            _ => at += 1,
        }
    }
    None
}

/// `end` moved back over trailing blank lines and spaces, never before `start`.
pub(super) fn trim_trailing_blanks(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = end.min(bytes.len());
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
        end -= 1;
    }
    end
}

/// Where a scalar's characters start in the source, when the text there is exactly `value`
/// (plain, or quoted without escapes or line folding).
pub(super) fn verbatim_content_start(text: &str, span: Span, value: &str) -> Option<usize> {
    let raw = text.get(span.range())?;
    if raw == value {
        return Some(span.start as usize);
    }
    let quoted =
        raw.len() >= 2 && (raw.starts_with('\'') && raw.ends_with('\'') || raw.starts_with('"') && raw.ends_with('"'));
    (quoted && &raw[1..raw.len() - 1] == value).then_some(span.start as usize + 1)
}

/// A tab used for indentation on the line of `at` or one of the lines after it, which is what
/// saphyr's tab errors are about even when its marker sits elsewhere.
pub(super) fn indentation_tab(text: &str, at: usize) -> Option<usize> {
    const LINES_TO_SEARCH: usize = 50;
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let mut line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    for _ in 0..LINES_TO_SEARCH {
        let indentation = bytes[line_start..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        if let Some(tab) = bytes[line_start..line_start + indentation].iter().position(|&b| b == b'\t') {
            return Some(line_start + tab);
        }
        match bytes[line_start..].iter().position(|&b| b == b'\n') {
            Some(newline) => line_start += newline + 1,
            None => break,
        }
    }
    None
}

/// The byte after the quoted scalar opening at `at`; `None` when it is never closed.
pub(super) fn quoted_end(bytes: &[u8], at: usize) -> Option<usize> {
    let quote = *bytes.get(at).filter(|&&b| b == b'"' || b == b'\'')?;
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn skip_blank_and_comments(bytes: &[u8], mut at: usize, limit: usize) -> usize {
    while at < limit {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => at += 1,
            Some(b'#') => at = line_end(bytes, at),
            _ => break,
        }
    }
    at
}

fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| at + i)
}

/// The text with the tabs in the run of blanks that ends at `at` turned into spaces; `None`
/// when there are none.
pub(super) fn tabs_to_spaces_before(text: &str, at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let start = bytes[..at].iter().rposition(|&b| b != b' ' && b != b'\t').map_or(0, |i| i + 1);
    if !bytes[start..at].contains(&b'\t') {
        return None;
    }
    let mut fixed = bytes.to_vec();
    fixed[start..at].iter_mut().filter(|b| **b == b'\t').for_each(|b| *b = b' ');
    String::from_utf8(fixed).ok()
}

/// The end of an anchor (`&name`) or tag (`!Name`, `!!str`, `!<verbatim>`) starting at `at`.
fn property_end(bytes: &[u8], at: usize) -> usize {
    if bytes[at..].starts_with(b"!<") {
        if let Some(close) = bytes[at..].iter().position(|&b| b == b'>') {
            return at + close + 1;
        }
    }
    let length = bytes[at..]
        .iter()
        .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'))
        .unwrap_or(bytes.len() - at);
    at + length
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_skip_anchor_and_comments() {
        let text = "a: &x !If  # why\n  - C";
        let found = properties(text, 3, text.len());
        assert_eq!(found.tag_span, Some(Span::new(6, 9)));
        assert_eq!(&text[found.content_start..], "- C");
    }

    #[test]
    fn empty_tagged_value_stays_at_the_limit() {
        let text = "a: !Ref\nb: c";
        let found = properties(text, 3, 7);
        assert_eq!(found.tag_span, Some(Span::new(3, 7)));
        assert_eq!(found.content_start, 7);
    }

    #[test]
    fn block_indicator_after_comment_with_pipe() {
        let text = "- # a | b\n  >-\n  text";
        assert_eq!(block_scalar_indicator(text, 1, 17), Some(12));
    }

    #[test]
    fn verbatim_content() {
        assert_eq!(verbatim_content_start("x: 'A.B'", Span::new(3, 8), "A.B"), Some(4));
        assert_eq!(verbatim_content_start("x: A.B", Span::new(3, 6), "A.B"), Some(3));
        assert_eq!(verbatim_content_start("x: \"A\\x2EB\"", Span::new(3, 11), "A.B"), None);
    }

    #[test]
    fn tabs_before_a_value() {
        assert_eq!(tabs_to_spaces_before("A:\t \tvalue", 5).as_deref(), Some("A:   value"));
        assert_eq!(tabs_to_spaces_before("A: value", 3), None);
    }

    #[test]
    fn tab_in_a_later_line() {
        let text = "a: x\n  \tb: 1\n";
        assert_eq!(indentation_tab(text, 3), Some(7));
        assert_eq!(indentation_tab("a: b\n", 2), None);
    }
}
