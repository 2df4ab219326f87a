//! "Did you mean …?" for misspelt names.

/// The candidate closest to `word`: an exact match ignoring case first, then the nearest by
/// edit distance (transpositions count once) within a quarter of the word's length.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word) && **c != word) {
        return Some(same);
    }
    let length = word.chars().count();
    let limit = (length / 4).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip the table for those.
        .filter(|c| *c != word && c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, c)| (*distance, c.len()))
        .map(|(_, c)| c)
}

/// A ready-made suffix for messages: ` (did you mean `X`?)`, or nothing.
pub fn suggestion_suffix<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    did_you_mean(word, candidates).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: the swap of neighbours looks two rows back.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(did_you_mean("Resource", ["Resources", "Outputs"]), Some("Resources"));
        assert_eq!(did_you_mean("MyTabel", ["MyTable", "MyQueue"]), Some("MyTable"));
        assert_eq!(did_you_mean("mytable", ["MyTable"]), Some("MyTable"));
        assert_eq!(did_you_mean("Queue", ["Bucket", "Function"]), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }
}
