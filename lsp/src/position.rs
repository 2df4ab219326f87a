//! Converting between byte offsets and protocol positions, in the encoding the client chose.
//!
//! The protocol counts columns in UTF-16 code units unless the client offers `utf-8` during
//! `initialize`; the tree counts bytes. Every conversion goes through here.

use slint_linter::{LineIndex, Span};
use tower_lsp_server::gen_lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), UTF-16 otherwise, as the protocol
    /// requires every client to support it.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The length of `text` in this encoding's units.
    pub fn len(self, text: &str) -> u32 {
        match self {
            Encoding::Utf8 => text.len() as u32,
            Encoding::Utf16 => text.encode_utf16().count() as u32,
        }
    }
}

/// One document's text with its line index, for converting in either direction.
#[derive(Clone, Copy)]
pub struct Lines<'t> {
    pub text: &'t str,
    pub index: &'t LineIndex,
    pub encoding: Encoding,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str, index: &'t LineIndex, encoding: Encoding) -> Self {
        Lines { text, index, encoding }
    }

    pub fn position(&self, offset: usize) -> Position {
        match self.encoding {
            Encoding::Utf16 => {
                let (line, character) = self.index.utf16_position(offset, self.text);
                Position { line, character }
            }
            Encoding::Utf8 => {
                let offset = floor_char_boundary(self.text, offset);
                let line = self.index.line_of(offset);
                let start = self.index.line_start(line, self.text);
                Position { line: line as u32, character: (offset - start) as u32 }
            }
        }
    }

    /// The byte offset of a position; positions past the end of a line or of the text clamp.
    pub fn offset(&self, position: Position) -> usize {
        if position.line as usize >= self.index.line_count() {
            return self.text.len();
        }
        match self.encoding {
            Encoding::Utf16 => self.index.offset_of_utf16(position.line, position.character, self.text),
            Encoding::Utf8 => {
                let range = self.index.line_range(position.line as usize, self.text);
                floor_char_boundary(self.text, (range.start + position.character as usize).min(range.end))
            }
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start as usize), end: self.position(span.end as usize) }
    }

    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        Span::new(start.min(end), end.max(start))
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
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
    fn both_encodings_round_trip_through_non_ascii_text() {
        let text = "a: é😀x\nb: y\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let utf16 = Lines::new(text, &index, Encoding::Utf16);
        assert_eq!(utf16.position(x), Position { line: 0, character: 6 });
        assert_eq!(utf16.offset(Position { line: 0, character: 6 }), x);
        let utf8 = Lines::new(text, &index, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position { line: 0, character: 9 });
        assert_eq!(utf8.offset(Position { line: 0, character: 9 }), x);
    }

    #[test]
    fn positions_outside_the_text_clamp() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        let lines = Lines::new(text, &index, Encoding::Utf8);
        assert_eq!(lines.offset(Position { line: 9, character: 0 }), text.len());
        assert_eq!(lines.offset(Position { line: 0, character: 99 }), 2);
        // A UTF-8 column in the middle of a character lands on its start.
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(Lines::new(text, &index, Encoding::Utf8).offset(Position { line: 0, character: 1 }), 0);
    }
}
