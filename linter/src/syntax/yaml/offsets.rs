//! saphyr reports positions as character indices; the tree needs byte offsets.

/// How many characters apart the remembered byte offsets are: a lookup walks at most this many.
const STRIDE: usize = 64;

/// Converts character indices of one text to byte offsets in `O(1)` each after an `O(n)` setup.
pub(super) struct CharOffsets<'t> {
    text: &'t str,
    /// Byte offset of every `STRIDE`-th character; `None` for ASCII text, where the two coincide.
    checkpoints: Option<Vec<u32>>,
}

impl<'t> CharOffsets<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let checkpoints =
            (!text.is_ascii()).then(|| text.char_indices().step_by(STRIDE).map(|(byte, _)| byte as u32).collect());
        CharOffsets { text, checkpoints }
    }

    /// The byte offset of character `index`; the end of the text for indices past it.
    pub(super) fn byte(&self, index: usize) -> usize {
        let Some(checkpoints) = &self.checkpoints else {
            return index.min(self.text.len());
        };
        let Some(&base) = checkpoints.get(index / STRIDE) else {
            return self.text.len();
        };
        let base = base as usize;
        self.text[base..].char_indices().nth(index % STRIDE).map_or(self.text.len(), |(offset, _)| base + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_indices_are_bytes() {
        let offsets = CharOffsets::new("abc");
        assert_eq!(offsets.byte(2), 2);
        assert_eq!(offsets.byte(9), 3);
    }

    #[test]
    fn multi_byte_characters_move_later_offsets() {
        let text = "é".repeat(200) + "x";
        let offsets = CharOffsets::new(&text);
        for index in 0..=200 {
            assert_eq!(offsets.byte(index), index * 2);
        }
        assert_eq!(offsets.byte(201), 401);
        assert_eq!(offsets.byte(5000), 401);
    }
}
