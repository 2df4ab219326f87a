//! Byte ranges into a document and their conversion to lines and columns.

use std::ops::Range;

/// A half-open byte range `[start, end)` into the source text of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: start as u32, end: end.max(start) as u32 }
    }

    pub fn empty(at: usize) -> Self {
        Span::new(at, at)
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same length of text, `by` bytes further on (or back, when negative).
    pub fn moved(self, by: i64) -> Span {
        let at = |offset: u32| (i64::from(offset) + by) as u32;
        Span { start: at(self.start), end: at(self.end) }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A position for people: line and column both 1-based, the column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

/// Line starts of one document, computed once, so that every span converts in `O(log lines)`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// Whether the text is all ASCII, in which case bytes, characters and UTF-16 units coincide.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { line_starts, ascii: text.is_ascii() }
    }

    /// Where each line starts, the first at 0.
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts; the end of the text past the last line.
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.line_starts.get(line).map_or(text.len(), |&s| s as usize)
    }

    /// Byte range of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize, text: &str) -> Range<usize> {
        let start = self.line_start(line, text);
        let mut end = self.line_start(line + 1, text);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and character column of byte `offset`.
    pub fn line_column(&self, offset: usize, text: &str) -> LineColumn {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let column = if self.ascii { offset - start } else { text[start..offset].chars().count() };
        LineColumn { line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// 0-based line and UTF-16 column of byte `offset`, as the Language Server Protocol counts.
    pub fn utf16_position(&self, offset: usize, text: &str) -> (u32, u32) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let column = if self.ascii { offset - start } else { text[start..offset].encode_utf16().count() };
        (line as u32, column as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column; positions past the end of a line clamp to it.
    pub fn offset_of_utf16(&self, line: u32, column: u32, text: &str) -> usize {
        let range = self.line_range(line as usize, text);
        if self.ascii {
            return (range.start + column as usize).min(range.end);
        }
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            if units >= column as usize {
                return range.start + i;
            }
            units += c.len_utf16();
        }
        range.end
    }
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a: é\nbé: x\n";
        let index = LineIndex::new(text);
        let x = text.rfind('x').unwrap();
        assert_eq!(index.line_column(x, text), LineColumn { line: 2, column: 5 });
        assert_eq!(index.utf16_position(x, text), (1, 4));
        assert_eq!(index.offset_of_utf16(1, 4, text), x);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(99, text), LineColumn { line: 2, column: 3 });
        assert_eq!(index.offset_of_utf16(0, 40, text), 2);
        assert_eq!(index.line_range(0, "ab\r\ncd"), 0..2);
    }
}
