//! What the workspace's test suites share: the corpus of real templates, and random edits of
//! them that reproduce. Not part of the library's interface.

use std::path::PathBuf;

/// The shared corpus: `SLINT_CORPUS`, else `shared/corpus` beside the repository.
pub fn corpus_root() -> PathBuf {
    std::env::var_os("SLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"))
}

/// The text of every corpus file with one of `extensions`, in path order; none when the corpus
/// is absent.
pub fn corpus_texts(extensions: &[&str]) -> Vec<String> {
    let mut paths = Vec::new();
    let mut folders = vec![corpus_root()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths.iter().filter_map(|path| std::fs::read_to_string(path).ok()).collect()
}

/// A small deterministic generator, so a failure reproduces.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    /// `text` with one line deleted, copied elsewhere, swapped with another, or typed into (one
    /// of `typed` inserted at a random place); `None` for an empty text.
    pub fn edit_a_line(&mut self, text: &str, typed: &[&str]) -> Option<String> {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        if lines.is_empty() {
            return None;
        }
        let line = self.below(lines.len());
        let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        match self.below(4) {
            0 => {
                edited.remove(line);
            }
            1 => edited.insert(line, lines[self.below(lines.len())].to_owned()),
            2 => {
                let at = edited[line].char_indices().map(|(i, _)| i).nth(self.below(edited[line].len())).unwrap_or(0);
                edited[line].insert_str(at, typed[self.below(typed.len())]);
            }
            _ => edited.swap(line, self.below(lines.len())),
        }
        Some(edited.concat())
    }
}
