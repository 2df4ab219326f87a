//! "Did you mean …?": the name a misspelt one most likely stands for.

/// The candidate closest to `word`, if it is close enough to be what was meant: the same
/// letters in another case, or a few edits for the word's length.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let length = word.chars().count();
    let budget = match length {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length: skip the table for those.
        if candidate == word || candidate.chars().count().abs_diff(length) > budget {
            continue;
        }
        let distance = edit_distance(&lower, &candidate.to_lowercase());
        if distance <= budget && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance counted in characters, with a swap of two neighbours as one edit
/// (optimal string alignment).
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
        let properties = ["Runtime", "Role", "Handler", "MemorySize"];
        assert_eq!(did_you_mean("Runtim", properties), Some("Runtime"));
        assert_eq!(did_you_mean("memorysize", properties), Some("MemorySize"));
        assert_eq!(did_you_mean("Hnadler", properties), Some("Handler"));
        assert_eq!(did_you_mean("Environment", properties), None);
        assert_eq!(did_you_mean("AWS::Lamda::Function", ["AWS::Lambda::Function", "AWS::Lambda::Alias"]), Some("AWS::Lambda::Function"));
        assert_eq!(did_you_mean("Resource", ["Resources", "Outputs"]), Some("Resources"));
        assert_eq!(did_you_mean("Queue", ["Bucket", "Function"]), None);
    }

    #[test]
    fn counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }
}
